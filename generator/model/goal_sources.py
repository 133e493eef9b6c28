"""A goal's values computed from the results files, as its metric's `source` names them.

Every row of the results counts, matched to a post or not: a GA4 row with
a campaign but no utm_content is a campaign's total, which a goal on that
campaign still counts. A row counts for the campaigns and channels the
source names (all when it names none):

- a row matched to a post counts for the post's campaign and the channel it
  was matched on (a row that names no channel, of a post on several, for
  each of the post's channels);
- any other row for the campaign whose utm_campaign it gives (model/utm.py)
  and the channel it names, else the channels of its network.

The rows of each period (an ISO week from Monday, or a month) become one
point: their sum, their mean, or the values of the period's latest day
added up (`last`: one a channel, for followers). A point is dated the
period's last day, or the last day the results cover when they stop
earlier: a point is never drawn beyond what was measured, and a goal is
judged on the days measured so far. Rows before the goal's start do not
count: its baseline is the value then.

What a point means follows the metric's `values` (model/pace.py): for a
`per_period` metric each point is what its period added, and the measured
value is their running total from the baseline; for a `total` metric each
point is the metric's value for its period (with `sum`, "sessions per
month"), compared with the target as such.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from generator.load.results.result_rows import ResultRow
from generator.model.entities import Goal, Plan, ProgressPoint
from generator.model.pace import goal_start
from generator.model.results import MetricSource, PlanResults, channels_of_row
from generator.model.utm import campaign_utm


def goals_with_results(plan: Plan) -> tuple[Goal, ...]:
    """The plan's goals, each one whose metric has a source given its computed series."""
    return tuple(
        replace(goal, computed=computed_progress(goal, plan))
        if goal.metric and goal.metric.source
        else goal
        for goal in plan.goals
    )


def computed_progress(goal: Goal, plan: Plan) -> tuple[ProgressPoint, ...]:
    """One point a period that has results, in date order; () without a source."""
    source = goal.metric.source if goal.metric else None
    covered = covered_until(plan.results)
    if source is None or covered is None:
        return ()
    start = goal_start(goal, plan)
    by_period: defaultdict[date, list[tuple[date, float]]] = defaultdict(list)
    for row in counted_rows(source, plan):
        if row.day is not None and row.day >= start:
            by_period[period_end(row.day, source.every)].append(
                (row.day, row.metrics[source.metric])
            )
    return tuple(
        ProgressPoint(min(end, covered), aggregated(values, source.aggregate))
        for end, values in sorted(by_period.items())
    )


def counted_rows(source: MetricSource, plan: Plan) -> Iterator[ResultRow]:
    """The rows of every results file that give the source's metric and count for
    its campaigns and channels."""
    networks = {channel.id: channel.network for channel in plan.channels}
    campaigns, channels = set(source.campaigns), set(source.channels)
    utm_values = {campaign_utm(plan.campaign(campaign)) for campaign in campaigns}
    posts = {post.id: post for post in plan.posts}
    for result in plan.results.matched:
        if source.metric not in result.row.metrics:
            continue
        if campaigns and posts[result.post].campaign not in campaigns:
            continue
        # A row whose file names no channel (GA4's) of a post on several channels
        # counts when one of them is the goal's: the visits came from the post.
        on = (result.channel,) if result.channel else posts[result.post].channels
        if channels and not channels.intersection(on):
            continue
        yield result.row
    for unmatched in plan.results.unmatched:
        row = unmatched.row
        if source.metric not in row.metrics:
            continue
        if campaigns and row.campaign not in utm_values:
            continue
        if channels and not channels.intersection(channels_of_row(row, networks)):
            continue
        yield row


def period_end(day: date, every: str) -> date:
    """The last day of the period `day` is in: the Sunday of its ISO week, or
    the last day of its month."""
    if every == "week":
        return day + timedelta(days=6 - day.weekday())
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def aggregated(values: list[tuple[date, float]], how: str) -> float:
    """A period's (day, value) rows as one value: their sum, their mean, or the
    values of the latest day added up (`last`)."""
    numbers = [value for _, value in values]
    if how == "mean":
        return sum(numbers) / len(numbers)
    if how == "last":
        latest = max(day for day, _ in values)
        return sum(value for day, value in values if day == latest)
    return sum(numbers)


def covered_until(results: PlanResults) -> date | None:
    """The last day the results cover: the latest end of a file's period (GA4
    says it) or row day; None without a row."""
    ends = [row.day for file in results.files for row in file.rows if row.day]
    ends += [file.period[1] for file in results.files if file.rows and file.period]
    return max(ends, default=None)


def metrics_found(results: PlanResults) -> tuple[str, ...]:
    """The metrics the results files give, sorted: what a source may name."""
    rows = (row for file in results.files for row in file.rows)
    return tuple(sorted({name for row in rows for name in row.metrics}))


def campaigns_found(plan: Plan) -> tuple[str, ...]:
    """The campaigns the results are for, sorted: the plan's campaign ids of the
    matched posts, and the utm_campaign of the other rows."""
    post_campaigns = {post.id: post.campaign for post in plan.posts}
    found = {post_campaigns.get(result.post, "") for result in plan.results.matched}
    found |= {unmatched.row.campaign for unmatched in plan.results.unmatched}
    return tuple(sorted(found - {""}))
