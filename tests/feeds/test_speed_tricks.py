"""Each speed trick of feeds/ against the plain icalendar way it stands in for.

The tricks (docs/performance.md) must change nothing but the time: the
content line cache gives icalendar's lines, the writer icalendar's bytes,
the unfolding icalendar's lines and the stamp lines icalendar's parts. The
fold, the unfolding and the stamp lines are also compared on any text in
test_feeds.py, and bench/feed_tricks.py measures what each trick saves.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import vText
from icalendar.parser import Contentline, Contentlines

from bench.feed_tricks import PLAIN_WAYS, STAGES, plain_way, previous_feed, run_stage
from bench.synthetic import write_plan
from generator import check
from generator.feeds import calendars, crlf_unfolding
from generator.feeds.byte_folding import fold_line, ical_from_lines
from generator.feeds.crlf_unfolding import lines_from_feed
from generator.feeds.events import STATUSES, EventContext, context_from_plan, event_from_post
from generator.feeds.published_events import published_from_event, stamp_event
from generator.feeds.stamp_lines import stamp_from_line
from generator.model.entities import Plan, Post
from generator.model.settings import SiteConfig
from tests.feeds.plans import checked_plan

FIRST_BUILD = datetime(2027, 1, 1, tzinfo=UTC)
NEXT_BUILD = datetime(2030, 3, 17, 17, 46, 40, tzinfo=UTC)

# Text dense in what moves a fold (escapes, multi-byte characters) and any text.
_TEXT = st.one_of(
    st.text(st.sampled_from("\\^;,:a é€😀\n"), max_size=300),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
)
_TIMES = st.one_of(st.none(), st.builds(time, st.integers(0, 23), st.sampled_from([0, 30])))


@pytest.fixture(scope="module")
def plan_and_config(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, SiteConfig]:
    return checked_plan(tmp_path_factory.mktemp("plan"))


def plain_lines(event: icalendar.Event) -> list[str]:
    """icalendar's own content lines of the event, less the empty last one."""
    lines = event.content_lines()
    assert lines[-1] == ""
    return [str(line) for line in lines[:-1]]


@st.composite
def edited_posts(draw: st.DrawFn, plan: Plan) -> Post:
    """A post of the plan with any title, copy, status and time."""
    post = draw(st.sampled_from(plan.posts))
    return replace(
        post,
        title=draw(_TEXT),
        copy=draw(_TEXT),
        owner=draw(st.sampled_from(["", "Inès", "A\\B; C, D"])),
        status=draw(st.sampled_from(sorted(STATUSES))),
        time=draw(_TIMES),
        duration=draw(st.sampled_from([None, timedelta(minutes=45)])),
    )


def built_twice(
    context: EventContext, first: Post, second: Post
) -> tuple[icalendar.Event, icalendar.Event]:
    """`first` as a first build publishes it, then `second` stamped against it, as the
    next build does, both with the context's line cache (the second compared first)."""
    lines = context.lines
    published = event_from_post(first, "instagram", context)
    stamp_event(published, None, FIRST_BUILD, lines)
    lines.lines_of(published)
    event = event_from_post(second, "instagram", context)
    stamp_event(event, published_from_event(published), NEXT_BUILD, lines)
    return published, event


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_line_cache_gives_icalendar_s_lines(
    plan_and_config: tuple[Plan, SiteConfig], data: st.DataObject
) -> None:
    plan, config = plan_and_config
    context = context_from_plan(plan, config)  # one cache for every event of the example
    for _ in range(3):
        first, second = data.draw(edited_posts(plan)), data.draw(edited_posts(plan))
        for event in built_twice(context, first, second):
            assert [str(line) for line in context.lines.lines_of(event)] == plain_lines(event)


def test_the_line_cache_follows_a_value_that_was_replaced(
    plan_and_config: tuple[Plan, SiteConfig],
) -> None:
    """Lines are kept by the identity of their value: a new value gets a new line,
    even where the old one's memory is reused."""
    plan, config = plan_and_config
    context = context_from_plan(plan, config)
    event = event_from_post(plan.posts[0], "instagram", context)
    for title in ("One", "Two", "One", "Three"):
        event["SUMMARY"] = vText(title)
        assert [str(line) for line in context.lines.lines_of(event)] == plain_lines(event)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_events_are_written_byte_for_byte_as_icalendar_writes_them(
    plan_and_config: tuple[Plan, SiteConfig], data: st.DataObject
) -> None:
    plan, config = plan_and_config
    context = context_from_plan(plan, config)
    for _ in range(3):
        first, second = data.draw(edited_posts(plan)), data.draw(edited_posts(plan))
        for event in built_twice(context, first, second):
            assert ical_from_lines(context.lines.lines_of(event)) == event.to_ical()


@pytest.mark.parametrize("octets", range(70, 80))
@pytest.mark.parametrize("character", ["a", "é", "€", "😀", "\\,", "^^"])
def test_a_fold_at_the_limit_falls_where_icalendar_puts_it(octets: int, character: str) -> None:
    """Lines around 75 octets, with a multi-byte character or an escape at the cut."""
    for shift in range(4):
        text = "x" * shift + character * 40
        line = Contentline(f"SUMMARY:{text}")
        while len(line.encode()) > octets:
            text = text[:-1]
            line = Contentline(f"SUMMARY:{text}")
        assert fold_line(line.encode()) == line.to_ical()


def plansite_feed(plan: Plan, config: SiteConfig) -> str:
    """The combined feed of the plan, with long lines to unfold."""
    long_titles = tuple(replace(p, title=f"{p.title} · é😀 \\ " * 8) for p in plan.posts)
    long_plan = replace(plan, posts=long_titles)
    return next(calendars.build_feeds(long_plan, config, None, FIRST_BUILD)).body.decode()


class _Refused:
    @staticmethod
    def from_ical(text: str) -> Contentlines:
        raise AssertionError("icalendar's unfolding was used")


def test_plansite_s_own_feed_unfolds_as_icalendar_unfolds_it_without_it(
    plan_and_config: tuple[Plan, SiteConfig], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = plansite_feed(*plan_and_config)
    assert "\r\n " in feed
    expected = list(Contentlines.from_ical(feed))
    monkeypatch.setattr(crlf_unfolding, "Contentlines", _Refused)  # the trick is used
    assert lines_from_feed(feed) == expected


def test_a_feed_with_line_feeds_alone_goes_to_icalendar(
    plan_and_config: tuple[Plan, SiteConfig], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = plansite_feed(*plan_and_config).replace("\r\n", "\n")
    assert lines_from_feed(feed) == list(Contentlines.from_ical(feed))
    monkeypatch.setattr(crlf_unfolding, "Contentlines", _Refused)
    with pytest.raises(AssertionError, match="unfolding was used"):
        lines_from_feed(feed)


def test_plansite_s_stamp_lines_are_split_as_icalendar_splits_them(
    plan_and_config: tuple[Plan, SiteConfig],
) -> None:
    feed = plansite_feed(*plan_and_config)
    read = 0
    for line in lines_from_feed(feed):
        plain = stamp_from_line(line)
        name = line.split(":", 1)[0]
        if name in ("UID", "DTSTAMP", "SEQUENCE"):
            assert plain is not None, line  # the trick applies to what plansite writes
            read += 1
        if plain is not None:
            read_name, parameters, value = Contentline(line).parts()
            assert plain == (read_name, str(value))
            assert not parameters
    assert read == 3 * feed.count("BEGIN:VEVENT")


@pytest.fixture(scope="module")
def synthetic_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, SiteConfig]:
    written = write_plan(tmp_path_factory.mktemp("synthetic"), 200)
    checked = check.check_plan(check.Inputs(written.plan_dir, written.config_file))
    return checked.plan, checked.config


@pytest.mark.parametrize("trick", sorted(PLAIN_WAYS))
def test_each_trick_done_the_plain_way_gives_the_same_feeds(
    synthetic_plan: tuple[Plan, SiteConfig], trick: str
) -> None:
    """What bench/feed_tricks.py times: every feed, first published and against a
    previous publication, and that publication read back."""
    plan, config = synthetic_plan
    previous = previous_feed(plan, config)
    for stage in STAGES[None]:
        fast = run_stage(stage, plan, config, previous)
        with plain_way(trick):
            assert run_stage(stage, plan, config, previous) == fast, stage
