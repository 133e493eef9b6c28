"""Step 5: the content mix, as planned and as actually scheduled (model/content_mix.py)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.registry import CheckContext, Finding, Labels, found, rule
from generator.diagnostics import Location, Severity
from generator.model.entities import Plan


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
    for table in ctx.mix_tables:
        if table.total == 0 or not table.judged:
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
