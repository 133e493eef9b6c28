"""`plansite export csv|json`: each occurrence's results on its channel, summed over
its matched rows, its engagement rate and how it was matched; empty without any."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from generator.commands import export
from generator.load.results.result_rows import METRICS
from tests.conftest import PlanFactory, run_cli

CALENDAR = """\
    posts:
      - id: hello
        date: 2027-01-05
        time: 10:00
        channel: [instagram, facebook]
        type: tips
        title: Hello
        link: https://shop.example/hello
      - id: weekly
        date: 2027-01-04
        time: 09:00
        channel: instagram
        type: tips
        title: Weekly
        repeat: {every: week, until: 2027-01-18}
    """
FACEBOOK = """\
    ---
    network: facebook
    mission: Keep the neighbours posted.
    ---
    """
# Two rows for hello on instagram (summed), one for its second week on weekly;
# nothing for hello on facebook nor for weekly's first and third weeks.
RESULTS = """\
    date,channel,post,reach,engagements,sessions,clicks
    2027-01-05,instagram,hello,1000,50,12,
    2027-01-06,instagram,hello,500,25,3,4.5
    2027-01-12,instagram,weekly,200,,,
    """


def exported(make_plan: PlanFactory, kind: str, results: str = RESULTS) -> str:
    root = make_plan(
        {
            "plan/calendar/q1.yml": CALENDAR,
            "plan/channels/facebook.md": FACEBOOK,
            "plan/results/site.csv": results,
        }
    )
    result = run_cli("export", kind, cwd=root)
    assert result.exit_code == 0, result.output
    return result.stdout


def csv_rows(make_plan: PlanFactory, results: str = RESULTS) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(exported(make_plan, "csv", results))))


def by_occurrence(found: list[dict[str, Any]]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(row["title"], row["channel"], row["date"]): row for row in found}


def test_every_metric_has_a_column_after_the_plan_s_own() -> None:
    names = list(export.Row.__dataclass_fields__)
    start = names.index("status") + 1
    assert names[start : start + len(METRICS) + 2] == [*METRICS, "engagement_rate", "matched_by"]


def test_csv_sums_the_results_of_each_occurrence_on_its_channel(make_plan: PlanFactory) -> None:
    rows = by_occurrence(csv_rows(make_plan))
    hello = rows[("Hello", "instagram", "2027-01-05")]
    assert (hello["reach"], hello["engagements"], hello["sessions"], hello["clicks"]) == (
        "1500",
        "75",
        "15",
        "4.5",
    )
    assert hello["engagement_rate"] == "0.05"
    assert hello["matched_by"] == "utm_content"
    assert hello["impressions"] == hello["conversions"] == ""  # no file gives them


def test_csv_leaves_the_cells_empty_without_results(make_plan: PlanFactory) -> None:
    rows = by_occurrence(csv_rows(make_plan))
    empty = [
        rows[("Hello", "facebook", "2027-01-05")],  # measured on instagram only
        rows[("Weekly", "instagram", "2027-01-04")],
        rows[("Weekly", "instagram", "2027-01-18")],
    ]
    for row in empty:
        assert all(row[name] == "" for name in [*METRICS, "engagement_rate", "matched_by"])
    second_week = rows[("Weekly", "instagram", "2027-01-11")]
    assert second_week["reach"] == "200" and second_week["engagement_rate"] == ""


def test_json_gives_numbers_and_nulls(make_plan: PlanFactory) -> None:
    rows = by_occurrence(json.loads(exported(make_plan, "json")))
    hello = rows[("Hello", "instagram", "2027-01-05")]
    assert hello["reach"] == 1500 and hello["clicks"] == 4.5
    assert hello["engagement_rate"] == 0.05 and hello["matched_by"] == "utm_content"
    other = rows[("Hello", "facebook", "2027-01-05")]
    assert other["reach"] is None and other["engagement_rate"] is None
    assert other["matched_by"] == ""


def test_without_results_every_results_cell_is_empty(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/calendar/q1.yml": CALENDAR, "plan/channels/facebook.md": FACEBOOK})
    out = run_cli("export", "csv", cwd=root).stdout
    for row in csv.DictReader(io.StringIO(out)):
        assert all(row[name] == "" for name in [*METRICS, "engagement_rate", "matched_by"])


@pytest.mark.parametrize("value", ["-3", "-0.5"])
def test_a_results_cell_keeps_the_formula_rule(make_plan: PlanFactory, value: str) -> None:
    """A negative number (a correction in an export) starts with '-': like every
    other cell, it is kept as text."""
    results = f"date,channel,post,sessions\n2027-01-05,instagram,hello,{value}\n"
    rows = by_occurrence(csv_rows(make_plan, results))
    assert rows[("Hello", "instagram", "2027-01-05")]["sessions"] == "'" + value


def test_the_match_rules_are_named_in_their_order() -> None:
    from datetime import date

    from generator.load.results.result_rows import ResultRow
    from generator.model.results import MatchedResult

    def matched(rule: str) -> MatchedResult:
        row = ResultRow(line=2, day=date(2027, 1, 5), metrics={"reach": 10})
        return MatchedResult(row, Path("r.csv"), "hello", "instagram", date(2027, 1, 5), rule)

    columns = export.result_columns([matched("time"), matched("published"), matched("time")])
    assert columns["matched_by"] == "published time"
    assert columns["reach"] == 30
    assert export.result_columns([]) == {}
