"""The rules the checks, pages, feeds and exports share, each asked of the model."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.diagnostics import Location
from generator.model import entities as m
from generator.model.content_mix import mix_tables, mix_targets
from generator.model.links import is_web_link
from generator.model.occurrences import (
    calendar_occurrences,
    counted_per_channel,
    first_calendar_day,
    last_calendar_day,
)
from generator.model.pace import expected_value, goal_start, on_pace
from generator.model.serving import GoalServing

HERE = Location(Path("plan/x"))
START, END = date(2027, 1, 1), date(2027, 12, 31)


def a_plan(**parts: object) -> m.Plan:
    return m.Plan("Plan", "Us", m.Period(START, END), HERE, **parts)  # type: ignore[arg-type]


def a_post(post_id: str = "p", day: date = date(2027, 2, 1), **fields: object) -> m.Post:
    post = m.Post(post_id, day, ("x",), "Title", HERE, ZoneInfo("UTC"))
    return replace(post, **fields)


@pytest.mark.parametrize(
    ("status", "counted", "hidden", "to_publish", "in_feeds", "in_feeds_with_ideas"),
    [
        ("idea", False, True, False, False, True),
        ("draft", False, False, True, True, True),
        ("scheduled", True, False, True, True, True),
        ("published", True, False, False, True, True),
        ("cancelled", False, True, False, True, True),
    ],
)
def test_what_each_status_means(
    status: str,
    counted: bool,
    hidden: bool,
    to_publish: bool,
    in_feeds: bool,
    in_feeds_with_ideas: bool,
) -> None:
    post = a_post(status=status)
    assert (post.counted, post.hidden, post.to_publish) == (counted, hidden, to_publish)
    assert (post.in_feeds(False), post.in_feeds(True)) == (in_feeds, in_feeds_with_ideas)


@pytest.mark.parametrize(
    ("link", "tracked"),
    [
        ("https://a.example/", True),
        ("HTTPS://a.example/", True),
        ("Http://a.example/", True),
        ("  https://a.example/", True),
        ("mailto:sam@a.example", False),
        ("MAILTO:sam@a.example", False),
        ("/relative", False),
        ("", False),
    ],
)
def test_a_tracked_link_is_a_web_link_in_any_case(link: str, tracked: bool) -> None:
    assert is_web_link(link) is tracked
    assert a_post(link=link).tracked is tracked


@pytest.mark.parametrize(
    ("cadence", "last", "next_date"),
    [
        ("weekly", date(2027, 3, 1), date(2027, 3, 8)),
        ("monthly", date(2027, 3, 1), date(2027, 4, 1)),
        ("quarterly", date(2027, 3, 1), date(2027, 6, 1)),
        ("", date(2027, 3, 1), None),
        ("monthly", None, None),
    ],
)
def test_the_next_review(cadence: str, last: date | None, next_date: date | None) -> None:
    assert m.Review(cadence, last).next_date == next_date


def a_goal(**fields: object) -> m.Goal:
    goal = m.Goal(
        "g", "Goal", HERE, metric=m.Metric("Followers", baseline=100, target=200),
        deadline=date(2027, 1, 31),
    )  # fmt: skip
    return replace(goal, **fields)


def test_a_goal_starts_with_the_plan_unless_it_has_its_own_start() -> None:
    plan = a_plan()
    assert goal_start(a_goal(), plan) == START
    assert goal_start(a_goal(start=date(2027, 1, 11)), plan) == date(2027, 1, 11)


@pytest.mark.parametrize(
    ("on", "expected"),
    [(date(2026, 12, 1), 100), (START, 100), (date(2027, 1, 16), 150), (date(2027, 3, 1), 200)],
)
def test_the_pace_line_runs_from_baseline_to_target(on: date, expected: float) -> None:
    assert expected_value(a_goal(), a_plan(), on) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("direction", "target", "value", "pace"),
    [("increase", 200, 150, True), ("increase", 200, 149, False),
     ("decrease", 0, 50, True), ("decrease", 0, 51, False)],
)  # fmt: skip
def test_on_pace_follows_the_direction(
    direction: str, target: float, value: float, pace: bool
) -> None:
    """Halfway to the deadline, the line is halfway from the baseline (100) to the target."""
    metric = m.Metric("Followers", baseline=100, target=target, direction=direction)
    progress = (m.ProgressPoint(date(2027, 1, 16), value),)
    assert on_pace(a_goal(metric=metric, progress=progress), a_plan()) is pace


@pytest.mark.parametrize(
    "fields",
    [
        {"progress": ()},
        {"metric": None, "progress": (m.ProgressPoint(START, 1),)},
        {"deadline": None, "progress": (m.ProgressPoint(START, 1),)},
        {"deadline": date(2026, 12, 1), "progress": (m.ProgressPoint(START, 1),)},
    ],
    ids=["no measurement", "no metric", "no deadline", "deadline before start"],
)
def test_pace_is_unknown_without_a_line_or_a_measurement(fields: dict[str, object]) -> None:
    assert on_pace(a_goal(**fields), a_plan()) is None


def test_what_serves_a_goal() -> None:
    goal = a_goal(channels=("insta", "fb"))
    plan = a_plan(
        goals=(goal, a_goal(id="other")),
        channels=(
            m.Channel("fb", "facebook", "M.", HERE, goals=("g", "g")),
            m.Channel("li", "linkedin", "M.", HERE, goals=("g",)),
            m.Channel("tt", "tiktok", "M.", HERE),
        ),
        campaigns=(
            m.Campaign("spring", "Spring", START, END, HERE, goals=("g", "g")),
            m.Campaign("autumn", "Autumn", START, END, HERE, goals=("other",)),
        ),
    )
    serving = GoalServing(plan)
    assert serving.channels(goal) == ("insta", "fb", "li")
    assert serving.campaigns(goal) == ("spring",)
    assert serving.channels(plan.goal("other")) == ()
    assert serving.serves(a_post(channels=("tt", "li")), goal)
    assert serving.serves(a_post(channels=("tt",), campaign="spring"), goal)
    assert not serving.serves(a_post(channels=("tt",), campaign="autumn"), goal)


def test_the_plans_today_is_its_latest_measurement_or_review_else_its_start() -> None:
    assert a_plan().today == START
    measured = a_goal(progress=(m.ProgressPoint(date(2027, 3, 1), 1),))
    assert a_plan(goals=(measured,)).today == date(2027, 3, 1)
    reviewed = a_plan(goals=(measured,), review=m.Review("monthly", date(2027, 4, 2)))
    assert reviewed.today == date(2027, 4, 2)


def test_the_calendar_spans_the_period_and_every_post() -> None:
    plan = a_plan(posts=(a_post("early", date(2026, 11, 3)), a_post("late", date(2028, 2, 1))))
    assert (first_calendar_day(plan), last_calendar_day(plan)) == (
        date(2026, 11, 3),
        date(2028, 2, 1),
    )
    assert (first_calendar_day(a_plan()), last_calendar_day(a_plan())) == (START, END)
    assert [o.day for o in calendar_occurrences(plan)] == [date(2026, 11, 3), date(2028, 2, 1)]


def test_lookups_by_id_give_the_plans_own_entities() -> None:
    goal = a_goal()
    plan = a_plan(goals=(goal,), posts=(a_post(),))
    assert plan.goal("g") is goal
    with pytest.raises(KeyError):
        plan.goal("missing")


def test_only_what_reaches_the_audience_is_counted_once_per_channel() -> None:
    posts = [
        a_post("a", channels=("x", "y")),
        a_post("b", status="draft"),
        a_post("c", status="published"),
    ]
    occurrences = calendar_occurrences(a_plan(posts=tuple(posts)))
    assert [(o.post.id, channel) for o, channel in counted_per_channel(occurrences)] == [
        ("a", "x"),
        ("a", "y"),
        ("c", "x"),
    ]


TYPES = (
    m.ContentType("tips", "Tips", HERE, share=60, purpose="educate"),
    m.ContentType("offers", "Offers", HERE, share=40, purpose="promote"),
    m.ContentType("faces", "Faces", HERE, purpose="connect"),
)


def test_a_channel_aims_for_its_own_mix_else_the_plans_shares() -> None:
    own = m.Channel("x", "x", "M.", HERE, mix=(("offers", 100.0),))
    plain = m.Channel("y", "y", "M.", HERE)
    plan = a_plan(content_types=TYPES, channels=(own, plain))
    assert mix_targets(plan, own) == (("offers", 100.0),)
    assert mix_targets(plan, plain) == mix_targets(plan) == (("tips", 60), ("offers", 40))


def test_the_mix_against_its_targets() -> None:
    own = m.Channel("x", "x", "M.", HERE, mix=(("offers", 100.0),))
    plan = a_plan(content_types=TYPES, channels=(own,))
    posts = (a_post("a", type="tips"), a_post("b", type="offers"), a_post("c", type="offers"))
    counted = counted_per_channel(calendar_occurrences(replace(plan, posts=posts)))
    whole, channel = mix_tables(plan, counted)
    assert (whole.scope, whole.total, channel.scope) == ("", 3, "x")
    lines = {line.label: (line.target, round(line.actual), line.count) for line in whole.lines}
    assert lines == {"tips": (60, 33, 1), "offers": (40, 67, 2), "faces": (None, 0, 0)}
    # A type the channel's own mix leaves out aims for none of its posts.
    assert [line.target for line in channel.lines] == [0.0, 100.0, 0.0]
    thirds = mix_tables(replace(plan, mix=m.ContentMix("thirds")), counted)[0]
    assert {line.label: line.count for line in thirds.lines} == {
        "promote": 2,
        "share": 1,
        "connect": 0,
    }
    capped = mix_tables(replace(plan, mix=m.ContentMix("80-20")), counted)[0]
    assert [(line.label, line.target) for line in capped.lines] == [
        ("promote", 20.0),
        ("other", None),
    ]


def test_a_profile_counts_its_own_elements() -> None:
    profile = m.Profile(bio="Hi", avatar=True, keywords=("lamps",))
    assert profile.missing() == ("cover", "link", "cross_promotion")
    assert profile.element_count() == 6
    assert m.Profile().missing() == m.PROFILE_ELEMENTS
    assert set(m.PROFILE_ELEMENTS) <= set(m.Profile.__dataclass_fields__)


@pytest.mark.parametrize(
    ("official", "status", "in_use"),
    [(True, "keep", True), (True, "update", True), (True, "delete", False),
     (False, "report", False)],
)  # fmt: skip
def test_an_account_in_use_is_our_own_and_not_to_delete(
    official: bool, status: str, in_use: bool
) -> None:
    account = m.Account("a", "x", "@a", HERE, official=official, status=status)
    assert account.in_use is in_use
