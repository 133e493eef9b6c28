"""PS510 warns of a promotional post on a blackout day; PS511 notes a post on a
holiday (public, from calendar.holidays, or the plan's own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import Inputs, check_plan
from generator.diagnostics import Diagnostic, PlanError
from tests.conftest import PlanFactory, run_cli

CONTENT = """\
    types:
      - {id: tips, name: Tips, share: 50, purpose: educate}
      - {id: offers, name: Offers, share: 50, purpose: promote}
"""
KEY_DATES = """\
    key_dates:
      - {date: 2027-03-10, end: 2027-03-12, name: Election silence, kind: blackout}
      - {date: 2027-04-02, name: Workshop day off, kind: holiday}
"""


def config(language: str = "en", holidays: str = "", checks: str = "") -> str:
    text = (
        "site_name: Test plan\nsite_url: https://plan.example.com/\n"
        f"language: {language}\ntimezone: Europe/Paris\n"
    )
    if holidays:
        text += f"calendar: {{holidays: {holidays}}}\n"
    return text + (f"checks: {{{checks}}}\n" if checks else "")


def post(day: str, title: str, kind: str, extra: str = "") -> str:
    return (
        f"  - {{date: {day}, time: '10:00', channel: instagram, type: {kind}, "
        f"title: {title}{extra}}}\n"
    )


def plan_with(make_plan: PlanFactory, posts: str, **settings: str) -> Path:
    return make_plan(
        {
            "plan/content.yml": CONTENT,
            "plan/calendar/key-dates.yml": KEY_DATES,
            "plan/calendar/q1.yml": "posts:\n" + posts,
            "site_config.yml": config(**settings),
        }
    )


def findings(root: Path, code: str) -> list[Diagnostic]:
    checked = check_plan(Inputs(root / "plan", root / "site_config.yml"))
    return [finding for finding in checked.findings if finding.code == code]


def test_a_promotional_post_on_a_blackout_day_is_a_warning(make_plan: PlanFactory) -> None:
    root = plan_with(
        make_plan,
        post("2027-03-09", "Before", "offers")
        + post("2027-03-10", "First day", "offers")
        + post("2027-03-12", "Last day", "offers")
        + post("2027-03-11", "Advice", "tips")
        + post("2027-03-13", "After", "offers"),
    )
    result = run_cli("check", cwd=root)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "[PS510]" in line]
    assert warnings == [
        "plan/calendar/q1.yml:3:5: warning: post '2027-03-10-first-day' promotes on "
        "March 10, 2027, during the blackout 'Election silence' (move it off the blackout, or give "
        "it a content type that does not promote) [PS510]",
        "plan/calendar/q1.yml:4:5: warning: post '2027-03-12-last-day' promotes on "
        "March 12, 2027, during the blackout 'Election silence' (move it off the blackout, or give "
        "it a content type that does not promote) [PS510]",
    ]


@pytest.mark.parametrize(
    ("day", "extra", "count"),
    [
        ("2027-03-10", "", 1),
        ("2027-03-10", ", status: idea", 0),
        ("2027-03-10", ", status: cancelled", 0),
        ("2027-03-10", ", status: draft", 1),
        ("2027-03-10", ", status: published", 1),
        ("2027-03-08", ", repeat: {every: day, count: 5}", 1),  # 8 to 12 March: one finding
        ("2027-03-08", ", repeat: {every: day, count: 5, except: [2027-03-10, 2027-03-11, "
         "2027-03-12]}", 0),
    ],
)  # fmt: skip
def test_which_posts_a_blackout_concerns(
    make_plan: PlanFactory, day: str, extra: str, count: int
) -> None:
    root = plan_with(make_plan, post(day, "Sale", "offers", extra))
    found = findings(root, "PS510")
    assert len(found) == count
    if count:
        assert "March 10, 2027" in found[0].message  # the first day it falls on


@pytest.mark.parametrize("rule_name", ["custom", "80-20", "thirds"])
def test_every_rule_of_the_mix_promotes_the_same_types(
    make_plan: PlanFactory, rule_name: str
) -> None:
    root = plan_with(make_plan, post("2027-03-11", "Sale", "offers"))
    content = root / "plan/content.yml"
    content.write_text(f"mix: {{rule: {rule_name}}}\n" + content.read_text("utf-8"), "utf-8")
    assert len(findings(root, "PS510")) == 1


def test_a_post_on_a_holiday_is_a_note(make_plan: PlanFactory) -> None:
    root = plan_with(
        make_plan,
        post("2027-04-02", "Own day off", "tips")
        + post("2027-05-01", "Labour day", "tips")
        + post("2027-05-03", "Monday", "tips"),
        holidays="FR",
    )
    result = run_cli("check", cwd=root)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "[PS511]" in line]
    assert notes == [
        "plan/calendar/q1.yml:2:5: info: post '2027-04-02-own-day-off' goes out on "
        "April 2, 2027, a holiday: Workshop day off (make sure the audience is there that day; "
        "a team that posts on holidays on purpose sets 'PS511: off' under checks in "
        "site_config.yml) [PS511]",
        "plan/calendar/q1.yml:3:5: info: post '2027-05-01-labour-day' goes out on "
        "May 1, 2027, a holiday: Labor Day (make sure the audience is there that day; "
        "a team that posts on holidays on purpose sets 'PS511: off' under checks in "
        "site_config.yml) [PS511]",
    ]
    assert result.stderr.splitlines()[-1].endswith("2 notes; the plan is valid.")


def test_the_findings_read_in_french(make_plan: PlanFactory) -> None:
    root = plan_with(
        make_plan,
        post("2027-03-10", "Promo", "offers") + post("2027-07-14", "Feu", "tips"),
        language="fr",
        holidays="FR",
    )
    assert [d.message for d in findings(root, "PS510")] == [
        "la publication « 2027-03-10-promo » fait de la promotion le 10 mars 2027, "
        "pendant la période sans promotion « Election silence »"
    ]
    assert [d.message for d in findings(root, "PS511")] == [
        "la publication « 2027-07-14-feu » paraît le 14 juillet 2027, jour férié : Fête nationale"
    ]


def test_both_rules_can_be_regraded_or_turned_off(make_plan: PlanFactory) -> None:
    posts = post("2027-03-10", "Promo", "offers") + post("2027-05-01", "Labour", "tips")
    root = plan_with(make_plan, posts, holidays="FR", checks="PS510: error, PS511: warning")
    with pytest.raises(PlanError) as raised:
        check_plan(Inputs(root / "plan", root / "site_config.yml"))
    graded = {(d.code, d.severity.value) for d in raised.value.report.diagnostics if d.code}
    assert {("PS510", "error"), ("PS511", "warning")} <= graded
    root = plan_with(make_plan, posts, holidays="FR", checks="PS510: off, PS511: off")
    assert findings(root, "PS510") == findings(root, "PS511") == []


def test_without_holidays_only_the_plan_s_own_count(make_plan: PlanFactory) -> None:
    root = plan_with(make_plan, post("2027-05-01", "Labour", "tips"))
    assert findings(root, "PS511") == []
