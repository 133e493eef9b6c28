"""Channels: the right audience on the right network, a mission people remember."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.registry import CheckContext, Finding, rule
from generator.diagnostics import Severity

MAX_MISSION_LENGTH = 200


@rule("PS301", 2, Severity.WARNING, "a persona on a network they do not use")
def persona_not_there(ctx: CheckContext) -> Iterator[Finding]:
    for channel in ctx.plan.channels:
        for persona_id in channel.personas:
            persona = ctx.plan.persona(persona_id)
            if persona.networks and channel.network not in persona.networks:
                yield Finding(
                    channel.source,
                    f"channel '{channel.id}' targets '{persona_id}', who is not on "
                    f"{channel.network} (they are on {', '.join(persona.networks)})",
                    "target another persona, or add the network to the persona's channels",
                )


@rule("PS302", 2, Severity.WARNING, "a mission longer than 200 characters")
def long_mission(ctx: CheckContext) -> Iterator[Finding]:
    for channel in ctx.plan.channels:
        length = len(channel.mission)
        if length > MAX_MISSION_LENGTH:
            yield Finding(
                channel.source,
                f"the mission of '{channel.id}' is {length} characters long",
                f"keep it under {MAX_MISSION_LENGTH}: one sentence people can repeat",
            )


RULES = (persona_not_there, long_mission)
