"""The overview at a glance: a card a goal (where it stands in its unit, the
share done, its pace, a sparkline, its deadline), a card a channel (its
mission, its posts this month against its cadence, its status), the audit's
open actions and the next review, each linked to its page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator import check
from generator.i18n import Translator
from generator.model import entities as m
from generator.model.occurrences import calendar_occurrences
from generator.model.review_status import review_status
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, run_cli, write_plan
from tests.pages.small_plans import posts

NBSP = "\u00a0"

PLAN = """\
    ---
    title: Test plan
    organization: Example Ltd
    period: {start: 2027-01-01, end: 2027-06-30}
    review: {cadence: monthly, last: %s}
    ---
    A small plan for tests.
    """
FOLLOWERS = """\
    ---
    title: %s
    metric: {name: %s, kind: followers, unit: %s, baseline: 100, target: 200}
    start: 2027-01-01
    deadline: 2027-06-30
    owner: Sam
    channels: [instagram]
    progress:
      - {date: 2027-01-15, value: 110}
      - {date: 2027-02-01, value: 130}
    ---
    """
CHANNEL = """\
    ---
    network: instagram
    account: insta
    mission: %s
    goals: [followers]
    cadence: {posts_per_week: 3}
    ---
    """
AUDIT = """\
    accounts:
      - id: insta
        network: instagram
        handle: "@example"
        owner: Sam
        profile: {bio: Lamps., avatar: true, cover: true, link: https://shop.example/,
                  keywords: [lamps], cross_promotion: true}
      - {id: tiktok, network: tiktok, handle: "@example", owner: Sam, status: create}
      - {id: fb, network: facebook, handle: example, profile: {bio: Lamps.}}
      - {id: old, network: x, handle: "@old_example", owner: Sam, status: delete}
      - {id: fake, network: instagram, handle: "@examp1e", official: false, status: report}
    """
CALENDAR = posts(
    "{id: a, date: 2027-02-02, channel: instagram, type: tips, title: A}",
    "{id: b, date: 2027-02-09, channel: instagram, type: tips, title: B, status: published}",
    "{id: c, date: 2027-02-10, channel: instagram, type: tips, title: C, status: draft}",
    "{id: d, date: 2027-03-02, channel: instagram, type: tips, title: D}",
)


def overview(
    tmp_path: Path,
    reviewed: str = "2027-01-05",
    title: str = "Grow the audience",
    metric: str = "Followers",
    unit: str = "followers",
    mission: str = "Show the workshop.",
) -> BeautifulSoup:
    files: dict[str, str | None] = {
        "plan/plan.md": PLAN % reviewed,
        "plan/goals/followers.md": FOLLOWERS % (title, metric, unit),
        "plan/channels/instagram.md": CHANNEL % mission,
        "plan/audit.yml": AUDIT,
        "plan/calendar/q1.yml": CALENDAR,
    }
    result = run_cli("build", cwd=write_plan(tmp_path, files))
    assert result.exit_code == 0, result.output
    return BeautifulSoup((tmp_path / "site" / "index.html").read_text("utf-8"), "html.parser")


def card(page: Tag, selector: str) -> Tag:
    found = page.select_one(selector)
    assert isinstance(found, Tag), selector
    return found


def text(tag: Tag, selector: str) -> str:
    return card(tag, selector).get_text()


# -- goals -------------------------------------------------------------------------


def test_a_goal_card_shows_where_it_stands_in_its_unit(tmp_path: Path) -> None:
    goal = card(overview(tmp_path), ".ps-tile--goal")
    assert text(goal, ".ps-tile__title a") == "Grow the audience"
    assert card(goal, ".ps-tile__title a")["href"] == "goals/followers/"
    assert text(goal, ".ps-tile__standing") == "130 of 200 followers"
    assert text(goal, ".ps-tile__meta") == "Deadline: June 30, 2027"


def test_the_share_done_never_wraps_before_its_sign(tmp_path: Path) -> None:
    goal = card(overview(tmp_path), ".ps-tile--goal")
    assert text(goal, ".ps-tile__share") == f"30{NBSP}%"  # 100 to 200, at 130
    assert card(goal, ".ps-bar")["aria-label"] == f"30{NBSP}%"
    assert card(goal, ".ps-bar__fill")["style"] == "width:30%"


def test_a_goal_card_has_its_pace_and_a_named_sparkline(tmp_path: Path) -> None:
    goal = card(overview(tmp_path), ".ps-tile--goal")
    # The line to target asks 117.2 on February 1: 130 is ahead.
    assert text(goal, ".ps-pace") == "on pace"
    spark = card(goal, "svg.ps-spark")
    name = "Followers: 100 → 130 followers, Jan 1, 2027 \u2013 Feb 1, 2027"
    assert spark["role"] == "img" and spark["aria-label"] == name
    assert spark.title is not None and spark.title.get_text() == name
    assert len(str(card(spark, "polyline")["points"]).split()) == 3  # baseline and two measurements


def test_a_goal_without_measurement_says_so_and_has_no_sparkline(tmp_path: Path) -> None:
    page = overview(tmp_path)
    reach = next(
        tile for tile in page.select(".ps-tile--goal") if "Reach" in text(tile, ".ps-tile__title")
    )
    assert text(reach, ".ps-tile__standing") == "No measurement yet; target 3,000"
    assert reach.select_one("svg") is None and reach.select_one(".ps-bar") is None


# -- channels ----------------------------------------------------------------------


def test_a_channel_card_counts_this_month_against_its_cadence(tmp_path: Path) -> None:
    channel = card(overview(tmp_path), ".ps-tile--channel")
    assert text(channel, ".ps-tile__title a") == "instagram"
    assert card(channel, ".ps-tile__title a")["href"] == "channels/instagram/"
    assert text(channel, ".ps-tile__mission") == "Show the workshop."
    # The plan's today is February 1 (its latest measurement): a and b count, the
    # draft does not; 3 a week over February's 28 days is 12.
    assert (
        text(channel, ".ps-tile__cadence") == "2 posts in February 2027, of the 12 its cadence asks"
    )
    assert text(channel, ".ps-badge") == "active"


# -- what the team must do -----------------------------------------------------------


def test_the_audit_card_counts_each_open_action_and_links_the_audit(tmp_path: Path) -> None:
    audit = card(overview(tmp_path), ".ps-tile--audit")
    assert card(audit, ".ps-tile__title a")["href"] == "audit/#audit-actions"
    assert text(audit, ".ps-tile__figure") == "5 open actions on the accounts"
    # The audit page's own to-do list, counted (model/audit_actions.py).
    assert [li.get_text() for li in audit.select(".ps-tile__actions li")] == [
        "1 account to create",
        "1 account to update",  # fb: its profile lacks elements
        "1 account to delete",
        "1 impostor to report",
        "1 account without an owner",  # fb again
    ]


@pytest.mark.parametrize(
    ("reviewed", "badge"),
    [
        ("2027-01-05", "due"),  # next February 5, four days after the plan's today
        ("2027-01-20", "in 19 days"),  # February 20
        ("2026-12-20", "overdue"),  # January 20
    ],
)
def test_the_review_card_says_due_overdue_or_when(
    tmp_path: Path, reviewed: str, badge: str
) -> None:
    review = card(overview(tmp_path, reviewed), ".ps-tile--review")
    assert text(review, ".ps-badge") == badge


@pytest.mark.parametrize(("days", "state"), [(-1, "overdue"), (0, "due"), (7, "due"), (8, "later")])
def test_due_means_within_a_week_and_overdue_past(days: int, state: str) -> None:
    review = m.Review("weekly", date(2027, 2, 1))
    status = review_status(review, date(2027, 2, 8) - timedelta(days=days))
    assert status is not None and (status.state, status.days_left) == (state, days)
    assert review_status(m.Review("weekly", None), date(2027, 2, 1)) is None


# -- the page ----------------------------------------------------------------------


def test_the_old_next_posts_table_is_gone_and_the_coming_lists_stay(tmp_path: Path) -> None:
    page = overview(tmp_path)
    assert page.select(".ps-occurrences") == []
    assert [block["data-coming"] for block in page.select(".ps-coming")] == ["week", "days"]


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_plan_text_in_a_card_stays_text(tmp_path: Path) -> None:
    quoted = f"'{HOSTILE}'"
    page = overview(tmp_path, title=quoted, metric=quoted, unit=quoted, mission=quoted)
    cards = page.select(".ps-cards")
    assert cards
    for block in cards:
        assert not block.find_all(["script", "img"])
        assert not any(name.startswith("on") for tag in block.find_all(True) for name in tag.attrs)
    assert text(card(page, ".ps-tile--goal"), ".ps-tile__title") == HOSTILE
    assert text(card(page, ".ps-tile--channel"), ".ps-tile__mission") == HOSTILE
    spark = card(page, ".ps-tile--goal svg.ps-spark")
    assert str(spark["aria-label"]).startswith(HOSTILE)


# -- the French example --------------------------------------------------------------


def test_the_french_example_s_cards(example_site: Path) -> None:
    page = BeautifulSoup((example_site / "index.html").read_text("utf-8"), "html.parser")
    plan = check.check_plan(check.Inputs(EXAMPLE_PLAN, EXAMPLE_CONFIG)).plan
    t = Translator("fr")
    goals = page.select(".ps-tile--goal")
    assert [text(tile, ".ps-tile__title") for tile in goals] == [g.title for g in plan.goals]
    for tile, goal in zip(goals, plan.goals, strict=True):
        assert goal.metric is not None and goal.latest is not None
        standing = text(tile, ".ps-tile__standing")
        assert standing.startswith(f"{t.number(goal.latest.value)} sur ")
        assert standing.endswith(f"{t.number(goal.metric.target)} {goal.metric.unit}".strip())
        assert card(tile, "svg.ps-spark")["aria-label"]
    today = plan.today
    occurrences = calendar_occurrences(plan)
    for tile, channel in zip(page.select(".ps-tile--channel"), plan.channels, strict=True):
        posted = sum(
            1
            for o in occurrences
            if o.post.status in ("scheduled", "published")
            and channel.id in o.post.channels
            and (o.day.year, o.day.month) == (today.year, today.month)
        )
        assert text(tile, ".ps-tile__cadence").startswith(f"{posted} publication"), channel.id
    review = card(page, ".ps-tile--review")
    assert text(review, ".ps-next-review") == "26 mars 2027"
