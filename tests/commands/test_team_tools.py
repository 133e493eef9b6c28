"""Commands a team uses around the plan: new, export, diff, and private plans."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from bs4 import BeautifulSoup

from generator.commands.export import HOOTSUITE_ROWS
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, MINIMAL_FILES, PlanFactory, run_cli


@pytest.mark.parametrize(
    "args, written",
    [
        (["goal", "--title", "Double signups"], "plan/goals/double-signups.md"),
        (["persona", "--id", "pro-buyer", "--title", "Paula"], "plan/personas/pro-buyer.md"),
        (["channel", "--id", "linkedin", "--network", "linkedin"], "plan/channels/linkedin.md"),
        (
            ["post", "--title", "Open day", "--date", "2027-04-10", "--time", "10:00",
             "--channel", "instagram"],
            "plan/calendar/q1.yml",
        ),
        (["campaign", "--id", "open-day", "--title", "Open day", "--date", "2027-04-01"],
         "plan/calendar/q1.yml"),
    ],
)  # fmt: skip
def test_new_writes_an_entity_the_plan_accepts(
    make_plan: PlanFactory, args: list[str], written: str
) -> None:
    root = make_plan()
    before = (root / written).read_text() if (root / written).exists() else ""
    result = run_cli("new", *args, cwd=root)
    assert result.exit_code == 0, result.output
    after = (root / written).read_text()
    assert after.startswith(before)  # appended, nothing rewritten
    assert after != before
    check = run_cli("check", cwd=root)
    assert check.exit_code == 0, check.output
    again = run_cli("new", *args, cwd=root)
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert (root / written).read_text() == after


def test_new_post_lands_in_the_posts_list(make_plan: PlanFactory) -> None:
    root = make_plan()
    run_cli("new", "post", "--title", "Open day", "--date", "2027-04-10", "--channel",
            "instagram", cwd=root)  # fmt: skip
    rows = json.loads(run_cli("export", "json", cwd=root).stdout)
    assert [(r["date"], r["title"], r["status"]) for r in rows] == [
        ("2027-01-05", "Hello", "scheduled"),
        ("2027-04-10", "Open day", "draft"),
    ]


EXPORT_CALENDAR = """\
    posts:
      - id: weekly
        date: 2027-01-05
        time: "10:00"
        channel: [instagram, facebook]
        type: tips
        title: Weekly tip
        copy: "Tip, with a comma"
        link: https://shop.example/tips?ref=news
        owner: Sam
        repeat: {every: week, on: [tue], count: 3, except: [2027-01-12]}
      - id: allday
        date: 2027-01-08
        channel: facebook
        title: All day
      - id: odd-minute
        date: 2027-01-09
        time: "10:07"
        channel: facebook
        title: Odd minute
    """
FACEBOOK = {"plan/channels/facebook.md": "---\nnetwork: facebook\nmission: Talk.\n---\n"}


def test_export_csv_lists_every_occurrence_per_channel(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/calendar/q1.yml": EXPORT_CALENDAR, **FACEBOOK})
    result = run_cli("export", "csv", cwd=root)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["date"], r["time"], r["channel"]) for r in rows] == [
        ("2027-01-05", "10:00", "instagram"),
        ("2027-01-05", "10:00", "facebook"),
        ("2027-01-08", "", "facebook"),
        ("2027-01-09", "10:07", "facebook"),
        ("2027-01-19", "10:00", "instagram"),
        ("2027-01-19", "10:00", "facebook"),
    ]
    first = rows[0]
    assert first["copy"] == "Tip, with a comma"
    assert first["timezone"] == "Europe/Paris"
    assert first["network"] == "instagram"
    assert first["link"] == (
        "https://shop.example/tips?ref=news&utm_source=instagram&utm_medium=social"
        "&utm_campaign=tips&utm_content=weekly"
    )


def test_export_filters_by_channel_and_dates(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/calendar/q1.yml": EXPORT_CALENDAR, **FACEBOOK})
    result = run_cli("export", "json", "--channel", "facebook", "--from", "2027-01-06",
                     "--to", "2027-01-10", cwd=root)  # fmt: skip
    assert [(r["date"], r["title"]) for r in json.loads(result.stdout)] == [
        ("2027-01-08", "All day"),
        ("2027-01-09", "Odd minute"),
    ]
    unknown = run_cli("export", "csv", "--channel", "nope", cwd=root)
    assert unknown.exit_code == 2


def test_hootsuite_files_per_profile_with_warnings(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/calendar/q1.yml": EXPORT_CALENDAR, **FACEBOOK})
    result = run_cli("export", "hootsuite", "--out", "hs", cwd=root)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "hs").iterdir()) == ["facebook.csv", "instagram.csv"]
    rows = list(csv.reader((root / "hs" / "facebook.csv").open()))
    assert rows[0] == [
        "05/01/2027 10:00",
        "Weekly tip\n\nTip, with a comma",
        "https://shop.example/tips?ref=news&utm_source=facebook&utm_medium=social"
        "&utm_campaign=tips&utm_content=weekly",
    ]
    assert [r[0] for r in rows] == ["05/01/2027 10:00", "09/01/2027 10:07", "19/01/2027 10:00"]
    assert "all-day post left out, Hootsuite needs a time" in result.stderr
    assert "10:07 will be refused, minutes must end in 0 or 5" in result.stderr


def test_hootsuite_splits_files_at_350_rows(make_plan: PlanFactory) -> None:
    daily = ("posts:\n  - {id: daily, date: 2027-01-01, time: '09:00', channel: instagram, "
             "type: tips, title: Daily, repeat: {every: day, count: 400}}\n")  # fmt: skip
    plan = MINIMAL_FILES["plan/plan.md"]
    assert plan is not None
    root = make_plan({"plan/calendar/q1.yml": daily,
                      "plan/plan.md": plan.replace("2027-06-30", "2028-06-30")})  # fmt: skip
    assert run_cli("export", "hootsuite", "--out", "hs", cwd=root).exit_code == 0
    sizes = [
        len(list(csv.reader((root / "hs" / n).open())))
        for n in ("instagram.csv", "instagram-2.csv")
    ]
    assert sizes == [HOOTSUITE_ROWS, 400 - HOOTSUITE_ROWS]


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_diff_lists_what_moved_since_a_revision(make_plan: PlanFactory) -> None:
    root = make_plan()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-qm", "plan")
    calendar = root / "plan" / "calendar" / "q1.yml"
    calendar.write_text(calendar.read_text().replace("date: 2027-01-05", "date: 2027-01-06"))
    channel = root / "plan" / "channels" / "instagram.md"
    channel.write_text(channel.read_text().replace("love lamps", "love light"))
    (root / "plan" / "goals" / "leads.md").unlink()
    result = run_cli("diff", "HEAD", cwd=root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "since HEAD:",
        "  - goal leads removed",
        "  ~ mission instagram changed",
        "      mission: Show the workshop to people who love lamps. -> "
        "Show the workshop to people who love light.",
        "  ~ post hello changed",
        "      date: 5 Jan 2027 -> 6 Jan 2027",
    ]
    unknown = run_cli("diff", "no-such-revision", cwd=root)
    assert unknown.exit_code == 2
    assert "Error: Invalid value for REVISION: unknown revision" in unknown.stderr


def test_a_private_plan_needs_its_secret_and_hides_everything(
    make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = str(MINIMAL_FILES["site_config.yml"]).rstrip(" ") + "        private: true\n"
    root = make_plan({"site_config.yml": config})
    monkeypatch.delenv("PLANSITE_FEED_SECRET", raising=False)
    refused = run_cli("build", cwd=root)
    assert refused.exit_code == 1
    assert (
        "needs its feed secret in the PLANSITE_FEED_SECRET environment variable" in refused.stderr
    )
    secret = "s3cret-Feed_path-0123456789"
    monkeypatch.setenv("PLANSITE_FEED_SECRET", secret)
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    site = root / "site"
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert not (site / "calendar.ics").exists()
    assert (site / secret / "calendar.ics").is_file()
    assert (site / secret / "calendar" / "instagram.ics").is_file()
    for html_file in site.rglob("*.html"):
        html = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
        robots = html.find("meta", attrs={"name": "robots"})
        assert robots is not None and robots["content"] == "noindex, nofollow", html_file
    assert secret not in config


# -- the same commands on the example plan -----------------------------------------


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE_PLAN, tmp_path / "plan")
    shutil.copy(EXAMPLE_CONFIG, tmp_path / "site_config.yml")
    return tmp_path


def test_example_exports_match_its_feeds(example_copy: Path) -> None:
    rows = json.loads(run_cli("export", "json", cwd=example_copy).stdout)
    as_csv = list(csv.DictReader(io.StringIO(run_cli("export", "csv", cwd=example_copy).stdout)))
    assert len(rows) == len(as_csv) > 50
    assert run_cli("build", cwd=example_copy).exit_code == 0
    feed = icalendar.Calendar.from_ical((example_copy / "site" / "calendar.ics").read_bytes())
    expanded = recurring_ical_events.of(feed).between(date(2026, 1, 1), date(2027, 7, 1))
    shown = [r for r in rows if r["status"] != "idea"]  # the feeds leave ideas out
    assert len(shown) == len(expanded)
    result = run_cli("export", "hootsuite", "--out", "hs", cwd=example_copy)
    assert result.exit_code == 0, result.output
    written = sorted(p.stem for p in (example_copy / "hs").glob("*.csv"))
    assert written == sorted(p.stem for p in (EXAMPLE_PLAN / "channels").glob("*.md"))


def test_new_on_the_example_keeps_it_valid(example_copy: Path) -> None:
    for args in (
        ["post", "--title", "Portes ouvertes", "--date", "2027-04-10", "--time", "10:00",
         "--channel", "instagram"],
        ["campaign", "--id", "portes-ouvertes", "--title", "Portes ouvertes", "--date",
         "2027-04-01"],
        ["persona", "--id", "hotelier", "--title", "Hugo, l'hôtelier"],
    ):  # fmt: skip
        assert run_cli("new", *args, cwd=example_copy).exit_code == 0
    result = run_cli("check", cwd=example_copy)
    assert result.exit_code == 0, result.output


def test_diff_on_the_example_plan(example_copy: Path) -> None:
    git(example_copy, "init", "-q")
    git(example_copy, "add", "-A")
    git(example_copy, "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-qm", "x")
    assert run_cli("diff", "HEAD", cwd=example_copy).stdout == (
        "nothing changed in goals, missions, accounts or posts since HEAD\n"
    )
    audit = example_copy / "plan" / "audit.yml"
    audit.write_text(audit.read_text().replace("status: delete", "status: keep", 1))
    lines = run_cli("diff", "HEAD", cwd=example_copy).stdout.splitlines()
    assert lines[1].startswith("  ~ account ")
    assert lines[2] == "      status: delete -> keep"
