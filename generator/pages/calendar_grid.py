"""A month of the calendar as a grid: seven columns, a cell a day, an element a publication.

The markup is a public contract (docs/calendar.md): each occurrence of a
post on each of its channels is one `a.ps-occ` carrying `data-date`,
`data-channel`, `data-campaign`, `data-status`, `data-type` and
`data-owner`, which the filters, the tests and a team's own CSS rely on.
It is written here rather than in a template for the same reason as
html_rows.py: the busiest month of a large plan holds thousands of them.
Every value from the plan is escaped by markupsafe.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel import Locale
from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.key_dates import KeyDate
from generator.model.occurrences import Occurrence
from generator.pages.calendar_months import (
    CalendarMonth,
    month_path,
    posts_path,
    weekday_names,
    weeks_of_month,
)
from generator.pages.publication_attributes import attributes_after_date
from generator.pages.site_map import SERVED, SiteAddresses


def _h(value: object) -> str:
    return str(escape(value))


class MonthGrid:
    """Writes month grids for one render; the part of an occurrence's element that
    depends only on its post and channel is made once for all its occurrences."""

    def __init__(
        self,
        plan: m.Plan,
        t: Translator,
        short_names: dict[str, str],
        key_dates: Sequence[KeyDate],
        addresses: SiteAddresses = SERVED,
    ) -> None:
        self._plan = plan
        self._addresses = addresses
        self._t = t
        self._short_names = short_names
        self._key_dates = key_dates
        locale = Locale.parse(t.language)
        self._weekend = {
            (locale.weekend_start + n) % 7
            for n in range((locale.weekend_end - locale.weekend_start) % 7 + 1)
        }
        self._post_parts: dict[tuple[int, str], tuple[m.Post, tuple[str, str, str]]] = {}
        # The way from a month page to a month's posts page, by their first days.
        self._ways_to_details: dict[tuple[date, date], str] = {}

    def grid(self, month: CalendarMonth) -> Markup:
        """The month's table: a row a week, a cell a day, the day's publications in it."""
        by_day: dict[date, list[Occurrence]] = {}
        for occurrence in month.occurrences:
            by_day.setdefault(occurrence.day, []).append(occurrence)
        heads = "".join(
            f'<th scope="col" abbr="{_h(full)}">{_h(short)}</th>'
            for short, full in weekday_names(self._t.language)
        )
        rows = []
        for week in weeks_of_month(month, self._t.language):
            cells = "".join(self._cell(day, month, by_day.get(day, ())) for day in week)
            rows.append(f'<tr class="ps-week" data-week="{week[0].isoformat()}">{cells}</tr>\n')
        label = _h(self._t.date(month.first_day, "LLLL yyyy"))
        return Markup(
            f'<table class="ps-grid" aria-label="{label}">\n<thead><tr>{heads}</tr></thead>\n'
            f"<tbody>\n{''.join(rows)}</tbody></table>\n"
        )

    def _cell(self, day: date, month: CalendarMonth, occurrences: Sequence[Occurrence]) -> str:
        iso = day.isoformat()
        inside = month.first_day <= day <= month.last_day
        key_dates = [k for k in self._key_dates if k.start <= day <= k.end] if inside else []
        classes = ["ps-day"]
        classes += [] if inside else ["ps-day--outside"]
        classes += ["ps-day--weekend"] if day.weekday() in self._weekend else []
        classes += sorted({f"ps-day--{k.kind}" for k in key_dates})
        marks = "".join(
            f'<span class="ps-key-date ps-key-date--{_h(k.kind)}">{_h(k.name)}</span>'
            for k in key_dates
        )
        full = _h(self._t.date(day, "EEEE d MMMM"))
        head = (
            f'<div class="ps-day__head"><time class="ps-day__date" datetime="{iso}">'
            f'<span class="ps-day__number">{day.day}</span> '
            f'<span class="ps-day__full">{full}</span></time>{marks}</div>'
        )
        body = self._bands(day) + self._posts(occurrences) if inside else ""
        return f'<td class="{" ".join(classes)}" id="d-{iso}" data-day="{iso}">{head}{body}</td>'

    def _bands(self, day: date) -> str:
        """The campaigns running that day, as a band each."""
        return "".join(
            f'<span class="ps-band" data-campaign="{_h(c.id)}">{_h(c.name)}</span>'
            for c in self._plan.campaigns
            if c.start <= day <= c.end
        )

    def _posts(self, occurrences: Sequence[Occurrence]) -> str:
        """The day's publications: all-day first, then by time (the occurrences' order),
        one element per channel of each."""
        items = [
            self._publication(occurrence, channel_id)
            for occurrence in occurrences
            for channel_id in occurrence.post.channels
        ]
        return f'<ul class="ps-day__posts">{"".join(items)}</ul>' if items else ""

    def _publication(self, occurrence: Occurrence, channel_id: str) -> str:
        post = occurrence.post
        attributes, chip, title = self._post_parts_of(post, channel_id)
        time = ""
        if occurrence.start:
            time = f'<span class="ps-occ__time">{occurrence.start.strftime("%H:%M")}</span> '
        return (
            f'<li><a class="ps-occ" href="{self._href(post, occurrence.day)}"'
            f' data-date="{occurrence.day.isoformat()}"{attributes}>'
            f"{chip}{time}{title}</a></li>"
        )

    def _href(self, post: m.Post, day: date) -> str:
        """The post's details (the posts page of its first month), from the month page
        of `day`: the way between the two pages is made once for the month (the
        busiest month of a large plan links thousands of times)."""
        months = (day.replace(day=1), post.date.replace(day=1))
        way = self._ways_to_details.get(months)
        if way is None:
            way = self._addresses.between(month_path(months[0]), posts_path(months[1]))
            self._ways_to_details[months] = way
        return _h(f"{way}#{post.id}")

    def _post_parts_of(self, post: m.Post, channel_id: str) -> tuple[str, str, str]:
        """The attributes after data-date, the chip and the title: the same for every
        occurrence of the post on that channel."""
        key = (id(post), channel_id)
        made = self._post_parts.get(key)
        if made is None or made[0] is not post:
            made = (post, self._make_post_parts(post, channel_id))
            self._post_parts[key] = made
        return made[1]

    def _make_post_parts(self, post: m.Post, channel_id: str) -> tuple[str, str, str]:
        attributes = attributes_after_date(channel_id, post)
        chip = f'<span class="ps-chip">{_h(self._short_names.get(channel_id, ""))}</span> '
        return attributes, chip, f'<span class="ps-occ__title">{_h(post.title)}</span>'
