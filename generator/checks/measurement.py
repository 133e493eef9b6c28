"""Step 6: goals that can be measured, and a plan rewritten as results come in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from generator.checks.registry import CheckContext, Finding, rule
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
            yield Finding(
                goal.source,
                f"goal '{goal.id}' cannot be measured: plan/measurement.yml names no tool",
                "list the analytics tools under 'tools'",
            )
        elif not tagged:
            yield Finding(
                goal.source,
                f"no post links toward goal '{goal.id}': its UTM-tagged visits cannot be counted",
                "give posts on its channels or campaigns a 'link'",
            )


@rule("PS602", 6, Severity.WARNING, "a review that is overdue")
def review_overdue(ctx: CheckContext) -> Iterator[Finding]:
    review = ctx.plan.review
    if not review.cadence or review.last is None:
        return
    due = review.last + timedelta(days=REVIEW_EVERY[review.cadence])
    if ctx.today > due:
        yield Finding(
            ctx.plan.source,
            f"the last review was {review.last.isoformat()}; with a {review.cadence} cadence "
            f"the next one was due {due.isoformat()}, and results go up to "
            f"{ctx.today.isoformat()}",
            "review the plan against the results and update review.last",
        )


RULES = (untrackable, review_overdue)
