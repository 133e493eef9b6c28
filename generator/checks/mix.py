"""Step 5: the content mix, as planned and as actually scheduled.

The actual mix counts the occurrences that will go out (scheduled and
published, repeats expanded) inside the plan period, once per channel.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from generator.checks.registry import CheckContext, Finding, Labels, found, rule
from generator.diagnostics import Location, Severity
from generator.model.entities import Channel, Plan

# The rule-of-thirds groups: promote, share (others' or our ideas), connect.
THIRDS = {"promote": "promote", "inform": "share", "educate": "share", "entertain": "share",
          "connect": "connect", "": "share"}  # fmt: skip
PROMOTION_CAP = 20.0


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


def _percent(part: int, total: int) -> float:
    return 100.0 * part / total if total else 0.0


def mix_tables(ctx: CheckContext) -> list[MixTable]:
    """The mix of the whole plan, then of each channel, against the targets of the rule
    (made once for the PS402 rule and the health page)."""
    return ctx.once(_mix_tables)


def _mix_tables(ctx: CheckContext) -> list[MixTable]:
    plan = ctx.plan
    scopes: list[tuple[str, Channel | None]] = [("", None)]
    scopes += [(channel.id, channel) for channel in plan.channels]
    counts: dict[str, Counter[str]] = {scope: Counter() for scope, _ in scopes}
    for occurrence, channel_id in ctx.counted:
        if occurrence.post.type:
            counts[""][occurrence.post.type] += 1
            counts[channel_id][occurrence.post.type] += 1
    return [
        _table(plan, scope, channel, counts[scope], counts[scope].total())
        for scope, channel in scopes
    ]


def _table(
    plan: Plan, scope: str, channel: Channel | None, counts: Counter[str], total: int
) -> MixTable:
    rule_name = plan.mix.rule
    if rule_name == "custom":
        overrides = dict(channel.mix) if channel and channel.mix else None
        lines = []
        for content_type in plan.content_types:
            target = (
                overrides.get(content_type.id, 0.0) if overrides is not None else content_type.share
            )
            count = counts[content_type.id]
            lines.append(MixLine(content_type.id, target, _percent(count, total), count))
        return MixTable(scope, total, tuple(lines))
    purposes = {t.id: t.purpose for t in plan.content_types}
    if rule_name == "80-20":
        groups = Counter(
            "promote" if purposes[t] == "promote" else "other" for t in counts.elements()
        )
        targets: dict[str, float | None] = {"promote": PROMOTION_CAP, "other": None}
    else:
        groups = Counter(THIRDS[purposes[t]] for t in counts.elements())
        targets = dict.fromkeys(("promote", "share", "connect"), 100 / 3)
    return MixTable(
        scope,
        total,
        tuple(
            MixLine(group, target, _percent(groups[group], total), groups[group])
            for group, target in targets.items()
        ),
    )


def _content_location(plan: Plan) -> Location:
    return plan.content_types[0].source if plan.content_types else plan.source


@rule("PS401", 5, Severity.ERROR, "content shares that do not add up to 100")
def shares_not_100(ctx: CheckContext) -> Iterator[Finding]:
    plan = ctx.plan
    shares = [t.share for t in plan.content_types if t.share is not None]
    if plan.mix.rule == "custom" and shares and abs(sum(shares) - 100) > 0.01:
        yield found(_content_location(plan), "PS401", total=sum(shares))
    for channel in plan.channels:
        total = sum(share for _, share in channel.mix)
        if channel.mix and abs(total - 100) > 0.01:
            yield found(channel.source, "PS401_channel", channel=channel.id, total=total)


@rule("PS402", 5, Severity.WARNING, "a content mix away from its target")
def mix_off_target(ctx: CheckContext) -> Iterator[Finding]:
    plan = ctx.plan
    tolerance = plan.mix.tolerance
    capped = plan.mix.rule == "80-20"
    for table in mix_tables(ctx):
        if table.total == 0:
            continue
        where = plan.channel(table.scope).source if table.scope else _content_location(plan)
        for line in table.lines:
            if line.target is None:
                continue
            gap = line.actual - line.target
            if (capped and gap > tolerance) or (not capped and abs(gap) > tolerance):
                yield found(
                    where,
                    "PS402_channel" if table.scope else "PS402",
                    channel=table.scope,
                    label=line.label
                    if plan.mix.rule == "custom"
                    else Labels("group_", (line.label,)),
                    actual=round(line.actual),
                    count=line.count,
                    total=table.total,
                    target=round(line.target),
                    tolerance=tolerance,
                )


RULES = (shares_not_100, mix_off_target)
