"""What a plan check is: a stable code, a step of the plan, a default severity
and a function that finds problems. The rule modules only declare rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from generator.diagnostics import Location, Severity
from generator.model.content_mix import MixTable, mix_tables
from generator.model.entities import Plan
from generator.model.occurrences import Occurrence, calendar_occurrences, counted_per_channel
from generator.model.serving import GoalServing
from generator.model.settings import SiteConfig


@dataclass(frozen=True)
class Finding:
    """A problem found by a rule: its words come from the checks catalogue
    (`locales/checks.<language>.yml`) under `key`, filled with `values`."""

    location: Location
    key: str
    values: dict[str, object] = field(default_factory=dict)
    step: int | None = None  # the plan's step it belongs to, where not its rule's


@dataclass(frozen=True)
class Names:
    """Names shown as a list in the site's language: "a, b and c", « a, b et c »."""

    items: tuple[str, ...]


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
    """The plan and what several rules (and the pages) compute from it, computed once."""

    plan: Plan
    config: SiteConfig

    @cached_property
    def all_occurrences(self) -> list[Occurrence]:
        """Every occurrence the calendar shows, repeats expanded, in time order:
        expanded once, for the checks and the pages alike."""
        return calendar_occurrences(self.plan)

    @cached_property
    def occurrences(self) -> list[Occurrence]:
        """Every occurrence in the plan period, in time order."""
        period = self.plan.period
        return [o for o in self.all_occurrences if period.start <= o.day <= period.end]

    @cached_property
    def counted(self) -> list[tuple[Occurrence, str]]:
        """(occurrence, channel id) of the posts that reach the audience in the plan
        period, one per channel."""
        return counted_per_channel(self.occurrences)

    @cached_property
    def serving(self) -> GoalServing:
        return GoalServing(self.plan)

    @cached_property
    def mix_tables(self) -> list[MixTable]:
        """The content mix of the plan and of each channel, for PS402 and the health page."""
        return mix_tables(self.plan, self.counted)


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
