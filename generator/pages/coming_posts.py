"""The overview's coming posts: this week's and the next 30 days', from a given day.

The build lists them from the plan's today, so that the page reads without
JavaScript and says from which date; calendar.js lists them again from the
reader's clock, out of the month scripts (calendar_data_scripts.py), with
the same rules: the ones below, which the list's data-* attributes carry.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from generator.model.occurrences import Occurrence

COMING_DAYS = 30
# A list stops there: a busy plan has thousands of posts in 30 days, and the
# overview is read at a glance. The rest are a link away, in the calendar.
COMING_LIMIT = 50


@dataclass(frozen=True)
class ComingList:
    """The posts from `first` to `last` (both included), once per channel, in time
    order; `more` is how many the list leaves out after its limit."""

    kind: str  # "week" or "days": what calendar.js computes again
    first: date
    last: date
    entries: tuple[tuple[Occurrence, str], ...]  # (occurrence, channel id)
    more: int
    first_left_out: date | None  # where the calendar link of `more` goes
    days: int = COMING_DAYS  # the rules calendar.js follows too (data-days, data-limit)
    limit: int = COMING_LIMIT


def week_end(day: date, first: int) -> date:
    """The last day of the week holding `day`, for weeks that begin on weekday `first`."""
    return day + timedelta(days=(first + 6 - day.weekday()) % 7)


def coming_lists(
    occurrences: Sequence[Occurrence], today: date, first: int
) -> tuple[ComingList, ComingList]:
    """This week's posts from `today` on, and the next 30 days' (today included)."""
    return (
        coming_list("week", occurrences, today, week_end(today, first)),
        coming_list("days", occurrences, today, today + timedelta(days=COMING_DAYS - 1)),
    )


def coming_list(
    kind: str, occurrences: Sequence[Occurrence], first: date, last: date
) -> ComingList:
    """The posts between two days that reach the audience or are on their way: ideas
    and cancelled posts are left out (Post.hidden)."""
    entries: list[tuple[Occurrence, str]] = []
    more, first_left_out = 0, None
    start = bisect_left(occurrences, first, key=lambda occurrence: occurrence.day)
    for occurrence in islice(occurrences, start, None):
        if occurrence.day > last:
            break
        if occurrence.post.hidden:
            continue
        for channel_id in occurrence.post.channels:
            if len(entries) < COMING_LIMIT:
                entries.append((occurrence, channel_id))
            else:
                more += 1
                first_left_out = first_left_out or occurrence.day
    return ComingList(kind, first, last, tuple(entries), more, first_left_out)
