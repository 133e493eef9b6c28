"""The results checks: files and cells that cannot be read (PS610, PS611), a result
before its post (PS612), a published post with none (PS613), rows that match no
post (PS615); each at its file and row, each re-gradable, in both languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINIMAL_FILES, PlanFactory, run_cli

RESULTS = "plan/results/a.csv"
CALENDAR = """\
posts:
  - {id: hello, date: 2027-01-05, time: '10:00', channel: instagram, type: tips,
     title: Hello, status: published}
  - {id: later, date: 2027-02-01, time: '10:00', channel: instagram, type: tips,
     title: Later, status: published}
"""


def findings(root: Path, code: str | None = None) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", cwd=root)
    found: list[dict[str, Any]] = json.loads(result.stdout)["diagnostics"]
    return [f for f in found if code is None or f["code"] == code]


def config(extra: str) -> dict[str, str | None]:
    text = MINIMAL_FILES["site_config.yml"]
    assert text is not None
    return {"site_config.yml": text.rstrip(" ") + extra}


def results(text: str, name: str = RESULTS) -> dict[str, str | None]:
    return {name: text, "plan/calendar/q1.yml": CALENDAR}


# -- PS610, PS611: what cannot be read ---------------------------------------------


def test_a_header_of_no_kind_is_an_error_listing_the_kinds(make_plan: PlanFactory) -> None:
    root = make_plan(results("when,what\n2027-01-05,hello\n"))
    (found,) = findings(root, "PS610")
    assert found["severity"] == "error"
    assert (found["line"], found["column"]) == (1, 1)
    assert found["file"].endswith("plan/results/a.csv")
    assert "of no kind plansite reads" in found["message"]
    assert "plansite, ga4, meta-facebook, meta-instagram, plausible" in found["hint"]
    assert "docs/results.md" in found["hint"]
    assert run_cli("check", cwd=root).exit_code == 1


@pytest.mark.parametrize(
    ("rows", "line", "column", "words"),
    [
        ("2027-13-45,hello,3\n", 2, 1, "'2027-13-45' is not a date"),
        ("05/01/2027,hello,3\n", 2, 1, "'05/01/2027' is not a date"),
        ("2027-01-06,hello,lots\n", 2, 3, "'lots' is not a number"),
        ("2027-01-06,hello,3\n2027-01-07,hello,12x\n", 3, 3, "'12x' is not a number"),
    ],
)
def test_a_cell_that_cannot_be_read_is_an_error_at_its_row_and_column(
    make_plan: PlanFactory, rows: str, line: int, column: int, words: str
) -> None:
    root = make_plan(results("date,post,reach\n" + rows))
    (found,) = findings(root, "PS611")
    assert (found["line"], found["column"], found["severity"]) == (line, column, "error")
    assert words in found["message"]
    assert found["hint"]


def test_a_long_cell_is_cut_in_the_finding(make_plan: PlanFactory) -> None:
    root = make_plan(results("date,post,reach\n2027-01-06,hello," + "9x" * 500 + "\n"))
    (found,) = findings(root, "PS611")
    assert "…" in found["message"]
    assert len(found["message"]) < 120


# -- PS612: a result dated before its post ----------------------------------------


def test_a_result_before_its_post_is_a_warning(make_plan: PlanFactory) -> None:
    root = make_plan(results("date,post,reach\n2027-01-05,hello,3\n2027-01-04,hello,1\n"))
    (found,) = findings(root, "PS612")
    assert (found["severity"], found["line"]) == ("warning", 3)
    assert found["message"] == (
        "this result of post 'hello' is for January 4, 2027, "
        "before the post went live on January 5, 2027"
    )


# -- PS613: a published post with no result 14 days on -----------------------------


@pytest.mark.parametrize(("latest", "noted"), [("2027-01-20", True), ("2027-01-19", False)])
def test_a_published_post_without_results_is_a_note_past_14_days(
    make_plan: PlanFactory, latest: str, noted: bool
) -> None:
    """hello went live on January 5: the results of January 20 are 15 days on."""
    calendar = CALENDAR.replace("date: 2027-02-01", "date: 2027-01-06")
    root = make_plan(
        {RESULTS: f"date,post,reach\n{latest},later,3\n", "plan/calendar/q1.yml": calendar}
    )
    found = findings(root, "PS613")
    assert [f["message"] for f in found] == (
        [
            "post 'hello' went live on January 5, 2027 and no results file has a row "
            f"for it, though results go up to January {latest[-2:]}, 2027"
        ]
        if noted
        else []
    )
    assert all(f["severity"] == "info" and f["file"].endswith("q1.yml") for f in found)


def test_only_published_posts_are_asked_for_results(make_plan: PlanFactory) -> None:
    calendar = CALENDAR.replace("status: published}", "status: scheduled}", 1)
    root = make_plan(
        {RESULTS: "date,post,reach\n2027-03-01,later,3\n", "plan/calendar/q1.yml": calendar}
    )
    assert findings(root, "PS613") == []


def test_no_results_folder_asks_for_no_results(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/calendar/q1.yml": CALENDAR})
    assert findings(root, "PS613") == []


# -- PS615: rows that match no post -----------------------------------------------


def test_unmatched_rows_are_one_note_per_file(make_plan: PlanFactory) -> None:
    rows = "".join(f"2027-01-06,other-{n},3\n" for n in range(6))
    files = {
        **results("date,post,reach\n2027-01-06,hello,3\n" + rows),
        "plan/results/b.csv": "date,post,reach\n2027-01-06,hello,3\n2027-01-07,elsewhere,1\n",
    }
    found = findings(make_plan(files), "PS615")
    assert [(Path(f["file"]).name, f["line"], f["severity"]) for f in found] == [
        ("a.csv", 3, "info"),
        ("b.csv", 3, "info"),
    ]
    assert found[0]["message"] == (
        "6 rows of this file match no post of the plan: rows 3, 4, 5 and 3 more"
    )
    assert found[1]["message"] == "row 3 of this file matches no post of the plan"


def test_three_unmatched_rows_are_all_named(make_plan: PlanFactory) -> None:
    rows = "".join(f"2027-01-06,other-{n},3\n" for n in range(3))
    (found,) = findings(make_plan(results("date,post,reach\n" + rows)), "PS615")
    assert found["message"] == "3 rows of this file match no post of the plan: rows 2, 3, and 4"


def test_matched_rows_raise_no_note(make_plan: PlanFactory) -> None:
    root = make_plan(results("date,post,reach\n2027-01-06,hello,3\n2027-02-02,later,3\n"))
    assert [f for f in findings(root) if f["code"].startswith("PS61")] == []


# -- every rule re-gradable, French words -----------------------------------------

BROKEN = {
    "PS610": "when,what\n2027-01-05,hello\n",
    "PS611": "date,post,reach\n2027-01-06,hello,lots\n",
    "PS612": "date,post,reach\n2027-01-04,hello,3\n",
    "PS613": "date,post,reach\n2027-02-28,later,3\n",
    "PS615": "date,post,reach\n2027-01-06,nobody,3\n",
}


@pytest.mark.parametrize("code", sorted(BROKEN))
def test_each_rule_can_be_turned_off_or_regraded(make_plan: PlanFactory, code: str) -> None:
    files = results(BROKEN[code])
    assert findings(make_plan(files), code)
    off = make_plan({**files, **config(f"        checks: {{{code}: off}}\n")})
    assert findings(off, code) == []
    graded = make_plan({**files, **config(f"        checks: {{{code}: warning}}\n")})
    assert {f["severity"] for f in findings(graded, code)} == {"warning"}


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("PS610", "n'est d'aucun type que plansite lit"),
        ("PS611", "« lots » n'est pas un nombre"),
        ("PS612", "avant sa mise en ligne le 5 janvier 2027"),
        ("PS613", "est en ligne depuis le 5 janvier 2027"),
        ("PS615", "la ligne 2 de ce fichier ne correspond à aucune publication du plan"),
    ],
)
def test_the_findings_speak_french(make_plan: PlanFactory, code: str, words: str) -> None:
    text = MINIMAL_FILES["site_config.yml"]
    assert text is not None
    files = {
        **results(BROKEN[code]),
        "site_config.yml": text.replace("language: en", "language: fr"),
    }
    found = findings(make_plan(files), code)
    assert [f for f in found if words in f["message"]], found
