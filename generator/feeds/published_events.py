"""What subscribers already have of each event, and the stamps an event gets against it.

Subscribers re-read a feed every few hours and compare it with what they
have: DTSTAMP and LAST-MODIFIED are carried over from the previous
publication while an event is unchanged, and SEQUENCE rises when its time,
recurrence or status moves. Two publications are compared line by line on
the unfolded content lines: reading a 10k-event feed back as components took
longer than the build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import icalendar
from icalendar import vDDDTypes, vInt
from icalendar.parser import Contentline

from generator.feeds.content_line_cache import ContentLineCache
from generator.feeds.crlf_unfolding import lines_from_feed
from generator.feeds.stamp_lines import stamp_from_line

# Properties whose change makes a subscriber's copy wrong in time: SEQUENCE rises.
TIMING = ("DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "STATUS")
STAMPS = ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE")
_READ = ("UID", "DTSTAMP", "SEQUENCE")
# RFC 5545's INTEGER is 32-bit; one below its largest leaves room for the rise.
_SEQUENCES = range(0, 2**31 - 1)


@dataclass(frozen=True)
class Published:
    """What subscribers already have of one event."""

    content: bytes  # fingerprint of every line but the stamps
    timing: bytes  # fingerprint of the lines that place it in time (TIMING)
    stamp: datetime
    sequence: int


def read_published(previous: bytes) -> dict[str, Published]:
    """UID to what subscribers have, from the previous feed; an unreadable one counts as none."""
    try:
        lines = lines_from_feed(previous.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    found: dict[str, Published] = {}
    event: list[str] | None = None
    for line in lines:
        if line == "BEGIN:VEVENT":
            event = [line]
        elif event is not None:
            event.append(line)
            if line == "END:VEVENT":
                published = _published_from_lines(event)
                if published is not None:
                    found[published[0]] = published[1]
                event = None
    return found


def published_from_event(event: icalendar.Event) -> Published:
    """What subscribers have of an event this process built and published: no file to read."""
    content, timing = _keys(ContentLineCache().lines_of(event))
    stamp = event.decoded("DTSTAMP")
    return Published(content, timing, stamp.astimezone(UTC), int(event.decoded("SEQUENCE")))


def stamp_event(
    event: icalendar.Event, before: Published | None, now: datetime, lines: ContentLineCache
) -> None:
    """Add DTSTAMP, LAST-MODIFIED and SEQUENCE: kept while unchanged, moved on change."""
    stamp, sequence = now, 0
    if before is not None:
        content, timing = _keys(lines.lines_of(event))
        if content == before.content:
            stamp, sequence = before.stamp, before.sequence
        else:
            sequence = before.sequence + 1 if timing != before.timing else before.sequence
    utc = lines.shared_value(vDDDTypes, stamp.astimezone(UTC))
    event["DTSTAMP"] = utc
    event["LAST-MODIFIED"] = utc
    event["SEQUENCE"] = lines.shared_value(vInt, sequence)


def _name(line: str) -> str:
    """A content line's property name (names hold no ':' or ';')."""
    return line.split(":", 1)[0].split(";", 1)[0].upper()


def _keys(lines: Iterable[str]) -> tuple[bytes, bytes]:
    """(content, timing) fingerprints of an event's unfolded content lines."""
    content, timing = hashlib.sha256(), hashlib.sha256()
    for line in lines:
        name = _name(line)
        if name not in STAMPS:
            content.update(line.encode() + b"\n")
        if name in TIMING:
            timing.update(line.encode() + b"\n")
    return content.digest(), timing.digest()


def _published_from_lines(lines: list[str]) -> tuple[str, Published] | None:
    """(UID, what subscribers have) of one event's lines; None for one plansite
    could not have written."""
    fields: dict[str, str] = {}
    for line in lines:
        plain = stamp_from_line(line)
        if plain is not None:
            fields[plain[0]] = plain[1]
        elif _name(line) in _READ:
            try:
                name, _, value = Contentline(line).parts()
            except ValueError:
                return None
            fields[name.upper()] = str(value)
    try:
        stamp = vDDDTypes.from_ical(fields["DTSTAMP"])
        sequence = _sequence(fields.get("SEQUENCE", "0"))
        uid = fields["UID"]
    except (KeyError, ValueError):
        return None
    if not isinstance(stamp, datetime):
        return None
    content, timing = _keys(lines)
    stamped = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    return uid, Published(content, timing, stamped.astimezone(UTC), sequence)


def _sequence(text: str) -> int:
    """A published SEQUENCE; ValueError (the event counts as unpublished) for one that
    plansite never writes: negative, or beyond what a calendar app stores.

    Such a feed was not written by plansite, or was edited by hand; taking
    its number up (a thousand digits would even stop Python from writing it
    back) or clamping it would publish a SEQUENCE no calendar app holds.
    Starting the event over at 0, with a new DTSTAMP, is what a first
    publication does.
    """
    digits = text.strip()
    if not digits.isascii() or not digits.isdigit() or len(digits) > 10:
        raise ValueError(f"SEQUENCE out of range: {text[:20]}")
    sequence = int(digits)
    if sequence not in _SEQUENCES:
        raise ValueError(f"SEQUENCE out of range: {sequence}")
    return sequence
