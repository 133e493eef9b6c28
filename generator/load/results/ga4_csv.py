"""Google Analytics 4: a report or an exploration downloaded as CSV.

The file opens with `#` lines, among them `# Start date: YYYYMMDD` and
`# End date: YYYYMMDD`: the period, which gives its day to a row without a
`Date` (the period's last day). Then come one or more tables, each with its
own header row, blank lines between them. A table is read when it has a
metric of `METRIC_COLUMNS` and a column that ties its rows to something
(`Date`, a campaign or an ad content); a chart's series by "Nth day" has
none and is skipped. An exploration's "Grand total" row is skipped, and
`(not set)` is GA4's word for an empty cell.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.load.results.result_rows import ReadProblem, ResultFile, ResultRow
from generator.load.results.result_text import (
    cell_at,
    column_of,
    date_problem,
    header_names,
    is_blank,
    metrics_from_cells,
)
from generator.load.results.result_values import COMPACT_DAY, day_from_compact, number_from_cell

# GA4's column names (lower case) -> plansite's metric names.
METRIC_COLUMNS = {
    "sessions": "sessions",
    "engaged sessions": "engaged_sessions",
    "key events": "conversions",
    "conversions": "conversions",  # the name before March 2024
    "total revenue": "revenue",
}
CAMPAIGN_COLUMNS = ("session campaign", "session manual campaign name")
CONTENT_COLUMNS = ("session manual ad content",)
DATE_COLUMN = "date"
NOT_SET = "(not set)"
GRAND_TOTAL = "grand total"


def is_ga4_header(names: list[str]) -> bool:
    return any(name in METRIC_COLUMNS for name in names)


@dataclass(frozen=True)
class _Table:
    """Where a table's columns are, from its header row."""

    date_at: int | None
    campaign_at: int | None
    content_at: int | None
    metric_columns: list[tuple[int, str]]
    is_read: bool  # a metric, and a column that ties its rows to something

    @classmethod
    def from_names(cls, names: list[str]) -> _Table:
        metrics = [
            (position, METRIC_COLUMNS[name])
            for position, name in enumerate(names)
            if name in METRIC_COLUMNS
        ]
        ties = (
            column_of(names, DATE_COLUMN),
            column_of(names, *CAMPAIGN_COLUMNS),
            column_of(names, *CONTENT_COLUMNS),
        )
        is_read = bool(metrics) and any(at is not None for at in ties)
        return cls(*ties, metrics, is_read)


class _Ga4Reader:
    def __init__(self, path: Path, period: tuple[date, date] | None) -> None:
        self.path = path
        self.period = period
        self.rows: list[ResultRow] = []
        self.problems: list[ReadProblem] = []
        self.days: dict[str, date | None] = {}

    def read_row(self, table: _Table, line: int, cells: list[str]) -> None:
        first = cells[0].strip().lower() if cells else ""
        if first == GRAND_TOTAL:
            return
        day = self.period[1] if self.period else None
        if table.date_at is not None:
            text = cell_at(cells, table.date_at)
            day = self.days.get(text)
            if day is None:
                day = self.days.setdefault(text, day_from_compact(text))
            if day is None:
                self.problems.append(
                    date_problem(self.path, line, table.date_at, text, COMPACT_DAY)
                )
                return
        metrics = metrics_from_cells(cells, table.metric_columns, (self.path, line), self.problems)
        self.rows.append(
            ResultRow(
                line=line,
                day=day,
                metrics=metrics,
                campaign=_dimension(cell_at(cells, table.campaign_at)),
                post=_dimension(cell_at(cells, table.content_at)),
            )
        )


def _holds_a_number(cells: list[str]) -> bool:
    """A data row holds figures; a row after a blank line that holds none is the
    header of another table, read or not."""
    return any(cell.strip() and number_from_cell(cell) is not None for cell in cells)


def _dimension(text: str) -> str:
    """GA4's `(not set)` is no value; a value is shared by every row that has it
    (a campaign's name, on thousands of rows, is kept once)."""
    return "" if text == NOT_SET else sys.intern(text)


def read_ga4_rows(
    path: Path,
    names: list[str],
    records: Iterator[tuple[int, list[str]]],
    period: tuple[date, date] | None,
    problems: list[ReadProblem],
) -> ResultFile:
    """The rows of every table read, from the first header on."""
    reader = _Ga4Reader(path, period)
    reader.problems.extend(problems)
    table = _Table.from_names(names)
    after_gap = False
    for line, cells in records:
        if is_blank(cells):
            after_gap = True
            continue
        if after_gap:
            after_gap = False
            next_names = header_names(cells)
            if is_ga4_header(next_names) or not _holds_a_number(cells):
                table = _Table.from_names(next_names)
                continue
        if table.is_read:
            reader.read_row(table, line, cells)
    return ResultFile(path, "ga4", tuple(reader.rows), tuple(reader.problems), period)


def period_from_comments(
    path: Path, comments: list[tuple[int, str]]
) -> tuple[tuple[date, date] | None, list[ReadProblem]]:
    """The period of `# Start date:` and `# End date:`, and a problem for a date in
    neither line's format."""
    found: dict[str, date] = {}
    problems: list[ReadProblem] = []
    for line, text in comments:
        label, colon, value = text.lstrip("#").partition(":")
        key = label.strip().lower()
        if not colon or key not in ("start date", "end date"):
            continue
        day = day_from_compact(value.strip())
        if day is None:
            start = len(text) - len(value.lstrip())  # where the value starts
            problems.append(date_problem(path, line, start, value.strip(), COMPACT_DAY))
        else:
            found[key] = day
    if "start date" in found and "end date" in found:
        return (found["start date"], found["end date"]), problems
    return None, problems
