"""The stamps of an event against what subscribers already have of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
from icalendar import vInt

from generator.feeds.events import context_from_plan, event_from_post
from generator.feeds.published_events import (
    published_from_event,
    read_published,
    stamp_event,
)
from generator.model.entities import Plan, Post
from generator.model.settings import SiteConfig
from tests.feeds.plans import checked_plan, post

PUBLISHED_AT = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
NOW = datetime(2030, 3, 17, 17, 46, 40, tzinfo=UTC)
UID = "weekly.instagram@plan.example.com"


@pytest.fixture
def plan_and_config(tmp_path: Path) -> tuple[Plan, SiteConfig]:
    return checked_plan(tmp_path)


def published(plan: Plan, config: SiteConfig, sequence: int) -> tuple[icalendar.Event, bytes]:
    """The weekly post as an earlier build published it, and that build's feed."""
    context = context_from_plan(plan, config)
    event = event_from_post(post(plan, "weekly"), "instagram", context)
    stamp_event(event, None, PUBLISHED_AT, context.lines)
    event["SEQUENCE"] = vInt(sequence)
    feed = b"BEGIN:VCALENDAR\r\n" + event.to_ical() + b"END:VCALENDAR\r\n"
    return event, feed


def rebuilt(plan: Plan, config: SiteConfig, weekly: Post, feed: bytes) -> icalendar.Event:
    """The weekly post, as it now is, built and stamped against the earlier feed."""
    context = context_from_plan(plan, config)  # a new build: nothing shared with the last
    event = event_from_post(weekly, "instagram", context)
    stamp_event(event, read_published(feed).get(UID), NOW, context.lines)
    return event


def _later(post: Post) -> Post:
    assert post.time is not None
    return replace(post, time=time(post.time.hour + 1, post.time.minute))


def _one_more_exception(post: Post) -> Post:
    assert post.repeat is not None
    exceptions = (*post.repeat.exceptions, date(2027, 3, 30))
    return replace(post, repeat=replace(post.repeat, exceptions=exceptions))


CHANGES: dict[str, tuple[Callable[[Post], Post], datetime, int]] = {
    # what changed: (the change, the DTSTAMP and LAST-MODIFIED, the SEQUENCE after it)
    "unchanged": (lambda p: p, PUBLISHED_AT, 3),
    "retitled": (lambda p: replace(p, title="Tuesday tip, renamed"), NOW, 3),
    "new copy": (lambda p: replace(p, copy="Now with a description."), NOW, 3),
    "moved": (_later, NOW, 4),
    "longer": (lambda p: replace(p, duration=timedelta(hours=1)), NOW, 4),
    "cancelled": (lambda p: replace(p, status="cancelled"), NOW, 4),
    "one more exception": (_one_more_exception, NOW, 4),
}


@pytest.mark.parametrize("change", CHANGES)
def test_stamps_move_with_what_changed(
    plan_and_config: tuple[Plan, SiteConfig], change: str
) -> None:
    """Any change gets a new DTSTAMP and LAST-MODIFIED; a change of time, recurrence
    or status also a higher SEQUENCE, so calendar apps replace their copy."""
    plan, config = plan_and_config
    edit, stamp, sequence = CHANGES[change]
    _, feed = published(plan, config, sequence=3)
    event = rebuilt(plan, config, edit(post(plan, "weekly")), feed)
    assert event.decoded("DTSTAMP") == stamp
    assert event.decoded("LAST-MODIFIED") == stamp
    assert event["SEQUENCE"] == sequence


def test_an_unchanged_event_is_written_as_it_was_published(
    plan_and_config: tuple[Plan, SiteConfig],
) -> None:
    plan, config = plan_and_config
    before, feed = published(plan, config, sequence=2)
    event = rebuilt(plan, config, post(plan, "weekly"), feed)
    assert event.to_ical() == before.to_ical()


def test_a_new_event_is_stamped_now_at_sequence_zero(
    plan_and_config: tuple[Plan, SiteConfig],
) -> None:
    plan, config = plan_and_config
    _, feed = published(plan, config, sequence=5)
    context = context_from_plan(plan, config)
    event = event_from_post(post(plan, "timed"), "instagram", context)
    assert read_published(feed).get(str(event["UID"])) is None
    stamp_event(event, None, NOW, context.lines)
    assert event.decoded("DTSTAMP") == event.decoded("LAST-MODIFIED") == NOW
    assert event["SEQUENCE"] == 0


def test_the_preview_s_own_event_stands_for_the_published_one(
    plan_and_config: tuple[Plan, SiteConfig],
) -> None:
    """The preview compares with the events it built last (kept_events.py), a build
    with the feed it reads: both must see the same thing."""
    plan, config = plan_and_config
    event, feed = published(plan, config, sequence=7)
    assert published_from_event(event) == read_published(feed)[UID]


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda feed: feed.replace(b"\r\n", b"\n"),  # line feeds only
        lambda feed: feed.replace(b"\r\nSUMMARY:", b"\r\nSUMMA\r\n RY:"),  # folded elsewhere
        lambda feed: feed.replace(b"\r\nDTSTAMP:", b"\r\ndtstamp;X-NOTE=kept:"),
        lambda feed: feed.replace(b"\r\nSEQUENCE:4", b"\r\nSEQUENCE: 4"),
    ],
    ids=["line feeds", "folded elsewhere", "stamp with a parameter", "spaced sequence"],
)
def test_a_feed_written_differently_is_read_as_the_same_events(
    plan_and_config: tuple[Plan, SiteConfig], rewrite: Callable[[bytes], bytes]
) -> None:
    """What was published may have been copied or edited by other tools: an event
    means what icalendar reads in it, however it is written."""
    plan, config = plan_and_config
    _, feed = published(plan, config, sequence=4)
    edited = rewrite(feed)
    assert edited != feed
    assert read_published(edited) == read_published(feed)


def test_an_event_without_a_stamp_counts_as_new(
    plan_and_config: tuple[Plan, SiteConfig],
) -> None:
    plan, config = plan_and_config
    _, feed = published(plan, config, sequence=4)
    without = b"\r\n".join(line for line in feed.split(b"\r\n") if not line.startswith(b"DTSTAMP"))
    assert read_published(feed).keys() == {UID}
    assert read_published(without) == {}
    assert read_published(b"\xff" + feed) == {}  # not UTF-8: no publication to compare with
