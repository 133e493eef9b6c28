"""The overview's cards: where each goal stands, what each channel has planned
this month against its cadence, what the audit asks, when the plan is next
reviewed. The numbers come from model/ (pace, cadence, audit_actions,
review_status); this module words them in the site's language for
overview.md.j2, which lays the cards out as HTML."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.audit_actions import action_counts, audit_actions
from generator.model.cadence import PostCount, month_post_count
from generator.model.review_status import ReviewStatus, review_status
from generator.pages.goal_chart import sparkline, unit_text
from generator.pages.site_map import SiteAddresses

NO_BREAK_SPACE = "\u00a0"


@dataclass(frozen=True)
class GoalCard:
    goal: m.Goal
    standing: str  # "130 of 200 followers", in the metric's unit
    share: int | None  # percent of the way from baseline to target
    share_text: str  # "65 %", with a space that does not break
    sparkline: Markup
    address: str  # from the site's root


@dataclass(frozen=True)
class ChannelCard:
    channel: m.Channel
    month: PostCount
    month_text: str  # "5 of 13 posts the cadence asks in March 2027"
    address: str


def percent_text(share: float) -> str:
    """A share (0 to 1) as a whole percentage that never wraps before its sign."""
    return f"{round(share * 100)}{NO_BREAK_SPACE}%"


def goal_cards(plan: m.Plan, t: Translator, addresses: SiteAddresses) -> list[GoalCard]:
    return [
        GoalCard(
            goal=goal,
            standing=goal_standing(goal, t),
            share=None if goal.reached is None else round(goal.reached * 100),
            share_text="" if goal.reached is None else percent_text(goal.reached),
            sparkline=sparkline(goal, plan, t),
            address=addresses.address(f"goals/{goal.id}.md"),
        )
        for goal in plan.goals
    ]


def goal_standing(goal: m.Goal, t: Translator) -> str:
    """The latest value against the target, in the metric's unit."""
    metric, latest = goal.metric, goal.latest
    if metric is None:
        return t("goal_card_no_metric")
    target = None if metric.target is None else unit_text(t, metric.target, metric)
    if latest is None:
        return t("goal_card_no_measure", target=target) if target else t("goal_card_no_metric")
    value = unit_text(t, latest.value, metric)
    if target is None:
        return value
    return t("goal_card_standing", value=t.number(latest.value), target=target)


def channel_cards(
    plan: m.Plan,
    days_by_channel: Mapping[str, Sequence[date]],
    today: date,
    t: Translator,
    addresses: SiteAddresses,
) -> list[ChannelCard]:
    month = t.date(today, "LLLL yyyy")
    cards = []
    for channel in plan.channels:
        count = month_post_count(channel, days_by_channel, today)
        planned = count.planned_posts
        text = (
            t("channel_card_month_no_cadence", count=count.posts, month=month)
            if planned is None
            else t("channel_card_month", count=count.posts, planned=planned, month=month)
        )
        address = addresses.address(f"channels/{channel.id}.md")
        cards.append(ChannelCard(channel, count, text, address))
    return cards


@dataclass(frozen=True)
class OpenActions:
    """How many actions of each kind the audit's to-do list holds (kinds with none
    left out), in its order."""

    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


@dataclass(frozen=True)
class TeamCards:
    """What the team must do: the audit's open actions and the next review."""

    actions: OpenActions
    review: ReviewStatus | None
    audit_address: str

    def review_badge(self, t: Translator) -> str:
        """Due, overdue, or in how many days."""
        assert self.review is not None
        if self.review.state == "later":
            return t("review_in_days", count=self.review.days_left)
        return t("review_" + self.review.state)


def team_cards(plan: m.Plan, today: date, addresses: SiteAddresses) -> TeamCards:
    counts = action_counts(audit_actions(plan))  # the audit page's own to-do list
    return TeamCards(
        OpenActions(tuple(counts.items())),
        review_status(plan.review, today),
        addresses.address("audit.md", "audit-actions"),
    )
