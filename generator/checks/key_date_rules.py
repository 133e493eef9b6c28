"""Step 5: posts on the calendar's key dates (model/key_dates.py).

A blackout day is one when the brand stays quiet on purpose (a mourning, an
election silence, a crisis): a promotional post then is a warning. A post on
a holiday is only noted: some brands post on holidays on purpose, and a team
that does so re-grades or turns the rule off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from generator.checks.registry import CheckContext, Finding, found, rule
from generator.diagnostics import Severity
from generator.model.content_mix import promotional_types
from generator.model.key_dates import KeyDate, key_dates_between
from generator.model.occurrences import Occurrence


@rule("PS510", 5, Severity.WARNING, "a promotional post on a blackout day")
def promotion_on_blackout(ctx: CheckContext) -> Iterator[Finding]:
    promotional = promotional_types(ctx.plan)
    for occurrence, key_date in _posts_on(ctx, lambda key_date: key_date.kind == "blackout"):
        if occurrence.post.type in promotional:
            yield _finding("PS510", occurrence, key_date)


@rule("PS511", 5, Severity.INFO, "a post on a holiday")
def post_on_holiday(ctx: CheckContext) -> Iterator[Finding]:
    """Public holidays and the plan's own (`kind: holiday`) alike."""
    for occurrence, key_date in _posts_on(ctx, lambda key_date: key_date.kind == "holiday"):
        yield _finding("PS511", occurrence, key_date)


def _posts_on(
    ctx: CheckContext, wanted: Callable[[KeyDate], bool]
) -> Iterator[tuple[Occurrence, KeyDate]]:
    """(first occurrence, key date) of each post still going out (not an idea nor
    cancelled) that falls on a wanted key date: once a post and key date, so that a
    daily post over a week's blackout is one finding."""
    occurrences = [o for o in ctx.all_occurrences if not o.post.hidden]
    if not occurrences:
        return
    first, last = occurrences[0].day, occurrences[-1].day
    by_day: dict[date, list[KeyDate]] = {}
    for key_date in key_dates_between(ctx.plan, ctx.config, first, last):
        if wanted(key_date):
            for day in key_date.days:
                by_day.setdefault(day, []).append(key_date)
    seen: set[tuple[str, KeyDate]] = set()
    for occurrence in occurrences:
        for key_date in by_day.get(occurrence.day, ()):
            if (occurrence.post.id, key_date) not in seen:
                seen.add((occurrence.post.id, key_date))
                yield occurrence, key_date


def _finding(code: str, occurrence: Occurrence, key_date: KeyDate) -> Finding:
    return found(
        occurrence.post.source,
        code,
        post=occurrence.post.id,
        date=occurrence.day,
        name=key_date.name,
    )


RULES = (promotion_on_blackout, post_on_holiday)
