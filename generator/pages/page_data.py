"""Plan data shaped for the pages: upcoming posts, months of the calendar,
a goal's pace. Computed once per build; the templates only lay it out."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import islice

from markupsafe import Markup

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.content_mix import mix_targets
from generator.model.occurrences import Occurrence
from generator.model.pace import goal_start, on_pace
from generator.model.serving import GoalServing
from generator.pages.charts import progress_chart

UPCOMING = 10


@dataclass(frozen=True)
class Month:
    first_day: date
    occurrences: tuple[Occurrence, ...]


class Views:
    def __init__(
        self, plan: m.Plan, t: Translator, today: date, occurrences: list[Occurrence]
    ) -> None:
        self.plan = plan
        self.t = t
        self.today = today
        # Every occurrence the calendar shows, from the first post to the plan's end.
        self.occurrences = occurrences

    @cached_property
    def months(self) -> list[Month]:
        grouped: dict[date, list[Occurrence]] = {}
        for occurrence in self.occurrences:
            grouped.setdefault(occurrence.day.replace(day=1), []).append(occurrence)
        return [Month(first, tuple(found)) for first, found in sorted(grouped.items())]

    def month_title(self, month: Month) -> str:
        return self.t.date(month.first_day, "LLLL yyyy").capitalize()

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

    def on_channel(self, channel_id: str) -> list[Occurrence]:
        return self.upcoming(lambda post: channel_id in post.channels)

    def for_goal(self, goal: m.Goal) -> list[Occurrence]:
        return self.upcoming(lambda post: self._serving.serves(post, goal))

    def in_campaign(self, campaign_id: str) -> list[Occurrence]:
        return self._by_campaign.get(campaign_id, [])

    @cached_property
    def _by_campaign(self) -> dict[str, list[Occurrence]]:
        grouped: dict[str, list[Occurrence]] = {}
        for occurrence in self.occurrences:
            if occurrence.post.campaign:
                grouped.setdefault(occurrence.post.campaign, []).append(occurrence)
        return grouped

    def campaigns_of(self, goal: m.Goal) -> tuple[str, ...]:
        return self._serving.campaigns(goal)

    def channels_of(self, goal: m.Goal) -> tuple[str, ...]:
        return self._serving.channels(goal)

    @cached_property
    def _serving(self) -> GoalServing:
        return GoalServing(self.plan)

    def pace(self, goal: m.Goal) -> bool | None:
        return on_pace(goal, self.plan)

    def chart(self, goal: m.Goal) -> Markup:
        metric = goal.metric
        if metric is None or metric.baseline is None or metric.target is None:
            return Markup("")
        if goal.deadline is None:
            return Markup("")
        start = goal_start(goal, self.plan)
        return progress_chart(
            [(p.date, p.value) for p in goal.progress],
            (start, metric.baseline),
            (goal.deadline, metric.target),
            self.t("progress_chart", metric=metric.name),
            self.t.number,
        )

    @property
    def next_review(self) -> date | None:
        return self.plan.review.next_date

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

    def ours(self, network: str) -> list[m.Account]:
        return [a for a in self.plan.accounts if a.network == network and a.in_use]

    def mix_targets(self, channel: m.Channel) -> list[tuple[str, float]]:
        """The content mix a channel aims for: its own, else the plan's shares."""
        targets = mix_targets(self.plan, channel)
        return [(self.plan.content_type(type_id).name, share) for type_id, share in targets]
