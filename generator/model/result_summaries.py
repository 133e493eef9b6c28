"""What worked: the plan's results summed by post, content type, channel and week,
and campaign, for the results page.

A rate ranking must not be won on three impressions: a post enters the list
by engagement rate only when its reach is at least `REACH_FLOOR` of the
median reach of the posts with a rate (the page says so). The ranking by
sessions needs no floor: a session is already an outcome.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from generator.load.results.result_rows import ResultRow
from generator.model import entities as m
from generator.model.results import MatchedResult, audience, engagement_rate, summed

TOP = 10  # posts in each ranking
REACH_FLOOR = 0.25  # share of the median reach a post needs to be ranked by rate
CAMPAIGN_METRICS = ("reach", "engagements", "clicks", "sessions", "conversions")
WEEKLY_METRICS = ("engagements", "reach", "impressions", "sessions")  # the first present


@dataclass(frozen=True)
class PostResult:
    """A post's results summed over its rows and channels."""

    post: m.Post
    totals: dict[str, float]
    channels: tuple[str, ...]  # the channels its results came from, in plan order
    first_day: date  # the first occurrence measured

    @property
    def rate(self) -> float | None:
        return engagement_rate(self.totals)


@dataclass(frozen=True)
class TypeShare:
    """A content type's share of the measured posts and of what they earned (percent)."""

    type_id: str
    posts: float
    engagements: float | None  # None when no post has the metric
    sessions: float | None
    target: float | None


@dataclass(frozen=True)
class ChannelWeeks:
    """A metric per week (Monday) for one channel, every week of the span present."""

    channel: str
    weeks: tuple[tuple[date, float], ...]


@dataclass(frozen=True)
class CampaignResult:
    campaign: m.Campaign
    totals: dict[str, float]
    posts: int  # posts with results


def post_results(plan: m.Plan) -> list[PostResult]:
    """Every post with results, in the plan's order."""
    found = []
    order = {channel.id: index for index, channel in enumerate(plan.channels)}
    for post in plan.posts:
        results = plan.results.of_post(post.id)
        if results:
            # A row on no channel (GA4's, of a post on several) came from the post's.
            named = {r.channel for r in results if r.channel}
            if any(not r.channel for r in results):
                named.update(post.channels)
            channels = sorted(named, key=lambda c: order.get(c, len(order)))
            first = min(r.day for r in results)
            found.append(PostResult(post, summed(r.row for r in results), tuple(channels), first))
    return found


def rate_floor(posts: list[PostResult]) -> float:
    """The reach a post needs to be ranked by rate: REACH_FLOOR of the median."""
    reaches = [audience(p.totals) for p in posts if p.rate is not None]
    return REACH_FLOOR * median(reaches) if reaches else 0.0


def top_by_rate(posts: list[PostResult]) -> list[PostResult]:
    """The TOP best engagement rates among posts that reached at least the floor."""
    floor = rate_floor(posts)
    ranked = [p for p in posts if p.rate is not None and audience(p.totals) >= floor]
    return sorted(ranked, key=lambda p: (-(p.rate or 0.0), p.first_day, p.post.id))[:TOP]


def top_by_metric(posts: list[PostResult], metric: str) -> list[PostResult]:
    """The TOP posts by a summed metric (sessions), those without it left out."""
    ranked = [p for p in posts if p.totals.get(metric)]
    return sorted(ranked, key=lambda p: (-p.totals[metric], p.first_day, p.post.id))[:TOP]


def type_shares(
    plan: m.Plan, posts: list[PostResult], targets: dict[str, float]
) -> list[TypeShare]:
    """Each content type's share of the posts measured, of their engagements and
    sessions, against its target share of the mix; posts without a type left out."""
    typed = [p for p in posts if p.post.type]
    shares = []
    for content_type in plan.content_types:
        mine = [p for p in typed if p.post.type == content_type.id]
        if not mine and content_type.id not in targets:
            continue
        shares.append(
            TypeShare(
                content_type.id,
                _percent(len(mine), len(typed)) or 0.0,
                _metric_share(mine, typed, "engagements"),
                _metric_share(mine, typed, "sessions"),
                targets.get(content_type.id),
            )
        )
    return shares


def _metric_share(part: list[PostResult], whole: list[PostResult], metric: str) -> float | None:
    total = sum(p.totals.get(metric, 0.0) for p in whole)
    return _percent(sum(p.totals.get(metric, 0.0) for p in part), total)


def _percent(part: float, total: float) -> float | None:
    return 100.0 * part / total if total else None


def weekly_metric(matched: tuple[MatchedResult, ...]) -> str:
    """The metric the weekly charts draw: the first of WEEKLY_METRICS any row has."""
    present = {name for result in matched for name in result.row.metrics}
    return next((name for name in WEEKLY_METRICS if name in present), "")


def weeks_by_channel(plan: m.Plan, metric: str) -> list[ChannelWeeks]:
    """The metric summed per week for each channel with results, every week from
    the first result's to the last one's (a week without results is 0)."""
    sums: defaultdict[str, defaultdict[date, float]] = defaultdict(lambda: defaultdict(float))
    for result in plan.results.matched:
        day = result.row.day or result.day
        sums[result.channel][day - timedelta(days=day.weekday())] += result.row.metrics.get(
            metric, 0.0
        )
    if not sums:
        return []
    mondays = [monday for weeks in sums.values() for monday in weeks]
    first, last = min(mondays), max(mondays)
    span = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    return [
        ChannelWeeks(channel.id, tuple((monday, sums[channel.id][monday]) for monday in span))
        for channel in plan.channels
        if channel.id in sums
    ]


def campaign_results(plan: m.Plan, posts: list[PostResult]) -> list[CampaignResult]:
    """Each campaign's results: its posts' and the rows filed under its utm_campaign
    that no post matched (a GA4 campaign total)."""
    loose_by_value: defaultdict[str, list[ResultRow]] = defaultdict(list)
    for unmatched in plan.results.unmatched:
        if unmatched.row.campaign and not unmatched.row.post:
            loose_by_value[unmatched.row.campaign].append(unmatched.row)
    by_campaign: defaultdict[str, list[PostResult]] = defaultdict(list)
    for post in posts:
        by_campaign[post.post.campaign].append(post)
    found = []
    for campaign in plan.campaigns:
        mine = by_campaign.get(campaign.id, [])
        loose = loose_by_value.get(campaign.utm_campaign or campaign.id, [])
        totals = summed([*(r.row for p in mine for r in plan.results.of_post(p.post.id)), *loose])
        if mine or loose:
            found.append(CampaignResult(campaign, totals, len(mine)))
    return found
