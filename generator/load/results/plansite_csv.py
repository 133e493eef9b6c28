"""plansite's own results CSV: the format for anything no other reader knows.

`date, channel, post, url, impressions, reach, engagements, clicks, sessions,
conversions, followers`: only `date` and one of `post`, `url` or `channel`
are required; any other column of numbers is a custom metric, named by its
header in lower case (docs/results.md).
"""

from __future__ import annotations

import csv
from pathlib import Path

from generator.diagnostics import Location
from generator.load.results.result_rows import ReadProblem, ResultFile, ResultRow
from generator.load.scalars import ValueProblem, parse_date

TEXT_COLUMNS = ("date", "channel", "post", "url", "campaign", "title")
ONE_OF = ("post", "url", "channel")


def is_plansite_header(header: list[str]) -> bool:
    names = {name.strip().lower() for name in header}
    return "date" in names and any(name in names for name in ONE_OF)


def read_plansite_rows(path: Path, lines: list[str]) -> ResultFile:
    """The rows of a plansite CSV; a cell that is not a date or a number is a
    problem at its row and column, and its row is left out."""
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if not line.startswith("#")]
    reader = csv.reader(line for _, line in numbered)
    header = [name.strip().lower() for name in next(reader)]
    rows: list[ResultRow] = []
    problems: list[ReadProblem] = []
    for (line_number, _), cells in zip(numbered[1:], reader, strict=False):
        if not any(cell.strip() for cell in cells):
            continue
        values = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        try:
            day = parse_date(values["date"])
        except ValueProblem:
            column = header.index("date") + 1
            problems.append(
                ReadProblem(
                    Location(path, line_number, column), "PS611_date", {"value": values["date"]}
                )
            )
            continue
        metrics: dict[str, float] = {}
        for position, name in enumerate(header):
            if name in TEXT_COLUMNS or not values.get(name):
                continue
            try:
                metrics[name] = float(values[name])
            except ValueError:
                location = Location(path, line_number, position + 1)
                problems.append(ReadProblem(location, "PS611_number", {"value": values[name]}))
        rows.append(
            ResultRow(
                line=line_number,
                day=day,
                metrics=metrics,
                channel=values.get("channel", ""),
                post=values.get("post", ""),
                url=values.get("url", ""),
                campaign=values.get("campaign", ""),
                title=values.get("title", ""),
            )
        )
    return ResultFile(path, "plansite", tuple(rows), tuple(problems))
