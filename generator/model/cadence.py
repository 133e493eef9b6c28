"""Posts a week against a channel's planned cadence (`cadence.posts_per_week`).

What counts is what reaches the audience, once a channel
(occurrences.counted_per_channel: scheduled or published), as for the
content mix and PS501. Weeks run Monday to Sunday, cut to the plan period at
both ends; the cadence asks a cut week for its share of the week's posts, so
a plan starting on a Friday does not look behind in its first three days.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from generator.model.entities import Channel, Period
from generator.model.occurrences import Occurrence, counted_per_channel

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class PostCount:
    """The posts of one channel between two days (inclusive), against what its cadence asks."""

    first: date
    last: date
    posts: int
    planned: float | None  # None for a channel without a cadence

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def planned_posts(self) -> int | None:
        """The cadence's ask in whole posts, rounded half up: 1.5 a week is 6 in April."""
        if self.planned is None:
            return None
        return int(Decimal(self.planned).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def counted_days_by_channel(occurrences: Iterable[Occurrence]) -> dict[str, list[date]]:
    """The days each channel has a post that counts, in date order (once per post and day)."""
    days: dict[str, list[date]] = {}
    for occurrence, channel_id in counted_per_channel(occurrences):
        days.setdefault(channel_id, []).append(occurrence.day)
    for found in days.values():
        found.sort()
    return days


def count_posts(channel: Channel, days: Sequence[date], first: date, last: date) -> PostCount:
    """The channel's posts from `first` to `last`, and the cadence's share of those days."""
    posts = bisect_right(days, last) - bisect_left(days, first)
    per_week = channel.cadence.posts_per_week
    length = (last - first).days + 1
    planned = None if per_week is None else per_week * length / 7
    return PostCount(first, last, posts, planned)


def weekly_post_counts(
    channel: Channel, days_by_channel: Mapping[str, Sequence[date]], period: Period
) -> list[PostCount]:
    """One count a week (Monday to Sunday) over the plan period, cut at its ends."""
    days = days_by_channel.get(channel.id, ())
    counts = []
    monday = period.start - timedelta(days=period.start.weekday())
    while monday <= period.end:
        first, last = max(monday, period.start), min(monday + WEEK - timedelta(days=1), period.end)
        counts.append(count_posts(channel, days, first, last))
        monday += WEEK
    return counts


def month_post_count(
    channel: Channel, days_by_channel: Mapping[str, Sequence[date]], day: date
) -> PostCount:
    """The channel's posts in the calendar month of `day` (the plan's today on the
    overview), against the cadence times the month's weeks (its days / 7)."""
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return count_posts(channel, days_by_channel.get(channel.id, ()), first, last)
