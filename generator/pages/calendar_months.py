"""The calendar's months: one page each, from the calendar's first day to its last.

A month page shows the weeks that hold its days, whole: the grid starts on
the first day of the week in the site's language (Monday in French, Sunday
in American English, as Babel's locale data says) and ends on the week's
last day, so the first and last rows hold days of the neighbouring months.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from babel import Locale

from generator.model import entities as m
from generator.model.occurrences import Occurrence, first_calendar_day, last_calendar_day

WEEK = 7


@dataclass(frozen=True)
class CalendarMonth:
    """A month of the calendar, with its occurrences and its neighbours' first days."""

    first_day: date
    occurrences: tuple[Occurrence, ...]
    previous: date | None = None
    next: date | None = None

    @property
    def key(self) -> str:
        """YYYY-MM: the month's folder under calendar/, and its anchor."""
        return month_key(self.first_day)

    @property
    def path(self) -> str:
        """The month page's docs path."""
        return month_path(self.first_day)

    @property
    def last_day(self) -> date:
        return next_month(self.first_day) - timedelta(days=1)


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


# A month page's docs path, `{month}` standing for its YYYY-MM.
MONTH_PATH = "calendar/{month}.md"


def month_path(day: date) -> str:
    return MONTH_PATH.format(month=month_key(day))


def posts_path(day: date) -> str:
    """The docs path of the page describing the posts whose first date is in day's month."""
    return f"calendar/{month_key(day)}/posts.md"


def next_month(first_day: date) -> date:
    return date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)


def calendar_months(plan: m.Plan, occurrences: Iterable[Occurrence]) -> list[CalendarMonth]:
    """Every month from the calendar's first day to its last, those without a post too:
    a month page a stakeholder opens shows it is empty rather than missing."""
    grouped: dict[date, list[Occurrence]] = {}
    for occurrence in occurrences:
        grouped.setdefault(occurrence.day.replace(day=1), []).append(occurrence)
    firsts = month_firsts(plan)
    return [
        CalendarMonth(
            first,
            tuple(grouped.get(first, ())),
            firsts[position - 1] if position else None,
            firsts[position + 1] if position + 1 < len(firsts) else None,
        )
        for position, first in enumerate(firsts)
    ]


def month_firsts(plan: m.Plan) -> list[date]:
    """The first day of each month of the calendar, in order."""
    return list(_firsts_between(first_calendar_day(plan), last_calendar_day(plan)))


def _firsts_between(first: date, last: date) -> Iterator[date]:
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = next_month(month)


def first_weekday(language: str) -> int:
    """The day a week starts on where the site's language is spoken (0 is Monday)."""
    return int(Locale.parse(language).first_week_day)


def weeks_of_month(month: CalendarMonth, language: str) -> list[list[date]]:
    """The month's grid: whole weeks, each of seven days, from the locale's first weekday."""
    start = month.first_day - timedelta(
        days=(month.first_day.weekday() - first_weekday(language)) % WEEK
    )
    weeks = []
    while start <= month.last_day:
        weeks.append([start + timedelta(days=n) for n in range(WEEK)])
        start += timedelta(days=WEEK)
    return weeks


def weekday_names(language: str) -> list[tuple[str, str]]:
    """(abbreviated, full) name of each column's weekday, in the grid's order."""
    locale = Locale.parse(language)
    names = locale.days["format"]
    first = first_weekday(language)
    order = [(first + n) % WEEK for n in range(WEEK)]
    return [(str(names["abbreviated"][day]), str(names["wide"][day])) for day in order]
