"""Parsers for the text forms of plan values: dates, times, durations, zones, links.

The schemas' format checks and the model both call these, so a value that
passes validation always parses the same way when the model is built.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, time, timedelta
from functools import cache
from urllib.parse import urlsplit

from generator.diagnostics import did_you_mean

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m(?:in)?)?$")
SAFE_LINK_SCHEMES = ("http", "https", "mailto")


class ValueProblem(ValueError):
    """A value written in the wrong form; the message says what is wrong."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def parse_date(text: str) -> date:
    if not _DATE.match(text):
        raise ValueProblem(f"'{text}' is not a date", "write dates as YYYY-MM-DD, e.g. 2027-01-05")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueProblem(
            f"'{text}' is not a real date ({exc})", "check the day and month"
        ) from None


def parse_time(text: str) -> time:
    match = _TIME.match(text)
    if not match:
        raise ValueProblem(f"'{text}' is not a time", "write times as HH:MM, e.g. 09:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueProblem(f"'{text}' is not a real time", "hours go from 00 to 23, minutes to 59")
    return time(hour, minute)


def parse_duration(text: str) -> timedelta:
    match = _DURATION.match(text)
    if not text or not match:
        raise ValueProblem(f"'{text}' is not a duration", "write durations like 45m, 1h or 1h30m")
    duration = timedelta(hours=int(match.group(1) or 0), minutes=int(match.group(2) or 0))
    if duration <= timedelta(0):
        raise ValueProblem(f"'{text}' is not a positive duration", "use at least 1m")
    return duration


@cache
def parse_timezone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        hint = (
            did_you_mean(name, zoneinfo.available_timezones())
            or "use an IANA name like Europe/Paris"
        )
        raise ValueProblem(f"unknown time zone '{name}'", hint) from None


def check_link(text: str) -> str:
    """The link itself when it is safe to put on a page: http(s) or mailto only."""
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - reading it checks it: a port above 65535 raises
    except ValueError:  # an unclosed [ of an IPv6 host, a port out of range
        raise ValueProblem(
            f"'{text}' is not a valid address", "check the host name and the port"
        ) from None
    if parts.scheme.lower() not in SAFE_LINK_SCHEMES:
        raise ValueProblem(
            f"'{text}' is not an http(s) or mailto: address",
            "links start with https://, http:// or mailto:",
        )
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        raise ValueProblem(
            f"'{text}' has no host name", "write the full address, e.g. https://example.com/"
        )
    return text.strip()
