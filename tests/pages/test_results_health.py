"""The health page's results section: each file's kind and period, which rule matched
how many rows (the guess named as one), the rows that matched no post, paged past
the page budget; file names and cells from an export stay text."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from generator.build import page_context_from_checked
from generator.pages.render import PageRenderer, render_pages
from generator.pages.table_stash import TableStash
from tests.conftest import MINIMAL_FILES, run_cli, write_plan
from tests.pages.small_plans import checked_plan, posts

CALENDAR = posts(
    "{id: hello, date: 2027-01-05, time: '10:00', channel: instagram, type: tips, title: Hello,"
    " published: {url: 'https://www.instagram.com/p/Hello1/'}}",
    "{id: later, date: 2027-01-12, time: '10:00', channel: instagram, type: tips, title: Later}",
)
RESULTS = """\
date,post,url,reach,title
2027-01-06,,https://instagram.com/p/Hello1,120,
2027-01-06,later,,80,
2027-01-13,later,,95,
2027-01-20,elsewhere,,30,A post made outside the plan
2027-01-21,,https://instagram.com/p/zzz,12,Another one
"""
FILES = {"plan/calendar/q1.yml": CALENDAR, "plan/results/instagram.csv": RESULTS}


def rendered_health(
    root: Path, files: dict[str, str | None], page_rows: int = 1000
) -> dict[str, BeautifulSoup]:
    """The health page and its list pages, as MkDocs' Markdown makes them, by docs path."""
    context = page_context_from_checked(checked_plan(root, files))
    stash = TableStash(root / "stash")
    pages = {}
    for page in render_pages(context, PageRenderer(stash, page_rows=page_rows)):
        if page.path.startswith("health"):
            body = page.text.split("---\n", 2)[2]
            html = markdown.markdown(body, extensions=["tables", "md_in_html"])
            pages[page.path] = BeautifulSoup(stash.fill(html), "html.parser")
    return pages


def section(page: BeautifulSoup, title: str = "Results") -> list[Tag]:
    """The elements under the section's heading, up to the next level-2 heading."""
    heading = next(h for h in page.find_all("h2") if h.get_text() == title)
    found: list[Tag] = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def table_rows(page: BeautifulSoup, css: str) -> list[list[str]]:
    table = page.select_one(css)
    assert table is not None, css
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in table.select("tr")]  # fmt: skip


@pytest.fixture(scope="module")
def health(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    return rendered_health(tmp_path_factory.mktemp("results"), FILES)["health.md"]


def test_each_file_with_its_kind_period_and_rows(health: BeautifulSoup) -> None:
    rows = table_rows(health, ".ps-results-files table")
    assert rows[0] == ["File", "Kind", "Period", "Rows"]
    (where, kind, period, count) = rows[1]
    assert where == "instagram.csv"
    assert (kind, period, count) == ("plansite CSV", "6 Jan 2027 to 21 Jan 2027", "5")


def test_which_rule_matched_how_many_rows_the_guess_named(health: BeautifulSoup) -> None:
    assert table_rows(health, ".ps-results-rules table") == [
        ["Matched by", "Rows"],
        ["The post's published address or ID", "1"],
        ["utm_content equal to the post's ID", "2"],
        ["Same channel, published within two hours of the post guess", "0"],
        ["Matched no post", "2"],
    ]


def test_the_unmatched_rows_are_listed_by_file_and_row(health: BeautifulSoup) -> None:
    texts = " ".join(tag.get_text(" ") for tag in section(health))
    assert "2 rows matched no post of the plan" in texts
    rows = table_rows(health, ".ps-results-unmatched table")
    assert [row[1:] for row in rows[1:]] == [
        ["5", "20 Jan 2027", "A post made outside the plan"],
        ["6", "21 Jan 2027", "Another one"],
    ]
    assert all(row[0] == "instagram.csv" for row in rows[1:])


def test_past_the_page_budget_the_unmatched_rows_take_pages(tmp_path: Path) -> None:
    many = RESULTS + "".join(f"2027-01-22,outside-{n},,1,Outside {n}\n" for n in range(5))
    pages = rendered_health(tmp_path, {**FILES, "plan/results/instagram.csv": many}, 3)
    health = pages["health.md"]
    assert health.select_one(".ps-results-unmatched") is None
    links = [a.get_text() for tag in section(health) for a in tag.find_all("a")]
    assert links == ["Rows 1 to 3", "Rows 4 to 6", "Rows 7 to 7"]
    parts = sorted(path for path in pages if path.startswith("health/unmatched-results"))
    assert parts == [
        "health/unmatched-results-2.md",
        "health/unmatched-results-3.md",
        "health/unmatched-results.md",
    ]
    shown = [len(pages[p].select(".ps-results-unmatched tbody tr")) for p in parts]
    assert sorted(shown) == [1, 3, 3]


def test_a_plan_without_results_says_where_they_go(tmp_path: Path) -> None:
    health = rendered_health(tmp_path, {})["health.md"]
    (paragraph,) = [tag for tag in section(health) if tag.name == "p"]
    assert "plan/results/" in paragraph.get_text()
    assert health.select_one(".ps-results-rules") is None


def test_the_section_speaks_french(tmp_path: Path) -> None:
    config = MINIMAL_FILES["site_config.yml"]
    assert config is not None
    files = {**FILES, "site_config.yml": config.replace("language: en", "language: fr")}
    health = rendered_health(tmp_path, files)["health.md"]
    rows = table_rows(health, ".ps-results-files table")
    assert rows[1][1:] == ["CSV de plansite", "du 6 janv. 2027 au 21 janv. 2027", "5"]
    rules = table_rows(health, ".ps-results-rules table")
    assert rules[3][0].endswith("supposition")
    assert "2 lignes ne correspondent à aucune publication du plan" in " ".join(
        tag.get_text(" ") for tag in section(health, "Résultats")
    )


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</td></tr></table><iframe src=https://evil.example>",
    "[click](javascript:alert(1)) **bold** {: onclick=alert(1) }",
]


def test_hostile_file_names_and_cells_stay_text(tmp_path: Path) -> None:
    """The whole build, to the last gate (nh3): names and captions come from exports."""
    quoted = [text.replace('"', '""') for text in HOSTILE]  # as a CSV writer quotes
    rows = "".join(f'2027-01-2{n},outside-{n},,1,"{text}"\n' for n, text in enumerate(quoted))
    hostile_name = "plan/results/a<b onmouseover=alert(1)>&amp;.csv"
    write_plan(tmp_path, {**FILES, hostile_name: "date,post,url,reach,title\n" + rows})
    result = run_cli("build", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site" / "health" / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert not page.select("article script, article iframe, article img, [onerror], [onclick]")
    assert not page.select("[onmouseover]")
    cells = [td.get_text() for td in page.select(".ps-results-unmatched td")]
    for text in HOSTILE:
        assert text in cells
    names = [row.td.get_text() for row in page.select(".ps-results-files tbody tr") if row.td]
    assert "a<b onmouseover=alert(1)>&amp;.csv" in names, names
