"""The board and the backlog as HTML, written here rather than by macros.

Like the long tables (html_rows.py), they grow with the posts and are kept
out of Markdown (table_stash.py): every plan text is escaped by markupsafe,
and every card carries the data-* attributes of the calendar's occurrences
(docs path calendar/YYYY-MM.md), per post: filters, tests and a team's own
CSS read the board the way they read the month pages.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from markupsafe import Markup, escape

from generator.diagnostics import Location
from generator.i18n import Translator
from generator.model import entities as m
from generator.model.backlog import Idea
from generator.pages.calendar_board import FOLDED, Card, Column
from generator.pages.calendar_months import MONTH_PATH
from generator.pages.post_details import repeat_wording
from generator.pages.publication_attributes import publication_attributes
from generator.pages.site_map import SERVED, SiteAddresses

BACKLOG_ANCHOR = "backlog"  # the id calendar_board.md.j2 gives the backlog's heading


def _h(value: object) -> str:
    return str(escape(value))


class BoardMarkup:
    """The board's columns and the backlog's table, for one page."""

    def __init__(
        self,
        plan: m.Plan,
        t: Translator,
        short_names: Mapping[str, str],
        root: str,
        calendar_month: str,
        addresses: SiteAddresses = SERVED,
    ) -> None:
        """`short_names` by channel id (IG, FB...); `calendar_month` (YYYY-MM) is the
        month page that a column's "and N more" opens, filtered by the column's
        status; `root` the way from the page to the site's root, and `addresses`
        how the links go on from there."""
        self._plan = plan
        self._t = t
        self._short_names = short_names
        self._root = root
        self._calendar_month = calendar_month
        self._addresses = addresses

    def board(self, columns: Iterable[Column]) -> Markup:
        """The workflow's columns side by side, then the cancelled posts folded away."""
        parts = ['<div class="ps-board">\n']
        folded = []
        for column in columns:
            if column.status == FOLDED:
                folded.append(column)
            else:
                parts.append(self._column(column))
        parts.append("</div>\n")
        parts += [self._folded(column) for column in folded]
        return Markup("".join(parts))

    def backlog(self, ideas: Iterable[Idea]) -> Markup:
        """One row per idea waiting for a date, with where the plan holds it."""
        t = self._t
        headings = (
            t("title"),
            t("channels"),
            t("type"),
            t("campaign"),
            t("owner"),
            t("backlog_where"),
        )
        rows = [
            '<div class="ps-backlog"><table>\n<thead><tr>',
            *(f"<th>{_h(heading)}</th>" for heading in headings),
            "</tr></thead>\n<tbody>\n",
        ]
        plan_file = self._plan.source.path
        for idea in ideas:
            kind = self._plan.content_type(idea.type).name if idea.type else ""
            rows.append(
                f'<tr id="{BACKLOG_ANCHOR}-{_h(idea.id)}"><td>{_h(idea.title)}</td>'
                f"<td>{self._channel_links(idea.channels)}</td><td>{_h(kind)}</td>"
                f"<td>{self._campaign_link(idea.campaign)}</td><td>{self._owner(idea.owner)}</td>"
                f"<td><code>{_h(file_and_line(idea.source, plan_file))}</code></td></tr>\n"
            )
        rows.append("</tbody></table></div>\n")
        return Markup("".join(rows))

    # -- columns -----------------------------------------------------------------

    def _column(self, column: Column) -> str:
        status = _h(column.status)
        return (
            f'<div class="ps-board__column ps-board__column--{status}" data-status="{status}">\n'
            f'<h2 class="ps-board__heading">{self._heading(column)}</h2>\n'
            f"{self._cards(column)}</div>\n"
        )

    def _folded(self, column: Column) -> str:
        status = _h(column.status)
        return (
            f'<details class="ps-board__folded ps-board__column--{status}" '
            f'data-status="{status}">\n<summary>{self._heading(column)}</summary>\n'
            f"{self._cards(column)}</details>\n"
        )

    def _heading(self, column: Column) -> str:
        name = _h(self._t("board_column_" + column.status))
        return f'{name} <span class="ps-board__count">{_h(self._t.number(column.total))}</span>'

    def _cards(self, column: Column) -> str:
        if not column.cards:
            return f'<p class="ps-board__empty">{_h(self._t("board_empty"))}</p>\n'
        parts = ['<ul class="ps-board__cards">\n', *map(self._card, column.cards), "</ul>\n"]
        if column.hidden_undated:
            parts.append(
                self._more(column.hidden_undated, "board_more_backlog", f"#{BACKLOG_ANCHOR}")
            )
        if column.hidden_dated:
            month_page = MONTH_PATH.format(month=self._calendar_month)
            month = self._href(month_page) + f"?status={_h(column.status)}"
            parts.append(self._more(column.hidden_dated, "board_more_calendar", month))
        return "".join(parts)

    def _more(self, count: int, key: str, href: str) -> str:
        text = self._t(key, count=count, number=self._t.number(count))
        return f'<p class="ps-board__more"><a href="{href}">{_h(text)}</a></p>\n'

    # -- cards -------------------------------------------------------------------

    def _card(self, card: Card) -> str:
        status = _h(card.status)
        day = card.day.isoformat() if card.day else ""
        attributes = publication_attributes(day, " ".join(card.channels), card)
        return (
            f'<li class="ps-card ps-card--{status}"{attributes}>'
            f'<span class="ps-card__when">{self._when(card)}</span>'
            f'<span class="ps-card__channels">{self._chips(card.channels)}</span>'
            f'<a class="ps-card__title" href="{self._details(card)}">{_h(card.title)}</a>'
            f'<span class="ps-card__owner">{self._card_owner(card.owner)}</span></li>\n'
        )

    def _when(self, card: Card) -> str:
        if card.day is None:
            return f'<span class="ps-card__undated">{_h(self._t("board_no_date"))}</span>'
        day = _h(self._t.date(card.day, "medium"))
        if card.repeat is None:
            return day
        rule = _h(self._t("repeats_every", every=repeat_wording(card.repeat, self._t)))
        return f'{day} <span class="ps-card__repeat">{rule}</span>'

    def _details(self, card: Card) -> str:
        """Where the post's details are, or the backlog's row for an undated idea."""
        if not card.details:
            return f"#{BACKLOG_ANCHOR}-{_h(card.id)}"
        return self._href(card.details, card.id)

    def _chips(self, channels: Iterable[str]) -> str:
        return " ".join(f"{self._chip(channel)} {_h(channel)}" for channel in channels)

    def _chip(self, channel: str) -> str:
        short = _h(self._short_names.get(channel, ""))
        return f'<span class="ps-chip" data-channel="{_h(channel)}">{short}</span>'

    def _card_owner(self, owner: str) -> str:
        if owner:
            return _h(self._t("label_value", label=self._t("owner"), value=owner))
        return self._owner(owner)

    def _owner(self, owner: str) -> str:
        if owner:
            return _h(owner)
        return f'<span class="ps-missing">{_h(self._t("no_owner"))}</span>'

    # -- links -------------------------------------------------------------------

    def _channel_links(self, channels: Iterable[str]) -> str:
        return ", ".join(
            f'{self._chip(channel)} <a href="{self._href(f"channels/{channel}.md")}">'
            f"{_h(channel)}</a>"
            for channel in channels
        )

    def _campaign_link(self, campaign_id: str) -> str:
        if not campaign_id:
            return ""
        name = _h(self._plan.campaign(campaign_id).name)
        return f'<a href="{self._href(f"campaigns/{campaign_id}.md")}">{name}</a>'

    def _href(self, path: str, fragment: str = "") -> str:
        """The href of docs page `path` (and its `#fragment`) from this page."""
        return _h(self._root + self._addresses.address(path, fragment))


def file_and_line(location: Location, plan_file: Path) -> str:
    """Where an item is written, as the plan's repository names it (`plan/calendar/
    q1.yml:13`, from the folder that holds the plan's folder): the same page from
    whichever folder the site is built, and no path of the machine that built it."""
    repository = plan_file.parent.parent
    shown = Path(os.path.relpath(location.path, repository)).as_posix()
    return f"{shown}:{location.line}" if location.line else shown
