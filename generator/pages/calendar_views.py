"""What the calendar's pages show, made once per render: its months, each channel's
colours, the key dates on the grid, and the writers of the grid, of the
controls around it and of the posts' details (`calendar` in the templates)."""

from __future__ import annotations

from datetime import date, time
from functools import cached_property

from markupsafe import Markup

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.channel_colours import ChannelColours, channel_colours
from generator.model.key_dates import key_dates_between
from generator.model.occurrences import Occurrence, first_calendar_day, last_calendar_day
from generator.pages.calendar_controls import MonthControls
from generator.pages.calendar_data_scripts import details_address
from generator.pages.calendar_grid import MonthGrid
from generator.pages.calendar_months import (
    MONTH_PATH,
    CalendarMonth,
    calendar_months,
    month_key,
    month_path,
    posts_path,
)
from generator.pages.channel_stylesheet import channel_stylesheet
from generator.pages.page_context import PageContext
from generator.pages.post_details import PostDetails
from generator.pages.publication_attributes import publication_attributes


class CalendarViews:
    def __init__(self, context: PageContext, t: Translator) -> None:
        self._context = context
        self._t = t
        self.plan = context.plan
        self.months = calendar_months(context.plan, context.occurrences)
        self._by_first_day = {month.first_day: month for month in self.months}
        short_names = {key: colours.short_name for key, colours in self.colours.items()}
        key_dates = key_dates_between(
            self.plan, context.config, first_calendar_day(self.plan), last_calendar_day(self.plan)
        )
        addresses = self._addresses = context.addresses
        self.grid = MonthGrid(self.plan, t, short_names, key_dates, addresses)
        self.controls = MonthControls(self.plan, t, short_names, addresses)
        self.details = PostDetails(self.plan, t, addresses)

    @cached_property
    def colours(self) -> dict[str, ChannelColours]:
        return channel_colours(self.plan.channels)

    def stylesheet(self) -> bytes:
        return channel_stylesheet(self.plan, self.colours)

    def month(self, first_day: date) -> CalendarMonth:
        return self._by_first_day[first_day]

    @property
    def month_keys(self) -> str:
        """Every month's YYYY-MM, space-separated: where the script's "today" may go."""
        return " ".join(month.key for month in self.months)

    @staticmethod
    def publications(month: CalendarMonth) -> int:
        """The month's publications: each occurrence once per channel, as on its grid."""
        return sum(len(occurrence.post.channels) for occurrence in month.occurrences)

    def opening_month(self) -> CalendarMonth:
        """The month the calendar opens on: the plan's today's, else the first."""
        return self._by_first_day.get(self.plan.today.replace(day=1), self.months[0])

    @staticmethod
    def attributes(occurrence: Occurrence, channel: str) -> Markup:
        """The contract's data-* attributes of one publication (publication_attributes.py)."""
        return Markup(publication_attributes(occurrence.day.isoformat(), channel, occurrence.post))

    def post_address(self, post: m.Post) -> str:
        """The post's details from the site's root (a folder or a file, as the site is)."""
        return details_address(post, self._addresses)

    def day_address(self, day: date) -> str:
        """The day on its month's page, from the site's root."""
        return self._addresses.address(month_path(day), f"d-{day.isoformat()}")

    @property
    def month_address_template(self) -> str:
        """Any month page from the site's root, `{month}` standing for its YYYY-MM:
        for the script that lists the overview's coming posts again and links on
        to the month of the first it leaves out."""
        return self._addresses.address(MONTH_PATH)

    @staticmethod
    def posts_path(month: CalendarMonth) -> str:
        return posts_path(month.first_day)

    def posts_first_in(self, month: CalendarMonth) -> list[m.Post]:
        """The posts whose first date falls in the month, by date, time and id:
        their details are on its page."""
        return self._posts_by_month.get(month.key, [])

    @cached_property
    def _posts_by_month(self) -> dict[str, list[m.Post]]:
        grouped: dict[str, list[m.Post]] = {}
        ordered = sorted(
            self.plan.posts, key=lambda p: (p.date, p.time is not None, p.time or time(0), p.id)
        )
        for post in ordered:
            grouped.setdefault(month_key(post.date), []).append(post)
        return grouped
