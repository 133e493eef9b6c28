"""No page grows with the posts past the page budget (pages/long_lists.py): the
tagged links, the findings of a rule and the addresses to check leave their page
for pages of their own, and every one of them stays reachable from it.

The budget is 1,000 rows; a plan of a few hundred posts with a budget of 40
rows shows the same paging as the 10k-post benchmark plan does with 1,000.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from generator.pages import long_lists
from generator.pages.health_lists import SHOWN_PER_RULE
from generator.pages.long_lists import parts_of
from tests.conftest import run_cli, write_plan

BUDGET = 40
POSTS = 300


def many_posts() -> str:
    """POSTS posts over three months, three or four a day at the same hour (PS502 for
    most), each with an address of its own and tagged for two channels."""
    rows = []
    for i in range(POSTS):
        day = f"2027-{1 + i // 100:02d}-{1 + i % 28:02d}"
        rows.append(
            f"  - {{id: p{i}, date: {day}, time: '10:00', channel: [instagram, linkedin], "
            f"type: tips, title: 'Post <{i}>', link: 'https://shop.example/p/{i}'}}\n"
        )
    return "posts:\n" + "".join(rows)


LINKEDIN = """\
---
network: linkedin
account: linked
mission: Show the workshop to buyers.
goals: [followers]
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
  - id: linked
    network: linkedin
    handle: example
    owner: Sam
    profile: {bio: Lamps., avatar: true, cover: true, link: https://shop.example/,
              keywords: [lamps], cross_promotion: true}
"""
FILES = {
    "plan/calendar/q1.yml": many_posts(),
    "plan/channels/linkedin.md": LINKEDIN,
    "plan/audit.yml": AUDIT,
}


def build(root: Path, rows: int | None) -> Path:
    """The plan built with a page budget of `rows` (None: plansite's own)."""
    write_plan(root, FILES)
    with pytest.MonkeyPatch.context() as patch:
        if rows is not None:
            patch.setattr(long_lists, "PAGE_ROWS", rows)
        result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("paged"), BUDGET)


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("whole"), None)


def soup(site: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text("utf-8"), "html.parser")


def tagged_links(page: BeautifulSoup) -> list[str]:
    return [str(a["href"]) for a in page.select(".ps-utm-links tbody .ps-utm a")]


def findings(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (li.select_one(".ps-where").get_text(), li.select_one(".ps-finding__message").get_text())
        for li in page.select("ul.ps-findings li")
    ]


def addresses(page: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in page.select("ul.ps-external-links a")]


def reachable(site: Path, start: str) -> Iterator[tuple[str, BeautifulSoup]]:
    """Every page under `start` (an address such as `health/`) that a reader reaches
    by following links from it, itself first."""
    seen, waiting = {start}, [start]
    while waiting:
        address = waiting.pop(0)
        page = soup(site, address)
        yield address, page
        for link in page.select("article a[href]"):
            target = urljoin("/" + address, str(link["href"])).split("#")[0].lstrip("/")
            if target.startswith(start) and target not in seen and (site / target).is_dir():
                seen.add(target)
                waiting.append(target)


def list_rows(page: BeautifulSoup) -> int:
    """The rows of the lists that grow with the posts on a page."""
    lists = ".ps-utm-links tbody tr, ul.ps-findings li, ul.ps-external-links li"
    return len(page.select(lists))


def test_no_page_holds_more_rows_of_a_long_list_than_the_budget(paged: Path) -> None:
    counts = {
        str(path.parent.relative_to(paged)): list_rows(
            BeautifulSoup(path.read_text("utf-8"), "html.parser")
        )
        for path in paged.rglob("index.html")
    }
    assert max(counts.values()) <= BUDGET
    # The lists did leave their pages: a month of tagged links takes several.
    assert {"measurement/2027-01", "measurement/2027-01-2", "health/links-2"} <= set(counts)
    assert counts["measurement/2027-01"] == BUDGET


def test_every_tagged_link_is_reached_from_the_measurement_page(paged: Path, whole: Path) -> None:
    listed = Counter(
        link for _, page in reachable(paged, "measurement/") for link in tagged_links(page)
    )
    expected = Counter(tagged_links(soup(whole, "measurement")))
    assert len(expected) == 2 * POSTS  # the whole list stays on the page within the budget
    assert listed == expected
    summary = soup(paged, "measurement").select(".ps-utm-summary td")
    assert [cell.get_text() for cell in summary[:4]] == ["instagram", "300", "linkedin", "300"]


def test_every_finding_is_reached_from_the_health_page(paged: Path, whole: Path) -> None:
    pages = dict(reachable(paged, "health/"))
    on_health_page = Counter(
        code.get_text() for code in pages["health/"].select(".ps-findings code")
    )
    assert on_health_page["PS502"] == SHOWN_PER_RULE
    rule_pages = [page for address, page in pages.items() if "ps502" in address]
    assert len(rule_pages) > 1  # past the budget, the rule's pages are several too
    listed = [finding for page in rule_pages for finding in findings(page)]
    check = run_cli("check", cwd=whole.parent).output
    assert len(listed) == len(set(listed)) == check.count("[PS502]") > 3 * BUDGET


def test_every_address_is_reached_from_the_health_page(paged: Path, whole: Path) -> None:
    listed = [url for _, page in reachable(paged, "health/") for url in addresses(page)]
    expected = addresses(soup(whole, "health"))
    assert len(expected) > POSTS
    assert listed == expected  # in the same order, part after part
    assert addresses(soup(paged, "health")) == []


def test_the_largest_page_shrinks_with_the_budget(paged: Path, whole: Path) -> None:
    def largest(site: Path, folder: str) -> int:
        return max(path.stat().st_size for path in (site / folder).rglob("index.html"))

    for folder in ("measurement", "health"):
        assert largest(paged, folder) < largest(whole, folder)
    assert largest(whole, "measurement") > 2 * largest(paged, "measurement")


def test_within_the_budget_the_lists_stay_on_their_page(whole: Path) -> None:
    assert sorted(p.name for p in (whole / "measurement").iterdir()) == ["index.html"]
    assert not list((whole / "health").glob("links*"))


def test_the_parts_of_the_lists_link_to_each_other_and_back(paged: Path) -> None:
    page = soup(paged, "health/links-2")
    nav = page.select_one("nav.ps-list-parts")
    assert nav is not None
    links = [(a.get_text(), a["href"]) for a in nav.find_all("a")]
    assert links[0] == ("Plan health", "../../health/")
    assert ("1", "../../health/links/") in links and ("3", "../../health/links-3/") in links
    assert nav.strong is not None and nav.strong.get_text() == "2"  # this part, not a link
    title = page.h1.get_text() if page.h1 else ""
    assert re.match(r"External links \(2/\d+\)", title)


@pytest.mark.parametrize(
    ("items", "rows", "sizes"),
    [(0, 3, []), (3, 3, [3]), (4, 3, [3, 1]), (7, 3, [3, 3, 1])],
)
def test_a_list_is_cut_into_parts_of_at_most_the_budget(
    items: int, rows: int, sizes: list[int]
) -> None:
    parts = parts_of("health/links", list(range(items)), rows)
    assert [len(part.items) for part in parts] == sizes
    assert [part.path for part in parts] == [
        "health/links.md",
        *(f"health/links-{n}.md" for n in range(2, len(sizes) + 1)),
    ][: len(sizes)]
    assert [item for part in parts for item in part.items] == list(range(items))
