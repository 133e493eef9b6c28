"""Expands posts and their `repeat` rules into dated occurrences.

The site's calendar, the plan checks and the exports count occurrences; the
feeds keep the rule itself (RRULE) and let calendar apps expand it. Both
follow RFC 5545: COUNT counts before exceptions are removed, and a repeated
time stays at the same wall-clock time across daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from itertools import takewhile
from typing import Literal

from dateutil import rrule

from generator.model.entities import WEEKDAYS, Plan, Post, Repeat

FREQUENCIES: dict[str, Literal[1, 2, 3]] = {
    "day": rrule.DAILY,
    "week": rrule.WEEKLY,
    "month": rrule.MONTHLY,
}
_RRULE_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True)
class Occurrence:
    post: Post
    day: date
    start: datetime | None  # aware; None for an all-day post

    @property
    def sort_key(self) -> tuple[date, int, str]:
        """Day, then wall-clock minute (all-day posts first), then post id."""
        minute = self.start.hour * 60 + self.start.minute if self.start else -1
        return self.day, minute, self.post.id


def occurrence_days(post: Post, last: date) -> list[date]:
    """The local dates the post falls on, up to `last` for rules without an end."""
    if post.repeat is None:
        return [post.date] if post.date <= last else []
    return list(_repeated_days(post.repeat, post.date, last))


@lru_cache(maxsize=1 << 14)
def _repeated_days(repeat: Repeat, first: date, last: date) -> tuple[date, ...]:
    """Kept for the next call: the preview expands every rule again after each edit,
    and dateutil took a third of a rebuild's checks doing it."""
    exceptions = set(repeat.exceptions)
    days = (moment.date() for moment in _rule(repeat, first, last))
    # A rule with a count runs past `last`: stop there rather than expand it all.
    return tuple(day for day in takewhile(lambda day: day <= last, days) if day not in exceptions)


def occurrences_of(post: Post, last: date) -> list[Occurrence]:
    return [
        Occurrence(post, day, _local(day, post.time, post) if post.time else None)
        for day in occurrence_days(post, last)
    ]


def plan_occurrences(posts: Iterable[Post], first: date, last: date) -> list[Occurrence]:
    """Every occurrence between `first` and `last` (inclusive), in date and time order."""
    found = [
        occurrence
        for post in posts
        for occurrence in occurrences_of(post, last)
        if occurrence.day >= first
    ]
    return sorted(found, key=lambda o: o.sort_key)


def first_calendar_day(plan: Plan) -> date:
    """The calendar's first day: the plan's start, or an earlier post's date."""
    return min([plan.period.start, *(post.date for post in plan.posts)])


def last_calendar_day(plan: Plan) -> date:
    """The calendar's last day: the plan's end, or a later post's first date."""
    return max([plan.period.end, *(post.date for post in plan.posts)])


def calendar_occurrences(plan: Plan) -> list[Occurrence]:
    """Every occurrence the calendar shows, from its first day to its last, in date
    and time order."""
    return plan_occurrences(plan.posts, first_calendar_day(plan), last_calendar_day(plan))


def counted_per_channel(occurrences: Iterable[Occurrence]) -> list[tuple[Occurrence, str]]:
    """(occurrence, channel id) of the posts that reach the audience, once per channel:
    what the content mix and the cadence count."""
    return [
        (occurrence, channel_id)
        for occurrence in occurrences
        if occurrence.post.counted
        for channel_id in occurrence.post.channels
    ]


def _rule(repeat: Repeat, first: date, last: date) -> rrule.rrule:
    until = repeat.until
    if until is None and repeat.count is None:
        until = last
    return rrule.rrule(
        FREQUENCIES[repeat.every],
        dtstart=datetime.combine(first, time()),
        interval=repeat.interval,
        byweekday=[_RRULE_DAYS[WEEKDAYS.index(day)] for day in repeat.on] or None,
        count=repeat.count,
        until=datetime.combine(min(until, last), time()) if until else None,
    )


def _local(day: date, at: time, post: Post) -> datetime:
    return datetime.combine(day, at, tzinfo=post.timezone)
