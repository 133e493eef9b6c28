"""Step 1: goals that are SMART, on pace and served by a channel."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.registry import CheckContext, Finding, Names, found, rule
from generator.diagnostics import Severity
from generator.model.goal_sources import campaigns_found, metrics_found
from generator.model.pace import expected_value, goal_start, on_pace

MIN_GOALS = 3


@rule("PS101", 1, Severity.WARNING, "fewer than three goals")
def too_few_goals(ctx: CheckContext) -> Iterator[Finding]:
    count = len(ctx.plan.goals)
    if count < MIN_GOALS:
        yield found(ctx.plan.source, "PS101", count=count, minimum=MIN_GOALS)


@rule("PS102", 1, Severity.WARNING, "a goal that is not SMART")
def not_smart(ctx: CheckContext) -> Iterator[Finding]:
    for goal in ctx.plan.goals:
        metric = goal.metric
        missing = [
            name
            for name, present in (
                ("metric", metric is not None),
                ("baseline", metric is not None and metric.baseline is not None),
                ("target", metric is not None and metric.target is not None),
                ("deadline", goal.deadline is not None),
                ("owner", bool(goal.owner)),
            )
            if not present
        ]
        if missing:
            yield found(goal.source, "PS102", goal=goal.id, missing=", ".join(missing))


@rule("PS103", 1, Severity.ERROR, "a target that is not beyond the baseline")
def target_not_beyond_baseline(ctx: CheckContext) -> Iterator[Finding]:
    for goal in ctx.plan.goals:
        metric = goal.metric
        if metric is None or metric.baseline is None or metric.target is None:
            continue
        gain = metric.target - metric.baseline
        if gain <= 0 and metric.direction == "increase":
            key = "PS103_increase"
        elif gain >= 0 and metric.direction == "decrease":
            key = "PS103_decrease"
        else:
            continue
        yield found(
            goal.source,
            key,
            goal=goal.id,
            target=metric.target,
            baseline=metric.baseline,
        )


@rule("PS104", 1, Severity.ERROR, "a deadline before the start")
def deadline_before_start(ctx: CheckContext) -> Iterator[Finding]:
    for goal in ctx.plan.goals:
        start = goal_start(goal, ctx.plan)
        if goal.deadline is not None and goal.deadline <= start:
            yield found(
                goal.source,
                "PS104",
                goal=goal.id,
                deadline=goal.deadline,
                start=start,
            )


@rule("PS105", 1, Severity.WARNING, "a goal off pace")
def off_pace(ctx: CheckContext) -> Iterator[Finding]:
    for goal in ctx.plan.goals:
        if on_pace(goal, ctx.plan) is False:
            latest = goal.latest
            expected = expected_value(goal, ctx.plan, latest.date) if latest else None
            assert latest is not None and expected is not None
            yield found(
                goal.source,
                "PS105_results" if goal.computed else "PS105",
                goal=goal.id,
                value=latest.value,
                date=latest.date,
                expected=float(f"{expected:.4g}"),  # as precise as the figures people enter
            )


@rule("PS106", 1, Severity.WARNING, "a goal served by no channel")
def unserved(ctx: CheckContext) -> Iterator[Finding]:
    for goal in ctx.plan.goals:
        if not ctx.serving.channels(goal):
            yield found(goal.source, "PS106", goal=goal.id)


@rule("PS614", 6, Severity.WARNING, "a goal whose source yields no data")
def source_without_data(ctx: CheckContext) -> Iterator[Finding]:
    """A source that computes nothing leaves the goal on its hand-typed progress:
    say so, with what the results do hold, so that a typo in a metric or a
    campaign is found."""
    metrics = metrics_found(ctx.plan.results)
    campaigns = campaigns_found(ctx.plan)
    for goal in ctx.plan.goals:
        source = goal.metric.source if goal.metric else None
        if source is None or goal.computed:
            continue
        key = "PS614_empty" if not metrics else "PS614" if campaigns else "PS614_no_campaign"
        yield found(
            goal.source,
            key,
            goal=goal.id,
            metric=source.metric,
            metrics=Names(metrics),
            campaigns=Names(campaigns),
        )


RULES = (too_few_goals, not_smart, target_not_beyond_baseline, deadline_before_start,
         off_pace, unserved, source_without_data)  # fmt: skip
