"""Exports of the calendar for other tools: every occurrence as CSV or JSON, and
Hootsuite's bulk-composer files, so posts reach the scheduler a team pays for.

Only this module knows those formats; it reads the checked plan, never files.
"""

from __future__ import annotations

import _csv
import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from generator.commands.spreadsheet_cells import as_text_cell, describe, formula_start
from generator.load.results.result_rows import METRICS
from generator.load.scalars import LAST_DATE
from generator.model.entities import HIDDEN_STATUSES, Plan, Post
from generator.model.media_addresses import public_url
from generator.model.occurrences import first_calendar_day, plan_occurrences
from generator.model.results import MATCH_RULES, MatchedResult, engagement_rate, summed
from generator.model.settings import SiteConfig
from generator.model.utm import post_link

HOOTSUITE_ROWS = 350  # the most the bulk composer accepts in one file
HOOTSUITE_FORMATS = {"dmy": "%d/%m/%Y %H:%M", "mdy": "%m/%d/%Y %H:%M"}
Number = int | float


@dataclass(frozen=True)
class Row:
    """One post on one channel on one day."""

    date: str
    time: str
    timezone: str
    channel: str
    network: str
    type: str
    title: str
    copy: str
    link: str
    campaign: str
    owner: str
    status: str
    # The occurrence's results on its channel (None, an empty cell, without any):
    # each metric summed over its matched rows, and how they were matched.
    impressions: Number | None = None
    reach: Number | None = None
    engagements: Number | None = None
    clicks: Number | None = None
    sessions: Number | None = None
    engaged_sessions: Number | None = None
    conversions: Number | None = None
    revenue: Number | None = None
    followers: Number | None = None
    views: Number | None = None
    visitors: Number | None = None
    engagement_rate: Number | None = None  # a share from 0 to 1 (model/results.py)
    matched_by: str = ""  # the rules that matched its rows (docs/results.md)

    # The post's media, one entry each, in the plan's order (one line each in a
    # CSV cell): file or URL as written, alt text, kind, and the public URL
    # (model/media_addresses.py; "" for a file when the site has no site_url).
    media_files: tuple[str, ...] = ()
    media_alts: tuple[str, ...] = ()
    media_kinds: tuple[str, ...] = ()
    media_urls: tuple[str, ...] = ()


OccurrenceKey = tuple[str, str, date]  # post id, channel id, day


def rows(
    plan: Plan,
    channel: str | None = None,
    first: date | None = None,
    last: date | None = None,
    site_url: str = "",
) -> list[Row]:
    """Every occurrence in [first, last] (default: the plan period), repeats expanded.

    A plan holds no date after LAST_DATE, so `--to 9999-12-31` stops there: a
    repeat without an end would otherwise be expanded for eight millennia.
    """
    first = first or first_calendar_day(plan)
    last = min(last or plan.period.end, LAST_DATE)
    results = results_by_occurrence(plan)
    found = []
    for occurrence in plan_occurrences(plan.posts, first, last):
        post = occurrence.post
        for channel_id in post.channels:
            if channel is not None and channel_id != channel:
                continue
            measured = results.get((post.id, channel_id, occurrence.day), [])
            found.append(
                Row(
                    date=occurrence.day.isoformat(),
                    time=occurrence.start.strftime("%H:%M") if occurrence.start else "",
                    timezone=post.timezone.key,
                    channel=channel_id,
                    network=plan.channel(channel_id).network,
                    type=post.type,
                    title=post.title,
                    copy=post.copy,
                    link=post_link(plan, post, channel_id),
                    campaign=post.campaign,
                    owner=post.owner,
                    status=post.status,
                    **result_columns(measured),
                    **_media_columns(plan, post, site_url),
                )
            )
    return found


def results_by_occurrence(plan: Plan) -> dict[OccurrenceKey, list[MatchedResult]]:
    """The matched results of each occurrence on each channel. A row matched to a
    post of several channels that its file did not name belongs to none of them."""
    found: defaultdict[OccurrenceKey, list[MatchedResult]] = defaultdict(list)
    for result in plan.results.matched:
        found[(result.post, result.channel, result.day)].append(result)
    return found


def result_columns(results: list[MatchedResult]) -> dict[str, Any]:
    """The results cells of an occurrence: empty without results."""
    if not results:
        return {}
    totals = summed(result.row for result in results)
    rate = engagement_rate(totals)
    rules = {result.rule for result in results}
    return {
        **{name: _number(totals[name]) for name in METRICS if name in totals},
        "engagement_rate": None if rate is None else round(rate, 4),
        "matched_by": " ".join(rule for rule in MATCH_RULES if rule in rules),
    }


def _number(value: float) -> Number:
    """A whole number without its ".0", as the file gave it."""
    return int(value) if value.is_integer() else value


def _cell(value: str | Number | tuple[str, ...] | None) -> str:
    """A cell's text: empty for no value, a number as Python writes it (a dot
    for decimals, as CSV readers expect), a list (the media's) one entry a line."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "\n".join(value)
    return value if isinstance(value, str) else str(value)


def _media_columns(plan: Plan, post: Post, site_url: str) -> dict[str, Any]:
    items = post.media
    return {
        "media_files": tuple(item.file for item in items),
        "media_alts": tuple(item.alt for item in items),
        "media_kinds": tuple(item.kind for item in items),
        "media_urls": tuple(
            public_url(site_url, item, None if item.is_url else plan.media_file(item.file))
            for item in items
        ),
    }


def as_csv(found: Iterable[Row]) -> str:
    """Every cell quoted and none starting like a formula (see spreadsheet_safety)."""
    out = io.StringIO()
    writer = _writer(out)
    writer.writerow(list(Row.__dataclass_fields__))
    writer.writerows(
        [as_text_cell(_cell(value)) for value in asdict(row).values()] for row in found
    )
    return out.getvalue()


def _writer(out: io.StringIO) -> _csv.Writer:
    """A CSV writer that quotes every cell.

    Quoting only where needed left a lone carriage return in a title
    unquoted (the line ends are "\n"), and readers split the row there.
    Quoting every cell is also OWASP's advice for files spreadsheets open.
    """
    return csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)


def as_json(found: Iterable[Row]) -> str:
    return json.dumps([asdict(row) for row in found], ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class HootsuiteFile:
    name: str  # <channel>.csv, or <channel>-2.csv... when a channel needs several
    text: str


def hootsuite(
    plan: Plan, config: SiteConfig, now: datetime, date_format: str = "dmy"
) -> tuple[list[HootsuiteFile], list[str]]:
    """Bulk-composer files, one per social profile (channel), and the warnings of
    every row Hootsuite would refuse or change."""
    zone = ZoneInfo(config.timezone)
    files: list[HootsuiteFile] = []
    warnings: list[str] = []
    for channel in plan.channels:
        lines: list[list[str]] = []
        for row in rows(plan, channel.id, site_url=config.site_url):
            if row.status in HIDDEN_STATUSES:
                continue
            label = f"{row.date} '{row.title}' on {channel.id}"
            if not row.time:
                warnings.append(f"{label}: all-day post left out, Hootsuite needs a time")
                continue
            message = "\n\n".join(part for part in (row.title, row.copy) if part)
            formula = _formula_warning(row, message)
            if formula:
                warnings.append(f"{label}: {formula}")
                continue
            local = datetime.fromisoformat(f"{row.date}T{row.time}").replace(
                tzinfo=ZoneInfo(row.timezone)
            )
            at = local.astimezone(zone)  # Hootsuite reads times in the account's zone
            if at.minute % 5:
                warnings.append(f"{label}: {at:%H:%M} will be refused, minutes must end in 0 or 5")
            if at <= now:
                warnings.append(
                    f"{label}: {at:%Y-%m-%d %H:%M} is past, Hootsuite takes future times only"
                )
            when = at.strftime(HOOTSUITE_FORMATS[date_format])
            lines.append([when, message, row.link, _hootsuite_media(row)])
        if not any(line[3] for line in lines):  # the three columns of a file without media
            lines = [line[:3] for line in lines]
        for part, start in enumerate(range(0, len(lines), HOOTSUITE_ROWS), 1):
            name = f"{channel.id}.csv" if part == 1 else f"{channel.id}-{part}.csv"
            out = io.StringIO()
            _writer(out).writerows(lines[start : start + HOOTSUITE_ROWS])
            files.append(HootsuiteFile(name, out.getvalue()))
    return files, warnings


def _hootsuite_media(row: Row) -> str:
    """The bulk composer's fourth column: the media's public URLs, comma-separated
    (it fetches them when it imports the file). A file is there only where the
    site publishes it, so only with a site_url."""
    return ",".join(url for url in row.media_urls if url)


def _formula_warning(row: Row, message: str) -> str:
    """Why a row is left out of a Hootsuite file because a spreadsheet would run it.

    The apostrophe that keeps a cell text in a spreadsheet would be published
    as part of the message, so such a row is reported, never changed.
    """
    for cell, field in ((message, "title" if row.title.strip() else "copy"), (row.link, "link")):
        sign = formula_start(cell)
        if sign:
            return (
                f"left out, its {field} starts with {describe(sign)}, which a spreadsheet "
                f"would run as a formula; begin the {field} with a letter or a digit"
            )
    return ""
