"""The plan's data as the pages show it: upcoming posts, months of the calendar,
what serves a goal, the health page's findings. Computed once per render; the
templates word it and lay it out (`views` in them)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date
from functools import cached_property
from itertools import islice

from markupsafe import Markup

from generator.diagnostics import Diagnostic
from generator.i18n import Translator
from generator.model import entities as m
from generator.model.audit_actions import (
    AuditAction,
    action_counts,
    actions_by_owner,
    audit_actions,
    profile_asked,
    profile_gaps,
)
from generator.model.cadence import counted_days_by_channel, weekly_post_counts
from generator.model.channel_colours import channel_colours
from generator.model.content_mix import MixTable, mix_targets
from generator.model.occurrences import Occurrence, first_calendar_day
from generator.model.pace import on_pace
from generator.model.serving import GoalServing
from generator.pages.board_html import BoardMarkup
from generator.pages.cadence_chart import cadence_chart
from generator.pages.calendar_board import Column, board_from_plan
from generator.pages.calendar_months import first_weekday
from generator.pages.campaign_timeline import campaign_timeline
from generator.pages.coming_posts import ComingList, coming_lists
from generator.pages.competitor_chart import competitor_chart
from generator.pages.goal_chart import progress_chart
from generator.pages.goal_source_text import goal_source_text
from generator.pages.mix_chart import mix_chart, share_text
from generator.pages.mood_board import campaigns_with_visuals, mood_board
from generator.pages.network_names import network_name
from generator.pages.overview_cards import (
    ChannelCard,
    GoalCard,
    TeamCards,
    channel_cards,
    goal_cards,
    team_cards,
)
from generator.pages.page_context import PageContext
from generator.pages.results_page import ResultsPage

UPCOMING = 10
STEPS = range(1, 7)  # the six steps of a plan, which the health page follows


class PageData:
    """What the templates ask of the plan beyond its own fields."""

    def __init__(self, context: PageContext, t: Translator) -> None:
        self.plan = context.plan
        self.today = context.today
        self.occurrences = context.occurrences
        self.mix_tables = context.mix
        self._findings = context.findings
        self._addresses = context.addresses
        self.t = t

    # -- posts -----------------------------------------------------------------

    @cached_property
    def coming(self) -> tuple[ComingList, ComingList]:
        """This week's posts and the next 30 days', from the plan's today (calendar.js
        lists them again from the reader's)."""
        return coming_lists(self.occurrences, self.today, self.first_weekday)

    @cached_property
    def first_weekday(self) -> int:
        return first_weekday(self.t.language)

    def upcoming(self, keep: Callable[[m.Post], bool] = lambda post: True) -> list[Occurrence]:
        """The next posts from the plan's 'today' on that pass `keep`."""
        found: list[Occurrence] = []
        # Occurrences are in date order: start at today, stop at the tenth.
        for occurrence in islice(self.occurrences, self._first_upcoming, None):
            if not occurrence.post.hidden and keep(occurrence.post):
                found.append(occurrence)
                if len(found) == UPCOMING:
                    break
        return found

    @cached_property
    def _first_upcoming(self) -> int:
        return bisect_left(self.occurrences, self.today, key=lambda o: o.day)

    def for_goal(self, goal: m.Goal) -> list[Occurrence]:
        return self.upcoming(lambda post: self._serving.serves(post, goal))

    # -- board and campaigns ---------------------------------------------------

    @cached_property
    def board_columns(self) -> list[Column]:
        return board_from_plan(self.plan.posts, self.plan.backlog, self.today)

    @property
    def board_card_count(self) -> int:
        """The cards the board shows: like a table's rows, what the search indexes or not."""
        return sum(len(column.cards) for column in self.board_columns)

    def board(self, root: str) -> Markup:
        """The board's columns, each with the posts nearest the plan's today."""
        return self._board_markup(root).board(self.board_columns)

    def backlog(self, root: str) -> Markup:
        """The table of the ideas that wait for a date."""
        return self._board_markup(root).backlog(self.plan.backlog)

    def _board_markup(self, root: str) -> BoardMarkup:
        short_names = {key: c.short_name for key, c in channel_colours(self.plan.channels).items()}
        month = self.calendar_month
        return BoardMarkup(self.plan, self.t, short_names, root, month, self._addresses)

    @property
    def calendar_month(self) -> str:
        """The month page (YYYY-MM) a reader starts from: today's when the calendar
        has it, else the first."""
        first = first_calendar_day(self.plan).replace(day=1)
        start = self.today if first <= self.today <= self.plan.period.end else first
        return f"{start:%Y-%m}"

    def mood_board(self, campaign: m.Campaign, root: str) -> Markup:
        return mood_board(self.plan, campaign.id, root, self._addresses)

    def campaigns_with_visuals(self) -> list[m.Campaign]:
        return campaigns_with_visuals(self.plan)

    def campaign_timeline(self) -> Markup:
        """Every campaign over the plan period, as an SVG; nothing without campaigns."""
        return campaign_timeline(self.plan.campaigns, self.plan.period, self.today, self.t)

    # -- goals -----------------------------------------------------------------

    def campaigns_of(self, goal: m.Goal) -> tuple[str, ...]:
        return self._serving.campaigns(goal)

    def channels_of(self, goal: m.Goal) -> tuple[str, ...]:
        return self._serving.channels(goal)

    @cached_property
    def _serving(self) -> GoalServing:
        return GoalServing(self.plan)

    def pace(self, goal: m.Goal) -> bool | None:
        return on_pace(goal, self.plan)

    def progress_chart(self, goal: m.Goal) -> Markup:
        """The goal's measurements against the line from baseline to target, if it has both."""
        return progress_chart(goal, self.plan, self.t)

    def goal_source_text(self, goal: m.Goal) -> str:
        """Where the goal's computed values come from, in words; "" without a source."""
        return goal_source_text(goal, self.plan, self.t)

    # -- the overview's cards and the channels' cadence ------------------------

    def goal_cards(self) -> list[GoalCard]:
        return goal_cards(self.plan, self.t, self._addresses)

    def channel_cards(self) -> list[ChannelCard]:
        return channel_cards(self.plan, self._counted_days, self.today, self.t, self._addresses)

    def team_cards(self) -> TeamCards:
        return team_cards(self.plan, self.today, self._addresses)

    def cadence_chart(self, channel: m.Channel) -> Markup:
        weeks = weekly_post_counts(channel, self._counted_days, self.plan.period)
        return cadence_chart(channel, weeks, self.t)

    @cached_property
    def _counted_days(self) -> dict[str, list[date]]:
        return counted_days_by_channel(self.occurrences)

    # -- the plan's other parts --------------------------------------------------

    def channels_on(self, network: str) -> list[str]:
        return [c.id for c in self.plan.channels if c.network == network]

    def networks_channels(self, persona: m.Persona) -> list[str]:
        """The plan's channels on the networks where the persona is."""
        return [c.id for c in self.plan.channels if c.network in persona.networks]

    def external_links(self) -> list[str]:
        """Every address the plan points to outside the site, for people to check by hand:
        the build never fetches them (it must work offline and stay deterministic)."""
        plan = self.plan
        urls = [a.url for a in plan.accounts] + [a.profile.link for a in plan.accounts]
        urls += [c.url for c in plan.competitors]
        urls += [a.url for c in plan.competitors for a in c.accounts]
        urls += [s.url for s in plan.inspiration] + [t.url for t in plan.tools]
        urls += [s.url for s in plan.surveys] + [p.link for p in plan.posts]
        return sorted({url for url in urls if url})

    def competitor_networks(self) -> list[str]:
        """Networks where a competitor is present, for the side-by-side comparison."""
        return sorted({a.network for c in self.plan.competitors for a in c.accounts})

    def competitor_chart(self, network: str) -> Markup:
        return competitor_chart(self.plan, network, self.t)

    def network_name(self, network: str) -> str:
        return network_name(network, self.t)

    @cached_property
    def audit_actions(self) -> tuple[AuditAction, ...]:
        return audit_actions(self.plan)

    @property
    def audit_actions_by_owner(self) -> list[tuple[str, list[AuditAction]]]:
        return actions_by_owner(self.audit_actions)

    @property
    def audit_action_counts(self) -> dict[str, int]:
        return action_counts(self.audit_actions)

    @staticmethod
    def profile_gaps(account: m.Account) -> tuple[str, ...] | None:
        """What the account's profile lacks; None where no profile is asked of it."""
        return profile_gaps(account) if profile_asked(account) else None

    def ours(self, network: str) -> list[m.Account]:
        return [a for a in self.plan.accounts if a.network == network and a.in_use]

    def mix_targets(self, channel: m.Channel) -> list[tuple[str, float]]:
        """The content mix a channel aims for: its own, else the plan's shares."""
        targets = mix_targets(self.plan, channel)
        return [(self.plan.content_type(type_id).name, share) for type_id, share in targets]

    @cached_property
    def results(self) -> ResultsPage:
        return ResultsPage(self.plan, self.t, self._addresses)

    # -- health ------------------------------------------------------------------

    @cached_property
    def findings_by_step(self) -> dict[int, list[Diagnostic]]:
        """The findings grouped by the step of the plan their rule belongs to, in file order."""
        grouped: dict[int, list[Diagnostic]] = {step: [] for step in STEPS}
        ordered = sorted(self._findings, key=lambda d: (d.location, d.code, d.message))
        for finding in ordered:
            grouped[finding.step].append(finding)
        return grouped

    @staticmethod
    def where(finding: Diagnostic) -> str:
        """A finding's file and line, without the column."""
        location = finding.location
        return str(location).rsplit(":", 1)[0] if location.line else str(location)

    def mix_label(self, label: str) -> str:
        """A mix line's name: the content type's, or its group's in the site's language."""
        if self.plan.mix.rule == "custom":
            return self.plan.content_type(label).name
        return self.t("group_" + label)

    def mix_chart(self, table: MixTable, title: str) -> Markup:
        """Bars of a mix table's actual shares, with a tick at each target."""
        return mix_chart(table, title, self.mix_label, self.t)

    def share(self, percent: float) -> str:
        """A share (percent) as every table and chart writes it."""
        return share_text(self.t, percent)
