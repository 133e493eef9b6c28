"""The iCalendar feeds calendar apps subscribe to. The only module that builds ICS.

Subscribers re-read a feed every few hours and compare it with what they
have, so each event must keep its identity and only change when the plan
does: UIDs come from ids, DTSTAMP and LAST-MODIFIED are carried over from the
previous publication while an event is unchanged, and SEQUENCE rises when its
time, recurrence or status moves. Each event is built once and shared by the
combined, channel and campaign feeds that hold it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import icalendar
from icalendar import vCategory, vDDDTypes, vInt, vText, vUri
from icalendar.parser import Contentline, Contentlines

from generator.diagnostics import Location
from generator.i18n import Translator
from generator.model.entities import WEEKDAYS, Plan, Post, SiteConfig
from generator.model.utm import post_link

PRODID = "-//plansite//plansite content calendar//EN"
REFRESH = timedelta(hours=4)
STATUSES = {
    "scheduled": "CONFIRMED",
    "published": "CONFIRMED",
    "draft": "TENTATIVE",
    "cancelled": "CANCELLED",
    "idea": "TENTATIVE",
}
# Properties whose change makes a subscriber's copy wrong in time: SEQUENCE rises.
TIMING = ("DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "STATUS")
STAMPS = ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE")
_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY"}
_CALENDAR_END = b"END:VCALENDAR\r\n"
_FOLD_AT = 75  # octets: icalendar folds a content line this long or longer
_ESCAPES = b"\\^"  # a piece never ends on one of these (icalendar moves it to the next)
_Value = TypeVar("_Value")
_BYDAY = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))


@dataclass(frozen=True)
class Feed:
    path: str  # relative to the site root
    name: str
    body: bytes


@dataclass(frozen=True)
class _Published:
    """What subscribers already have of one event."""

    content: bytes
    timing: bytes
    stamp: datetime
    sequence: int


def feed_paths(plan: Plan, config: SiteConfig) -> dict[str, str]:
    """Every feed's path by what it holds: 'all', a channel id or 'campaign:<id>'.

    A private plan's feeds sit under its secret folder: calendar apps cannot
    send a login, so an unguessable address is what keeps them private.
    """
    prefix = f"{config.feed_secret}/" if config.private else ""
    paths = {"all": f"{prefix}calendar.ics"}
    paths.update({c.id: f"{prefix}calendar/{c.id}.ics" for c in plan.channels})
    paths.update({f"campaign:{c.id}": f"{prefix}campaigns/{c.id}.ics" for c in plan.campaigns})
    return paths


def build_feeds(
    plan: Plan, config: SiteConfig, previous: bytes | None, now: datetime
) -> Iterator[Feed]:
    """The combined, per-channel and per-campaign feeds, as bytes ready to publish.

    Each event is serialized as soon as it is built and only its text is
    kept, and the feeds come one at a time: a 50k-post plan's events and
    feeds held together took more memory than the rest of the build.
    """
    global _kept
    t = Translator(config.language)
    context = _event_context(plan, config)
    kept = _kept if _kept is not None and _kept.still_published(previous, context) else None
    published = read_published(previous) if previous and kept is None else {}
    host = urlsplit(config.site_url).hostname or "plansite.invalid"
    entries: list[_Entry] = []
    built: dict[tuple[Post, str], _Built] = {}
    lines = _ContentLines()
    for post in plan.posts:
        if not post.in_feeds(config.include_ideas):
            continue
        # Where a post is written is not what it says; only a preview keeps events.
        key_post = replace(post, source=_NOWHERE) if kept or _remember else post
        for channel_id in post.channels:
            made = kept.events.get((key_post, channel_id)) if kept else None
            if made is None:
                event = event_from_post(plan, config, t, post, channel_id, host, lines)
                uid = str(event["UID"])
                before = kept.published(uid) if kept else published.get(uid)
                stamp_event(event, before, now, lines)
                made = _Built(event, _ical(lines.of(event)), post.start or post.date)
            if _remember:
                built[(key_post, channel_id)] = made
            entries.append(_Entry(channel_id, post.campaign, made.start, made.ical))

    zones = _zones(entries, plan.period.end)
    base = config.calendar_name or config.site_name
    paths = feed_paths(plan, config)

    def feed(key: str, name: str, held: Iterable[_Entry]) -> Feed:
        return _feed(paths[key], name, config, zones, list(held))

    combined = feed("all", base, entries)
    if _remember:
        _kept = _Kept(hashlib.sha256(combined.body).digest(), context, built)
    yield combined
    del combined
    by_channel: dict[str, list[_Entry]] = {}
    by_campaign: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_channel.setdefault(entry.channel_id, []).append(entry)
        by_campaign.setdefault(entry.campaign, []).append(entry)
    for channel in plan.channels:
        yield feed(channel.id, f"{base} · {channel.id}", by_channel.get(channel.id, []))
    for campaign in plan.campaigns:
        name = f"{base} · {campaign.name}"
        yield feed(f"campaign:{campaign.id}", name, by_campaign.get(campaign.id, []))


@dataclass(frozen=True)
class _Built:
    """An event as built and serialized by icalendar, with its start."""

    event: icalendar.Event
    ical: bytes
    start: date | datetime


@dataclass(frozen=True)
class _Entry:
    """What the feeds need of one event: which feeds hold it, its start, its text."""

    channel_id: str
    campaign: str  # empty when the post is in none
    start: date | datetime
    ical: bytes


def write_feeds(
    plan: Plan, config: SiteConfig, previous: bytes | None, now: datetime, folder: Path
) -> None:
    """Write every feed under `folder`, at its path in the site (feed_paths())."""
    for feed in build_feeds(plan, config, previous, now):
        target = folder / feed.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feed.body)


def remember_between_builds(on: bool) -> None:
    """Keep this build's events for the next one (the preview turns this on; a
    one-off build would only hold them in memory)."""
    global _remember, _kept
    _remember = on
    if not on:
        _kept = None


_NOWHERE = Location(Path("."))


def _event_context(plan: Plan, config: SiteConfig) -> tuple[object, ...]:
    """Everything besides a post that shapes its events: names, networks, settings."""
    return (
        config,
        plan.utm_medium,
        tuple((t.id, t.name) for t in plan.content_types),
        tuple((c.id, c.name, c.utm_campaign) for c in plan.campaigns),
        tuple((c.id, c.network) for c in plan.channels),
    )


@dataclass
class _Kept:
    """The events of the last build in this process (`plansite serve` rebuilds after
    every edit): an event whose post, channel and context are unchanged is
    reused with its stamps and its text, and only edited posts are built and
    compared again."""

    feed_digest: bytes  # of the combined feed that build wrote
    context: tuple[object, ...]
    events: dict[tuple[Post, str], _Built]

    def still_published(self, previous: bytes | None, context: tuple[object, ...]) -> bool:
        """True when the previous publication is what this build wrote, in the same context."""
        return (
            previous is not None
            and context == self.context
            and hashlib.sha256(previous).digest() == self.feed_digest
        )

    def published(self, uid: str) -> _Published | None:
        """What subscribers have of one event, from the event itself: no file to read."""
        old = self._by_uid.get(uid)
        if old is None:
            return None
        content, timing = _keys(_ContentLines().of(old))
        stamp = old.decoded("DTSTAMP")
        return _Published(content, timing, stamp.astimezone(UTC), int(old.decoded("SEQUENCE")))

    @cached_property
    def _by_uid(self) -> dict[str, icalendar.Event]:
        return {str(made.event["UID"]): made.event for made in self.events.values()}


_kept: _Kept | None = None
_remember = False


def event_from_post(
    plan: Plan,
    config: SiteConfig,
    t: Translator,
    post: Post,
    channel_id: str,
    host: str,
    lines: _ContentLines | None = None,
) -> icalendar.Event:
    """One post on one channel, without the stamps that depend on the previous feed.

    The common properties are given as icalendar's typed values: `add()` would
    look the same types up by name for each of the 10,000 events of a large
    plan; the rarer RRULE and EXDATE still go through it. A status or a set
    of categories many events share is one value, from `lines`, which then
    makes its content line once.
    """
    shared = (lines or _ContentLines()).shared
    event = icalendar.Event()
    event["UID"] = vText(f"{post.id}.{channel_id}@{host}")
    event["SUMMARY"] = vText(post.title)
    start = post.start
    if start is None:
        event["DTSTART"] = vDDDTypes(post.date)
        end: date | datetime = post.date + timedelta(days=1)  # exclusive end of an all-day event
    else:
        event["DTSTART"] = vDDDTypes(start)
        end = start + (post.duration or config.default_duration)
    event["DTEND"] = vDDDTypes(end)
    if post.repeat is not None:
        event.add("RRULE", _rrule(post))
        for day in post.repeat.exceptions:
            event.add("EXDATE", _same_kind_as_start(post, day))
    event["STATUS"] = shared(vText, STATUSES[post.status])
    description = _description(plan, t, post, channel_id)
    if description:
        event["DESCRIPTION"] = vText(description)
    categories = (channel_id, plan.content_type(post.type).name) if post.type else (channel_id,)
    event["CATEGORIES"] = shared(vCategory, categories)
    if config.site_url:
        event["URL"] = vUri(f"{config.site_url.rstrip('/')}/calendar/#{post.id}")
    return event


def _rrule(post: Post) -> dict[str, object]:
    repeat = post.repeat
    assert repeat is not None
    rule: dict[str, object] = {"FREQ": _FREQ[repeat.every]}
    if repeat.interval != 1:
        rule["INTERVAL"] = repeat.interval
    if repeat.on:
        rule["BYDAY"] = [_BYDAY[day] for day in repeat.on]
    if repeat.count is not None:
        rule["COUNT"] = repeat.count
    if repeat.until is not None:
        if post.time is None:
            rule["UNTIL"] = repeat.until
        else:  # RFC 5545: UNTIL of a zoned DTSTART is in UTC
            last = datetime.combine(repeat.until, post.time, tzinfo=post.timezone)
            rule["UNTIL"] = last.astimezone(UTC)
    return rule


def _same_kind_as_start(post: Post, day: date) -> date | datetime:
    """An EXDATE with the DTSTART's value type, time zone and time, as Google requires."""
    if post.time is None:
        return day
    return datetime.combine(day, post.time, tzinfo=post.timezone)


def _description(plan: Plan, t: Translator, post: Post, channel_id: str) -> str:
    lines = [post.copy.strip()] if post.copy.strip() else []
    facts = []
    link = post_link(plan, post, channel_id)
    if link:
        facts.append(t("label_value", label=t("link"), value=link))
    if post.owner:
        facts.append(t("label_value", label=t("owner"), value=post.owner))
    if post.type:
        facts.append(t("label_value", label=t("type"), value=plan.content_type(post.type).name))
    if post.campaign:
        name = plan.campaign(post.campaign).name
        facts.append(t("label_value", label=t("campaign"), value=name))
    if facts:
        lines.append("\n".join(facts))
    return "\n\n".join(lines)


_FOLD = re.compile(r"\r\n[ \t]")  # where a line was folded, in a feed with CRLF only
# A UID, DTSTAMP or SEQUENCE line as plansite writes it, with neither parameters
# nor escapes: what Contentline.parts() would give is the text after the colon.
# Its character-by-character parsing was a third of reading a published feed.
_PLAIN_STAMP = re.compile(r"(UID|DTSTAMP|SEQUENCE):([^\\]*)")
# RFC 5545's INTEGER is 32-bit; one below its largest leaves room for the rise.
_SEQUENCES = range(0, 2**31 - 1)


# Two publications are compared line by line on the unfolded content lines:
# reading a 10k-event feed back as components took longer than the build.
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


def read_published(previous: bytes) -> dict[str, _Published]:
    """UID to what subscribers have, from the previous feed; an unreadable one counts as none."""
    try:
        lines = _content_lines(previous.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    found: dict[str, _Published] = {}
    event: list[str] | None = None
    for line in lines:
        if line == "BEGIN:VEVENT":
            event = [line]
        elif event is not None:
            event.append(line)
            if line == "END:VEVENT":
                published = _published(event)
                if published is not None:
                    found[published[0]] = published[1]
                event = None
    return found


def _content_lines(text: str) -> list[str]:
    """The unfolded content lines, as `Contentlines.from_ical(text)` gives them.

    icalendar's unfolding also accepts bare line feeds and blank lines
    before a continuation, which takes a slow regular expression over the
    whole feed (a third of reading a 10k-event one back). A feed with
    neither, as plansite writes it, unfolds by removing each CRLF followed
    by a space or tab: the same lines (tests compare the two on any text).
    """
    line_feeds = text.count("\n")
    if line_feeds != text.count("\r\n") or "\n\r\n" in text:
        return list(Contentlines.from_ical(text))
    lines = [line for line in _FOLD.sub("", text).split("\r\n") if line]
    lines.append("")  # as icalendar ends them
    return lines


def _published(lines: list[str]) -> tuple[str, _Published] | None:
    fields: dict[str, str] = {}
    for line in lines:
        simple = _PLAIN_STAMP.fullmatch(line)
        if simple:
            fields[simple[1]] = simple[2]
        elif _name(line) in ("UID", "DTSTAMP", "SEQUENCE"):
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
    return uid, _Published(content, timing, stamped.astimezone(UTC), sequence)


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


def stamp_event(
    event: icalendar.Event, before: _Published | None, now: datetime, lines: _ContentLines
) -> None:
    """Add DTSTAMP, LAST-MODIFIED and SEQUENCE: kept while unchanged, moved on change."""
    stamp, sequence = now, 0
    if before is not None:
        content, timing = _keys(lines.of(event))
        if content == before.content:
            stamp, sequence = before.stamp, before.sequence
        else:
            sequence = before.sequence + 1 if timing != before.timing else before.sequence
    utc = lines.shared(vDDDTypes, stamp.astimezone(UTC))
    event["DTSTAMP"] = utc
    event["LAST-MODIFIED"] = utc
    event["SEQUENCE"] = lines.shared(vInt, sequence)


class _ContentLines:
    """Each property's content line, made once by icalendar, for one build's events.

    An event compared with the previous publication is turned into lines
    twice: before its stamps are known (to compare it) and after (to write
    it). Its lines are kept by property value until the next event, so the
    second time only the three stamps are made. Values many events share
    (a status, the build's stamp, SEQUENCE:0, a channel's categories) are
    made once by shared(), and so are their lines.
    """

    def __init__(self) -> None:
        self._event: icalendar.Event | None = None
        self._made: dict[tuple[str, int], tuple[object, Contentline]] = {}
        self._values: dict[tuple[Callable[[Any], object], Hashable], object] = {}
        self._shared_ids: set[int] = set()  # the values are held in _values: ids stay
        self._shared: dict[tuple[str, object], Contentline] = {}

    def shared(self, make: Callable[[Any], _Value], argument: Hashable) -> _Value:
        """`make(argument)`, the same object each time within this build."""
        key = (make, argument)
        value = self._values.get(key)
        if value is None:
            value = self._values[key] = make(argument)
            self._shared_ids.add(id(value))
        return value  # type: ignore[return-value]

    def of(self, event: icalendar.Event) -> list[Contentline]:
        if event is not self._event:
            self._event, self._made = event, {}
        return [self._line(event, name, value) for name, value in event.property_items()]

    def _line(self, event: icalendar.Event, name: str, value: object) -> Contentline:
        if name in ("BEGIN", "END"):  # their values are made afresh, equal each time
            return self._shared_line(event, (name, value), value)
        if id(value) in self._shared_ids:
            return self._shared_line(event, (name, id(value)), value)
        known = self._made.get((name, id(value)))
        if known is not None and known[0] is value:
            return known[1]
        line: Contentline = event.content_line(name, value)
        self._made[(name, id(value))] = (value, line)  # the value is held: its id stays
        return line

    def _shared_line(
        self, event: icalendar.Event, key: tuple[str, object], value: object
    ) -> Contentline:
        line = self._shared.get(key)
        if line is None:
            line = self._shared[key] = event.content_line(name=key[0], value=value)
        return line


def _ical(lines: list[Contentline]) -> bytes:
    """What `Component.to_ical()` makes of these lines.

    icalendar folds a line character by character, encoding each one to
    count its octets: that was a third of the time spent on a large plan's
    feeds. Nine lines in ten need no fold at all, and the others are folded
    by _folded() on their UTF-8 bytes, at the same places.
    """
    encoded = []
    for line in lines:
        raw = line.encode()
        encoded.append(raw if len(raw) < _FOLD_AT else _folded(raw))
    encoded.append(b"")
    return b"\r\n".join(encoded)


def _folded(raw: bytes) -> bytes:
    """`raw` folded as icalendar folds it (tests compare the two on any text).

    Each piece is the longest run of whole characters under 75 octets (a
    UTF-8 continuation byte never starts one). Like icalendar, when a piece
    would end on a backslash or caret, that one character moves to the next
    piece, so that a cut does not fall inside an escape such as "\\,".
    """
    pieces = []
    start = 0
    while len(raw) - start >= _FOLD_AT:
        end = start + _FOLD_AT - 1
        while raw[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if raw[end - 1] in _ESCAPES:
            end -= 1
        pieces.append(raw[start:end])
        start = end
    pieces.append(raw[start:])
    return b"\r\n ".join(pieces)


def _feed(
    path: str,
    name: str,
    config: SiteConfig,
    zones: dict[str, icalendar.Timezone],
    entries: list[_Entry],
) -> Feed:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("NAME", name)
    calendar.add("X-WR-CALNAME", name)
    calendar.add("X-WR-TIMEZONE", config.timezone)
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH))
    used = {_tzid(entry.start) for entry in entries}
    for key in sorted(used & zones.keys()):
        calendar.add_component(zones[key])
    # The calendar and its time zones come out of icalendar as one VCALENDAR;
    # the events, already serialized by icalendar, go before its last line.
    head = bytes(calendar.to_ical())
    assert head.endswith(_CALENDAR_END)
    body = b"".join(entry.ical for entry in entries)
    return Feed(path, name, head[: -len(_CALENDAR_END)] + body + _CALENDAR_END)


def _tzid(start: date | datetime) -> str:
    if not isinstance(start, datetime):
        return ""
    return str(getattr(start.tzinfo, "key", ""))


def _zones(entries: list[_Entry], plan_end: date) -> dict[str, icalendar.Timezone]:
    """A VTIMEZONE for each TZID in use, covering every year the plan's events reach."""
    years = [entry.start.year for entry in entries]
    if not years:
        return {}
    first, last = date(min(years) - 1, 1, 1), date(max(*years, plan_end.year) + 2, 1, 1)
    keys = {_tzid(entry.start) for entry in entries} - {"", "UTC"}
    return {
        key: icalendar.Timezone.from_tzid(key, first_date=first, last_date=last)
        for key in sorted(keys)
    }


def build_time() -> datetime:
    """When new or changed events are stamped: SOURCE_DATE_EPOCH if set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0)
