"""Channels: the right audience on the right network, a mission people remember."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.registry import CheckContext, Finding, found, rule
from generator.diagnostics import Severity
from generator.model.sentences import sentence_count

MAX_MISSION_LENGTH = 200


@rule("PS301", 2, Severity.WARNING, "a persona on a network they do not use")
def persona_not_there(ctx: CheckContext) -> Iterator[Finding]:
    for channel in ctx.plan.channels:
        for persona_id in channel.personas:
            persona = ctx.plan.persona(persona_id)
            if persona.networks and channel.network not in persona.networks:
                yield found(
                    channel.source,
                    "PS301",
                    channel=channel.id,
                    persona=persona_id,
                    network=channel.network,
                    networks=", ".join(persona.networks),
                )


@rule("PS302", 2, Severity.WARNING, "a mission longer than 200 characters")
def long_mission(ctx: CheckContext) -> Iterator[Finding]:
    for channel in ctx.plan.channels:
        length = len(channel.mission)
        if length > MAX_MISSION_LENGTH:
            yield found(
                channel.source, "PS302", channel=channel.id, length=length, limit=MAX_MISSION_LENGTH
            )


@rule("PS303", 2, Severity.WARNING, "a mission of more than one sentence")
def mission_of_sentences(ctx: CheckContext) -> Iterator[Finding]:
    for channel in ctx.plan.channels:
        count = sentence_count(channel.mission, ctx.config.language)
        if count > 1:
            yield found(channel.source, "PS303", channel=channel.id, count=count)


RULES = (persona_not_there, long_mission, mission_of_sentences)
