"""Which post each row of a results export measured, by three rules, surest first.

1. `published`: the post records where it went live (`published: {url, id}`,
   or one `{url, id}` per channel), and the row's Post ID, or its permalink,
   is that. Addresses are compared without scheme, `www.`, query, fragment
   and final slash, the host in any case: `http://facebook.com/x/posts/1`
   is `https://www.facebook.com/x/posts/1/?ref=share`.
2. `utm_content`: the row's utm_content (or a plansite CSV's `post`) is the
   post's id, and its utm_campaign, when the row has one, is the campaign
   value the post's links carry (model/utm.utm_campaign).
3. `time`: a post scheduled or published on the row's channel (the one it
   names, else any of the plan's channels on its network) with an occurrence
   within two hours of the row's publish time, edges included; the nearest
   wins. A guess, which the pages show as one. Posts without a time are
   never guessed.

The channel a row is counted on: the channel its `published` entry is under;
else the row's own channel (or its network's) among the post's; else the
post's only channel. A row that says no channel nor network (Google
Analytics, Plausible) of a post on several channels measures the post as a
whole: its channel is "" and it counts in the post's totals, on no channel.
A row that names a channel, or a network, the post is not on is not matched
by its utm_content: an id copied into a post made elsewhere. It stays
unmatched (PS615 lists it) unless the time rule finds a post.

The occurrence of a repeated post a row measured: for the time rule the one
guessed; for the others the latest on or before the day the row was
published (else the day it is for); a row dated before the first is counted
on the first, and PS612 reports it.

A row no rule matches stays unmatched: exports hold posts made outside the
plan, and a campaign's totals, which goals may still count.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from generator.load.results.result_rows import ResultFile, ResultRow
from generator.model.entities import COUNTED_STATUSES, Plan, Post
from generator.model.occurrences import last_calendar_day, occurrence_days, occurrences_of
from generator.model.results import MatchedResult, PlanResults, UnmatchedResult, channels_of_row
from generator.model.utm import utm_campaign

GUESS_WITHIN = timedelta(hours=2)
_WITHIN_SECONDS = GUESS_WITHIN.total_seconds()

# A post occurrence's start, for the time rule: (POSIX timestamp, post id, day).
# Timestamps, not aware datetimes: comparing datetimes of two zones asks each
# zone its offset, and 100,000 rows make millions of comparisons.
Moment = tuple[float, str, date]


def results_from_files(plan: Plan, files: Iterable[ResultFile], zone: ZoneInfo) -> PlanResults:
    """Every row of `files` matched to a post occurrence, or left unmatched.
    `zone` is the plan's time zone, in which times written without one are read."""
    files = tuple(files)
    match = _Matcher(plan, zone)
    matched: list[MatchedResult] = []
    unmatched: list[UnmatchedResult] = []
    for file in files:
        for row in file.rows:
            found = match.row(row, file)
            if found is None:
                unmatched.append(UnmatchedResult(row, file.path))
            else:
                matched.append(found)
    return PlanResults(files, tuple(matched), tuple(unmatched))


def comparable_address(url: str) -> str:
    """A permalink as compared: without scheme, `www.`, query, fragment and final
    slash, its host in lower case (a path may tell posts apart by case, as
    Instagram's do)."""
    bare = url.strip().split("#", 1)[0].split("?", 1)[0].rstrip("/")
    if not bare:
        return ""
    rest = bare.split("://", 1)[-1]
    host, slash, path = rest.partition("/")
    return host.lower().removeprefix("www.") + slash + path


class _Matcher:
    """The plan indexed once for the three rules: by published id and address, by
    post id, and each channel's occurrence times in order."""

    def __init__(self, plan: Plan, zone: ZoneInfo) -> None:
        self.plan, self.zone = plan, zone
        self.last = last_calendar_day(plan)
        self.posts = {post.id: post for post in plan.posts}
        self.days: dict[str, list[date]] = {}  # each post's occurrence days, once asked
        self.campaigns: dict[str, str] = {}  # each post's utm_campaign, once asked
        self.networks = {channel.id: channel.network for channel in plan.channels}
        self.by_id, self.by_address = _published_index(plan.posts)
        self.times = _channel_moments(plan.posts, self.last)
        self.starts = {channel: [m[0] for m in moments] for channel, moments in self.times.items()}
        self.row_channels: dict[tuple[str, str], list[str]] = {}

    def row(self, row: ResultRow, file: ResultFile) -> MatchedResult | None:
        """The row's match by the surest rule that has the clue it needs."""
        found = None
        if row.platform_id or row.url:
            found = self._published(row, file)
        if found is None and row.post:
            found = self._by_post_id(row, file)
        if found is None and row.published_at is not None:
            found = self._guessed(row, file)
        return found

    def _published(self, row: ResultRow, file: ResultFile) -> MatchedResult | None:
        place = self.by_id.get(row.platform_id.strip()) if row.platform_id else None
        if place is None and row.url:
            place = self.by_address.get(comparable_address(row.url))
        if place is None:
            return None
        post, channel = place
        channel = channel or self._channel_among(post, row) or _only_channel(post)
        return self._result(row, file, post, channel, "published")

    def _by_post_id(self, row: ResultRow, file: ResultFile) -> MatchedResult | None:
        post = self.posts.get(row.post.strip()) if row.post else None
        if post is None or not self._same_campaign(row, post):
            return None
        if row.channel or row.network:
            channel = self._channel_among(post, row)
            if not channel:
                return None  # the row is from a channel the post is not on
        else:
            channel = _only_channel(post)
        return self._result(row, file, post, channel, "utm_content")

    def _same_campaign(self, row: ResultRow, post: Post) -> bool:
        if not row.campaign:
            return True
        if post.id not in self.campaigns:
            self.campaigns[post.id] = utm_campaign(self.plan, post)
        return row.campaign.strip() == self.campaigns[post.id]

    def _guessed(self, row: ResultRow, file: ResultFile) -> MatchedResult | None:
        if row.published_at is None:
            return None
        moment = row.published_at.replace(tzinfo=self.zone).timestamp()
        for channel in self._channels_of(row):
            near = _nearest(self.times.get(channel, []), self.starts.get(channel, []), moment)
            if near is not None:
                _, post_id, day = near
                return MatchedResult(row, file.path, post_id, channel, day, "time")
        return None

    def _channels_of(self, row: ResultRow) -> list[str]:
        """The plan's channels the row may be from: the one it names, else those on
        its network."""
        key = (row.channel, row.network)
        if key not in self.row_channels:
            self.row_channels[key] = channels_of_row(row, self.networks)
        return self.row_channels[key]

    def _channel_among(self, post: Post, row: ResultRow) -> str:
        """The first of the post's channels the row may be from; "" for none."""
        possible = self._channels_of(row)
        return next((channel for channel in post.channels if channel in possible), "")

    def _result(
        self, row: ResultRow, file: ResultFile, post: Post, channel: str, rule: str
    ) -> MatchedResult:
        return MatchedResult(row, file.path, post.id, channel, self._measured_day(post, row), rule)

    def _measured_day(self, post: Post, row: ResultRow) -> date:
        """The occurrence a row measures: the latest one not after the day it was
        published (else the day it is for), else the first (a result dated before
        its post, which PS612 reports)."""
        if post.id not in self.days:
            self.days[post.id] = occurrence_days(post, self.last)
        days = self.days[post.id]
        seen = row.published_at.date() if row.published_at else row.day
        if seen is None or not days:
            return post.date
        at = bisect.bisect_right(days, seen)
        return days[at - 1] if at else days[0]


def _only_channel(post: Post) -> str:
    """The post's channel when it has one; "" (the post as a whole) when several."""
    return post.channels[0] if len(post.channels) == 1 else ""


def _published_index(
    posts: Iterable[Post],
) -> tuple[dict[str, tuple[Post, str]], dict[str, tuple[Post, str]]]:
    """(post, channel) by the network's id of a post and by its comparable address;
    the first post that records one keeps it."""
    by_id: dict[str, tuple[Post, str]] = {}
    by_address: dict[str, tuple[Post, str]] = {}
    for post in posts:
        for place in post.published:
            if place.id.strip():
                by_id.setdefault(place.id.strip(), (post, place.channel))
            address = comparable_address(place.url)
            if address:
                by_address.setdefault(address, (post, place.channel))
    return by_id, by_address


def _channel_moments(posts: Iterable[Post], last: date) -> dict[str, list[Moment]]:
    """Each channel's occurrence starts of the posts that go live (scheduled or
    published, with a time), in time order."""
    times: defaultdict[str, list[Moment]] = defaultdict(list)
    for post in posts:
        if post.time is None or post.status not in COUNTED_STATUSES:
            continue
        for occurrence in occurrences_of(post, last):
            if occurrence.start is not None:
                start = occurrence.start.timestamp()
                for channel in post.channels:
                    times[channel].append((start, post.id, occurrence.day))
    for moments in times.values():
        moments.sort()
    return dict(times)


def _nearest(moments: list[Moment], starts: list[float], moment: float) -> Moment | None:
    """The occurrence nearest `moment` within GUESS_WITHIN (edges included); of two
    as near, the earlier. `starts` are the moments' timestamps, to search."""
    at = bisect.bisect_left(starts, moment - _WITHIN_SECONDS)
    best: Moment | None = None
    while at < len(moments) and starts[at] <= moment + _WITHIN_SECONDS:
        candidate = moments[at]
        if best is None or abs(candidate[0] - moment) < abs(best[0] - moment):
            best = candidate
        at += 1
    return best
