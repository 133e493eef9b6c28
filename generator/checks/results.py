"""Step 6: the results files, what could not be read in them, and what they say
of the plan: results dated before their post, published posts with none, and
rows that match no post."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from generator.checks.registry import CheckContext, Finding, Names, found, rule
from generator.diagnostics import Location, Severity
from generator.load.results.result_rows import ReadProblem
from generator.model.entities import Post
from generator.model.occurrences import last_calendar_day, occurrence_days
from generator.model.results import UnmatchedResult

# How long after a post results are expected to show it (PS613).
RESULTS_WITHIN = timedelta(days=14)
# The unmatched rows PS615 names before saying how many more there are.
ROWS_NAMED = 3
# A cell's text shown in a finding is cut past this many characters.
SHOWN_CHARACTERS = 60


@rule("PS610", 6, Severity.ERROR, "a results file that cannot be read")
def unreadable_file(ctx: CheckContext) -> Iterator[Finding]:
    yield from _problems(ctx, "PS610_")


@rule("PS611", 6, Severity.ERROR, "a value in a results file that cannot be read")
def unreadable_value(ctx: CheckContext) -> Iterator[Finding]:
    yield from _problems(ctx, "PS611_")


def _problems(ctx: CheckContext, prefix: str) -> Iterator[Finding]:
    """The reading problems of every results file whose key starts with `prefix`,
    each at its file, row and column."""
    for file in ctx.plan.results.files:
        for problem in file.problems:
            if problem.key.startswith(prefix):
                yield Finding(problem.location, problem.key, _shown_values(problem))


def _shown_values(problem: ReadProblem) -> dict[str, object]:
    """A problem's values as a finding shows them: lists as lists in the site's
    language, long cells cut (a cell may hold a whole caption)."""
    shown: dict[str, object] = {}
    for name, value in problem.values.items():
        if isinstance(value, tuple | list):
            shown[name] = Names(tuple(str(item) for item in value))
        elif isinstance(value, str) and len(value) > SHOWN_CHARACTERS:
            shown[name] = value[: SHOWN_CHARACTERS - 1] + "…"
        else:
            shown[name] = value
    return shown


@rule("PS612", 6, Severity.WARNING, "a result dated before its post")
def result_before_post(ctx: CheckContext) -> Iterator[Finding]:
    """A guess (the time rule) is never before its post by more than its two
    hours, which may cross midnight: only the sure rules are checked."""
    for result in ctx.plan.results.matched:
        day = result.row.day
        if result.rule != "time" and day is not None and day < result.day:
            location = Location(result.path, result.row.line)
            yield found(location, "PS612", post=result.post, day=day, post_day=result.day)


@rule("PS613", 6, Severity.INFO, "a published post with no result 14 days on")
def published_without_result(ctx: CheckContext) -> Iterator[Finding]:
    """Posts whose status says they went live, and that went live more than 14
    days before the latest results day, with no row of any file. A scheduled
    post is not asked for results: the plan does not know it went live."""
    results = ctx.plan.results
    latest = results.latest_day
    if latest is None:
        return
    due = latest - RESULTS_WITHIN
    last = last_calendar_day(ctx.plan)
    for post in ctx.plan.posts:
        if _went_live(post) and not results.of_post(post.id):
            days = [day for day in occurrence_days(post, last) if day < due]
            if days:
                yield found(post.source, "PS613", post=post.id, day=days[-1], latest=latest)


def _went_live(post: Post) -> bool:
    return post.status == "published"


@rule("PS615", 6, Severity.INFO, "result rows that match no post")
def unmatched_rows(ctx: CheckContext) -> Iterator[Finding]:
    """One note per file, not per row: an export of a whole page holds many posts
    made outside the plan."""
    by_file: defaultdict[Path, list[UnmatchedResult]] = defaultdict(list)
    for result in ctx.plan.results.unmatched:
        by_file[result.path].append(result)
    for path, results in by_file.items():
        lines = [str(result.row.line) for result in results]
        more = len(lines) - ROWS_NAMED
        location = Location(path, int(lines[0]))
        if more > 0:
            named = ", ".join(lines[:ROWS_NAMED])  # "rows 4, 9, 12 and 37 more"
            yield found(location, "PS615_more", count=len(lines), rows=named, more=more)
        else:
            yield found(location, "PS615", count=len(lines), rows=Names(tuple(lines)))


RULES = (
    unreadable_file,
    unreadable_value,
    result_before_post,
    published_without_result,
    unmatched_rows,
)
