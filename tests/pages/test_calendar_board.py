"""The calendar's board (calendar/board/): every post once in the column of its
status, the cancelled ones folded away, the ideas without a date on top of the
ideas and in the backlog, and no column longer than a page should be."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup, Tag

from generator.build import page_context_from_checked
from generator.i18n import Translator
from generator.pages.board_html import BoardMarkup
from generator.pages.calendar_board import (
    SHOWN_PER_COLUMN,
    Card,
    Column,
    board_from_plan,
    nearest_today,
)
from generator.pages.html_sanitizer import clean_page
from generator.pages.render import Page, PageRenderer, render_pages
from generator.pages.site_map import (
    SECTION_PAGES,
    TABLE_PAGES,
    find_section_index,
    navigation_from_plan,
    pages_from_plan,
)
from generator.pages.table_stash import TableStash
from tests.conftest import PlanFactory, run_cli
from tests.pages.small_plans import checked_plan, posts

BOARD = "calendar/board.md"
# The minimal plan's "today" is its latest measurement, 2027-02-01.
STATUSES = posts(
    "{id: s1, date: 2027-02-03, channel: instagram, title: S1, owner: Sam}",
    "{id: s2, date: 2027-02-02, time: '09:00', channel: instagram, title: S2}",
    "{id: d1, date: 2027-02-04, channel: instagram, title: D1, status: draft}",
    "{id: i1, date: 2027-02-05, channel: instagram, title: I1, status: idea}",
    "{id: p1, date: 2027-01-20, channel: instagram, title: P1, status: published}",
    "{id: p2, date: 2027-01-25, channel: instagram, title: P2, status: published}",
    "{id: c1, date: 2027-02-06, channel: instagram, title: C1, status: cancelled}",
)
UNDATED = """\
  - channel: [instagram]
    title: Behind the bench
    status: idea
    type: tips
    owner: Sam
"""


def rendered(tmp_path: Path, files: dict[str, str | None]) -> dict[str, str]:
    """Each page's Markdown by path, with its kept-out HTML put back."""
    stash = TableStash(tmp_path / "stash")
    context = page_context_from_checked(checked_plan(tmp_path, files))
    pages: list[Page] = render_pages(context, PageRenderer(stash))
    return {page.path: stash.fill(page.text) for page in pages}


def board_of(tmp_path: Path, files: dict[str, str | None]) -> BeautifulSoup:
    return BeautifulSoup(rendered(tmp_path, files)[BOARD], "html.parser")


def column(board: BeautifulSoup, status: str) -> Tag:
    found = board.select_one(
        f'[data-status="{status}"].ps-board__column, details[data-status="{status}"]'
    )
    assert found is not None, status
    return found


def card_ids(tag: Tag) -> list[str]:
    return [str(a["href"]).rsplit("#", 1)[1] for a in tag.select(".ps-card .ps-card__title")]


def test_the_board_is_a_page_of_the_calendar_section_out_of_the_navigation(
    tmp_path: Path,
) -> None:
    checked = checked_plan(tmp_path, {})
    paths = [path for path, _, _ in pages_from_plan(checked.plan)]
    assert paths[: len(SECTION_PAGES) + 1] == [p for p, _ in SECTION_PAGES] + [BOARD]
    assert find_section_index(BOARD) == "calendar/index.md"
    assert BOARD not in str(navigation_from_plan(checked.plan, checked.config))


@pytest.mark.parametrize(("language", "title"), [("en", "Board"), ("fr", "Tableau de suivi")])
def test_the_board_s_title_is_in_the_site_s_language(
    tmp_path: Path, language: str, title: str
) -> None:
    config = f"site_name: T\nlanguage: {language}\ntimezone: Europe/Paris\n"
    pages = rendered(tmp_path, {"site_config.yml": config})
    page = pages[BOARD]
    assert f"title: {title}\n" in page
    assert f"\n# {title}\n" in page
    # Four columns need the room of Material's navigation and table of contents, as
    # the month grids do; other pages keep them, or the navigation at least.
    assert "hide:\n- navigation\n- toc\n" in page.split("---\n")[1]
    assert not any(
        "- navigation" in text.split("---\n")[1]
        for path, text in pages.items()
        if not path.startswith("calendar/") and path not in TABLE_PAGES
    )
    assert all("hide:\n- toc\n" in pages[path] for path in TABLE_PAGES)


def test_columns_go_from_idea_to_published_each_with_its_count(tmp_path: Path) -> None:
    board = board_of(tmp_path, {"plan/calendar/q1.yml": STATUSES})
    columns = board.select(".ps-board > .ps-board__column")
    assert [c["data-status"] for c in columns] == ["idea", "draft", "scheduled", "published"]
    counts = [c.select_one(".ps-board__count").get_text() for c in columns]
    assert counts == ["1", "1", "2", "2"]
    assert card_ids(column(board, "idea")) == ["i1"]
    assert card_ids(column(board, "draft")) == ["d1"]
    assert card_ids(column(board, "scheduled")) == ["s2", "s1"]  # in date order
    assert card_ids(column(board, "published")) == ["p2", "p1"]  # the latest first
    for status in ("idea", "draft", "scheduled", "published"):
        assert {c["data-status"] for c in column(board, status).select(".ps-card")} == {status}


def test_cancelled_posts_are_folded_away_below_the_columns(tmp_path: Path) -> None:
    board = board_of(tmp_path, {"plan/calendar/q1.yml": STATUSES})
    folded = column(board, "cancelled")
    assert folded.name == "details" and "open" not in folded.attrs
    assert folded.summary is not None
    assert folded.summary.get_text(" ", strip=True) == "Cancelled 1"
    assert card_ids(folded) == ["c1"]
    assert not board.select('.ps-board [data-status="cancelled"]')


def test_a_card_shows_date_channels_title_and_owner(tmp_path: Path) -> None:
    linkedin = "---\nnetwork: linkedin\nmission: M.\ngoals: [leads]\n---\n"
    files = {
        "plan/channels/linkedin.md": linkedin,
        "plan/calendar/q1.yml": posts(
            "{id: both, date: 2027-02-03, channel: [instagram, linkedin], title: Both, owner: Sam}"
        ),
    }
    card = board_of(tmp_path, files).select_one(".ps-card")
    assert card is not None
    assert card.select_one(".ps-card__when").get_text() == "Feb 3, 2027"
    chips = [(c["data-channel"], c.get_text()) for c in card.select(".ps-chip")]
    assert chips == [("instagram", "IG"), ("linkedin", "IN")]
    assert card.select_one(".ps-card__channels").get_text(" ", strip=True) == (
        "IG instagram IN linkedin"
    )
    title = card.select_one(".ps-card__title")
    assert title.get_text() == "Both"
    assert title["href"] == "../../calendar/2027-02/posts/#both"  # the month page's details
    assert card.select_one(".ps-card__owner").get_text() == "Owner: Sam"


def test_a_repeated_post_is_one_card_with_its_first_date_and_how_it_repeats(
    tmp_path: Path,
) -> None:
    files = {
        "plan/calendar/q1.yml": posts(
            "{id: weekly, date: 2027-02-02, channel: instagram, title: W,"
            " repeat: {every: week, count: 8}}",
            "{id: fortnight, date: 2027-02-03, channel: instagram, title: F,"
            " repeat: {every: week, interval: 2, count: 3}}",
        )
    }
    board = board_of(tmp_path, files)
    cards = board.select(".ps-card")
    assert [c["data-date"] for c in cards] == ["2027-02-02", "2027-02-03"]
    whens = [c.select_one(".ps-card__when").get_text(" ", strip=True) for c in cards]
    assert whens == ["Feb 2, 2027 repeats every week", "Feb 3, 2027 repeats every 2 weeks"]


def test_cards_carry_the_calendar_s_data_attributes_empty_when_none(tmp_path: Path) -> None:
    campaign = "campaigns:\n  - {id: spring, name: Spring, start: 2027-02-01, end: 2027-03-31}\n"
    files = {
        "plan/calendar/q1.yml": campaign
        + posts(
            "{id: full, date: 2027-02-03, channel: instagram, title: F, type: tips,"
            " campaign: spring, owner: Sam Lee, status: draft}",
            "{id: bare, date: 2027-02-04, channel: instagram, title: B}",
        )
        + UNDATED
    }
    cards = {c.select_one(".ps-card__title")["href"].rsplit("#")[1]: c for c in
             board_of(tmp_path, files).select(".ps-card")}  # fmt: skip
    names = ("data-date", "data-channel", "data-campaign", "data-status", "data-type",
             "data-owner")  # fmt: skip
    assert {n: cards["full"][n] for n in names} == {
        "data-date": "2027-02-03", "data-channel": "instagram", "data-campaign": "spring",
        "data-status": "draft", "data-type": "tips", "data-owner": "Sam Lee",
    }  # fmt: skip
    assert {n: cards["bare"][n] for n in names} == {
        "data-date": "2027-02-04", "data-channel": "instagram", "data-campaign": "",
        "data-status": "scheduled", "data-type": "", "data-owner": "",
    }  # fmt: skip
    undated = cards["backlog-idea-behind-the-bench"]
    assert {n: undated[n] for n in names} == {
        "data-date": "", "data-channel": "instagram", "data-campaign": "",
        "data-status": "idea", "data-type": "tips", "data-owner": "Sam",
    }  # fmt: skip
    assert cards["bare"].select_one(".ps-card__owner .ps-missing").get_text() == "no owner"


def test_an_undated_idea_tops_the_ideas_and_fills_the_backlog(tmp_path: Path) -> None:
    page = rendered(tmp_path, {"plan/calendar/q1.yml": STATUSES + UNDATED})[BOARD]
    board = BeautifulSoup(page, "html.parser")
    ideas = column(board, "idea")
    assert ideas.select_one(".ps-board__count").get_text() == "2"
    first = ideas.select(".ps-card")[0]
    assert first.select_one(".ps-card__undated").get_text() == "no date yet"
    assert first.select_one(".ps-card__title")["href"] == "#backlog-idea-behind-the-bench"
    assert card_ids(ideas) == ["backlog-idea-behind-the-bench", "i1"]
    row = board.select_one("#backlog-idea-behind-the-bench")
    assert row is not None and row.name == "tr"
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells == [
        "Behind the bench",
        "IG instagram",
        "Tips",
        "",
        "Sam",
        "plan/calendar/q1.yml:9",
    ]
    assert "## Backlog { #backlog }" in page  # the cut-off's link lands there


def test_without_undated_ideas_the_backlog_says_so(tmp_path: Path) -> None:
    page = rendered(tmp_path, {"plan/calendar/q1.yml": STATUSES})[BOARD]
    assert "No idea is waiting for a date\\." in page  # escaped for Markdown
    assert "ps-backlog" not in page


def test_an_undated_idea_is_never_in_the_calendar_nor_its_feed(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/calendar/q1.yml": STATUSES + UNDATED})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    feed = icalendar.Calendar.from_ical((root / "site" / "calendar.ics").read_bytes())
    summaries = {str(event["SUMMARY"]) for event in feed.walk("VEVENT")}
    assert summaries and "Behind the bench" not in summaries
    calendar = (root / "site" / "calendar" / "index.html").read_text("utf-8")
    assert "Behind the bench" not in calendar
    board = (root / "site" / "calendar" / "board" / "index.html").read_text("utf-8")
    assert board.count("Behind the bench") == 2  # its card and its backlog row


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", "Smith & Sons", "\"quoted\" 'both'", "<img src=x onerror=y>"],
)
def test_plan_text_on_the_board_is_text(tmp_path: Path, hostile: str) -> None:
    quoted = hostile.replace("'", "''")
    campaign = (
        f"campaigns:\n  - {{id: spring, name: '{quoted}', start: 2027-02-01, end: 2027-02-28}}\n"
    )
    files = {
        "plan/calendar/q1.yml": campaign
        + posts(
            f"{{id: a, date: 2027-02-03, channel: instagram, title: '{quoted}',"
            f" owner: '{quoted}', campaign: spring}}"
        )
        + f"  - {{channel: instagram, title: 'Idea {quoted}', status: idea, owner: '{quoted}',"
        " campaign: spring}\n"
    }
    html = rendered(tmp_path, files)[BOARD]
    board = BeautifulSoup(html, "html.parser")
    assert board.find("script") is None and board.find("img") is None
    titles = [t.get_text() for t in board.select(".ps-card__title")]
    assert titles == [f"Idea {hostile}", hostile]
    owners = {c["data-owner"] for c in board.select(".ps-card")}
    assert owners == {hostile}
    row = board.select_one(".ps-backlog tbody tr")
    assert [td.get_text() for td in row.find_all("td")][3:5] == [hostile, hostile]


def test_the_board_passes_the_last_gate_unchanged(tmp_path: Path) -> None:
    """What the board writes is all in the sanitizer's allow-list: the gate changes
    nothing of it (a class or attribute it dropped would break the contract)."""
    files = {"plan/calendar/q1.yml": STATUSES + UNDATED}
    checked = checked_plan(tmp_path, files)
    stash = TableStash(tmp_path / "stash")
    pages = render_pages(page_context_from_checked(checked), PageRenderer(stash))
    board = next(page for page in pages if page.path == BOARD)
    assert len(board.fragments) == 2  # the board, the backlog
    for key in board.fragments:
        kept = (tmp_path / "stash" / f"{key}.html").read_text("utf-8")
        assert kept == clean_page(kept)
        assert "data-owner" in kept or "backlog" in kept


def many_posts(count: int, status: str, first: date) -> str:
    """`count` posts of one status a day apart from `first`, one channel each."""
    lines = [
        f"{{id: {status}-{n:03d}, date: {first + timedelta(days=n)}, channel: instagram,"
        f" title: T{n}, status: {status}}}"
        for n in range(count)
    ]
    return posts(*lines)


def test_a_long_column_shows_the_posts_nearest_today_and_links_to_the_rest(
    tmp_path: Path,
) -> None:
    """70 drafts from 2027-01-02: today (2027-02-01) is the 31st of them. The
    column shows the 60 from today, and sends to February's page for the rest."""
    files = {"plan/calendar/q1.yml": many_posts(70, "draft", date(2027, 1, 2))}
    drafts = column(board_of(tmp_path, files), "draft")
    assert drafts.select_one(".ps-board__count").get_text() == "70"
    dates = [card["data-date"] for card in drafts.select(".ps-card")]
    assert len(dates) == SHOWN_PER_COLUMN
    assert dates[0] == "2027-01-12"  # twenty before today fill the room
    assert dates[-1] == "2027-03-12"  # the last draft
    more = drafts.select(".ps-board__more a")
    assert [(a.get_text(), a["href"]) for a in more] == [
        ("and 10 more in the calendar", "../../calendar/2027-02/?status=draft")
    ]


def test_published_posts_show_the_latest_before_today(tmp_path: Path) -> None:
    files = {"plan/calendar/q1.yml": many_posts(65, "published", date(2026, 11, 1))}
    published = column(board_of(tmp_path, files), "published")
    dates = [card["data-date"] for card in published.select(".ps-card")]
    assert dates[0] == "2027-01-04" and dates[-1] == "2026-11-06"
    assert dates == sorted(dates, reverse=True)
    more = published.select_one(".ps-board__more a")
    assert more is not None and more.get_text() == "and 5 more in the calendar"
    # Today's month is one of the calendar's: the month pages start at the first post.
    assert more["href"] == "../../calendar/2027-02/?status=published"


def test_more_links_open_the_first_month_when_today_is_outside_the_calendar(
    tmp_path: Path,
) -> None:
    goal = (
        "---\ntitle: G\nmetric: {name: F, kind: followers, baseline: 1, target: 2}\n"
        "deadline: 2027-06-30\nowner: Sam\nchannels: [instagram]\n"
        "progress: [{date: 2027-08-01, value: 2}]\n---\n"
    )
    files = {
        "plan/goals/followers.md": goal,
        "plan/calendar/q1.yml": many_posts(61, "scheduled", date(2027, 1, 10)),
    }
    scheduled = column(board_of(tmp_path, files), "scheduled")
    more = scheduled.select_one(".ps-board__more a")
    assert more is not None
    assert more["href"] == "../../calendar/2027-01/?status=scheduled"


def test_many_undated_ideas_send_to_the_backlog(tmp_path: Path) -> None:
    ideas = "".join(
        f"  - {{channel: instagram, title: Idea {n:03d}, status: idea}}\n" for n in range(63)
    )
    board = board_of(tmp_path, {"plan/calendar/q1.yml": STATUSES + ideas})
    column_ = column(board, "idea")
    assert column_.select_one(".ps-board__count").get_text() == "64"
    assert len(column_.select(".ps-card__undated")) == SHOWN_PER_COLUMN
    assert len(column_.select(".ps-card")) == SHOWN_PER_COLUMN + 1  # and the dated idea
    more = column_.select(".ps-board__more a")
    assert [(a.get_text(), a["href"]) for a in more] == [("and 3 more in the backlog", "#backlog")]
    assert len(board.select(".ps-backlog tbody tr")) == 63


def test_counts_and_more_links_are_in_french_on_a_french_site(tmp_path: Path) -> None:
    plan = checked_plan(tmp_path, {}).plan
    markup = BoardMarkup(plan, Translator("fr"), {"instagram": "IG"}, "../../", "2027-02")
    columns = [
        Column("scheduled", (card(2),), 1062, hidden_dated=1061),
        Column("draft", (card(3),), 2, hidden_dated=1),
        Column("published", (), 0),
    ]
    board = BeautifulSoup(markup.board(columns), "html.parser")
    scheduled = column(board, "scheduled")
    assert scheduled.select_one(".ps-board__count").get_text() == "1\u202f062"
    more = scheduled.select_one(".ps-board__more a")
    assert more is not None and more.get_text() == "et 1\u202f061 autres dans le calendrier"
    more = column(board, "draft").select_one(".ps-board__more a")
    assert more is not None and more.get_text() == "et 1 autre dans le calendrier"
    assert column(board, "published").select_one(".ps-board__empty").get_text() == (
        "Aucune pour l'instant."
    )
    assert column(board, "draft").select_one(".ps-card__when").get_text() == "3 mars 2027"


# -- choosing the cards ---------------------------------------------------------


def card(day: int) -> Card:
    return Card(f"p{day:02d}", "T", ("instagram",), "draft", date(2027, 3, day))


@pytest.mark.parametrize(
    ("days", "looking_back", "expected"),
    [
        ([1, 2, 10, 11, 12], False, [10, 11, 12]),  # room for three: from today on
        ([1, 2, 10, 11], False, [2, 10, 11]),  # the nearest late one fills the room
        ([1, 2, 3, 4, 10], True, [2, 3, 4]),  # published: up to today
        ([1, 10, 11, 12], True, [1, 10, 11]),  # and the nearest after it
        ([5, 6], False, [5, 6]),
        ([], True, []),
    ],
)
def test_a_column_keeps_the_cards_nearest_today(
    days: list[int], looking_back: bool, expected: list[int]
) -> None:
    today = date(2027, 3, 4) if looking_back else date(2027, 3, 10)
    cards = [card(day) for day in days]
    chosen = nearest_today(cards, today, 3, looking_back)
    assert [c.day.day for c in chosen if c.day] == expected


def test_a_post_on_today_counts_as_ahead_for_the_workflow_and_behind_once_published() -> None:
    today = date(2027, 3, 4)
    cards = [card(3), card(4), card(5)]
    assert nearest_today(cards, today, 1, looking_back=False) == [cards[1]]
    assert nearest_today(cards, today, 1, looking_back=True) == [cards[1]]


def test_a_column_counts_every_post_of_its_status(tmp_path: Path) -> None:
    checked = checked_plan(tmp_path, {"plan/calendar/q1.yml": STATUSES + UNDATED})
    plan = checked.plan
    columns = board_from_plan(plan.posts, plan.backlog, plan.today, shown=1)
    totals = {c.status: (c.total, len(c.cards), c.hidden_dated, c.hidden_undated) for c in columns}
    assert totals == {
        "idea": (2, 2, 0, 0),  # the undated idea on top, and the one dated
        "draft": (1, 1, 0, 0),
        "scheduled": (2, 1, 1, 0),
        "published": (2, 1, 1, 0),
        "cancelled": (1, 1, 0, 0),
    }
