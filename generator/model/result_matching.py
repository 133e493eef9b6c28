"""Which post each row of a results export measured, by three rules, surest first.

1. `published`: the post records where it went live (`published: {url, id}`),
   and the row's Post ID or permalink is that.
2. `utm_content`: the row's utm_content (or a plansite CSV's `post`) is the
   post's id, and its utm_campaign, when the file gives one, the campaign
   value the post's links carry.
3. `time`: the same channel, and published within two hours of one of the
   post's occurrences. A guess, which the pages show as one.

A row no rule matches stays unmatched: exports hold posts made outside the
plan, and a campaign's totals, which goals may still count.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from generator.load.results.result_rows import ResultFile, ResultRow
from generator.model.entities import Plan, Post
from generator.model.occurrences import occurrences_of
from generator.model.results import (
    MatchedResult,
    PlanResults,
    UnmatchedResult,
    channels_of_row,
)
from generator.model.utm import utm_campaign

GUESS_WITHIN = timedelta(hours=2)


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


class _Matcher:
    """The plan indexed once for the three rules: by published id and address, by
    post id, and each channel's occurrence times in order."""

    def __init__(self, plan: Plan, zone: ZoneInfo) -> None:
        self.plan, self.zone = plan, zone
        self.last = max([plan.period.end, *(post.date for post in plan.posts)])
        self.posts = {post.id: post for post in plan.posts}
        self.days: dict[str, list[date]] = {}  # each post's occurrence days, once asked
        self.published: dict[str, tuple[Post, str]] = {}
        for post in plan.posts:
            for place in post.published:
                for key in (place.id, _address(place.url)):
                    if key:
                        self.published.setdefault(key, (post, place.channel))
        self.networks = {channel.id: channel.network for channel in plan.channels}
        self.times: defaultdict[str, list[tuple[datetime, str, date]]] = defaultdict(list)
        for post in plan.posts:
            for occurrence in occurrences_of(post, self.last):
                if occurrence.start is not None:
                    for channel in post.channels:
                        self.times[channel].append((occurrence.start, post.id, occurrence.day))
        for moments in self.times.values():
            moments.sort()

    def row(self, row: ResultRow, file: ResultFile) -> MatchedResult | None:
        for key in (row.platform_id, _address(row.url)):
            if key and key in self.published:
                post, channel = self.published[key]
                return self._result(row, file, post, channel, "published")
        post_by_id = self.posts.get(row.post)
        if post_by_id is not None and self._same_campaign(row, post_by_id):
            return self._result(row, file, post_by_id, "", "utm_content")
        return self._guessed(row, file)

    def _same_campaign(self, row: ResultRow, post: Post) -> bool:
        return not row.campaign or row.campaign == utm_campaign(self.plan, post)

    def _guessed(self, row: ResultRow, file: ResultFile) -> MatchedResult | None:
        if row.published_at is None:
            return None
        moment = row.published_at.replace(tzinfo=self.zone)
        for channel in self._channels_of(row):
            moments = self.times.get(channel, [])
            at = bisect.bisect_left(moments, (moment - GUESS_WITHIN, "", date.min))
            near = [m for m in moments[at : at + 8] if abs(m[0] - moment) <= GUESS_WITHIN]
            if near:
                _, post_id, day = min(near, key=lambda m: abs(m[0] - moment))
                post = self.posts[post_id]
                return MatchedResult(row, file.path, post.id, channel, day, "time")
        return None

    def _channels_of(self, row: ResultRow) -> list[str]:
        """The plan's channels the row may be from: the one it names, else those on
        its network."""
        return channels_of_row(row, self.networks)

    def _result(
        self, row: ResultRow, file: ResultFile, post: Post, channel: str, rule: str
    ) -> MatchedResult:
        if not channel:
            candidates = [c for c in post.channels if c in self._channels_of(row)]
            channel = (candidates or (post.channels if len(post.channels) == 1 else [""]))[0]
        return MatchedResult(row, file.path, post.id, channel, self._measured_day(post, row), rule)

    def _measured_day(self, post: Post, row: ResultRow) -> date:
        """The occurrence a row measures: the latest one not after the row's day, else
        the first (a result dated before its post, which PS612 reports)."""
        if post.id not in self.days:
            self.days[post.id] = [o.day for o in occurrences_of(post, self.last)]
        days = self.days[post.id]
        if row.day is None or not days:
            return post.date
        at = bisect.bisect_right(days, row.day)
        return days[at - 1] if at else days[0]


def _address(url: str) -> str:
    """A permalink as compared: without its scheme, query, fragment and final slash,
    so that `https://www.facebook.com/x/posts/1/?ref=share` is the same post."""
    if not url:
        return ""
    bare = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return bare.split("://", 1)[-1].removeprefix("www.").lower()
