"""The calendar's coming posts as small scripts, one per month, for the browser.

The overview's "this week" and "next 30 days" follow the reader's clock, not
the build's: calendar.js loads the months it needs and lists them. Each month
is a script that adds its list to `window.plansiteMonths`, inserted in the
page with `<script src>`, which works from a site opened as files (file://),
where fetching a JSON file does not.

Titles come from the plan and are data: every value goes through json.dumps
(ensure_ascii, so no character can end the string or the line), never into
the script's text, and `<`, `>` and `&` are written as escapes too, so that
no text can close a <script> element even if a team inlines the file. The
same plan gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from generator.model import entities as m
from generator.model.occurrences import Occurrence
from generator.pages.calendar_months import month_firsts, month_key, posts_path
from generator.pages.site_map import SERVED, SiteAddresses

MONTHS_GLOBAL = "plansiteMonths"  # window.plansiteMonths["2027-03"] (calendar.js reads it)
# Characters of HTML markup, as the JavaScript escapes that mean the same inside a string.
_MARKUP_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def calendar_data_scripts(
    plan: m.Plan, occurrences: Iterable[Occurrence], addresses: SiteAddresses = SERVED
) -> dict[str, bytes]:
    """Every month's script of the plan's calendar, by path relative to the site's
    root; the posts' links written as `addresses` says (folders or files)."""
    months = [month_key(first) for first in month_firsts(plan)]  # a page each
    return data_scripts_from_occurrences(occurrences, months, addresses)


def data_script_path(month: str) -> str:
    """Where the month's script is, relative to the site's root."""
    return f"calendar/{month}/occurrences.js"


def details_address(post: m.Post, addresses: SiteAddresses) -> str:
    """Where the site describes the post, from its root: the posts page of its
    first month, at the post's id."""
    return addresses.address(posts_path(post.date), post.id)


def coming_entries(
    occurrence: Occurrence, addresses: SiteAddresses = SERVED
) -> list[dict[str, str]]:
    """The occurrence once per channel, with what the lists of coming posts show and
    the data-* attributes of the calendar's contract; none for an idea or a
    cancelled post, which such lists leave out."""
    post = occurrence.post
    if post.hidden:
        return []
    common = {
        "date": occurrence.day.isoformat(),
        "time": occurrence.start.strftime("%H:%M") if occurrence.start else "",
    }
    rest = {
        "title": post.title,
        "status": post.status,
        "campaign": post.campaign,
        "type": post.type,
        "owner": post.owner,
        "href": details_address(post, addresses),
    }
    return [{**common, "channel": channel_id, **rest} for channel_id in post.channels]


def data_scripts_from_occurrences(
    occurrences: Iterable[Occurrence], months: Sequence[str], addresses: SiteAddresses = SERVED
) -> dict[str, bytes]:
    """One script per month of `months` (empty ones too, so that the browser finds
    every month it asks for), by path relative to the site's root."""
    by_month: dict[str, list[dict[str, str]]] = {month: [] for month in months}
    for occurrence in occurrences:
        entries = by_month.get(month_key(occurrence.day))
        if entries is not None:
            entries.extend(coming_entries(occurrence, addresses))
    return {data_script_path(month): _script(month, entries) for month, entries in by_month.items()}


def _script(month: str, entries: list[dict[str, str]]) -> bytes:
    """The month's list as a statement, one occurrence a line (readable diffs)."""
    lines = ",\n".join(_json(entry) for entry in entries)
    target = f"(window.{MONTHS_GLOBAL} = window.{MONTHS_GLOBAL} || {{}})[{json.dumps(month)}]"
    body = f"[\n{lines}\n]" if entries else "[]"
    return f'"use strict";\n{target} = {body};\n'.encode("ascii")


def _json(entry: dict[str, str]) -> str:
    return json.dumps(entry, ensure_ascii=True, separators=(",", ":")).translate(_MARKUP_ESCAPES)
