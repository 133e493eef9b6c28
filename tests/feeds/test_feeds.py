"""The calendar feeds, read back by independent parsers the way calendar apps read them."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from icalendar.parser import Contentline, Contentlines

from generator import build, check
from generator.commands import preview_rebuild
from generator.diagnostics import PlanError
from generator.feeds import byte_folding, crlf_unfolding, stamp_lines
from generator.feeds.events import context_from_plan, event_from_post
from generator.feeds.published_events import stamp_event
from generator.runtime import forked
from tests.conftest import EXAMPLE_PLAN, REPO, PlanFactory, run_cli

PARIS = ZoneInfo("Europe/Paris")

CALENDAR = """\
    campaigns:
      - {id: spring, name: Spring, start: 2027-03-01, end: 2027-04-30, utm_campaign: spring-27}
    posts:
      - id: weekly-tip
        date: 2027-03-02
        time: "10:00"
        duration: 45m
        channel: instagram
        type: tips
        title: Tuesday tip
        link: https://shop.example/tips?ref=news
        campaign: spring
        repeat: {every: week, on: [tue], until: 2027-04-06, except: [2027-03-16]}
      - id: launch
        date: 2027-03-10
        channel: [instagram, facebook]
        title: Launch day
        status: draft
      - id: montreal-live
        date: 2027-03-11
        time: "13:00"
        timezone: America/Montreal
        channel: facebook
        title: Live from Montreal
      - id: monthly
        date: 2027-01-31
        channel: facebook
        title: Monthly recap
        repeat: {every: month, count: 3}
      - id: someday
        date: 2027-05-01
        channel: instagram
        title: An idea
        status: idea
      - id: dropped
        date: 2027-03-12
        time: "09:00"
        channel: instagram
        title: Dropped
        status: cancelled
    """

FACEBOOK = """\
    ---
    network: facebook
    mission: Talk with neighbours about the workshop.
    ---
    """


@pytest.fixture
def feed_plan(make_plan: PlanFactory) -> Path:
    return make_plan(
        {
            "plan/calendar/q1.yml": CALENDAR,
            "plan/channels/facebook.md": FACEBOOK,
            "site_config.yml": (
                "site_name: Test plan\nsite_url: https://plan.example.com/\n"
                "language: en\ntimezone: Europe/Paris\ncalendar: {name: Test calendar}\n"
            ),
        }
    )


@contextlib.contextmanager
def source_date(epoch: str) -> Iterator[None]:
    """Builds stamp new events with this time instead of the clock's."""
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def built_site(root: Path, *args: str, epoch: str = "1798761600") -> Path:
    with source_date(epoch):
        result = run_cli("build", *args, cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


def events(feed: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(feed.read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_feeds_are_written_for_all_channels_and_campaigns(feed_plan: Path) -> None:
    site = built_site(feed_plan)
    found = sorted(str(p.relative_to(site)) for p in site.rglob("*.ics"))
    assert found == [
        "calendar.ics",
        "calendar/facebook.ics",
        "calendar/instagram.ics",
        "campaigns/spring.ics",
    ]


def test_calendar_properties(feed_plan: Path) -> None:
    calendar = icalendar.Calendar.from_ical((built_site(feed_plan) / "calendar.ics").read_bytes())
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["NAME"] == calendar["X-WR-CALNAME"] == "Test calendar"
    assert calendar["X-WR-TIMEZONE"] == "Europe/Paris"
    assert "plansite" in calendar["PRODID"]
    raw = (feed_plan / "site" / "calendar.ics").read_bytes()
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT4H\r\n" in raw
    assert b"\r\nX-PUBLISHED-TTL:PT4H\r\n" in raw


def test_one_event_per_post_and_channel_with_stable_uids(feed_plan: Path) -> None:
    uids = set(events(built_site(feed_plan) / "calendar.ics"))
    assert uids == {
        "weekly-tip.instagram@plan.example.com",
        "launch.instagram@plan.example.com",
        "launch.facebook@plan.example.com",
        "montreal-live.facebook@plan.example.com",
        "monthly.facebook@plan.example.com",
        "dropped.instagram@plan.example.com",
    }  # the idea is left out


def test_ideas_are_included_when_the_config_asks(feed_plan: Path) -> None:
    config = feed_plan / "site_config.yml"
    config.write_text(config.read_text().replace("{name: Test calendar}", "{include_ideas: true}"))
    assert "someday.instagram@plan.example.com" in events(built_site(feed_plan) / "calendar.ics")


def test_event_fields(feed_plan: Path) -> None:
    tip = events(built_site(feed_plan) / "calendar.ics")["weekly-tip.instagram@plan.example.com"]
    assert tip["SUMMARY"] == "Tuesday tip"
    assert tip["STATUS"] == "CONFIRMED"
    assert tip.decoded("DTSTART") == datetime(2027, 3, 2, 10, 0, tzinfo=PARIS)
    assert tip["DTSTART"].params["TZID"] == "Europe/Paris"
    assert tip.decoded("DTEND") == datetime(2027, 3, 2, 10, 45, tzinfo=PARIS)
    assert tip["URL"] == "https://plan.example.com/calendar/2027-03/posts/#weekly-tip"
    assert [str(c) for c in tip["CATEGORIES"].cats] == ["instagram", "Tips"]
    assert tip["DESCRIPTION"] == (
        "Link: https://shop.example/tips?ref=news&utm_source=instagram&utm_medium=social"
        "&utm_campaign=spring-27&utm_content=weekly-tip\nType: Tips\nCampaign: Spring"
    )


def test_statuses(feed_plan: Path) -> None:
    found = events(built_site(feed_plan) / "calendar.ics")
    assert found["launch.facebook@plan.example.com"]["STATUS"] == "TENTATIVE"
    assert found["dropped.instagram@plan.example.com"]["STATUS"] == "CANCELLED"


def test_all_day_posts_are_dates_with_an_exclusive_end(feed_plan: Path) -> None:
    site = built_site(feed_plan)
    launch = events(site / "calendar.ics")["launch.facebook@plan.example.com"]
    assert launch.decoded("DTSTART") == date(2027, 3, 10)
    assert launch.decoded("DTEND") == date(2027, 3, 11)
    assert b"DTSTART;VALUE=DATE:20270310\r\n" in (site / "calendar.ics").read_bytes()


def test_repeat_becomes_rrule_with_utc_until_and_matching_exdate(feed_plan: Path) -> None:
    raw = (built_site(feed_plan) / "calendar.ics").read_bytes().decode()
    unfolded = raw.replace("\r\n ", "")
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270406T080000Z;BYDAY=TU\r\n" in unfolded
    assert "EXDATE;TZID=Europe/Paris:20270316T100000\r\n" in unfolded
    assert "RRULE:FREQ=MONTHLY;COUNT=3\r\n" in unfolded


def test_per_post_time_zone_gets_its_vtimezone(feed_plan: Path) -> None:
    calendar = icalendar.Calendar.from_ical((built_site(feed_plan) / "calendar.ics").read_bytes())
    zones = sorted(str(z["TZID"]) for z in calendar.walk("VTIMEZONE"))
    assert zones == ["America/Montreal", "Europe/Paris"]
    live = next(e for e in calendar.walk("VEVENT") if e["SUMMARY"] == "Live from Montreal")
    assert live.decoded("DTSTART").astimezone(UTC) == datetime(2027, 3, 11, 18, 0, tzinfo=UTC)


def test_expanded_occurrences_keep_wall_clock_time_across_dst(feed_plan: Path) -> None:
    """recurring-ical-events expands the rule as Google or Apple would: 10:00 every time."""
    calendar = icalendar.Calendar.from_ical((built_site(feed_plan) / "calendar.ics").read_bytes())
    tips = [
        o
        for o in recurring_ical_events.of(calendar).between(date(2027, 1, 1), date(2028, 1, 1))
        if o["SUMMARY"] == "Tuesday tip"
    ]
    starts = [o.decoded("DTSTART") for o in tips]
    assert [s.date() for s in starts] == [
        date(2027, 3, 2),
        date(2027, 3, 9),
        date(2027, 3, 23),  # 16 March is an exception
        date(2027, 3, 30),  # after the change to summer time on 28 March
        date(2027, 4, 6),
    ]
    assert {s.astimezone(PARIS).strftime("%H:%M") for s in starts} == {"10:00"}
    assert [s.astimezone(UTC).hour for s in starts] == [9, 9, 9, 8, 8]
    monthly = [
        o.decoded("DTSTART")
        for o in recurring_ical_events.of(calendar).between(date(2027, 1, 1), date(2028, 1, 1))
        if o["SUMMARY"] == "Monthly recap"
    ]
    # RFC 5545: a month without a 31st has no occurrence; COUNT=3 reaches into May.
    assert monthly == [date(2027, 1, 31), date(2027, 3, 31), date(2027, 5, 31)]


def test_channel_and_campaign_feeds_hold_exactly_their_posts(feed_plan: Path) -> None:
    site = built_site(feed_plan)
    assert set(events(site / "calendar" / "facebook.ics")) == {
        "launch.facebook@plan.example.com",
        "montreal-live.facebook@plan.example.com",
        "monthly.facebook@plan.example.com",
    }
    assert set(events(site / "campaigns" / "spring.ics")) == {
        "weekly-tip.instagram@plan.example.com"
    }
    only_paris = icalendar.Calendar.from_ical((site / "calendar" / "instagram.ics").read_bytes())
    assert [str(z["TZID"]) for z in only_paris.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_text_is_escaped_and_cannot_add_properties(make_plan: PlanFactory) -> None:
    evil = "A, B; C \\ D\r\nBEGIN:VEVENT\r\nUID:injected\nSUMMARY:x"
    root = make_plan(
        {
            "plan/calendar/q1.yml": "posts:\n  - id: hello\n    date: 2027-01-05\n"
            f"    channel: instagram\n    title: {yaml.safe_dump(evil).strip()}\n"
            f"    copy: {yaml.safe_dump(evil).strip()}\n"
        }
    )
    raw = (built_site(root) / "calendar.ics").read_bytes()
    assert raw.count(b"\r\nBEGIN:VEVENT\r\n") == 1  # the text stays inside its property
    assert b"\r\nUID:injected" not in raw
    (event,) = events(root / "site" / "calendar.ics").values()
    assert event["SUMMARY"] == evil.replace("\r\n", "\n")
    assert str(event["DESCRIPTION"]).startswith("A, B; C \\ D\nBEGIN:VEVENT\nUID:injected")


def test_long_lines_fold_at_75_octets_on_character_boundaries(make_plan: PlanFactory) -> None:
    title = "Éclairage à l'ancienne " * 12
    root = make_plan(
        {
            "plan/calendar/q1.yml": "posts:\n  - id: hello\n    date: 2027-01-05\n"
            f'    channel: instagram\n    title: "{title}"\n'
        }
    )
    raw = (built_site(root) / "calendar.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # a fold never splits a character
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_independent_parsers_read_every_example_feed(example_site: Path) -> None:
    feeds = sorted(example_site.rglob("*.ics"))
    assert len(feeds) >= 1 + 4 + 1
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        count = text.count("BEGIN:VEVENT")
        calendar = icalendar.Calendar.from_ical(text)
        assert len(calendar.walk("VEVENT")) == count
        (parsed,) = list(vobject.readComponents(text, validate=True))
        parsed.validate(raiseException=True, complainUnrecognized=False)
        assert len(parsed.vevent_list) == count
        strict = IcsCalendarStream.calendar_from_ics(text)
        assert len(strict.events) == count


def expected_channel_posts() -> dict[str, set[str]]:
    """Post ids per channel read straight from the example's YAML (ideas left out)."""
    by_channel: dict[str, set[str]] = {}
    for path in sorted((EXAMPLE_PLAN / "calendar").glob("*.yml")):
        for post in yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader).get("posts", []):
            if post.get("status") == "idea":
                continue
            channels = post["channel"] if isinstance(post["channel"], list) else [post["channel"]]
            for channel in channels:
                by_channel.setdefault(channel, set()).add(post.get("id", post["title"]))
    return by_channel


def test_example_channel_feeds_hold_exactly_their_channel(example_site: Path) -> None:
    expected = expected_channel_posts()
    for channel, post_keys in expected.items():
        found = events(example_site / "calendar" / f"{channel}.ics").values()
        assert len(found) == len(post_keys), channel
        explicit = {k for k in post_keys if " " not in k}
        uids = {str(e["UID"]).split(".")[0] for e in found}
        assert explicit <= uids, channel
        assert {str(e["UID"]).split("@")[0].split(".")[1] for e in found} == {channel}


def test_the_same_plan_gives_the_same_bytes(feed_plan: Path, tmp_path: Path) -> None:
    first = (built_site(feed_plan) / "calendar.ics").read_bytes()
    again = (built_site(feed_plan, epoch="1900000000") / "calendar.ics").read_bytes()
    assert again == first  # unchanged events keep their stamps, whatever the clock says


def test_uids_ignore_file_order_and_unrelated_edits(feed_plan: Path) -> None:
    before = set(events(built_site(feed_plan) / "calendar.ics"))
    calendar = feed_plan / "plan" / "calendar" / "q1.yml"
    text = calendar.read_text()
    calendar.unlink()
    moved = text.replace("title: Tuesday tip", "title: Tuesday tip, renamed")
    (feed_plan / "plan" / "calendar" / "z-moved.yml").write_text(moved)
    shutil.rmtree(feed_plan / "site")
    after = set(events(built_site(feed_plan) / "calendar.ics"))
    assert after == before


@pytest.mark.parametrize("compared_with", ["kept events", "published file"])
def test_moving_a_post_raises_its_sequence_and_keeps_its_uid(
    feed_plan: Path, compared_with: str, tmp_path: Path
) -> None:
    """The preview compares with the events kept from its last build; a one-off build
    reads the published feed: both must agree."""
    if compared_with == "kept events":
        inputs = check.Inputs(feed_plan / "plan", feed_plan / "site_config.yml")
        preview = preview_rebuild.Preview(inputs, tmp_path / "preview")

        def build_at(epoch: str) -> Path:
            with source_date(epoch):
                preview.rebuild()
            return preview.out
    else:

        def build_at(epoch: str) -> Path:
            return built_site(feed_plan, epoch=epoch)

    site = build_at("1798761600")
    before = events(site / "calendar.ics")
    if compared_with == "kept events":  # a one-off build has nothing to keep them in
        assert len(preview._events) > 0
    calendar = feed_plan / "plan" / "calendar" / "q1.yml"
    calendar.write_text(
        calendar.read_text()
        .replace('time: "13:00"', 'time: "14:00"')
        .replace("title: Monthly recap", "title: Monthly summary")
        .replace("status: draft", "status: cancelled")
    )
    after = events(build_at("1900000000") / "calendar.ics")
    assert set(after) == set(before)
    moved = "montreal-live.facebook@plan.example.com"
    assert (before[moved]["SEQUENCE"], after[moved]["SEQUENCE"]) == (0, 1)
    assert after[moved].decoded("DTSTAMP") > before[moved].decoded("DTSTAMP")
    cancelled = "launch.facebook@plan.example.com"
    assert after[cancelled]["SEQUENCE"] == 1
    renamed = "monthly.facebook@plan.example.com"  # a new title is not a move
    assert after[renamed]["SEQUENCE"] == 0
    assert after[renamed].decoded("LAST-MODIFIED") > before[renamed].decoded("LAST-MODIFIED")
    untouched = "weekly-tip.instagram@plan.example.com"
    assert after[untouched].to_ical() == before[untouched].to_ical()


def test_previous_publication_can_come_from_elsewhere(feed_plan: Path, tmp_path: Path) -> None:
    published = tmp_path / "published.ics"
    shutil.copy(built_site(feed_plan) / "calendar.ics", published)
    shutil.rmtree(feed_plan / "site")
    calendar = feed_plan / "plan" / "calendar" / "q1.yml"
    calendar.write_text(calendar.read_text().replace('time: "13:00"', 'time: "15:00"'))
    after = events(
        built_site(feed_plan, "--previous", str(published), epoch="1900000000") / "calendar.ics"
    )
    assert after["montreal-live.facebook@plan.example.com"]["SEQUENCE"] == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_gives_feeds_the_calendar_media_type(feed_plan: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "generator", "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=feed_plan, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        response: Any = None
        while time.monotonic() < deadline and response is None:
            try:
                response = urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/calendar.ics", timeout=5
                )
            except OSError:
                time.sleep(0.3)
        assert response is not None, "the preview did not start"
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert response.read().startswith(b"BEGIN:VCALENDAR\r\n")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_git_keeps_feeds_byte_exact() -> None:
    assert "*.ics -text" in (REPO / ".gitattributes").read_text().splitlines()


def test_events_are_written_as_icalendar_writes_them(make_plan: PlanFactory) -> None:
    """Lines that fit skip icalendar's folding; the bytes must not change for it."""
    title = "Éclairage à l'ancienne, " * 6
    root = make_plan(
        {
            "plan/calendar/q1.yml": "posts:\n"
            "  - id: short\n    date: 2027-01-05\n    channel: instagram\n    title: Short\n"
            f'  - id: long\n    date: 2027-01-06\n    time: "10:00"\n    channel: instagram\n'
            f'    title: "{title}"\n    copy: "{"x" * 73}\\\\{"y" * 80}"\n'
        }
    )
    checked = check.check_plan(check.Inputs(root / "plan", root / "site_config.yml"))
    context = replace(context_from_plan(checked.plan, checked.config), host="example.com")
    lines = context.lines
    for post in checked.plan.posts:
        event = event_from_post(post, "instagram", context)
        stamp_event(event, None, datetime(2027, 1, 1, tzinfo=UTC), lines)
        expected = event.to_ical()
        assert byte_folding.ical_from_lines(lines.lines_of(event)) == expected
    assert max(len(line) for line in expected.split(b"\r\n")) == 75  # folded lines were there


# Any text that can sit on one content line, and text dense in the escapes and
# multi-byte characters that move a fold, so that they land on fold points.
_ONE_LINE = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"), max_size=400),
    st.text(st.sampled_from("\\^;a é€😀"), max_size=400),
)


@settings(max_examples=500, deadline=None)
@given(_ONE_LINE)
def test_long_lines_are_folded_where_icalendar_folds_them(text: str) -> None:
    line = Contentline(f"DESCRIPTION:{text}")
    assert byte_folding.fold_line(line.encode()) == line.to_ical()


# Feed text with every kind of line break and fold icalendar's unfolding knows.
_FEED_TEXT = st.lists(
    st.sampled_from(["\r\n", "\n", "\r", " ", "\t", "UID:", "a", ";X=1", "é", "\r\n "])
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_FEED_TEXT)
def test_a_published_feed_unfolds_as_icalendar_unfolds_it(text: str) -> None:
    assert crlf_unfolding.lines_from_feed(text) == list(Contentlines.from_ical(text))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["UID", "DTSTAMP", "SEQUENCE", "Uid"]),
    st.one_of(
        st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\n")),
        st.text(st.sampled_from('\\,;:"=a')),  # what escapes and parameters are made of
    ),
)
def test_plain_stamp_lines_are_read_as_icalendar_reads_them(name: str, value: str) -> None:
    line = f"{name}:{value}"
    plain = stamp_lines.stamp_from_line(line)
    if plain is not None:
        read_name, parameters, read_value = Contentline(line).parts()
        assert (plain[0], plain[1]) == (read_name, str(read_value))
        assert not parameters


def test_feeds_made_beside_the_site_are_the_same_bytes(feed_plan: Path, tmp_path: Path) -> None:
    inputs = check.Inputs(feed_plan / "plan", feed_plan / "site_config.yml")
    with source_date("1798761600"):
        build.build(inputs, tmp_path / "beside", parallel=True)
        build.build(inputs, tmp_path / "here", parallel=False)
    beside = {p.relative_to(tmp_path / "beside"): p for p in (tmp_path / "beside").rglob("*")}
    here = {p.relative_to(tmp_path / "here"): p for p in (tmp_path / "here").rglob("*")}
    assert beside.keys() == here.keys()
    feeds = [name for name in beside if name.suffix == ".ics"]
    assert len(feeds) >= 3
    for name, path in beside.items():
        if path.is_file():
            assert path.read_bytes() == here[name].read_bytes(), name
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".plansite")] == []


def test_a_feeds_process_that_dies_is_an_error_not_a_traceback(
    feed_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not forked.can_fork():
        pytest.skip("needs fork")
    monkeypatch.setattr(build, "_write_feeds", lambda *args: os._exit(9))
    inputs = check.Inputs(feed_plan / "plan", feed_plan / "site_config.yml")
    with pytest.raises(PlanError) as failed:
        build.build(inputs, tmp_path / "site")
    (error,) = failed.value.report.errors
    assert (
        error.message == "the process making the feeds stopped (exit code 9); nothing was written"
    )
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".plansite")] == []


def test_a_carriage_return_survives_a_table_kept_out_of_markdown(make_plan: PlanFactory) -> None:
    posts = "".join(
        f"  - {{id: p{i}, date: 2027-01-{1 + i % 28:02d}, channel: instagram, title: Post {i}}}\n"
        for i in range(250)
    )
    # A bare carriage return is refused in plan text; one that ends a line is not.
    posts += '  - {id: cr, date: 2027-01-15, channel: instagram, title: "Line\\r\\nbreak"}\n'
    root = make_plan({"plan/calendar/q1.yml": "posts:\n" + posts})
    site = built_site(root)  # January's 251 rows are kept out of Markdown
    # Sanitized, the table is parsed as HTML, which reads a carriage return as
    # a line feed (as a browser does): the line break is kept, not lost.
    assert re.search(
        rb"Line[\r\n]break", (site / "calendar" / "2027-01" / "index.html").read_bytes()
    )
