"""Builds inspiration.yml (sources and listening) and measurement.yml (tools,
experiments, surveys and the UTM medium of the plan's links)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.load.document_fields import given, given_as, list_at
from generator.load.marked_yaml import SourceDoc
from generator.load.scalars import parse_date
from generator.model.entities import Experiment, InspirationSource, Survey, Tool
from generator.model.references import References


def sources_from_data(data: dict[str, Any]) -> tuple[InspirationSource, ...]:
    return tuple(
        InspirationSource(source["name"], **given(source, "area", "url", "why"))
        for source in list_at(data, "sources")
    )


def tools_from_data(data: dict[str, Any]) -> tuple[Tool, ...]:
    return tuple(
        Tool(tool["name"], **given(tool, "purpose", "url")) for tool in list_at(data, "tools")
    )


def surveys_from_data(data: dict[str, Any]) -> tuple[Survey, ...]:
    return tuple(
        Survey(survey["name"], **given(survey, "audience", "url", "when"))
        for survey in list_at(data, "surveys")
    )


def experiments_from_data(
    data: dict[str, Any], doc: SourceDoc | None, references: References
) -> Iterator[Experiment]:
    """The experiments of measurement.yml (`data`, empty when it is broken, and `doc`)."""
    for position, item in enumerate(list_at(data, "experiments")):
        assert doc is not None  # the data is empty without a document
        if "channel" in item:
            references.refer("channel", item["channel"], doc, ("experiments", position, "channel"))
        yield Experiment(
            name=item["name"],
            **given(item, "hypothesis", "channel", "result"),
            **given_as(item, parse_date, "start", "end"),
        )
