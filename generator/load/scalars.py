"""Parsers for the text forms of plan values: dates, times, durations, zones, links.

The schemas' format checks and the model both call these, so a value that
passes validation always parses the same way when the model is built.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
import zoneinfo
from datetime import date, time, timedelta
from functools import cache
from urllib.parse import urlsplit

from generator.diagnostics import did_you_mean
from generator.model.links import SAFE_LINK_SCHEMES, WEB_LINK_SCHEMES, link_scheme

# Matched whole (fullmatch), with ASCII digits only: `$` would also accept a
# final newline and `\d` any script's digits, which other tools then misread.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_BEST_TIME = re.compile(r"(\S+?)\.? +([0-9]{1,2}:[0-9]{2})")
_DURATION = re.compile(r"(?:([0-9]+)h)?(?:([0-9]+)m(?:in)?)?")
_SHOWN_LENGTH = 60  # characters of a value a message echoes

# Tabs and line breaks, which browsers drop from an address before reading it.
_BREAKS = re.compile(r"[\t\n\r]")

# The dates a plan may hold (the date pattern of common.schema.json says the
# same). Social networks began after 2000 and no plan looks a century ahead;
# within these years every computation on a date (an all-day event's end, a
# review due date, the years a feed's time zones cover, a repeat's last
# occurrence) stays far from the years 1 and 9999, beyond which Python,
# icalendar and calendar apps fail.
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2099, 12, 31)
# The longest duration: a post's event, or the gap between two posts (PS502).
# Larger figures are typos, and timedelta overflows on the largest ones.
LONGEST_DURATION = timedelta(days=31)


def quoted(text: str) -> str:
    """A value as a message echoes it: in quotes, and cut when it is long (a
    pasted text, a number of thousands of digits)."""
    if len(text) <= _SHOWN_LENGTH:
        return f"'{text}'"
    return f"'{text[:_SHOWN_LENGTH]}...' ({len(text)} characters)"


class ValueProblem(ValueError):
    """A value written in the wrong form; the message says what is wrong."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


# English month names whatever the machine's locale (calendar.month_name follows it).
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _why_not_a_date(text: str) -> str:
    """What is wrong with a YYYY-MM-DD that names no day, as a person says it."""
    year, month, day = (int(part) for part in text.split("-"))
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day == 0:
        return "days start at 1"
    days = calendar.monthrange(year, month)[1]
    return f"{_MONTHS[month - 1]} {year} has {days} days"


def parse_date(text: str) -> date:
    if not _DATE.fullmatch(text):
        raise ValueProblem(
            f"{quoted(text)} is not a date", "write dates as YYYY-MM-DD, e.g. 2027-01-05"
        )
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueProblem(
            f"{quoted(text)} is not a real date: {_why_not_a_date(text)}", "check the day and month"
        ) from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueProblem(
            f"{quoted(text)} is out of range",
            f"plan dates go from {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}",
        )
    return day


def parse_time(text: str) -> time:
    match = _TIME.fullmatch(text)
    if not match:
        raise ValueProblem(f"{quoted(text)} is not a time", "write times as HH:MM, e.g. 09:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueProblem(
            f"{quoted(text)} is not a real time", "hours go from 00 to 23, minutes to 59"
        )
    return time(hour, minute)


# Day names as a plan may write them, Monday first: English or French, short
# or in full. Compared without case, accents or a final dot ("Mar.", "mercredi").
_DAY_NAMES = (
    ("mon", "monday", "lun", "lundi"),
    ("tue", "tues", "tuesday", "mar", "mardi"),
    ("wed", "weds", "wednesday", "mer", "mercredi"),
    ("thu", "thur", "thurs", "thursday", "jeu", "jeudi"),
    ("fri", "friday", "ven", "vendredi"),
    ("sat", "saturday", "sam", "samedi"),
    ("sun", "sunday", "dim", "dimanche"),
)
_WEEKDAYS = {name: index for index, names in enumerate(_DAY_NAMES) for name in names}


def parse_best_time(text: str) -> tuple[int, time]:
    """(weekday, Monday 0, and time) of a channel's best time such as "tue 12:30".

    A French team writes "mar 12:30" or "Jeudi 19:00": the day names of both
    languages are distinct, so both are read in a plan of either language.
    """
    match = _BEST_TIME.fullmatch(text)
    day = _WEEKDAYS.get(_plain_word(match.group(1))) if match else None
    if match is None or day is None:
        raise ValueProblem(
            f"{quoted(text)} is not a day and a time",
            "write a day and a time such as 'tue 12:30', or in French 'mar 12:30'",
        )
    return day, parse_time(match.group(2))


def _plain_word(word: str) -> str:
    """A word in lower case without its accents."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def parse_duration(text: str) -> timedelta:
    match = _DURATION.fullmatch(text)
    if not text or not match:
        raise ValueProblem(
            f"{quoted(text)} is not a duration", "write durations like 45m, 1h or 1h30m"
        )
    hours, minutes = match.group(1) or "0", match.group(2) or "0"
    # Ten digits are already far too long: never make a number of thousands of them.
    if len(hours) > 10 or len(minutes) > 10 or _too_long(int(hours), int(minutes)):
        hours_at_most = int(LONGEST_DURATION.total_seconds()) // 3600
        raise ValueProblem(
            f"{quoted(text)} is too long",
            f"durations go up to {hours_at_most}h, {LONGEST_DURATION.days} days",
        )
    duration = timedelta(hours=int(hours), minutes=int(minutes))
    if duration <= timedelta(0):
        raise ValueProblem(f"{quoted(text)} is not a positive duration", "use at least 1m")
    return duration


def _too_long(hours: int, minutes: int) -> bool:
    return hours * 60 + minutes > LONGEST_DURATION.total_seconds() // 60


@cache
def parse_timezone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    # OSError: a name that is a folder of zones (Europe) or too long for a file name.
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        hint = (
            did_you_mean(name, zoneinfo.available_timezones())
            or "use an IANA name like Europe/Paris"
        )
        raise ValueProblem(f"unknown time zone {quoted(name)}", hint) from None


def check_link(text: str) -> str:
    """The link itself when it is safe to put on a page: http(s) or mailto only."""
    if _BREAKS.search(text):
        # urlsplit() drops them without a word, so the address checked would not
        # be the one written on the page.
        raise ValueProblem(
            f"{quoted(text)} is cut by a tab or a line break", "write the address on one line"
        )
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - reading it checks it: a port above 65535 raises
    except ValueError:  # an unclosed [ of an IPv6 host, a port out of range
        raise ValueProblem(
            f"{quoted(text)} is not a valid address", "check the host name and the port"
        ) from None
    scheme = link_scheme(text)
    if scheme not in SAFE_LINK_SCHEMES or parts.scheme.lower() != scheme:
        raise ValueProblem(
            f"{quoted(text)} is not an http(s) or mailto: address",
            "links start with https://, http:// or mailto:",
        )
    if scheme in WEB_LINK_SCHEMES and not parts.netloc:
        raise ValueProblem(
            f"{quoted(text)} has no host name", "write the full address, e.g. https://example.com/"
        )
    return text.strip()


def whole_number(value: float | None) -> int | None:
    """A value the schemas call an integer, as an int. JSON Schema counts 2.0 as
    one; left a float, it would reach what only takes an int (a repeat's
    expansion, RRULE's INTERVAL and COUNT)."""
    return None if value is None else int(value)
