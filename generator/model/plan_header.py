"""Builds what plan.md says of the whole plan: its title, period, team, review and voice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.diagnostics import Location, Report
from generator.load.document_fields import fields_of, given, given_as, list_at
from generator.load.marked_yaml import SourceDoc
from generator.load.scalars import parse_date
from generator.model.entities import Period, TeamMember, Voice
from generator.model.review_status import Review


@dataclass(frozen=True)
class PlanHeader:
    """The fields of the Plan that plan.md gives."""

    title: str
    organization: str
    period: Period
    source: Location
    summary: str
    team: tuple[TeamMember, ...]
    review: Review
    voice: Voice


def header_from_doc(doc: SourceDoc, summary: str, report: Report) -> PlanHeader:
    """plan.md's fields, with `summary` its body; a period that ends before it starts
    is reported."""
    data: dict[str, Any] = doc.data
    period = Period(parse_date(data["period"]["start"]), parse_date(data["period"]["end"]))
    if period.end < period.start:
        report.error(
            doc.locate(("period", "end")),
            "the plan period ends before it starts",
            "swap 'start' and 'end'",
        )
    return PlanHeader(
        title=data["title"],
        organization=data["organization"],
        period=period,
        source=doc.locate(),
        summary=summary,
        team=tuple(
            TeamMember(member["name"], **given(member, "role", "email"))
            for member in (fields_of(item, "name") for item in list_at(data, "team"))
        ),
        review=review_from_data(data.get("review", {})),
        voice=voice_from_data(data.get("voice", {})),
    )


def review_from_data(data: dict[str, Any]) -> Review:
    return Review(**given(data, "cadence"), **given_as(data, parse_date, "last"))


def voice_from_data(data: dict[str, Any]) -> Voice:
    """A voice as plan.md or a channel writes it; what it leaves out is empty."""
    return Voice(**given(data, "tone", "style", "language", "do", "dont"))
