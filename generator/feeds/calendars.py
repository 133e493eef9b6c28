"""The iCalendar feeds calendar apps subscribe to. The only code that writes ICS
(with the modules it calls in feeds/).

Subscribers re-read a feed every few hours and compare it with what they
have, so each event must keep its identity and only change when the plan
does: UIDs come from ids, and the stamps follow the previous publication
(published_events.py). Each event is built once (events.py), written once,
and shared by the combined, channel and campaign feeds that hold it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar

from generator.feeds.byte_folding import ical_from_lines
from generator.feeds.events import EventContext, context_from_plan, event_from_post
from generator.feeds.kept_events import (
    BuiltEvent,
    EventKey,
    KeptEvents,
    LastBuild,
    key_from_post,
    settings_from_plan,
)
from generator.feeds.published_events import Published, read_published, stamp_event
from generator.model.entities import Plan, Post
from generator.model.settings import SiteConfig

PRODID = "-//plansite//plansite content calendar//EN"
REFRESH = timedelta(hours=4)
_CALENDAR_END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class Feed:
    path: str  # relative to the site root
    name: str
    body: bytes


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
    plan: Plan,
    config: SiteConfig,
    previous: bytes | None,
    now: datetime,
    kept: KeptEvents | None = None,
) -> Iterator[Feed]:
    """The combined, per-channel and per-campaign feeds, as bytes ready to publish.

    Each event is written as soon as it is built and only its text is kept,
    and the feeds come one at a time: a 50k-post plan's events and feeds
    held together took more memory than the rest of the build. The preview
    passes the events it `kept` from its last build, and this build's are
    kept there in turn; a one-off build passes none.
    """
    settings = settings_from_plan(plan, config)
    last = kept.reusable(previous, settings) if kept is not None else None
    before = _published_from_previous(previous, last)
    events = _EventsOfOneBuild(context_from_plan(plan, config), now, before, last, kept is not None)
    entries = events.entries(_posts_in_feeds(plan, config))
    zones = _zones(entries, plan.period.end)
    base = config.calendar_name or config.site_name
    paths = feed_paths(plan, config)

    def feed(key: str, name: str, held: Iterable[_Entry]) -> Feed:
        return _feed(paths[key], name, config, zones, list(held))

    combined = feed("all", base, entries)
    if kept is not None:
        kept.remember(combined.body, settings, events.built)
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


def write_feeds(
    plan: Plan, config: SiteConfig, previous: bytes | None, now: datetime, folder: Path
) -> None:
    """Write every feed under `folder`, at its path in the site (feed_paths())."""
    for feed in build_feeds(plan, config, previous, now):
        target = folder / feed.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feed.body)


def build_time() -> datetime:
    """When new or changed events are stamped: SOURCE_DATE_EPOCH if set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0)


def _posts_in_feeds(plan: Plan, config: SiteConfig) -> Iterator[Post]:
    """Every post but the ideas, unless the settings ask for them too."""
    return (p for p in plan.posts if p.in_feeds(config.include_ideas))


@dataclass(frozen=True)
class _Entry:
    """What the feeds need of one event: which feeds hold it, its start, its text."""

    channel_id: str
    campaign: str  # empty when the post is in none
    start: date | datetime
    ical: bytes


def _published_from_previous(
    previous: bytes | None, last: LastBuild | None
) -> Callable[[str], Published | None]:
    """What subscribers have of an event, by UID: read from the previous feed, or,
    when that feed is what the preview's `last` build wrote, taken from its events."""
    if last is not None:
        return last.published
    published = read_published(previous) if previous else {}
    return published.get


class _EventsOfOneBuild:
    """The events of one build: reused from the `last` build (the preview's), or
    built, stamped against what subscribers have (`before`) and written."""

    def __init__(
        self,
        context: EventContext,
        now: datetime,
        before: Callable[[str], Published | None],
        last: LastBuild | None,
        remember: bool,
    ) -> None:
        self.context = context
        self.now = now
        self.before = before
        self.last = last
        self.remember = remember  # keep every event in `built`, for the next build
        self.built: dict[EventKey, BuiltEvent] = {}

    def entries(self, posts: Iterable[Post]) -> list[_Entry]:
        entries = []
        for post in posts:
            key = key_from_post(post) if self.remember else post
            for channel_id in post.channels:
                made = self.last.events.get((key, channel_id)) if self.last else None
                if made is None:
                    made = self._built(post, channel_id)
                if self.remember:
                    self.built[(key, channel_id)] = made
                entries.append(_Entry(channel_id, post.campaign, made.start, made.ical))
        return entries

    def _built(self, post: Post, channel_id: str) -> BuiltEvent:
        event = event_from_post(post, channel_id, self.context)
        lines = self.context.lines
        stamp_event(event, self.before(str(event["UID"])), self.now, lines)
        return BuiltEvent(event, ical_from_lines(lines.lines_of(event)), post.start or post.date)


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
    # the events, already written, go before its last line.
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
