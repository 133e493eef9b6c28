"""The events of the preview's last build, which the next build reuses.

`plansite serve` rebuilds after every edit: an event whose post, channel
and settings did not change is reused with its stamps and its text, and
only the events of edited posts are built and compared again. The preview
creates a KeptEvents and hands it to every build; a one-off build has none,
and keeps nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

import icalendar

from generator.diagnostics import Location
from generator.feeds.published_events import Published, published_from_event
from generator.model.entities import Plan, Post
from generator.model.settings import SiteConfig

_NOWHERE = Location(Path("."))


@dataclass(frozen=True)
class BuiltEvent:
    """An event as built and written, with its start (which time zones the feeds need)."""

    event: icalendar.Event
    ical: bytes
    start: date | datetime


# A post (wherever it is written) and one of its channels.
EventKey = tuple[Post, str]


def key_from_post(post: Post) -> Post:
    """The post as a key of its events: where a post is written is not what it says."""
    return replace(post, source=_NOWHERE)


def settings_from_plan(plan: Plan, config: SiteConfig) -> tuple[object, ...]:
    """Everything besides a post that shapes its events: names, networks, settings."""
    return (
        config,
        plan.utm_medium,
        tuple((t.id, t.name) for t in plan.content_types),
        tuple((c.id, c.name, c.utm_campaign) for c in plan.campaigns),
        tuple((c.id, c.network) for c in plan.channels),
    )


@dataclass(frozen=True)
class LastBuild:
    """The events one build made, and the combined feed it wrote from them."""

    feed_digest: bytes
    settings: tuple[object, ...]
    events: dict[EventKey, BuiltEvent]

    def published(self, uid: str) -> Published | None:
        """What subscribers have of one event, from the event itself: no file to read."""
        old = self._by_uid.get(uid)
        return None if old is None else published_from_event(old)

    @cached_property
    def _by_uid(self) -> dict[str, icalendar.Event]:
        return {str(made.event["UID"]): made.event for made in self.events.values()}


class KeptEvents:
    """The events of the last build in this process, for the next one."""

    def __init__(self) -> None:
        self._last: LastBuild | None = None

    def __len__(self) -> int:
        return len(self._last.events) if self._last else 0

    def reusable(self, previous: bytes | None, settings: tuple[object, ...]) -> LastBuild | None:
        """The last build, when the previous publication is what it wrote, in the same
        settings; None when its events cannot stand for what subscribers have."""
        last = self._last
        if previous is None or last is None or settings != last.settings:
            return None
        return last if hashlib.sha256(previous).digest() == last.feed_digest else None

    def remember(
        self, combined_feed: bytes, settings: tuple[object, ...], events: dict[EventKey, BuiltEvent]
    ) -> None:
        self._last = LastBuild(hashlib.sha256(combined_feed).digest(), settings, events)
