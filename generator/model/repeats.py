"""Builds a post's `repeat` rule, refusing the series calendar apps would disagree on."""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.diagnostics import Report
from generator.load.document_fields import given, given_as
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.scalars import parse_date, whole_number
from generator.model.entities import WEEKDAYS, Repeat


def repeat_from_data(
    data: dict[str, Any], first: date, doc: SourceDoc, where: DataPath, report: Report
) -> Repeat:
    """The rule of a post first on `first`; a series that does not start on one of
    its days, or ends before it starts, is reported."""
    repeat = Repeat(
        every=data["every"],
        exceptions=tuple(sorted(parse_date(day) for day in data.get("except", ()))),
        **given(data, "on"),
        **given_as(data, int, "interval"),  # 2.0 too: see whole_number()
        **given_as(data, whole_number, "count"),
        **given_as(data, parse_date, "until"),
    )
    weekday = WEEKDAYS[first.weekday()]
    if repeat.every == "week" and repeat.on and weekday not in repeat.on:
        # RFC 5545 leaves such a series undefined: calendar apps disagree on it.
        report.error(
            doc.locate((*where, "on")),
            f"the post's date {first.isoformat()} is a {weekday}, "
            f"not one of the repeat days ({', '.join(repeat.on)})",
            "start the post on its first repeat day",
        )
    if repeat.until is not None and repeat.until < first:
        report.error(
            doc.locate((*where, "until")),
            f"the repeat ends ({repeat.until.isoformat()}) "
            f"before the first date ({first.isoformat()})",
            "set 'until' after the post's date",
        )
    return repeat
