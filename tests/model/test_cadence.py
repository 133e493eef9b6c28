"""Posts a week against a channel's cadence: what counts (scheduled or published,
each repeat, once a channel), weeks cut to the plan period, and the month the
overview's channel cards show."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator import check
from generator.model import entities as m
from generator.model.cadence import (
    PostCount,
    counted_days_by_channel,
    month_post_count,
    weekly_post_counts,
)
from generator.model.occurrences import calendar_occurrences
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN
from tests.pages.small_plans import checked_plan, posts

CHANNEL = """\
    ---
    network: instagram
    account: insta
    mission: Show the workshop to people who love lamps.
    goals: [followers]
    cadence: {posts_per_week: %s}
    ---
    """

# The plan runs from Friday 1 January to Wednesday 30 June 2027.
CALENDAR = posts(
    "{id: before, date: 2026-12-30, channel: instagram, type: tips, title: Before}",
    "{id: saturday, date: 2027-01-02, channel: instagram, type: tips, title: Sat}",
    "{id: monday, date: 2027-01-04, channel: instagram, type: tips, title: Mon, status: published}",
    "{id: draft, date: 2027-01-05, channel: instagram, type: tips, title: Draft, status: draft}",
    "{id: dropped, date: 2027-01-06, channel: instagram, type: tips, title: No, status: cancelled}",
    "{id: weekly, date: 2027-01-07, channel: instagram, type: tips, title: Weekly,"
    " repeat: {every: week, count: 3}}",
    "{id: february, date: 2027-02-03, channel: instagram, type: tips, title: Feb}",
    "{id: april, date: 2027-04-12, channel: instagram, type: tips, title: Apr}",
)


def counted(tmp_path: Path, per_week: str = "3") -> tuple[m.Plan, dict[str, list[date]]]:
    checked = checked_plan(
        tmp_path,
        {"plan/channels/instagram.md": CHANNEL % per_week, "plan/calendar/q1.yml": CALENDAR},
    )
    return checked.plan, counted_days_by_channel(calendar_occurrences(checked.plan))


def counts(tmp_path: Path) -> list[PostCount]:
    plan, days = counted(tmp_path)
    return weekly_post_counts(plan.channel("instagram"), days, plan.period)


def test_weeks_run_monday_to_sunday_cut_to_the_plan_period(tmp_path: Path) -> None:
    weeks = counts(tmp_path)
    assert len(weeks) == 27
    assert (weeks[0].first, weeks[0].last) == (date(2027, 1, 1), date(2027, 1, 3))
    assert (weeks[1].first, weeks[1].last) == (date(2027, 1, 4), date(2027, 1, 10))
    assert (weeks[-1].first, weeks[-1].last) == (date(2027, 6, 28), date(2027, 6, 30))


def test_scheduled_and_published_posts_count_each_repeat_drafts_and_cancelled_do_not(
    tmp_path: Path,
) -> None:
    weeks = counts(tmp_path)
    # Saturday; Monday and the first weekly; the second; the third.
    assert [week.posts for week in weeks[:5]] == [1, 2, 1, 1, 0]
    assert sum(week.posts for week in weeks) == 7  # the post before the plan is not in a week


def test_a_cut_week_asks_its_share_of_the_cadence(tmp_path: Path) -> None:
    weeks = counts(tmp_path)
    assert weeks[0].planned is not None and round(weeks[0].planned, 3) == round(3 * 3 / 7, 3)
    assert weeks[1].planned == 3
    assert weeks[-1].planned is not None and round(weeks[-1].planned, 3) == round(3 * 3 / 7, 3)


def test_a_channel_without_a_cadence_counts_its_posts_and_asks_nothing(tmp_path: Path) -> None:
    checked = checked_plan(tmp_path, {"plan/calendar/q1.yml": CALENDAR})
    plan = checked.plan
    days = counted_days_by_channel(calendar_occurrences(plan))
    weeks = weekly_post_counts(plan.channel("instagram"), days, plan.period)
    assert weeks[1].posts == 2 and weeks[1].planned is None and weeks[1].planned_posts is None


def test_the_month_asks_the_cadence_times_its_weeks_in_whole_posts(tmp_path: Path) -> None:
    plan, days = counted(tmp_path)
    channel = plan.channel("instagram")
    january = month_post_count(channel, days, date(2027, 1, 20))
    assert (january.first, january.last, january.posts) == (date(2027, 1, 1), date(2027, 1, 31), 5)
    assert january.planned_posts == 13  # 3 a week over 31 days: 13.3
    february = month_post_count(channel, days, date(2027, 2, 1))
    assert (february.posts, february.planned_posts) == (1, 12)


def test_one_and_a_half_a_week_asks_six_posts_in_april(tmp_path: Path) -> None:
    plan, days = counted(tmp_path, "1.5")
    april = month_post_count(plan.channel("instagram"), days, date(2027, 4, 30))
    assert (april.posts, april.planned_posts) == (1, 6)  # 1.5 a week over 30 days: 6.4


def test_the_french_example_counts_what_its_calendar_holds() -> None:
    """Each channel's weeks add up to its counted posts inside the plan period,
    counted here the plain way."""
    checked = check.check_plan(check.Inputs(EXAMPLE_PLAN, EXAMPLE_CONFIG))
    plan = checked.plan
    occurrences = calendar_occurrences(plan)
    days = counted_days_by_channel(occurrences)
    for channel in plan.channels:
        plainly = [
            o.day
            for o in occurrences
            if o.post.status in ("scheduled", "published") and channel.id in o.post.channels
        ]
        weeks = weekly_post_counts(channel, days, plan.period)
        inside = [day for day in plainly if plan.period.start <= day <= plan.period.end]
        assert sum(week.posts for week in weeks) == len(inside), channel.id
        march = month_post_count(channel, days, date(2027, 3, 15))
        assert march.posts == sum(1 for day in plainly if (day.year, day.month) == (2027, 3))
    instagram = month_post_count(plan.channel("instagram"), days, date(2027, 3, 15))
    assert instagram.planned_posts == 13  # 3 a week in the example, 31 days
