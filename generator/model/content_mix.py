"""The content mix, as planned and as actually scheduled, for the whole plan and each channel.

The actual mix counts the occurrences that reach the audience (scheduled and
published, repeats expanded) inside the plan period, once per channel; the
target comes from the mix's rule: the content types' shares (or a channel's
own), 80-20 or the rule of thirds. The PS402 check and the health page both
read these tables; PS402 judges the plan as a whole, and a channel only where
it sets its own mix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.model.entities import Channel, Plan
from generator.model.occurrences import Occurrence

# The rule-of-thirds groups: promote, share (others' or our ideas), connect.
THIRDS = {"promote": "promote", "inform": "share", "educate": "share", "entertain": "share",
          "connect": "connect", "": "share"}  # fmt: skip
PROMOTION_CAP = 20.0
PROMOTE = "promote"  # the purpose of promotional content, in every rule of the mix


@dataclass(frozen=True)
class MixLine:
    label: str  # a content type id, or a group for the 80-20 and thirds rules
    target: float | None
    actual: float  # percent of the scope's counted occurrences
    count: int


@dataclass(frozen=True)
class MixTable:
    scope: str  # "" for the whole plan, else a channel id
    total: int
    lines: tuple[MixLine, ...]
    # Whether the mix is held to its target (PS402): the plan's as a whole, and a
    # channel's only where the channel sets its own `mix`. A channel that posts
    # only how-tos serves the plan's mix with the others; the health page still
    # shows its mix beside the plan's target.
    judged: bool = True


def mix_targets(plan: Plan, channel: Channel | None = None) -> tuple[tuple[str, float], ...]:
    """(content type id, share) a channel aims for: its own mix, else the plan's shares."""
    if channel is not None and channel.mix:
        return channel.mix
    return tuple((t.id, t.share) for t in plan.content_types if t.share is not None)


def promotional_types(plan: Plan) -> frozenset[str]:
    """Ids of the content types that promote (purpose promote): the promote group of
    the 80-20 rule and of the rule of thirds, and what a blackout day keeps out."""
    return frozenset(t.id for t in plan.content_types if t.purpose == PROMOTE)


def mix_tables(plan: Plan, counted: Iterable[tuple[Occurrence, str]]) -> list[MixTable]:
    """The mix of the whole plan, then of each channel, against the targets of the rule;
    `counted` are the (occurrence, channel id) that reach the audience."""
    scopes: list[tuple[str, Channel | None]] = [("", None)]
    scopes += [(channel.id, channel) for channel in plan.channels]
    counts: dict[str, Counter[str]] = {scope: Counter() for scope, _ in scopes}
    for occurrence, channel_id in counted:
        if occurrence.post.type:
            counts[""][occurrence.post.type] += 1
            counts[channel_id][occurrence.post.type] += 1
    return [
        replace(_table(plan, scope, channel, counts[scope]), judged=_held_to_target(channel))
        for scope, channel in scopes
    ]


def _held_to_target(channel: Channel | None) -> bool:
    """The plan's mix is judged as a whole; a channel's only where it sets its own."""
    return channel is None or bool(channel.mix)


def _table(plan: Plan, scope: str, channel: Channel | None, counts: Counter[str]) -> MixTable:
    total = counts.total()
    rule_name = plan.mix.rule
    if rule_name == "custom":
        targets = dict(mix_targets(plan, channel))
        # A channel with a mix of its own aims for none of a type it leaves out.
        left_out = 0.0 if channel is not None and channel.mix else None
        lines = []
        for content_type in plan.content_types:
            count = counts[content_type.id]
            target = targets.get(content_type.id, left_out)
            lines.append(MixLine(content_type.id, target, _percent(count, total), count))
        return MixTable(scope, total, tuple(lines))
    purposes = {t.id: t.purpose for t in plan.content_types}
    if rule_name == "80-20":
        promotional = promotional_types(plan)
        groups = Counter("promote" if t in promotional else "other" for t in counts.elements())
        group_targets: dict[str, float | None] = {"promote": PROMOTION_CAP, "other": None}
    else:
        groups = Counter(THIRDS[purposes[t]] for t in counts.elements())
        group_targets = dict.fromkeys(("promote", "share", "connect"), 100 / 3)
    return MixTable(
        scope,
        total,
        tuple(
            MixLine(group, target, _percent(groups[group], total), groups[group])
            for group, target in group_targets.items()
        ),
    )


def _percent(part: int, total: int) -> float:
    return 100.0 * part / total if total else 0.0
