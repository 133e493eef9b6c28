"""PS614: a goal whose source yields no data, with what the results do hold; and
PS105 judging a goal on the series computed from the results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PlanFactory, run_cli

CALENDAR = """\
    campaigns:
      - {id: spring, name: Spring, start: 2027-01-01, end: 2027-03-31, utm_campaign: spring-27}
      - {id: summer, name: Summer, start: 2027-04-01, end: 2027-06-30}
    posts:
      - id: hello
        date: 2027-01-05
        time: 10:00
        channel: instagram
        type: tips
        title: Hello
        campaign: spring
        link: https://shop.example/hello
    """
RESULTS = """\
    date,channel,post,campaign,sessions,reach
    2027-01-05,instagram,hello,,10,400
    2027-01-25,,,spring-27,100,
    """


def goal(source: str, progress: str = "") -> str:
    return f"""\
        ---
        title: Bring visits
        metric: {{name: Sessions, baseline: 0, target: 1000, source: {source}}}
        start: 2027-01-01
        deadline: 2027-06-30
        owner: Sam
        channels: [instagram]
        {progress}
        ---
        """


def findings(root: Path, code: str) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", cwd=root)
    found: list[dict[str, Any]] = json.loads(result.stdout)["diagnostics"]
    return [f for f in found if f["code"] == code]


def plan(make_plan: PlanFactory, source: str, results: str | None = RESULTS, **more: str) -> Path:
    return make_plan(
        {
            "plan/calendar/q1.yml": CALENDAR,
            "plan/goals/visits.md": goal(source, **more),
            "plan/results/site.csv": results,
        }
    )


@pytest.mark.parametrize(
    "source",
    [
        "{metric: conversions}",  # a metric no file gives
        "{metric: sessions, campaigns: [summer]}",  # a campaign without results
        "{metric: sessions, channels: [instagram], campaigns: [summer]}",
        "{metric: sesions}",  # a typo
    ],
)
def test_a_source_without_data_names_what_the_results_hold(
    make_plan: PlanFactory, source: str
) -> None:
    [finding] = findings(plan(make_plan, source), "PS614")
    assert finding["severity"] == "warning"
    assert finding["file"].endswith("plan/goals/visits.md")
    assert finding["message"].startswith("goal 'visits' is computed from the results, but no row")
    assert finding["hint"] == (
        "the results give reach and sessions, for the campaigns spring and spring-27: "
        "correct the metric, campaigns or channels of metric.source"
    )


def test_results_of_no_campaign_say_so(make_plan: PlanFactory) -> None:
    results = "date,channel,sessions\n2027-01-05,instagram,3\n"
    [finding] = findings(plan(make_plan, "{metric: conversions}", results), "PS614")
    assert finding["hint"].startswith("the results give sessions, for no campaign of the plan")


def test_no_results_at_all(make_plan: PlanFactory) -> None:
    [finding] = findings(plan(make_plan, "{metric: sessions}", results=None), "PS614")
    assert "plan/results/ holds no result" in finding["message"]


@pytest.mark.parametrize(
    "source",
    ["{metric: sessions}", "{metric: Sessions, campaigns: [spring], channels: [instagram]}"],
)
def test_a_source_with_data_is_quiet(make_plan: PlanFactory, source: str) -> None:
    assert findings(plan(make_plan, source), "PS614") == []


def test_a_goal_without_source_is_quiet(make_plan: PlanFactory) -> None:
    assert findings(make_plan(), "PS614") == []


def test_ps614_can_be_regraded_and_turned_off(make_plan: PlanFactory) -> None:
    root = plan(make_plan, "{metric: conversions}")
    config = (root / "site_config.yml").read_text(encoding="utf-8")
    (root / "site_config.yml").write_text(config + "checks: {PS614: error}\n", encoding="utf-8")
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert "error: goal 'visits' is computed from the results" in result.stderr
    (root / "site_config.yml").write_text(config + "checks: {PS614: off}\n", encoding="utf-8")
    assert findings(root, "PS614") == []


def test_ps614_in_french(make_plan: PlanFactory) -> None:
    root = plan(make_plan, "{metric: conversions}")
    config = (root / "site_config.yml").read_text(encoding="utf-8")
    (root / "site_config.yml").write_text(
        config.replace("language: en", "language: fr"), encoding="utf-8"
    )
    [finding] = findings(root, "PS614")
    assert finding["message"].startswith("l'objectif « visits » est calculé à partir des résultats")
    assert finding["hint"].startswith("les résultats donnent reach et sessions, pour les campagnes")


def test_pace_judges_the_series_from_the_results(make_plan: PlanFactory) -> None:
    """By hand the goal is on pace (900 at the end of January); the results say 110
    by 25 January, where they stop, off the line to 1000 in June: PS105 says it,
    and which series."""
    progress = "progress: [{date: 2027-01-31, value: 900}]"
    [finding] = findings(plan(make_plan, "{metric: sessions}", progress=progress), "PS105")
    assert finding["message"] == (
        "goal 'visits' is off pace: 110 on January 25, 2027 from the results files, "
        "where a straight line to the target needs 133.3"
    )


def test_pace_by_hand_is_unchanged_without_source(make_plan: PlanFactory) -> None:
    text = goal("{metric: sessions}", "progress: [{date: 2027-01-31, value: 100}]").replace(
        ", source: {metric: sessions}", ""
    )
    root = make_plan({"plan/calendar/q1.yml": CALENDAR, "plan/goals/visits.md": text})
    [finding] = findings(root, "PS105")
    assert "100 on January 31, 2027, where" in finding["message"]
