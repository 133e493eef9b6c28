"""A goal's pace: the straight line from its baseline to its target, and where the
latest measurement stands against it. PS104 and PS105 judge it, the goal pages
draw it."""

from __future__ import annotations

from datetime import date

from generator.model.entities import Goal, Plan


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
