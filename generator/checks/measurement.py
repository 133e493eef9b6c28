"""Step 6: goals that can be measured, and a plan rewritten as results come in."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.registry import CheckContext, Finding, Labels, found, rule
from generator.diagnostics import Severity


@rule("PS601", 6, Severity.WARNING, "a goal whose metric cannot be tracked")
def untrackable(ctx: CheckContext) -> Iterator[Finding]:
    plan = ctx.plan
    tracked = [post for post in plan.posts if post.tracked]
    for goal in plan.goals:
        tagged = any(ctx.serving.serves(post, goal) for post in tracked)
        if not plan.tools:
            yield found(goal.source, "PS601_tool", goal=goal.id)
        elif not tagged:
            yield found(goal.source, "PS601_links", goal=goal.id)


@rule("PS602", 6, Severity.WARNING, "a review that is overdue")
def review_overdue(ctx: CheckContext) -> Iterator[Finding]:
    review, today = ctx.plan.review, ctx.plan.today
    due = review.next_date
    if due is not None and today > due:
        yield found(
            ctx.plan.source,
            "PS602",
            last=review.last,
            cadence=Labels("cadence_", (review.cadence,)),
            due=due,
            today=today,
        )


RULES = (untrackable, review_overdue)
