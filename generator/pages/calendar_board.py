"""The board's cards: every post once, in a column by its status, and the ideas
that wait for a date at the top of the ideas.

The board answers "where does each post stand?", so it shows posts, not
occurrences: a post repeated every week is one card, dated by its first day.
A column can hold thousands of posts (the 10k-post benchmark plan has
thousands scheduled), more than anyone reads on one page and more than a
page should weigh: each column shows the posts nearest the plan's "today"
and counts the others, which the calendar's month pages list in full.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from generator.model import entities as m
from generator.model.backlog import Idea
from generator.pages.calendar_months import posts_path

# The way a post goes, one column each; cancelled posts are folded away below.
WORKFLOW = m.POST_STATUSES[:-1]
FOLDED = m.POST_STATUSES[-1]
# Cards a column shows: a month of daily posts either side of today, and a
# 10k-post plan's board far under 1 MB.
SHOWN_PER_COLUMN = 60


@dataclass(frozen=True)
class Card:
    """A post or an undated idea, as the board shows it."""

    id: str
    title: str
    channels: tuple[str, ...]
    status: str
    day: date | None  # the post's first day; None for an idea without a date
    type: str = ""
    campaign: str = ""
    owner: str = ""
    repeat: m.Repeat | None = None
    minute: int = -1  # of the day, for the order of one day's cards; -1 all day
    details: str = ""  # the docs path of the page describing the post; none for an idea


@dataclass(frozen=True)
class Column:
    """One status's cards: those shown, and how many of each kind are not."""

    status: str
    cards: tuple[Card, ...]
    total: int
    hidden_dated: int = 0  # listed by the calendar's month pages
    hidden_undated: int = 0  # listed by the backlog


def card_from_post(post: m.Post) -> Card:
    return Card(
        id=post.id,
        title=post.title,
        channels=post.channels,
        status=post.status,
        day=post.date,
        type=post.type,
        campaign=post.campaign,
        owner=post.owner,
        repeat=post.repeat,
        minute=post.time.hour * 60 + post.time.minute if post.time else -1,
        details=posts_path(post.date),
    )


def card_from_idea(idea: Idea) -> Card:
    return Card(
        id=idea.id,
        title=idea.title,
        channels=idea.channels,
        status="idea",
        day=None,
        type=idea.type,
        campaign=idea.campaign,
        owner=idea.owner,
    )


def board_from_plan(
    posts: Iterable[m.Post],
    backlog: Sequence[Idea],
    today: date,
    shown: int = SHOWN_PER_COLUMN,
) -> list[Column]:
    """The workflow's columns, then the cancelled posts' (folded on the page).

    Published posts are what is behind us: their column shows the latest
    first. The others show what comes next, in date order.
    """
    by_status: dict[str, list[Card]] = {status: [] for status in (*WORKFLOW, FOLDED)}
    for post in posts:
        by_status[post.status].append(card_from_post(post))
    columns = []
    for status, cards in by_status.items():
        cards.sort(key=_date_order)
        if status == "published":
            chosen = nearest_today(cards, today, shown, looking_back=True)[::-1]
        else:
            chosen = nearest_today(cards, today, shown, looking_back=False)
        undated = [card_from_idea(idea) for idea in backlog] if status == "idea" else []
        columns.append(
            Column(
                status,
                tuple(undated[:shown] + chosen),
                len(undated) + len(cards),
                hidden_dated=len(cards) - len(chosen),
                hidden_undated=max(len(undated) - shown, 0),
            )
        )
    return columns


def nearest_today(cards: Sequence[Card], today: date, shown: int, looking_back: bool) -> list[Card]:
    """Up to `shown` of the date-ordered `cards`, in date order: those from today on
    (or, `looking_back`, up to today), then as many of the nearest on the other
    side as there is room for, so that a late draft still shows."""
    if looking_back:
        split = bisect_right(cards, today, key=_day)
        behind = list(cards[max(split - shown, 0) : split])
        return behind + list(cards[split : split + shown - len(behind)])
    split = bisect_left(cards, today, key=_day)
    ahead = list(cards[split : split + shown])
    room = shown - len(ahead)
    return list(cards[max(split - room, 0) : split]) + ahead


def _day(card: Card) -> date:
    assert card.day is not None  # only dated posts are placed in time
    return card.day


def _date_order(card: Card) -> tuple[date, int, str]:
    """Day, then time (all-day posts first), then id: the order of the calendar."""
    return _day(card), card.minute, card.id
