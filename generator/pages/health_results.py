"""The health page's account of the results files: each file's kind and period,
which rule matched how many rows (the guesses named as guesses), and the rows
that matched no post, on pages of their own past the page budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from generator.load.results.result_rows import ResultFile
from generator.model.results import MATCH_RULES, PlanResults
from generator.pages.long_lists import ListPart, parts_of

# The rules whose matches are guesses (model/result_matching.py).
GUESSES = frozenset({"time"})
# Where the unmatched rows go when the health page cannot list them all.
UNMATCHED_PAGES = "health/unmatched-results"
# A caption or title of an unmatched row is cut past this many characters.
SHOWN_CHARACTERS = 80


@dataclass(frozen=True)
class RuleCount:
    """How many rows a matching rule matched, and whether it only guessed."""

    rule: str
    count: int

    @property
    def guess(self) -> bool:
        return self.rule in GUESSES


@dataclass(frozen=True)
class FileSummary:
    """A results file as the health page lists it: where, what kind, which days."""

    where: str  # its name: every results file is in plan/results/, which the page says
    kind: str | None  # None: a header of no kind plansite reads (PS610)
    period: tuple[date, date] | None
    rows: int


@dataclass(frozen=True)
class UnmatchedRow:
    """A row no rule matched, with what helps a person recognise it."""

    where: str
    line: int
    day: date | None
    title: str


class ResultsHealth:
    def __init__(self, results: PlanResults, rows: int) -> None:
        self._results = results
        self._rows = rows

    @property
    def shown(self) -> bool:
        """Whether the plan has results files at all (the section is left out if not)."""
        return bool(self._results.files)

    @property
    def rule_counts(self) -> list[RuleCount]:
        """Each rule, surest first, with the rows it matched (0 included)."""
        counts = self._results.rule_counts
        return [RuleCount(rule, counts.get(rule, 0)) for rule in MATCH_RULES]

    @property
    def matched(self) -> int:
        return len(self._results.matched)

    @cached_property
    def files(self) -> list[FileSummary]:
        return [
            FileSummary(file.path.name, file.kind, _period(file), len(file.rows))
            for file in self._results.files
        ]

    @cached_property
    def unmatched(self) -> list[UnmatchedRow]:
        """The rows that matched no post, in file and row order."""
        return [
            UnmatchedRow(result.path.name, result.row.line, result.row.day,
                         _cut(result.row.title))
            for result in self._results.unmatched
        ]  # fmt: skip

    @cached_property
    def unmatched_parts(self) -> list[ListPart[UnmatchedRow]]:
        """The unmatched rows' pages when the health page cannot list them all."""
        if len(self.unmatched) <= self._rows:
            return []
        return parts_of(UNMATCHED_PAGES, self.unmatched, self._rows)


def _period(file: ResultFile) -> tuple[date, date] | None:
    """The days the file covers: as it says (GA4's comment lines), else from the
    first to the last day of its rows."""
    if file.period is not None:
        return file.period
    days = [row.day for row in file.rows if row.day is not None]
    return (min(days), max(days)) if days else None


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"
