"""One post on one channel as an event: what each kind of post becomes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from generator.feeds.byte_folding import ical_from_lines
from generator.feeds.events import EventContext, context_from_plan, event_from_post
from generator.model.entities import Plan
from generator.model.settings import SiteConfig
from tests.feeds.plans import checked_plan, post

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def plan_and_config(tmp_path: Path) -> tuple[Plan, SiteConfig]:
    return checked_plan(tmp_path)


@pytest.fixture
def context(plan_and_config: tuple[Plan, SiteConfig]) -> EventContext:
    return context_from_plan(*plan_and_config)


def written(event: icalendar.Event, context: EventContext) -> str:
    """The event's text, unfolded, as the feeds hold it."""
    return ical_from_lines(context.lines.lines_of(event)).decode().replace("\r\n ", "")


def test_an_all_day_post_is_a_date_with_the_next_day_as_its_exclusive_end(
    context: EventContext,
) -> None:
    event = event_from_post(post(context.plan, "all-day"), "instagram", context)
    assert event.decoded("DTSTART") == date(2027, 3, 10)
    assert event.decoded("DTEND") == date(2027, 3, 11)
    assert str(event["UID"]) == "all-day.instagram@plan.example.com"
    assert event["SUMMARY"] == "Launch day"
    assert event["STATUS"] == "TENTATIVE"  # a draft
    assert event["URL"] == "https://plan.example.com/calendar/2027-03/posts/#all-day"
    assert event["DESCRIPTION"] == "The new lamps are here.\n\nOwner: Sam"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["instagram"]
    assert "RRULE" not in event and "EXDATE" not in event
    assert "DTSTART;VALUE=DATE:20270310\r\n" in written(event, context)


def test_a_timed_post_lasts_its_duration_in_its_time_zone(context: EventContext) -> None:
    event = event_from_post(post(context.plan, "timed"), "instagram", context)
    assert event.decoded("DTSTART") == datetime(2027, 3, 11, 13, 0, tzinfo=PARIS)
    assert event.decoded("DTEND") == datetime(2027, 3, 11, 13, 45, tzinfo=PARIS)
    assert event["STATUS"] == "CONFIRMED"
    assert "DESCRIPTION" not in event  # no copy, no link, no owner, no type
    assert "DTSTART;TZID=Europe/Paris:20270311T130000\r\n" in written(event, context)


def test_a_timed_post_without_a_duration_lasts_the_default(context: EventContext) -> None:
    event = event_from_post(post(context.plan, "default-length"), "instagram", context)
    start = datetime(2027, 3, 12, 9, 0, tzinfo=ZoneInfo("America/Montreal"))
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") - start == timedelta(minutes=30)
    assert event["STATUS"] == "CANCELLED"
    assert "DTSTART;TZID=America/Montreal:20270312T090000\r\n" in written(event, context)


def test_the_default_duration_comes_from_the_settings(tmp_path: Path) -> None:
    config = (
        "site_name: Test plan\nsite_url: https://plan.example.com/\n"
        "timezone: Europe/Paris\ncalendar: {default_duration: 2h}\n"
    )
    context = context_from_plan(*checked_plan(tmp_path, config))
    event = event_from_post(post(context.plan, "default-length"), "instagram", context)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)


def test_a_timed_repeat_has_its_rule_with_utc_until_and_exceptions_at_its_time(
    context: EventContext,
) -> None:
    event = event_from_post(post(context.plan, "weekly"), "instagram", context)
    text = written(event, context)
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270427T080000Z;INTERVAL=2;BYDAY=TU,TH\r\n" in text
    # Each exception has the start's type, zone and time (Google ignores any other).
    assert "EXDATE;TZID=Europe/Paris:20270316T100000\r\n" in text
    assert "EXDATE;TZID=Europe/Paris:20270318T100000\r\n" in text
    assert [str(c) for c in event["CATEGORIES"].cats] == ["instagram", "Tips"]
    assert event["DESCRIPTION"] == "Type: Tips"


def test_an_all_day_repeat_counts_and_skips_whole_days(context: EventContext) -> None:
    event = event_from_post(post(context.plan, "monthly"), "instagram", context)
    text = written(event, context)
    assert "RRULE:FREQ=MONTHLY;COUNT=3\r\n" in text
    assert "EXDATE;VALUE=DATE:20270331\r\n" in text
    assert event.decoded("DTEND") == date(2027, 2, 1)


def test_a_post_on_two_channels_is_one_event_on_each(context: EventContext) -> None:
    both = post(context.plan, "both")
    instagram = event_from_post(both, "instagram", context)
    facebook = event_from_post(both, "facebook", context)
    assert str(instagram["UID"]) == "both.instagram@plan.example.com"
    assert str(facebook["UID"]) == "both.facebook@plan.example.com"
    for event, channel in ((instagram, "instagram"), (facebook, "facebook")):
        assert event.decoded("DTSTART") == datetime(2027, 3, 15, 18, 30, tzinfo=PARIS)
        assert event["SUMMARY"] == "On both channels"
        assert [str(c) for c in event["CATEGORIES"].cats] == [channel, "Tips"]
        assert event["DESCRIPTION"] == (
            f"Link: https://shop.example/both?ref=news&utm_source={channel}&utm_medium=social"
            "&utm_campaign=spring-27&utm_content=both\nType: Tips\nCampaign: Spring sale"
        )


def test_values_many_events_share_are_made_once(context: EventContext) -> None:
    """One status and one set of categories for all the events that have them: their
    content lines are then made once for the build (content_line_cache.py)."""
    first = event_from_post(post(context.plan, "timed"), "instagram", context)
    second = event_from_post(post(context.plan, "both"), "instagram", context)
    third = event_from_post(post(context.plan, "weekly"), "instagram", context)
    assert first["STATUS"] is second["STATUS"]
    assert second["CATEGORIES"] is third["CATEGORIES"]
    assert first["CATEGORIES"] is not second["CATEGORIES"]  # ("instagram",) alone


def test_without_a_site_url_events_have_no_link_and_a_reserved_host(
    tmp_path: Path,
) -> None:
    context = context_from_plan(*checked_plan(tmp_path, "site_name: Test plan\nlanguage: fr\n"))
    event = event_from_post(post(context.plan, "both"), "facebook", context)
    assert "URL" not in event
    assert str(event["UID"]) == "both.facebook@plansite.invalid"
    assert event["DESCRIPTION"].endswith("Type : Tips\nCampagne : Spring sale")  # in French


def test_the_rule_s_until_is_in_utc_whatever_the_post_s_zone(context: EventContext) -> None:
    weekly = post(context.plan, "weekly")
    assert weekly.repeat is not None and weekly.repeat.until == date(2027, 4, 27)
    event = event_from_post(weekly, "instagram", context)
    assert event["RRULE"]["UNTIL"] == datetime(2027, 4, 27, 10, 0, tzinfo=PARIS).astimezone(UTC)
