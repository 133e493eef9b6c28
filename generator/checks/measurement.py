"""Step 6: goals that can be measured, and a plan rewritten as results come in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from generator.checks.registry import CheckContext, Finding, Labels, found, rule
from generator.diagnostics import Severity

REVIEW_EVERY = {"weekly": 7, "monthly": 31, "quarterly": 92}


@rule("PS601", 6, Severity.WARNING, "a goal whose metric cannot be tracked")
def untrackable(ctx: CheckContext) -> Iterator[Finding]:
    plan = ctx.plan
    for goal in plan.goals:
        channels = set(goal.channels) | {c.id for c in plan.channels if goal.id in c.goals}
        campaigns = {c.id for c in plan.campaigns if goal.id in c.goals}
        tagged = any(
            post.link.startswith(("http://", "https://"))
            and (channels & set(post.channels) or post.campaign in campaigns)
            for post in plan.posts
        )
        if not plan.tools:
            yield found(goal.source, "PS601_tool", goal=goal.id)
        elif not tagged:
            yield found(goal.source, "PS601_links", goal=goal.id)


@rule("PS602", 6, Severity.WARNING, "a review that is overdue")
def review_overdue(ctx: CheckContext) -> Iterator[Finding]:
    review = ctx.plan.review
    if not review.cadence or review.last is None:
        return
    due = review.last + timedelta(days=REVIEW_EVERY[review.cadence])
    if ctx.today > due:
        yield found(
            ctx.plan.source,
            "PS602",
            last=review.last,
            cadence=Labels("cadence_", (review.cadence,)),
            due=due,
            today=ctx.today,
        )


RULES = (untrackable, review_overdue)
