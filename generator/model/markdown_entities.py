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
from generator.load.validation import network_names
from generator.model.entities import Cadence, Channel, Goal, Metric, Persona, ProgressPoint
from generator.model.ids import SLUG, slugify
from generator.model.plan_header import voice_from_data
from generator.model.references import Place, References, refer_item
from generator.model.results import MetricSource


def entity_docs(
    kind: str, documents: PlanDocuments, references: References, report: Report
) -> Iterator[tuple[str, SourceDoc]]:
    """(id, document) of each valid file of a kind; every id named by a file is
    defined, and the references of every file recorded, a broken one's too.

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
        refer_item(references, documents, doc, kind, doc.data)
        if documents.valid(doc):
            yield entity_id, doc


def goal_from_doc(goal_id: str, doc: SourceDoc, body: str) -> Goal:
    data: dict[str, Any] = doc.data
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
        **given_as(data, metric_source_from_data, "source"),
    )


def metric_source_from_data(data: dict[str, Any]) -> MetricSource:
    """Where a metric's values are computed from; the column's name in lower case,
    as the results readers name every metric."""
    return MetricSource(
        metric=data["metric"].strip().lower(),
        campaigns=tuple(data.get("campaigns", ())),
        channels=tuple(data.get("channels", ())),
        **given(data, "aggregate", "every"),
    )


def persona_from_doc(
    persona_id: str, doc: SourceDoc, body: str, channel_networks: dict[str, str]
) -> Persona:
    """The persona; `channel_networks` gives the network of each channel of the plan."""
    data: dict[str, Any] = doc.data
    return Persona(
        id=persona_id,
        name=data["name"],
        source=doc.locate(),
        networks=networks_of_persona(data, channel_networks),
        body=body,
        **given(data, "summary", "demographics", "interests", "pain_points"),
    )


def networks_of_persona(data: dict[str, Any], channel_networks: dict[str, str]) -> tuple[str, ...]:
    """Where the persona is, in the order written: its `networks`, then the networks
    of its `channels` (an entry that is no channel id but a network name is that
    network: what the field held before `networks`; References warns of it)."""
    named = [
        *data.get("networks", ()),
        *(channel_networks.get(entry, entry) for entry in data.get("channels", ())),
    ]
    return tuple(dict.fromkeys(network for network in named if network in network_names()))


def channel_from_doc(channel_id: str, doc: SourceDoc, body: str) -> Channel:
    data: dict[str, Any] = doc.data
    mix = data.get("mix", {})
    return Channel(
        id=channel_id,
        network=data["network"],
        mission=data["mission"].strip(),
        source=doc.locate(),
        voice=voice_from_data(data.get("voice", {})),
        cadence=Cadence(**given(data.get("cadence", {}), "posts_per_week", "best_times")),
        mix=tuple(mix.items()),
        body=body,
        **given(data, "account", "status", "personas", "goals", "color"),
    )
