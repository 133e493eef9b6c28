"""What a plan check is: a stable code, a step of the plan, a default severity
and a function that finds problems. The rule modules only declare rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TypeVar

from generator.diagnostics import Location, Severity
from generator.model.entities import Plan, SiteConfig
from generator.model.occurrences import Occurrence, plan_occurrences

T = TypeVar("T")

# Occurrences with these statuses are what the audience will see.
COUNTED_STATUSES = ("scheduled", "published")


@dataclass(frozen=True)
class Finding:
    """A problem found by a rule: its words come from the checks catalogue
    (`locales/checks.<language>.yml`) under `key`, filled with `values`."""

    location: Location
    key: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Labels:
    """Names shown through the site's label catalogue (`<prefix><item>`), so they
    read in the site's language: profile elements, content purposes..."""

    prefix: str
    items: tuple[str, ...]


def found(location: Location, key: str, **values: object) -> Finding:
    return Finding(location, key, values)


@dataclass
class CheckContext:
    """The plan and what several rules compute from it, computed once."""

    plan: Plan
    config: SiteConfig
    _computed: dict[Callable[..., object], object] = field(
        default_factory=dict, repr=False, compare=False
    )

    def once(self, compute: Callable[[CheckContext], T]) -> T:
        """`compute(self)`, computed the first time only: for what a rule and the
        pages both need (the content mix tables)."""
        if compute not in self._computed:
            self._computed[compute] = compute(self)
        return self._computed[compute]  # type: ignore[return-value]

    @cached_property
    def all_occurrences(self) -> list[Occurrence]:
        """Every occurrence from the first post to the end of the plan (or of its last
        post), repeats expanded, in time order: expanded once, for the checks and
        the pages alike."""
        plan = self.plan
        first = min([plan.period.start, *(p.date for p in plan.posts)])
        last = max([plan.period.end, *(p.date for p in plan.posts)])
        return plan_occurrences(plan.posts, first, last)

    @cached_property
    def occurrences(self) -> list[Occurrence]:
        """Every occurrence in the plan period, in time order."""
        period = self.plan.period
        return [o for o in self.all_occurrences if period.start <= o.day <= period.end]

    @cached_property
    def counted(self) -> list[tuple[Occurrence, str]]:
        """(occurrence, channel id) of the posts that will go out, one per channel."""
        return [
            (occurrence, channel_id)
            for occurrence in self.occurrences
            if occurrence.post.status in COUNTED_STATUSES
            for channel_id in occurrence.post.channels
        ]

    @cached_property
    def today(self) -> date:
        """The plan's own notion of now: its latest measurement, else its last review,
        else its start. Never the wall clock, so a build gives the same findings
        whenever it runs."""
        dates = [p.date for g in self.plan.goals for p in g.progress]
        if self.plan.review.last:
            dates.append(self.plan.review.last)
        return max(dates, default=self.plan.period.start)


CheckFunction = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    step: int  # the step of the six-step plan the rule belongs to
    severity: Severity
    title: str
    find: CheckFunction = field(compare=False)


def rule(code: str, step: int, severity: Severity, title: str) -> Callable[[CheckFunction], Rule]:
    def declare(find: CheckFunction) -> Rule:
        return Rule(code, step, severity, title, find)

    return declare
