"""The calendar's months as data scripts (pages/calendar_data_scripts.py), and the
overview's coming posts the build lists from the plan's today (pages/coming_posts.py),
which calendar.js lists again from the reader's clock."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from generator.build import files_beside_pages
from generator.pages.calendar_data_scripts import MONTHS_GLOBAL, calendar_data_scripts
from generator.pages.coming_posts import COMING_LIMIT, week_end
from tests.conftest import PlanFactory, run_cli
from tests.pages.small_plans import checked_plan, posts

HOSTILE_TITLES = (
    "</script><script>alert(1)</script>",
    'Quote " and backslash \\ and <b>bold</b> & co',
    "Line\u2028separator\u2029and `${template}`",
    "'); alert(1); ('",
)


def scripts_of(tmp_path: Path, files: dict[str, str | None]) -> dict[str, bytes]:
    checked = checked_plan(tmp_path, files)
    return calendar_data_scripts(checked.plan, checked.context.all_occurrences)


def entries_of(script: bytes, month: str) -> list[dict[str, str]]:
    """The list a month's script assigns, read as JSON (which its array is)."""
    text = script.decode("ascii")
    head = f'"use strict";\n(window.{MONTHS_GLOBAL} = window.{MONTHS_GLOBAL} || {{}})'
    start = f'{head}["{month}"] = '
    assert text.startswith(start)
    assert text.endswith(";\n")
    found: list[dict[str, str]] = json.loads(text[len(start) : -2])
    return found


def test_every_month_of_the_calendar_has_a_script_empty_ones_too(tmp_path: Path) -> None:
    scripts = scripts_of(tmp_path, {})  # one post, on 5 January; the plan ends in June
    months = [f"2027-{n:02d}" for n in range(1, 7)]
    assert sorted(scripts) == [f"calendar/{month}/occurrences.js" for month in months]
    assert [len(entries_of(scripts[f"calendar/{m}/occurrences.js"], m)) for m in months] == [
        1, 0, 0, 0, 0, 0,
    ]  # fmt: skip


def test_a_publication_per_occurrence_and_channel_with_the_contract_s_data(
    tmp_path: Path,
) -> None:
    calendar = posts(
        "{id: twice, date: 2027-02-01, time: '09:30', channel: [instagram, blog], type: tips,"
        " campaign: spring, owner: 'Dupont, Jean', title: Twice,"
        " repeat: {every: week, count: 3}}",
        "{id: all-day, date: 2027-02-02, channel: blog, title: All day, status: draft}",
    )
    campaigns = "campaigns:\n  - {id: spring, name: Spring, start: 2027-02-01, end: 2027-03-31}\n"
    scripts = scripts_of(
        tmp_path,
        {
            "plan/calendar/q1.yml": calendar + campaigns,
            "plan/channels/blog.md": "---\nnetwork: other\nmission: Tell the long stories.\n---\n",
        },
    )
    february = entries_of(scripts["calendar/2027-02/occurrences.js"], "2027-02")
    assert [(e["date"], e["channel"], e["time"]) for e in february] == [
        ("2027-02-01", "instagram", "09:30"),
        ("2027-02-01", "blog", "09:30"),
        ("2027-02-02", "blog", ""),
        ("2027-02-08", "instagram", "09:30"),
        ("2027-02-08", "blog", "09:30"),
        ("2027-02-15", "instagram", "09:30"),
        ("2027-02-15", "blog", "09:30"),
    ]
    assert february[0] == {
        "date": "2027-02-01",
        "time": "09:30",
        "channel": "instagram",
        "title": "Twice",
        "status": "scheduled",
        "campaign": "spring",
        "type": "tips",
        "owner": "Dupont, Jean",
        "href": "calendar/2027-02/posts/#twice",
    }
    assert february[2]["campaign"] == february[2]["type"] == february[2]["owner"] == ""


@pytest.mark.parametrize("status", ["idea", "cancelled"])
def test_ideas_and_cancelled_posts_are_left_out_as_every_list_of_coming_posts_does(
    tmp_path: Path, status: str
) -> None:
    calendar = posts(
        f"{{id: left-out, date: 2027-01-06, channel: instagram, title: Out, status: {status}}}",
        "{id: kept, date: 2027-01-07, channel: instagram, title: Kept, status: draft}",
        "{id: waiting, channel: instagram, title: An idea without a date, status: idea}",
    )
    scripts = scripts_of(tmp_path, {"plan/calendar/q1.yml": calendar})
    january = entries_of(scripts["calendar/2027-01/occurrences.js"], "2027-01")
    assert [e["href"].split("#")[1] for e in january] == ["kept"]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_hostile_title_stays_data(tmp_path: Path, title: str) -> None:
    calendar = posts(
        f"{{id: hostile, date: 2027-01-06, channel: instagram, title: {json.dumps(title)},"
        f" owner: {json.dumps(title)}}}"
    )
    script = scripts_of(tmp_path, {"plan/calendar/q1.yml": calendar})[
        "calendar/2027-01/occurrences.js"
    ]
    text = script.decode("ascii")  # every other character escaped
    assert "<" not in text and ">" not in text and "&" not in text
    lines = text.split("\n")
    assert len(lines) == 5  # the statement, one line a publication, the end: nothing broke out
    [entry] = entries_of(script, "2027-01")
    assert entry["title"] == entry["owner"] == title


def test_the_same_plan_gives_the_same_bytes_and_the_build_writes_them(
    make_plan: PlanFactory, tmp_path: Path
) -> None:
    first = scripts_of(tmp_path / "one", {})
    second = scripts_of(tmp_path / "two", {})
    assert first == second
    checked = checked_plan(tmp_path / "three", {})
    beside = files_beside_pages(checked.plan, checked.config, checked.context.all_occurrences)
    assert {path: body for path, body in beside.items() if path.endswith(".js")} == first
    root = make_plan()
    assert run_cli("build", cwd=root).exit_code == 0
    site = root / "site" / "calendar"
    assert (site / "2027-01" / "occurrences.js").read_bytes() == first[
        "calendar/2027-01/occurrences.js"
    ]


# -- the overview's coming posts, from the plan's today ------------------------------


@pytest.mark.parametrize(
    ("day", "first_weekday", "last"),
    [
        (date(2027, 3, 10), 0, date(2027, 3, 14)),  # a Wednesday, weeks from Monday
        (date(2027, 3, 14), 0, date(2027, 3, 14)),  # a Sunday ends its own week
        (date(2027, 3, 15), 0, date(2027, 3, 21)),  # a Monday opens one
        (date(2027, 3, 10), 6, date(2027, 3, 13)),  # weeks from Sunday end on Saturday
        (date(2027, 3, 14), 6, date(2027, 3, 20)),
    ],
)
def test_this_week_ends_on_the_last_day_of_the_locale_s_week(
    day: date, first_weekday: int, last: date
) -> None:
    assert week_end(day, first_weekday) == last


def coming(site: Path) -> dict[str, Tag]:
    html = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    return {str(block["data-coming"]): block for block in html.select("div.ps-coming")}


def listed(block: Tag) -> list[tuple[str, str, str]]:
    return [
        (str(a["data-date"]), str(a["data-channel"]), a.select_one(".ps-occ__title").get_text())
        for a in block.select("ul.ps-coming__list a.ps-occ")
    ]


def build_with(make_plan: PlanFactory, calendar: str, **files: str) -> Path:
    root = make_plan({"plan/calendar/q1.yml": calendar, **files})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


# The minimal plan's today is its latest progress point: Monday 1 February 2027.
def test_the_overview_lists_this_week_and_the_next_30_days_from_the_plan_s_today(
    make_plan: PlanFactory,
) -> None:
    calendar = posts(
        "{id: before, date: 2027-01-31, channel: instagram, title: Before}",
        "{id: monday, date: 2027-02-01, time: '10:00', channel: instagram, title: Monday}",
        "{id: sunday, date: 2027-02-07, channel: instagram, title: '<b>Sunday</b>',"
        " campaign: spring, owner: Sam}",
        "{id: next-week, date: 2027-02-08, channel: instagram, title: Next week}",
        "{id: day-30, date: 2027-03-02, channel: instagram, title: Day 30}",
        "{id: day-31, date: 2027-03-03, channel: instagram, title: Day 31}",
        "{id: off, date: 2027-02-02, channel: instagram, title: Off, status: cancelled}",
        "{id: idea, date: 2027-02-03, channel: instagram, title: Idea, status: idea}",
    )
    campaigns = "campaigns:\n  - {id: spring, name: Spring, start: 2027-02-01, end: 2027-02-28}\n"
    blocks = coming(build_with(make_plan, calendar + campaigns))
    week, days = blocks["week"], blocks["days"]
    assert listed(week) == [
        ("2027-02-01", "instagram", "Monday"),
        ("2027-02-07", "instagram", "<b>Sunday</b>"),
    ]
    assert [title for _, _, title in listed(days)] == ["Monday", "<b>Sunday</b>", "Next week",
                                                       "Day 30"]  # fmt: skip
    sunday = week.select("a.ps-occ")[1]
    assert sunday["href"] == "calendar/2027-02/posts/#sunday"
    assert [sunday[f"data-{name}"] for name in ("campaign", "status", "type", "owner")] == [
        "spring", "scheduled", "", "Sam",
    ]  # fmt: skip
    as_of = week.select_one(".ps-coming__as-of")
    assert as_of is not None
    assert as_of.get_text() == (
        "From February 1, 2027, the date of the plan: turn on JavaScript for today's."
    )


def test_the_lists_carry_what_the_script_needs_to_list_them_again(
    make_plan: PlanFactory,
) -> None:
    late = posts("{id: late, date: 2027-05-03, channel: instagram, title: Late}")
    blocks = coming(build_with(make_plan, late))
    days = blocks["days"]
    wanted: dict[str, Any] = {
        "data-days": "30",
        "data-limit": str(COMING_LIMIT),
        "data-root": "",
        "data-months": "2027-01 2027-02 2027-03 2027-04 2027-05 2027-06",
        "data-from-today-template": "From today, {date}.",
        "data-more-template": "{count} more in the calendar",
        "data-empty-text": "No post planned.",
    }
    assert {name: days.get(name) for name in wanted} == wanted
    assert blocks["week"]["data-first-weekday"] in {"0", "6"}
    assert days.select("ul") == []
    empty = days.select_one(".ps-coming__empty")
    assert empty is not None and empty.get_text() == "No post planned."


def test_a_busy_month_is_cut_at_the_limit_with_a_link_to_the_rest(
    make_plan: PlanFactory,
) -> None:
    calendar = "posts:\n" + "".join(
        f"  - {{id: p{i:03d}, date: 2027-02-{2 + i // 10:02d}, time: '{8 + i % 10}:00',"
        f" channel: instagram, title: Post {i}}}\n"
        for i in range(COMING_LIMIT + 7)
    )
    days = coming(build_with(make_plan, calendar))["days"]
    assert len(listed(days)) == COMING_LIMIT
    more = days.select_one(".ps-coming__more a")
    assert more is not None
    assert more.get_text() == "7 more in the calendar"
    first_left_out = date(2027, 2, 2 + COMING_LIMIT // 10)
    assert more["href"] == f"calendar/2027-02/#d-{first_left_out.isoformat()}"


def test_a_french_overview_says_it_in_french(make_plan: PlanFactory) -> None:
    config = (
        "site_name: Plan\nsite_url: https://plan.example.com/\nlanguage: fr\n"
        "timezone: Europe/Paris\n"
    )
    late = posts("{id: late, date: 2027-05-03, channel: instagram, title: Tard}")
    blocks = coming(build_with(make_plan, late, **{"site_config.yml": config}))
    as_of = blocks["week"].select_one(".ps-coming__as-of")
    assert as_of is not None
    assert as_of.get_text() == (
        "À partir du 1 février 2027, date du plan : activez JavaScript pour les voir"
        " à partir d'aujourd'hui."
    )
    assert blocks["week"]["data-from-today-template"] == "À partir d'aujourd'hui, {date}."
