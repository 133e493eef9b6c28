"""Builds the Markdown entities: goals, personas and channels, one file each,
named for its id, with a body for its page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Location, Report
from generator.load.document_fields import given, given_as, list_at
from generator.load.marked_yaml import SourceDoc
from generator.load.plan_documents import PlanDocuments
from generator.load.scalars import parse_date
from generator.model.entities import Cadence, Channel, Goal, Metric, Persona, ProgressPoint
from generator.model.ids import SLUG, slugify
from generator.model.plan_header import voice_from_data
from generator.model.references import Place, References


def entity_docs(
    kind: str, documents: PlanDocuments, references: References, report: Report
) -> Iterator[tuple[str, SourceDoc]]:
    """(id, document) of each valid file of a kind; every id named by a file is defined.

    A file whose name is not an id is reported and left out.
    """
    for doc in documents.entities.get(kind, []):
        entity_id = doc.path.stem
        if not SLUG.match(entity_id):
            report.error(
                Location(doc.path),
                f"file name '{doc.path.name}' is not a valid {kind} id",
                f"rename it to '{slugify(entity_id) or kind}.md': lower-case letters, "
                "digits and dashes",
            )
            continue
        references.define(kind, entity_id, Place(doc))
        if documents.valid(doc):
            yield entity_id, doc


def goal_from_doc(goal_id: str, doc: SourceDoc, body: str, references: References) -> Goal:
    data: dict[str, Any] = doc.data
    references.refer("channel", data.get("channels", []), doc, ("channels",))
    references.refer("persona", data.get("personas", []), doc, ("personas",))
    progress = (
        ProgressPoint(parse_date(point["date"]), point["value"], **given(point, "note"))
        for point in list_at(data, "progress")
    )
    return Goal(
        id=goal_id,
        title=data["title"],
        source=doc.locate(),
        progress=tuple(sorted(progress, key=lambda point: point.date)),
        body=body,
        **given(data, "objective", "owner", "channels", "personas"),
        **given_as(data, parse_date, "start", "deadline"),
        **given_as(data, metric_from_data, "metric"),
    )


def metric_from_data(data: dict[str, Any]) -> Metric:
    return Metric(
        name=data["name"],
        **given(data, "kind", "unit", "baseline", "target", "direction", "values"),
    )


def persona_from_doc(persona_id: str, doc: SourceDoc, body: str) -> Persona:
    data: dict[str, Any] = doc.data
    return Persona(
        id=persona_id,
        name=data["name"],
        source=doc.locate(),
        # Where the persona is: the networks, which the file lists as `channels`.
        networks=tuple(data.get("channels", ())),
        body=body,
        **given(data, "summary", "demographics", "interests", "pain_points"),
    )


def channel_from_doc(channel_id: str, doc: SourceDoc, body: str, references: References) -> Channel:
    data: dict[str, Any] = doc.data
    if "account" in data:
        references.refer("account", data["account"], doc, ("account",))
    references.refer("persona", data.get("personas", []), doc, ("personas",))
    references.refer("goal", data.get("goals", []), doc, ("goals",))
    mix = data.get("mix", {})
    for type_id in mix:
        references.refer("content type", type_id, doc, ("mix", type_id))
    return Channel(
        id=channel_id,
        network=data["network"],
        mission=data["mission"].strip(),
        source=doc.locate(),
        voice=voice_from_data(data.get("voice", {})),
        cadence=Cadence(**given(data.get("cadence", {}), "posts_per_week", "best_times")),
        mix=tuple(mix.items()),
        body=body,
        **given(data, "account", "status", "personas", "goals"),
    )
