"""Every page kind of the example site, read as parsed HTML."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import recurring_ical_events
import yaml
from bs4 import BeautifulSoup, Tag

from generator import check
from generator.i18n import Translator
from generator.pages import table_stash
from generator.pages.html_rows import TableRows
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, PlanFactory, run_cli


def page(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site / url_path / "index.html").read_text("utf-8"), "html.parser")


def article(html: BeautifulSoup) -> Tag:
    found = html.select_one("article")
    assert found is not None
    return found


def load(name: str) -> Any:
    """A plan file read with PyYAML's BaseLoader: every scalar stays text, as written."""
    return yaml.load((EXAMPLE_PLAN / name).read_text("utf-8"), Loader=yaml.BaseLoader)


def front_matter(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(path.read_text("utf-8").split("---\n")[1], yaml.BaseLoader)
    return data


CALENDAR_FILES = ("calendar/2027-q1.yml", "calendar/campagne-printemps.yml")


def all_posts() -> list[dict[str, Any]]:
    return [post for name in CALENDAR_FILES for post in load(name)["posts"]]


def cells(row: Tag) -> list[Tag]:
    return row.find_all("td")


def test_every_account_appears_once_in_the_inventory(example_site: Path) -> None:
    accounts = load("audit.yml")["accounts"]
    table = article(page(example_site, "audit")).find("table")
    assert isinstance(table, Tag)
    rows = table.select("tbody tr")
    assert len(rows) == len(accounts)
    by_handle = {
        (cells(r)[0].get_text(strip=True), cells(r)[1].get_text(strip=True)): r for r in rows
    }
    labels = {"keep": "conserver", "update": "mettre à jour", "create": "créer",
              "delete": "supprimer", "report": "signaler"}  # fmt: skip
    for account in accounts:
        row = by_handle[(account["network"], account["handle"])]
        badge = row.select_one(".ps-badge")
        assert badge is not None
        assert badge.get_text() == labels[account.get("status", "keep")]
        assert f"ps-badge--{account.get('status', 'keep')}" in badge["class"]
        if "url" in account:
            assert cells(row)[1].a["href"] == account["url"]
        owner = cells(row)[2]
        if "owner" in account:
            assert owner.get_text(strip=True) == account["owner"]
        else:
            assert owner.select_one(".ps-missing") is not None


def test_impostors_and_accounts_to_delete_are_in_the_to_do_list(example_site: Path) -> None:
    accounts = load("audit.yml")["accounts"]
    todo = article(page(example_site, "audit")).select_one(".ps-todo")
    assert todo is not None
    impostors = [a for a in accounts if a.get("official") == "false"]
    deleted = [a for a in accounts if a.get("status") == "delete"]
    assert impostors and deleted
    for account in impostors + deleted:
        assert account["handle"] in todo.get_text(" ")


def test_every_mission_is_on_its_page_and_in_the_missions_table(example_site: Path) -> None:
    table = article(page(example_site, "channels"))
    in_table = [span.get_text() for span in table.select(".ps-mission")]
    for path in sorted((EXAMPLE_PLAN / "channels").glob("*.md")):
        mission = front_matter(path)["mission"].strip()
        channel_page = article(page(example_site, f"channels/{path.stem}"))
        assert [s.get_text() for s in channel_page.select(".ps-mission")] == [mission]
        assert mission in in_table
        subscribe = channel_page.select_one("a.md-button")
        assert subscribe is not None
        assert subscribe["href"] == f"../../calendar/{path.stem}.ics"


def test_goal_pages_draw_every_progress_point(example_site: Path) -> None:
    for path in sorted((EXAMPLE_PLAN / "goals").glob("*.md")):
        goal = front_matter(path)
        chart = article(page(example_site, f"goals/{path.stem}")).select_one(
            "svg.ps-chart--progress"
        )
        assert chart is not None
        assert len(chart.select("circle > title")) == len(goal["progress"])


def test_goal_pace_matches_the_plan(example_site: Path) -> None:
    html = page(example_site, "goals/taux-conversion")
    assert html.select_one(".ps-pace--off") is not None
    assert page(example_site, "goals/abonnes-instagram").select_one(".ps-pace--on") is not None


def grid_publications(site: Path, month: str) -> list[tuple[str, str, str]]:
    """(date, title, channel) of every publication on one month page's grid."""
    grid = page(site, f"calendar/{month}").select_one("table.ps-grid")
    assert isinstance(grid, Tag), month
    return [
        (str(a["data-date"]), a.select_one(".ps-occ__title").get_text(), str(a["data-channel"]))
        for a in grid.select("a.ps-occ")
    ]


def channels_of(post: dict[str, Any]) -> list[str]:
    return post["channel"] if isinstance(post["channel"], list) else [post["channel"]]


@pytest.mark.parametrize("month", [1, 2, 3])
def test_the_calendar_lists_every_occurrence_of_a_month(example_site: Path, month: int) -> None:
    """Expected publications come from the feed, expanded by recurring-ical-events (an
    independent implementation of RFC 5545 repeats), one per channel as the feed has
    them; ideas are only on the page."""
    feed = icalendar.Calendar.from_ical((example_site / "calendar.ics").read_bytes())
    first = date(2027, month, 1)
    last = date(2027, month + 1, 1)
    expected = []
    for event in recurring_ical_events.of(feed).between(first, last):
        start = event.decoded("DTSTART")
        day = start.date() if hasattr(start, "date") else start
        channel = event["CATEGORIES"].cats[0]
        expected.append((day.isoformat(), str(event["SUMMARY"]), channel))
    ideas = [
        (p["date"], p["title"], channel)
        for p in all_posts()
        if p.get("status") == "idea" and p.get("date", "").startswith(f"2027-{month:02d}")
        for channel in channels_of(p)
    ]
    assert expected
    assert sorted(grid_publications(example_site, f"2027-{month:02d}")) == sorted(expected + ideas)


def test_a_large_month_is_complete_and_escaped(make_plan: PlanFactory) -> None:
    """The grid grows with the posts and skips Markdown (table_stash.py): a large one
    must still be whole, escaped, and leave no placeholder behind."""
    posts = "posts:\n" + "".join(
        f"  - {{id: p{i}, date: 2027-01-{1 + i % 28:02d}, channel: instagram, type: tips, "
        f"title: '<b>Post</b> {i}', link: 'https://shop.example/{i}'}}\n"
        for i in range(300)
    )
    root = make_plan({"plan/calendar/q1.yml": posts})
    assert run_cli("build", cwd=root).exit_code == 0
    html_text = (root / "site" / "calendar" / "2027-01" / "index.html").read_text("utf-8")
    assert "plansite-fragment" not in html_text
    html = BeautifulSoup(html_text, "html.parser")
    publications = grid_publications(root / "site", "2027-01")
    assert len(publications) == 300
    assert {title for _, title, _ in publications} == {f"<b>Post</b> {i}" for i in range(300)}
    assert html.select("article b") == []
    occurrence = html.select_one('a.ps-occ[href$="#p0"]')
    assert occurrence is not None and occurrence["href"] == "posts/#p0"
    details = page(root / "site", "calendar/2027-01/posts").find(id="p0")
    assert details is not None and details.name == "article"
    links = [a["href"] for a in details.find_all("a")]
    assert links == ["../../../channels/instagram/", "https://shop.example/0"]


def test_tables_are_searched_in_their_section_up_to_200_rows(make_plan: PlanFactory) -> None:
    """A kept-out grid's text is indexed where the grid is, a cell a word; a month of
    300 posts is not indexed publication by publication (the search index would weigh
    megabytes)."""
    january = "".join(
        f"  - {{id: p{i}, date: 2027-01-{1 + i % 28:02d}, channel: instagram, type: tips, "
        f"title: 'Crowded {i}'}}\n"
        for i in range(300)
    )
    february = (
        "  - {id: lamp, date: 2027-02-03, channel: instagram, type: tips, title: 'Lamp <Day>'}\n"
    )
    root = make_plan({"plan/calendar/q1.yml": "posts:\n" + january + february})
    assert run_cli("build", cwd=root).exit_code == 0
    index = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))
    text = {entry["location"]: entry["text"] for entry in index["docs"]}
    assert "Lamp &lt;Day&gt;" in text["calendar/2027-02/"]
    assert "Crowded" not in text["calendar/2027-01/"]
    page_html = BeautifulSoup(
        (root / "site" / "calendar" / "2027-02" / "index.html").read_text("utf-8"), "html.parser"
    )
    assert page_html.select("[data-plansite-fragment]") == []
    assert [title for _, title, _ in grid_publications(root / "site", "2027-02")] == ["Lamp <Day>"]


def test_utm_links_carry_the_right_parameters(example_site: Path) -> None:
    posts = all_posts()
    campaigns = {c["id"]: c for name in CALENDAR_FILES for c in load(name).get("campaigns", [])}
    networks = {
        p.stem: front_matter(p)["network"] for p in (EXAMPLE_PLAN / "channels").glob("*.md")
    }
    html = page(example_site, "measurement")
    links = [a["href"] for a in html.select(".ps-utm a")]
    expected_count = sum(
        len(p["channel"]) if isinstance(p["channel"], list) else 1 for p in posts if "link" in p
    )
    assert len(links) == expected_count
    by_content = {parse_qs(urlsplit(link).query)["utm_content"][0]: link for link in links}
    checked = 0
    for post in posts:
        if "link" not in post or "id" not in post:
            continue
        channels = post["channel"] if isinstance(post["channel"], list) else [post["channel"]]
        matching = [link for link in links if f"utm_content={post['id']}" in link]
        assert len(matching) == len(channels)
        query = parse_qs(urlsplit(by_content[post["id"]]).query)
        assert query["utm_source"][0] in {networks[c] for c in channels}
        assert query["utm_medium"] == ["social"]
        campaign = campaigns.get(post.get("campaign", ""), {})
        assert query["utm_campaign"] == [campaign.get("utm_campaign", post.get("type"))]
        for key, values in parse_qs(urlsplit(post["link"]).query).items():
            assert query[key] == values  # existing parameters are kept
        checked += 1
    assert checked > 10


def test_overview_shows_next_review(example_site: Path) -> None:
    html = article(page(example_site, ""))
    review = html.select_one(".ps-next-review")
    assert review is not None
    assert review.get_text() == "26 mars 2027"  # last review 26 February + a month


def test_persona_pages_list_the_channels_where_they_are(example_site: Path) -> None:
    for path in sorted((EXAMPLE_PLAN / "personas").glob("*.md")):
        persona = front_matter(path)
        html = article(page(example_site, f"personas/{path.stem}"))
        assert html.h1 is not None
        assert html.h1.get_text(strip=True).rstrip("¶") == persona["name"]
        linked = {a["href"] for a in html.find_all("a") if "/channels/" in a["href"]}
        networks = {
            p.stem: front_matter(p)["network"] for p in (EXAMPLE_PLAN / "channels").glob("*.md")
        }
        expected = {f"../../channels/{c}/" for c, n in networks.items() if n in persona["networks"]}
        assert linked == expected


def test_campaign_pages_show_their_coming_posts_and_link_to_the_calendar(
    example_site: Path,
) -> None:
    """A campaign page shows its coming publications as cards (post_cards.py) and
    sends to the calendar, filtered on the campaign, for all of them."""
    for name in CALENDAR_FILES:
        for campaign in load(name).get("campaigns", []):
            html = article(page(example_site, f"campaigns/{campaign['id']}"))
            assert html.h1 is not None
            assert html.h1.get_text(strip=True).rstrip("¶") == campaign["name"]
            titles = {t.get_text(strip=True) for t in html.select(".ps-post-card__title")}
            expected = {p["title"] for p in all_posts() if p.get("campaign") == campaign["id"]}
            assert titles <= expected
            more = html.select_one(".ps-post-cards__more a")
            assert more is not None
            assert str(more["href"]).endswith(f"/?campaign={campaign['id']}")


def test_an_english_build_speaks_english(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_PLAN, tmp_path / "plan")
    config = EXAMPLE_CONFIG.read_text("utf-8").replace("language: fr", "language: en")
    (tmp_path / "site_config.yml").write_text(config, "utf-8")
    result = run_cli("build", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    html = page(tmp_path / "site", "audit")
    assert html.html is not None
    assert html.html["lang"] == "en"
    headers = [th.get_text(strip=True) for th in article(html).find("table").find_all("th")]
    assert headers[:5] == ["Network", "Handle", "Owner", "Purpose", "Status"]
    goal = page(tmp_path / "site", "goals/abonnes-instagram")
    assert goal.select_one(".ps-baseline").get_text() == "8,450"
    nav = [a.get_text(strip=True) for a in goal.select(".md-nav__link")]
    assert "Goals" in nav


def test_page_count_does_not_grow_with_posts(make_plan: PlanFactory) -> None:
    few = make_plan()
    assert run_cli("build", "--out", "few", cwd=few).exit_code == 0
    many_posts = "posts:\n" + "".join(
        f"  - {{id: p{i}, date: 2027-01-{1 + i % 28:02d}, channel: instagram, type: tips, "
        f"title: Post {i}, link: 'https://shop.example/'}}\n"
        for i in range(300)
    )
    (few / "plan" / "calendar" / "q1.yml").write_text(many_posts)
    assert run_cli("build", "--out", "many", cwd=few).exit_code == 0
    count = lambda out: len(list((few / out).rglob("index.html")))  # noqa: E731
    assert count("many") == count("few")


def test_tagged_links_leave_the_search_index_above_200_rows(tmp_path: Path) -> None:
    """The limit counts the table's rows: a post tagged for two channels is two."""
    shutil.copytree(EXAMPLE_PLAN, tmp_path / "plan")
    shutil.copy(EXAMPLE_CONFIG, tmp_path / "site_config.yml")
    (tmp_path / "plan" / "calendar" / "extra.yml").write_text(
        "posts:\n"
        + "".join(
            f"  - {{id: extra-{i}, date: 2027-03-{1 + i % 28:02d}, channel: [instagram, facebook],"
            f" title: Extra {i}, link: 'https://shop.example/extra/{i}'}}\n"
            for i in range(110)
        ),
        encoding="utf-8",
    )
    assert run_cli("build", cwd=tmp_path).exit_code == 0
    page = BeautifulSoup(
        (tmp_path / "site" / "measurement" / "index.html").read_text("utf-8"), "html.parser"
    )
    links = page.select(".ps-utm-links tbody tr")
    assert len(links) > 220
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text("utf-8"))
    measurement = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("measurement/")
    )
    assert measurement and "utm_content" not in measurement


def test_a_placeholder_markdown_wrapped_is_still_replaced(tmp_path: Path) -> None:
    """Markdown adds tags to a placeholder it takes for a paragraph (an indented
    one, say): the table must still replace it, not vanish."""
    table = "<table><tbody><tr><td>x</td></tr></tbody></table>"
    stash = table_stash.TableStash(tmp_path)
    digest = stash.keep_out("ab12", table)
    assert digest
    wrapped = '<p><div data-plansite-fragment="ab12"><em>x</em> y\n z</div></p>'
    assert stash.fill(wrapped) == f"<p>{table}</p>"


def test_init_writes_a_plan_that_builds_with_placeholder_warnings_only(tmp_path: Path) -> None:
    """The starter's example text is flagged (PS701) until replaced; nothing else is."""
    created = run_cli("init", "new-plan", cwd=tmp_path)
    assert created.exit_code == 0, created.output
    root = tmp_path / "new-plan"
    assert (root / ".gitignore").read_text().strip().endswith("/site/")
    kinds = {p.parent.name for p in (root / "plan").rglob("*.md")}
    assert kinds == {"plan", "goals", "personas", "channels"}
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    *found, summary = result.stderr.splitlines()
    assert summary == f"0 errors, {len(found)} warnings; site written to site/"
    assert found and all(line.endswith("[PS701]") for line in found)


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "site_config.yml").write_text("site_name: Mine\n")
    result = run_cli("init", ".", cwd=tmp_path)
    assert result.exit_code == 1
    assert "already exist" in result.stderr
    assert (tmp_path / "site_config.yml").read_text() == "site_name: Mine\n"
    assert not (tmp_path / "plan").exists()


def test_occurrence_rows_escape_every_cell_and_anchor_a_post_once(
    make_plan: PlanFactory,
) -> None:
    evil = "<b>bold</b> & 'quoted'"
    root = make_plan(
        {
            "plan/content.yml": "types:\n"
            f"  - {{id: tips, name: {json.dumps(evil)}, share: 100, purpose: educate}}\n",
            "plan/calendar/q1.yml": "campaigns:\n"
            f"  - {{id: launch, name: {json.dumps(evil)}, "
            "start: 2027-01-01, end: 2027-01-31}\n"
            "posts:\n  - id: weekly\n    date: 2027-01-05\n"
            "    time: '10:00'\n    timezone: America/New_York\n    channel: instagram\n"
            f"    type: tips\n    campaign: launch\n    title: {json.dumps(evil)}\n"
            "    repeat: {every: week, count: 3}\n",
        }
    )
    checked = check.check_plan(check.Inputs(root / "plan", root / "site_config.yml"))
    rows = TableRows(checked.plan, checked.config, Translator("en"))
    html = rows.occurrences(checked.context.all_occurrences, root="../")
    table = BeautifulSoup(f"<table>{html}</table>", "html.parser")
    found = table.find_all("tr")
    assert len(found) == 3
    for tr in found:
        cells = [td.get_text() for td in tr.find_all("td")]
        assert cells[1] == "10:00 (America/New_York)"
        assert cells[3:5] == [evil, evil]
        assert cells[6] == evil
        assert tr.find("b") is None
        assert [a["href"] for a in tr.find_all("a")] == [
            "../channels/instagram/",
            "../calendar/2027-01/posts/#weekly",
            "../campaigns/launch/",
        ]
