"""Goals computed from the results files: each aggregate, weeks and months, the
campaign and channel filters, per-period metrics, campaign rows no post matched,
and a source that finds nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.check import Inputs, read_plan
from generator.diagnostics import PlanError
from generator.model.entities import Goal, Plan
from generator.model.goal_sources import period_end
from tests.conftest import PlanFactory

CALENDAR = """\
    campaigns:
      - id: spring
        name: Spring
        start: 2027-01-01
        end: 2027-03-31
        utm_campaign: spring-2027
      - id: summer
        name: Summer
        start: 2027-04-01
        end: 2027-06-30
    posts:
      - id: hello
        date: 2027-01-05
        time: 10:00
        channel: instagram
        type: tips
        title: Hello
        campaign: spring
        link: https://shop.example/hello
      - id: other
        date: 2027-01-20
        time: 10:00
        channel: facebook
        type: tips
        title: Other
        link: https://shop.example/other
    """
FACEBOOK = """\
    ---
    network: facebook
    mission: Keep the neighbours posted.
    goals: [followers]
    ---
    """
# hello (spring, instagram) and other (no campaign, facebook) are matched by their
# id; the third row is a campaign's total without utm_content, on no channel; the
# fourth a row on instagram for the campaign that no post matches.
RESULTS = """\
    date,channel,post,campaign,sessions
    2027-01-05,instagram,hello,,10
    2027-01-20,facebook,other,,5
    2027-01-25,,,spring-2027,100
    2027-02-03,instagram,,spring-2027,7
    """


def goal_file(source: str, values: str = "total", start: str = "2027-01-01") -> str:
    return f"""\
        ---
        title: Bring visits
        metric:
          name: Sessions
          kind: web_referrals
          baseline: 0
          target: 1000
          values: {values}
          source: {source}
        start: {start}
        deadline: 2027-06-30
        owner: Sam
        channels: [instagram]
        ---
        """


def plan_with(make_plan: PlanFactory, goal: str, results: str = RESULTS) -> Plan:
    root = make_plan(
        {
            "plan/calendar/q1.yml": CALENDAR,
            "plan/channels/facebook.md": FACEBOOK,
            "plan/goals/visits.md": goal,
            "plan/results/site.csv": results,
        }
    )
    return read_plan(Inputs(root / "plan", root / "site_config.yml"), parallel=False).plan


def visits(plan: Plan) -> Goal:
    return plan.goal("visits")


def points(goal: Goal) -> list[tuple[date, float]]:
    return [(point.date, round(point.value, 3)) for point in goal.computed]


def test_sum_per_month_counts_matched_and_unmatched_rows(make_plan: PlanFactory) -> None:
    plan = plan_with(make_plan, goal_file("{metric: sessions}"))
    # February is not over in the results: its point is on their last day.
    assert points(visits(plan)) == [(date(2027, 1, 31), 115.0), (date(2027, 2, 3), 7.0)]


def test_the_goal_measures_the_computed_series(make_plan: PlanFactory) -> None:
    goal = visits(plan_with(make_plan, goal_file("{metric: sessions}")))
    assert goal.latest is not None and (goal.latest.date, goal.latest.value) == (
        date(2027, 2, 3),
        7.0,
    )


def test_sum_per_week_uses_iso_weeks(make_plan: PlanFactory) -> None:
    plan = plan_with(make_plan, goal_file("{metric: sessions, every: week}"))
    assert points(visits(plan)) == [
        (date(2027, 1, 10), 10.0),  # Tuesday 5 January: the week ends on Sunday the 10th
        (date(2027, 1, 24), 5.0),
        (date(2027, 1, 31), 100.0),  # Monday 25 January starts a week
        (date(2027, 2, 3), 7.0),
    ]


@pytest.mark.parametrize(
    ("day", "every", "end"),
    [
        (date(2027, 1, 4), "week", date(2027, 1, 10)),
        (date(2027, 1, 10), "week", date(2027, 1, 10)),
        (date(2026, 12, 30), "week", date(2027, 1, 3)),  # ISO week across the year's end
        (date(2028, 2, 3), "month", date(2028, 2, 29)),
        (date(2027, 12, 31), "month", date(2027, 12, 31)),
    ],
)
def test_period_end(day: date, every: str, end: date) -> None:
    assert period_end(day, every) == end


def test_mean_per_month(make_plan: PlanFactory) -> None:
    plan = plan_with(make_plan, goal_file("{metric: sessions, aggregate: mean}"))
    assert points(visits(plan)) == [(date(2027, 1, 31), 38.333), (date(2027, 2, 3), 7.0)]


def test_last_adds_up_the_latest_day_of_each_period(make_plan: PlanFactory) -> None:
    followers = """\
        date,channel,followers
        2027-01-10,instagram,100
        2027-01-31,instagram,130
        2027-01-31,facebook,40
        2027-02-14,facebook,45
        """
    plan = plan_with(make_plan, goal_file("{metric: followers, aggregate: last}"), followers)
    assert points(visits(plan)) == [(date(2027, 1, 31), 170.0), (date(2027, 2, 14), 45.0)]


def test_campaign_filter_counts_matched_posts_and_utm_campaign_rows(
    make_plan: PlanFactory,
) -> None:
    plan = plan_with(make_plan, goal_file("{metric: sessions, campaigns: [spring]}"))
    assert points(visits(plan)) == [(date(2027, 1, 31), 110.0), (date(2027, 2, 3), 7.0)]


def test_a_campaign_without_results_gives_nothing(make_plan: PlanFactory) -> None:
    plan = plan_with(make_plan, goal_file("{metric: sessions, campaigns: [summer]}"))
    assert visits(plan).computed == ()


@pytest.mark.parametrize(
    ("channels", "expected"),
    [
        ("[instagram]", [(date(2027, 1, 31), 10.0), (date(2027, 2, 3), 7.0)]),
        ("[facebook]", [(date(2027, 1, 31), 5.0)]),
        ("[instagram, facebook]", [(date(2027, 1, 31), 15.0), (date(2027, 2, 3), 7.0)]),
    ],
)
def test_channel_filter(
    make_plan: PlanFactory, channels: str, expected: list[tuple[date, float]]
) -> None:
    plan = plan_with(make_plan, goal_file(f"{{metric: sessions, channels: {channels}}}"))
    assert points(visits(plan)) == expected


def test_a_row_counts_for_the_channels_of_its_network() -> None:
    from generator.load.results.result_rows import ResultRow
    from generator.model.results import channels_of_row

    networks = {"insta-shop": "instagram", "insta-pro": "instagram", "page": "facebook"}
    row = ResultRow(line=2, day=date(2027, 1, 5), metrics={}, network="instagram")
    assert channels_of_row(row, networks) == ["insta-shop", "insta-pro"]
    named = ResultRow(line=3, day=date(2027, 1, 5), metrics={}, channel="page")
    assert channels_of_row(named, networks) == ["page"]


def test_per_period_values_add_up_from_the_baseline(make_plan: PlanFactory) -> None:
    goal = visits(plan_with(make_plan, goal_file("{metric: sessions}", values="per_period")))
    assert [point.value for point in goal.computed] == [115.0, 7.0]
    assert [point.value for point in goal.measured] == [115.0, 122.0]


def test_rows_before_the_goal_start_do_not_count(make_plan: PlanFactory) -> None:
    plan = plan_with(make_plan, goal_file("{metric: sessions}", start="2027-01-10"))
    assert points(visits(plan)) == [(date(2027, 1, 31), 105.0), (date(2027, 2, 3), 7.0)]


def test_the_metric_name_is_read_in_any_case(make_plan: PlanFactory) -> None:
    plan = plan_with(make_plan, goal_file("{metric: ' Sessions '}"))
    assert points(visits(plan))[0] == (date(2027, 1, 31), 115.0)


def test_a_source_that_finds_nothing_leaves_the_hand_progress(make_plan: PlanFactory) -> None:
    goal = goal_file("{metric: conversions}").replace(
        "channels: [instagram]",
        "channels: [instagram]\n        progress: [{date: 2027-01-31, value: 3}]",
    )
    found = visits(plan_with(make_plan, goal))
    assert found.computed == ()
    assert [point.value for point in found.measured] == [3]


def test_no_results_folder_gives_nothing(make_plan: PlanFactory, tmp_path: Path) -> None:
    root = make_plan({"plan/goals/visits.md": goal_file("{metric: sessions}")})
    plan = read_plan(Inputs(root / "plan", root / "site_config.yml"), parallel=False).plan
    assert plan.goal("visits").computed == ()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "{metric: sessions, campaigns: [sprin]}",
            "unknown campaign 'sprin' (did you mean 'spring'?)",
        ),
        (
            "{metric: sessions, channels: [facebok]}",
            "unknown channel 'facebok' (did you mean 'facebook'?",
        ),
        ("{metric: sessions, every: day}", "every"),
        ("{metric: sessions, aggregate: total}", "aggregate"),
        ("{campaigns: [spring]}", "metric"),
    ],
)
def test_a_wrong_source_is_an_error(make_plan: PlanFactory, source: str, message: str) -> None:
    with pytest.raises(PlanError) as raised:
        plan_with(make_plan, goal_file(source))
    text = "\n".join(d.format() for d in raised.value.report.diagnostics)
    assert "plan/goals/visits.md:" in text
    assert message in text
