"""Parsers for the text forms of plan values: dates, times, durations, zones, links.

The schemas' format checks and the model both call these, so a value that
passes validation always parses the same way when the model is built.
"""

from __future__ import annotations

import html
import re
import zoneinfo
from datetime import date, time, timedelta
from functools import cache
from urllib.parse import urlsplit

from generator.diagnostics import did_you_mean

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m(?:in)?)?$")
# What a link made from plan text may point to, besides a relative address or
# an #anchor: every place that puts an address on a page asks link_scheme().
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# What the site's own pages link to as well: the feeds' webcal:// subscriptions.
SITE_LINK_SCHEMES = SAFE_LINK_SCHEMES | {"webcal"}
# What analytics can see, and so what UTM parameters are added to.
WEB_LINK_SCHEMES = frozenset({"http", "https"})
# A scheme as the URL standard reads one (WHATWG URL, "scheme state").
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers drop tabs and line breaks anywhere in an address, and controls
# and spaces around it, before they read the scheme ("java\tscript:").
_DROPPED_INSIDE = re.compile(r"[\t\n\r]")
_TRIMMED = "".join(chr(code) for code in range(0x21))


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


def link_scheme(url: str) -> str:
    """The scheme a browser would follow `url` with, lower-cased; "" for a relative
    address or an #anchor.

    Judged the way a browser reads it: character references decoded (an
    attribute's `&#x6a;avascript:` is `javascript:`), tabs and line breaks
    dropped, controls and spaces around it trimmed.
    """
    text = _DROPPED_INSIDE.sub("", html.unescape(url)).strip(_TRIMMED)
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else ""


def is_safe_link(url: str, schemes: frozenset[str] = SAFE_LINK_SCHEMES) -> bool:
    """True for an address with one of `schemes`, a relative address or an #anchor."""
    scheme = link_scheme(url)
    return scheme == "" or scheme in schemes


def check_link(text: str) -> str:
    """The link itself when it is safe to put on a page: http(s) or mailto only."""
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - reading it checks it: a port above 65535 raises
    except ValueError:  # an unclosed [ of an IPv6 host, a port out of range
        raise ValueProblem(
            f"'{text}' is not a valid address", "check the host name and the port"
        ) from None
    scheme = link_scheme(text)
    if scheme not in SAFE_LINK_SCHEMES or parts.scheme.lower() != scheme:
        raise ValueProblem(
            f"'{text}' is not an http(s) or mailto: address",
            "links start with https://, http:// or mailto:",
        )
    if scheme in WEB_LINK_SCHEMES and not parts.netloc:
        raise ValueProblem(
            f"'{text}' has no host name", "write the full address, e.g. https://example.com/"
        )
    return text.strip()
