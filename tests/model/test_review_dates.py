"""The next review is counted in calendar months, as a team that meets "every
month" counts them, and every part of plansite asks the model for it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from generator.model import entities as m
from generator.model.review_status import REVIEW_EVERY
from tests.conftest import REPO, run_cli, write_plan


@pytest.mark.parametrize(
    ("cadence", "last", "expected"),
    [
        ("monthly", date(2026, 11, 2), date(2026, 12, 2)),
        ("monthly", date(2026, 12, 15), date(2027, 1, 15)),
        ("monthly", date(2027, 1, 31), date(2027, 2, 28)),
        ("monthly", date(2028, 1, 31), date(2028, 2, 29)),
        ("monthly", date(2027, 3, 31), date(2027, 4, 30)),
        ("monthly", date(2027, 2, 28), date(2027, 3, 28)),
        ("quarterly", date(2026, 11, 2), date(2027, 2, 2)),
        ("quarterly", date(2027, 11, 30), date(2028, 2, 29)),
        ("quarterly", date(2027, 1, 1), date(2027, 4, 1)),
        ("quarterly", date(2027, 8, 31), date(2027, 11, 30)),
        ("weekly", date(2027, 2, 25), date(2027, 3, 4)),
        ("weekly", date(2027, 12, 29), date(2028, 1, 5)),
    ],
)
def test_the_next_review_is_counted_in_calendar_months(
    cadence: str, last: date, expected: date
) -> None:
    assert m.Review(cadence, last).next_date == expected


def test_every_cadence_the_schema_allows_has_a_step() -> None:
    """A cadence added to the plan format without its step would fail a build."""
    schema = json.loads((REPO / "generator/load/schemas/plan.schema.json").read_text("utf-8"))
    cadences = schema["properties"]["review"]["properties"]["cadence"]["enum"]
    assert set(cadences) == set(REVIEW_EVERY)


PLAN_REVIEWED_2_NOVEMBER = """\
    ---
    title: Test plan
    organization: Example Ltd
    period: {start: 2026-10-01, end: 2027-06-30}
    review: {cadence: monthly, last: 2026-11-02}
    ---
    """
MEASURED_ON = """\
    ---
    title: Grow the Instagram audience
    metric: {name: Followers, kind: followers, baseline: 100, target: 200}
    deadline: 2027-06-30
    owner: Sam
    channels: [instagram]
    progress:
      - {date: %s, value: 130}
    ---
    """


def test_the_overview_shows_the_calendar_month_after(tmp_path: Path) -> None:
    root = write_plan(tmp_path, {"plan/plan.md": PLAN_REVIEWED_2_NOVEMBER})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    overview = (root / "site" / "index.html").read_text("utf-8")
    assert "December 2, 2026" in overview
    assert "December 3, 2026" not in overview


@pytest.mark.parametrize(("today", "overdue"), [("2026-12-02", False), ("2026-12-03", True)])
def test_the_overdue_review_rule_asks_the_same_date(
    tmp_path: Path, today: str, overdue: bool
) -> None:
    """PS602 fires the day after the calendar month (the plan's today is its
    latest measurement)."""
    files = {
        "plan/plan.md": PLAN_REVIEWED_2_NOVEMBER,
        "plan/goals/followers.md": MEASURED_ON % today,
    }
    result = run_cli("check", "--format", "json", cwd=write_plan(tmp_path, files))
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert ("PS602" in codes) is overdue
