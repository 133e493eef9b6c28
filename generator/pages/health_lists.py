"""The health page's lists: the findings counted by step and severity for a first
look, grouped by rule with the first few of each, and the addresses to check;
what is past the page budget goes to pages of its own (long_lists.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from generator.diagnostics import Diagnostic, Severity
from generator.pages.long_lists import ListPart, parts_of

# The findings of a rule the health page shows; a rule with more has its own pages.
SHOWN_PER_RULE = 10
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class RuleFindings:
    """The findings of one rule in one step, in file order, and the pages of them all."""

    code: str
    findings: Sequence[Diagnostic]
    parts: list[ListPart[Diagnostic]]  # none when the health page shows them all

    @property
    def shown(self) -> Sequence[Diagnostic]:
        return self.findings[:SHOWN_PER_RULE]

    @property
    def shown_count(self) -> int:
        return len(self.shown)


@dataclass(frozen=True)
class StepCounts:
    """How many findings of each severity a step of the plan has."""

    step: int
    by_severity: tuple[int, ...]  # in the order of SEVERITIES

    @property
    def total(self) -> int:
        return sum(self.by_severity)


class HealthLists:
    def __init__(
        self,
        findings_by_step: Mapping[int, Sequence[Diagnostic]],
        addresses: Sequence[str],
        rows: int,
    ) -> None:
        self._by_step = findings_by_step
        self._rows = rows
        self.addresses = addresses

    @cached_property
    def summary(self) -> list[StepCounts]:
        """Each step's findings counted by severity, the six steps in order."""
        return [
            StepCounts(step, tuple(sum(f.severity is s for f in found) for s in SEVERITIES))
            for step, found in self._by_step.items()
        ]

    @property
    def totals(self) -> tuple[int, ...]:
        """The findings of every step, by severity."""
        return tuple(sum(row.by_severity[i] for row in self.summary) for i in range(3))

    @cached_property
    def _rules(self) -> dict[int, list[RuleFindings]]:
        return {step: self._group_by_rule(step, found) for step, found in self._by_step.items()}

    def rules_of(self, step: int) -> list[RuleFindings]:
        """The step's findings by rule, the rules in code order."""
        return self._rules[step]

    def _group_by_rule(self, step: int, found: Sequence[Diagnostic]) -> list[RuleFindings]:
        grouped: dict[str, list[Diagnostic]] = {}
        for finding in found:
            grouped.setdefault(finding.code, []).append(finding)
        return [
            RuleFindings(code, findings, self._rule_parts(step, code, findings))
            for code, findings in sorted(grouped.items())
        ]

    def _rule_parts(
        self, step: int, code: str, findings: list[Diagnostic]
    ) -> list[ListPart[Diagnostic]]:
        """A rule's pages, per step: a rule whose findings say which step they are
        about (PS206) may have some in two steps."""
        if len(findings) <= SHOWN_PER_RULE:
            return []
        return parts_of(f"health/step-{step}-{code.lower()}", findings, self._rows)

    @property
    def rule_parts(self) -> list[ListPart[Diagnostic]]:
        """Every page of findings of a rule, in step and code order."""
        return [part for rules in self._rules.values() for r in rules for part in r.parts]

    @cached_property
    def address_parts(self) -> list[ListPart[str]]:
        """The addresses' pages when the health page cannot list them all; else none."""
        if len(self.addresses) <= self._rows:
            return []
        return parts_of("health/links", self.addresses, self._rows)
