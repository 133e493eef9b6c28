"""Key dates: the days a calendar marks besides its posts.

Two sources: the public holidays of the region `calendar.holidays` names in
site_config.yml (from the holidays package, named in the site's language
where the package has it), and the plan's own `key_dates` in its calendar
files (holidays of its own, events, blackout days when nothing promotional
goes out). `key_dates_between` gives both, which the calendar shows and the
checks read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import holidays

from generator.diagnostics import Location, Report
from generator.load.document_fields import given
from generator.load.holiday_regions import split_region
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.plan_documents import PlanDocuments
from generator.load.scalars import LONGEST_DURATION, parse_date

if TYPE_CHECKING:
    from generator.model.entities import Plan
from generator.model.settings import SiteConfig

KINDS = ("holiday", "event", "blackout")


@dataclass(frozen=True)
class KeyDate:
    """A day, or a run of days (`end` inclusive), that the calendar marks."""

    start: date
    end: date
    name: str
    kind: str = "event"  # holiday, event or blackout
    # Where the plan writes it; None for a public holiday, which the holidays
    # package gives for the region in site_config.yml.
    source: Location | None = None

    @property
    def public(self) -> bool:
        """True for a public holiday of the site's region, rather than one of the plan's dates."""
        return self.source is None

    @property
    def days(self) -> list[date]:
        """Every day it covers, `end` included: 31 at most."""
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    @property
    def order(self) -> tuple[date, date, str, str, str]:
        """By first day, then last, kind and name: public holidays and the plan's dates
        interleave in one order that does not depend on the files' order."""
        return self.start, self.end, self.kind, self.name, str(self.source or "")


def key_dates_from_documents(documents: PlanDocuments, report: Report) -> tuple[KeyDate, ...]:
    """The valid key dates of every calendar file, in order."""
    found = (
        key_date
        for doc in documents.calendars
        for key_date in key_dates_from_doc(doc, documents, report)
    )
    return tuple(sorted(found, key=lambda key_date: key_date.order))


def key_dates_from_doc(
    doc: SourceDoc, documents: PlanDocuments, report: Report
) -> Iterator[KeyDate]:
    key_dates = doc.data.get("key_dates", []) if isinstance(doc.data, dict) else []
    for position, item in enumerate(key_dates if isinstance(key_dates, list) else []):
        where = ("key_dates", position)
        if documents.valid(doc, where):
            key_date = key_date_from_item(item, doc, where, report)
            if key_date is not None:
                yield key_date


def key_date_from_item(
    item: dict[str, Any], doc: SourceDoc, where: DataPath, report: Report
) -> KeyDate | None:
    """The key date; None after reporting an end before its start, or a run of days
    longer than the longest duration a plan holds (31 days)."""
    start = parse_date(item["date"])
    end = parse_date(item["end"]) if "end" in item else start
    if end < start:
        report.error(
            doc.locate((*where, "end")),
            f"the key date ends ({end.isoformat()}) before it starts ({start.isoformat()})",
            "swap 'date' and 'end'",
        )
        return None
    if end - start >= LONGEST_DURATION:
        report.error(
            doc.locate((*where, "end")),
            f"a key date lasts at most {LONGEST_DURATION.days} days, "
            f"this one {(end - start).days + 1}",
            "split it into several key dates, one a month",
        )
        return None
    return KeyDate(start, end, item["name"], source=doc.locate(where), **given(item, "kind"))


def key_dates_between(plan: Plan, config: SiteConfig, first: date, last: date) -> list[KeyDate]:
    """Every key date that touches a day from `first` to `last`: the region's public
    holidays and the plan's own, in one order (`KeyDate.order`)."""
    found = [
        key_date for key_date in plan.key_dates if key_date.start <= last and key_date.end >= first
    ]
    if config.holidays and first <= last:
        found += (
            holiday
            for holiday in public_holidays(config.holidays, config.language, first.year, last.year)
            if first <= holiday.start <= last
        )
    return sorted(found, key=lambda key_date: key_date.order)


@lru_cache(maxsize=32)
def public_holidays(
    region: str, language: str, first_year: int, last_year: int
) -> tuple[KeyDate, ...]:
    """The public holidays of `region` (FR, CA-QC) over whole years, named in
    `language` where the package has it, else in the region's own language.
    Kept: the package computes every year's rules afresh, and each rebuild of
    the preview asks again."""
    country, subdivision = split_region(region)
    table = holidays.country_holidays(
        country,
        subdiv=subdivision,
        years=range(first_year, last_year + 1),
        language=holiday_language(country, language),
    )
    # A day of two holidays is one entry, whose name joins both ("; ").
    return tuple(KeyDate(day, day, name, "holiday") for day, name in sorted(table.items()))


def holiday_language(country: str, language: str) -> str | None:
    """The holidays package's code for the site's language in `country` (fr, en_CA
    before en_US), or None for the country's own language when it has none."""
    spoken = holidays.list_localized_countries(include_aliases=False).get(country, [])
    preferred = [language, f"{language}_{country}"]
    preferred += sorted(code for code in spoken if code.startswith(f"{language}_"))
    return next((code for code in preferred if code in spoken), None)
