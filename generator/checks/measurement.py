"""Step 6: goals that can be measured, and a plan rewritten as results come in."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.registry import CheckContext, Finding, Labels, found, rule
from generator.diagnostics import Severity
from generator.model.review_status import review_status


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
    status = review_status(review, today)  # the overview's badge says the same
    if status is not None and status.state == "overdue":
        yield found(
            ctx.plan.source,
            "PS602",
            last=review.last,
            cadence=Labels("cadence_", (review.cadence,)),
            due=status.next_date,
            today=today,
        )


RULES = (untrackable, review_overdue)
