"""A goal's pace: the straight line from its baseline to its target, and where the
latest measurement stands against it. PS104 and PS105 judge it, the goal pages
draw it.

A progress `value` is the metric's value on its date (a running total, a
rate): what the line, the chart and the share reached compare with the
target. A metric with `values: per_period` records what each period added
(leads that month) instead; its value on a date is then the baseline plus
every value up to that date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # entities asks measured_progress() for a goal's latest value
    from generator.model.entities import Goal, Metric, Plan, ProgressPoint


def measured_progress(
    progress: tuple[ProgressPoint, ...], metric: Metric | None
) -> tuple[ProgressPoint, ...]:
    """The metric's value at each progress point, in date order: the points as
    given, or their running total from the baseline for a per-period metric."""
    if metric is None or metric.values != "per_period":
        return progress
    start = metric.baseline or 0.0
    totals = accumulate((point.value for point in progress), initial=start)
    next(totals)  # the baseline itself is no point
    return tuple(replace(point, value=total) for point, total in zip(progress, totals, strict=True))


def goal_start(goal: Goal, plan: Plan) -> date:
    """The goal's own start, else the plan's."""
    return goal.start or plan.period.start


def expected_value(goal: Goal, plan: Plan, on: date) -> float | None:
    """Where the line from baseline (at the start) to target (at the deadline) is
    on a day; None for a goal that has no such line."""
    metric, start = goal.metric, goal_start(goal, plan)
    if metric is None or metric.baseline is None or metric.target is None:
        return None
    if goal.deadline is None or goal.deadline <= start:
        return None
    elapsed = min(max((on - start).days, 0), (goal.deadline - start).days)
    share = elapsed / (goal.deadline - start).days
    return metric.baseline + (metric.target - metric.baseline) * share


def on_pace(goal: Goal, plan: Plan) -> bool | None:
    """Whether the latest measurement is on or ahead of the line; None when unknown."""
    latest, metric = goal.latest, goal.metric
    if latest is None or metric is None:
        return None
    expected = expected_value(goal, plan, latest.date)
    if expected is None:
        return None
    if metric.direction == "decrease":
        return latest.value <= expected
    return latest.value >= expected
