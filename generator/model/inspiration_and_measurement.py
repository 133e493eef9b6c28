"""Builds inspiration.yml (sources and listening) and measurement.yml (tools,
experiments, surveys and the UTM medium of the plan's links)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.load.document_fields import fields_of, given, given_as, list_at
from generator.load.scalars import parse_date
from generator.model.entities import Experiment, InspirationSource, Survey, Tool

# Each list below may be written as names alone (`tools: [Metricool]`): each
# name is then the item's `name` (fields_of()).


def sources_from_data(data: dict[str, Any]) -> tuple[InspirationSource, ...]:
    sources = (fields_of(item, "name") for item in list_at(data, "sources"))
    return tuple(
        InspirationSource(source["name"], **given(source, "area", "url", "why"))
        for source in sources
    )


def tools_from_data(data: dict[str, Any]) -> tuple[Tool, ...]:
    tools = (fields_of(item, "name") for item in list_at(data, "tools"))
    return tuple(Tool(tool["name"], **given(tool, "purpose", "url")) for tool in tools)


def surveys_from_data(data: dict[str, Any]) -> tuple[Survey, ...]:
    """The surveys; one written as a sentence alone is its question, its name."""
    surveys = (fields_of(item, "name") for item in list_at(data, "surveys"))
    return tuple(
        Survey(survey["name"], **given(survey, "audience", "url", "when")) for survey in surveys
    )


def experiments_from_data(data: dict[str, Any]) -> Iterator[Experiment]:
    """The experiments of measurement.yml (`data`, empty when it is broken)."""
    for item in (fields_of(entry, "name") for entry in list_at(data, "experiments")):
        yield Experiment(
            name=item["name"],
            **given(item, "id", "hypothesis", "channel", "result"),
            **given_as(item, parse_date, "start", "end"),
        )
