"""Numbers and dates as analytics tools write them, read in one place.

A number is tried with `float` first (one C call: what nearly every cell
is), and only a cell it refuses goes through the locale rules below. A date
is cut by position, never by a regular expression per cell, and each reader
keeps the days it has already read in a dict: an export of 100k rows names
a few hundred days.

Thousands separators: GA4 writes `12,345` in English and, in other locales,
`12 345` with a no-break space (U+00A0) or a narrow no-break space (U+202F),
and `1.234,5` or `1 234,5` where the comma is the decimal mark. The rules:
spaces of any of these kinds, and `'` (Swiss), between digits are dropped;
when both `,` and `.` appear, the last one is the decimal mark; a lone `,`
followed by groups of exactly three digits groups thousands (`12,345` is
12345), otherwise it is the decimal mark (`12,5` is 12.5). A percentage or a
currency sign is not a number: plansite reads counts and amounts only.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from generator.load.scalars import FIRST_DATE, LAST_DATE

_GROUP_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")

# The formats a message names as the one expected, per kind of date.
ISO_DAY = "YYYY-MM-DD"
COMPACT_DAY = "YYYYMMDD"
META_TIME = "MM/DD/YYYY HH:MM"


def number_from_cell(text: str) -> float | None:
    """The number a cell holds, None when it holds none (empty cells are the caller's)."""
    if "," in text:
        value = _english_grouped(text)
        return _grouped_number(text) if value is None else value
    try:
        value = float(text)
    except ValueError:
        return _grouped_number(text)
    return value if math.isfinite(value) else None


def _english_grouped(text: str) -> float | None:
    """`12,345` or `1,234,567.5`, what GA4 writes in English: the fast path of the
    most frequent grouped form, commas every three digits before the point."""
    whole, _, fraction = text.partition(".")
    groups = whole.strip().split(",")
    if "," in fraction or not 1 <= len(groups[0].removeprefix("-")) <= 3:
        return None
    for group in groups[1:]:
        if len(group) != 3:
            return None
    plain = text.replace(",", "")
    return float(plain) if _digits(plain.strip().removeprefix("-").replace(".", "", 1)) else None


def _grouped_number(text: str) -> float | None:
    plain = text.strip().translate(_GROUP_SPACES)
    sign = "-" if plain.startswith("-") else ""
    plain = plain.removeprefix("-")
    decimal = _decimal_mark(plain)
    whole, _, fraction = plain.partition(decimal)
    groups = whole.split("." if decimal == "," else ",")
    if len(groups) > 1 and not _thousands(groups):
        return None
    digits = "".join(groups)
    if decimal in fraction or not _digits(digits) or (fraction and not _digits(fraction)):
        return None
    return float(f"{sign}{digits}.{fraction or 0}")


def _decimal_mark(plain: str) -> str:
    """The later of `,` and `.` when both appear; a lone `,` unless it groups thousands."""
    comma, dot = plain.rfind(","), plain.rfind(".")
    if comma >= 0 and dot >= 0:
        return "," if comma > dot else "."
    if comma >= 0 and not _thousands(plain.split(",")):
        return ","
    return "."


def _thousands(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def day_from_iso(text: str) -> date | None:
    """`YYYY-MM-DD` (plansite's CSV, Plausible's visitors.csv), None when it is not one."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    return _day(text[0:4], text[5:7], text[8:10])


def day_from_compact(text: str) -> date | None:
    """`YYYYMMDD` (GA4's `Date` and its `# Start date:` line)."""
    if len(text) != 8:
        return None
    return _day(text[0:4], text[4:6], text[6:8])


def time_from_meta(text: str) -> datetime | None:
    """`MM/DD/YYYY HH:MM`, Meta's `Publish time`, naive as Meta writes it."""
    day_part, _, time_part = text.partition(" ")
    pieces = day_part.split("/")
    clock = time_part.split(":")
    if len(pieces) != 3 or len(clock) != 2 or not (_digits(clock[0]) and _digits(clock[1])):
        return None
    day = _day(pieces[2], pieces[0], pieces[1])
    hour, minute = int(clock[0]), int(clock[1])
    if day is None or hour > 23 or minute > 59:
        return None
    return datetime(day.year, day.month, day.day, hour, minute)


def _day(year: str, month: str, day: str) -> date | None:
    if not (_digits(year) and _digits(month) and _digits(day)):
        return None
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return value if FIRST_DATE <= value <= LAST_DATE else None
