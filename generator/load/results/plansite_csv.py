"""plansite's own results CSV: the format for anything no other reader knows.

`date, channel, post, url, impressions, reach, engagements, clicks, sessions,
conversions, followers`: only `date` and one of `post`, `url` or `channel`
are required; every other column holds numbers, a metric named by its
header in lower case (a column plansite does not know is a custom metric).
The text columns are those of `TEXT_COLUMNS`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from generator.load.results.result_rows import ReadProblem, ResultFile, ResultRow
from generator.load.results.result_text import (
    cell_at,
    date_problem,
    is_blank,
    metrics_from_cells,
)
from generator.load.results.result_values import ISO_DAY, day_from_iso

TEXT_COLUMNS = ("date", "channel", "post", "url", "campaign", "title", "network", "account")
ONE_OF = ("post", "url", "channel")
SHARED_COLUMNS = ("channel", "post", "campaign", "network", "account")


def is_plansite_header(names: list[str]) -> bool:
    """`names` are lower case and trimmed (result_text.header_names)."""
    return "date" in names and any(name in names for name in ONE_OF)


def read_plansite_rows(
    path: Path, names: list[str], records: Iterator[tuple[int, list[str]]]
) -> ResultFile:
    """The rows of a plansite CSV after its header; a row whose date cannot be read
    is left out, a cell that is not a number leaves its metric out."""
    text_at = {name: names.index(name) for name in TEXT_COLUMNS if name in names}
    metric_columns = [
        (position, name)
        for position, name in enumerate(names)
        if name and name not in TEXT_COLUMNS and name not in names[:position]
    ]
    date_at = text_at["date"]
    # Channels, posts and campaigns repeat on many rows: each is kept once.
    shared_at = [(name, at) for name, at in text_at.items() if name in SHARED_COLUMNS]
    own_at = [(name, at) for name, at in text_at.items() if name not in SHARED_COLUMNS]
    days: dict[str, date | None] = {}
    rows: list[ResultRow] = []
    problems: list[ReadProblem] = []
    for line, cells in records:
        if is_blank(cells):
            continue
        text = cell_at(cells, date_at)
        day = days[text] if text in days else days.setdefault(text, day_from_iso(text))
        if day is None:
            problems.append(date_problem(path, line, date_at, text, ISO_DAY))
            continue
        values = {name: sys.intern(cell_at(cells, at)) for name, at in shared_at}
        values.update((name, cell_at(cells, at)) for name, at in own_at)
        rows.append(
            ResultRow(
                line=line,
                day=day,
                metrics=metrics_from_cells(cells, metric_columns, (path, line), problems),
                channel=values.get("channel", ""),
                network=values.get("network", ""),
                account=values.get("account", ""),
                post=values.get("post", ""),
                url=values.get("url", ""),
                campaign=values.get("campaign", ""),
                title=values.get("title", ""),
            )
        )
    return ResultFile(path, "plansite", tuple(rows), tuple(problems))
