"""A copy that opens from a folder or a zip: `plansite build --offline`.

Its pages are `.html` files (MkDocs' use_directory_urls off), and every link
plansite writes itself follows, as MkDocs' own do (pages/site_map.SiteAddresses);
Material's offline plugin runs search from files with the shim plansite ships.
The browser tests open the copy from `file://` in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from bench.synthetic import write_plan as write_synthetic_plan
from generator.pages.site_map import SiteAddresses
from generator.site.site_settings import IFRAME_WORKER_SHIM, settings_from_config
from generator.site.theme import theme_dir
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, run_cli
from tests.pages.small_plans import checked_plan
from tests.test_browser import LAPTOP, Visit

SERVED, FILES = SiteAddresses(directory_urls=True), SiteAddresses(directory_urls=False)


@pytest.mark.parametrize(
    ("path", "served", "files"),
    [
        ("index.md", "", "index.html"),
        ("audit.md", "audit/", "audit.html"),
        ("goals/index.md", "goals/", "goals/index.html"),
        ("goals/leads.md", "goals/leads/", "goals/leads.html"),
        ("goals/reindex.md", "goals/reindex/", "goals/reindex.html"),
        ("calendar/2027-03.md", "calendar/2027-03/", "calendar/2027-03.html"),
        ("calendar/2027-03/posts.md", "calendar/2027-03/posts/", "calendar/2027-03/posts.html"),
    ],
)
def test_a_page_s_address_is_a_folder_on_a_server_and_a_file_in_a_copy(
    path: str, served: str, files: str
) -> None:
    assert SERVED.address(path) == served
    assert FILES.address(path) == files
    assert FILES.address(path, "x") == files + "#x"


@pytest.mark.parametrize(
    ("page", "path", "served", "files"),
    [
        ("calendar/2027-03.md", "calendar/2027-03/posts.md", "posts/#p", "2027-03/posts.html#p"),
        ("calendar/2027-03.md", "calendar/2027-04/posts.md", "../2027-04/posts/#p",
         "2027-04/posts.html#p"),
        ("calendar/2027-03.md", "calendar/2027-04.md", "../2027-04/#p", "2027-04.html#p"),
        ("calendar/2027-03/posts.md", "calendar/2027-03.md", "../#p", "../2027-03.html#p"),
        ("calendar/board.md", "calendar/2027-02/posts.md", "../2027-02/posts/#p",
         "2027-02/posts.html#p"),
        ("goals/leads.md", "channels/x.md", "../../channels/x/#p", "../channels/x.html#p"),
        ("index.md", "goals/index.md", "goals/#p", "goals/index.html#p"),
        ("goals/leads.md", "goals/leads.md", "./#p", "leads.html#p"),
    ],
)  # fmt: skip
def test_one_page_links_to_another_by_the_shortest_way_in_both_modes(
    page: str, path: str, served: str, files: str
) -> None:
    assert SERVED.between(page, path, "p") == served
    assert FILES.between(page, path, "p") == files


def test_the_way_back_to_the_root_counts_the_folders_of_the_page_s_address() -> None:
    assert [SERVED.root(p) for p in ("index.md", "audit.md", "goals/leads.md")] == [
        "",
        "../",
        "../../",
    ]
    assert [FILES.root(p) for p in ("index.md", "audit.md", "goals/leads.md")] == ["", "", "../"]


def test_offline_settings_follow_material_s_guide_and_ask_no_other_host(tmp_path: Path) -> None:
    config = checked_plan(tmp_path, {}).config
    features = ["navigation.instant", "navigation.instant.progress", "navigation.tabs"]
    config = replace(config, theme={"features": features})
    served = settings_from_config(config, [])
    settings = settings_from_config(config, [], offline=True)
    assert "use_directory_urls" not in served and "offline" not in served["plugins"]
    assert settings["use_directory_urls"] is False
    assert settings["plugins"] == [*served["plugins"], "offline"]
    # Material's offline plugin would add a CDN's copy of the shim unless one is named.
    assert settings["extra"]["polyfills"] == [IFRAME_WORKER_SHIM]
    assert (theme_dir() / IFRAME_WORKER_SHIM).is_file()
    # Instant loading fetches pages, which a page opened from a file may not.
    assert settings["theme"]["features"] == ["navigation.tabs"]
    assert served["theme"]["features"] == features


# -- every link of a built copy -------------------------------------------------


@pytest.fixture(scope="module")
def synthetic_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan of 300 posts over a year (repeats, campaigns, a board whose columns
    overflow), whose summary links to pages by their docs path."""
    root = tmp_path_factory.mktemp("synthetic")
    write_synthetic_plan(root, 300)
    goal = sorted((root / "plan" / "goals").glob("*.md"))[0].stem
    with (root / "plan" / "plan.md").open("a", encoding="utf-8") as body:
        body.write(
            f"\nSee [the first goal](/goals/{goal}.md) and [the audit](audit.md#competitors).\n"
        )
    return root


def built(root: Path, *options: str) -> Path:
    out = root / ("site-" + "-".join(option.strip("-") for option in options or ("served",)))
    if not out.is_dir():
        result = run_cli("build", "--out", str(out), *options, cwd=root)
        assert result.exit_code == 0, result.output
    return out


def broken_links(site: Path, served: bool) -> list[str]:
    """Each relative link of each page (but the server's 404 page) that does not open
    a page of the site, or whose anchor that page lacks."""
    broken: list[str] = []
    anchors: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":  # a server's, with addresses from the root
            continue
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for element in soup.select("a[href], link[href], script[src], img[src]"):
            link = str(element.get("href") or element.get("src"))
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("#"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if served and target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link} opens no file")
            elif parts.fragment and target.suffix == ".html":
                if target not in anchors:
                    html = BeautifulSoup(target.read_text("utf-8"), "html.parser")
                    anchors[target] = {str(tag["id"]) for tag in html.select("[id]")}
                if parts.fragment not in anchors[target]:
                    broken.append(f"{page.relative_to(site)}: {link} has no such anchor")
    return broken


@pytest.mark.parametrize("offline", [True, False], ids=["offline", "served"])
def test_every_link_opens_a_page_and_its_anchor(synthetic_root: Path, offline: bool) -> None:
    site = built(synthetic_root, "--offline") if offline else built(synthetic_root)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    assert broken_links(site, served=not offline) == []
    if offline:  # no link ends in a folder, which a browser opens as a listing
        to_folder = re.compile(r'href="[^":#?]*/(?:[?#][^"]*)?"')
        assert [p.name for p in pages if to_folder.search(p.read_text("utf-8"))] == []


def test_an_offline_copy_carries_its_search_index_as_a_script(synthetic_root: Path) -> None:
    site = built(synthetic_root, "--offline")
    script = (site / "search" / "search_index.js").read_text("utf-8")
    assert script.startswith("var __index = {")
    assert '"location":"calendar/2027-03.html' in script
    home = (site / "index.html").read_text("utf-8")
    assert f'<script src="{IFRAME_WORKER_SHIM}"></script>' in home
    assert not [p for p in site.rglob("*.html") if "unpkg.com" in p.read_text("utf-8")]


def test_the_calendar_s_script_is_told_how_to_reach_another_month(synthetic_root: Path) -> None:
    """`data-month-address` on a month page: any month's page from it, `{month}` its
    YYYY-MM; every neighbour it names opens, from a server and from files."""
    for offline, expected in ((True, "{month}.html"), (False, "../{month}/")):
        site = built(synthetic_root, "--offline") if offline else built(synthetic_root)
        page = site / "calendar" / ("2027-03.html" if offline else "2027-03/index.html")
        calendar = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(".ps-calendar")
        assert calendar is not None
        template = str(calendar["data-month-address"])
        assert template == expected
        for month in str(calendar["data-months"]).split():
            target = page.parent / template.replace("{month}", month)
            assert (target / "index.html" if not offline else target).is_file(), month


def month_script_entries(site: Path) -> list[dict[str, str]]:
    """Every entry of every month's script (calendar/YYYY-MM/occurrences.js), one a line."""
    return [
        json.loads(line.rstrip(","))
        for script in sorted((site / "calendar").glob("*/occurrences.js"))
        for line in script.read_text("utf-8").splitlines()
        if line.startswith("{")
    ]


def opens(site: Path, page: Path, link: str) -> bool:
    """True when `link`, from `page` of `site`, opens a page (a file, not a folder's
    listing, from files) that has the link's anchor."""
    parts = urlsplit(link)
    target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or not target.is_relative_to(site.resolve()):
        return False
    return not parts.fragment or parts.fragment in ids_of(target)


@cache
def ids_of(page: Path) -> frozenset[str]:
    html = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in html.select("[id]"))


@pytest.mark.parametrize("offline", [True, False], ids=["offline", "served"])
def test_the_month_scripts_link_each_post_to_its_details(
    synthetic_root: Path, offline: bool
) -> None:
    """The overview's script lists coming posts from these links: from files they
    name the posts page's file, on a server its folder."""
    site = built(synthetic_root, "--offline") if offline else built(synthetic_root)
    links = sorted({entry["href"] for entry in month_script_entries(site)})
    assert len(links) > 100
    pattern = r"calendar/\d{4}-\d{2}/posts" + (r"\.html" if offline else "/") + "#[a-z0-9-]+"
    assert [link for link in links if not re.fullmatch(pattern, link)] == []
    home = site / "index.html"
    assert [link for link in links if not opens(site, home, link)] == []


@pytest.mark.parametrize("offline", [True, False], ids=["offline", "served"])
def test_the_overview_tells_its_script_how_to_reach_a_month(
    synthetic_root: Path, offline: bool
) -> None:
    """`data-month-address` on the overview's coming lists: the month whose day the
    "more" link opens, from the overview; and the build's own "more" link opens it."""
    site = built(synthetic_root, "--offline") if offline else built(synthetic_root)
    home = site / "index.html"
    soup = BeautifulSoup(home.read_text("utf-8"), "html.parser")
    lists = soup.select(".ps-coming[data-coming]")
    assert len(lists) == 2
    for coming in lists:
        template = str(coming["data-month-address"])
        assert template == ("calendar/{month}.html" if offline else "calendar/{month}/")
        for month in str(coming["data-months"]).split():
            assert opens(site, home, template.replace("{month}", month)), month
    more = [str(a["href"]) for a in soup.select(".ps-coming__more a")]
    assert more, "the 30 days of the synthetic plan hold more than a list shows"
    assert [link for link in more if not opens(site, home, link)] == []
    coming = [str(a["href"]) for a in soup.select(".ps-coming a.ps-occ")]
    assert coming and [link for link in coming if not opens(site, home, link)] == []


# -- in the browser, from file:// ------------------------------------------------


@pytest.fixture(scope="module", params=["fr", "en"])
def offline_copy(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plan, in its language and in English, built with --offline and
    moved elsewhere, as a zip would be unpacked."""
    root = tmp_path_factory.mktemp(f"offline-{request.param}")
    shutil.copytree(EXAMPLE_PLAN, root / "plan")
    config = EXAMPLE_CONFIG.read_text("utf-8").replace("language: fr", f"language: {request.param}")
    (root / "site_config.yml").write_text(config, "utf-8")
    result = run_cli("build", "--offline", "--strict", cwd=root)
    assert result.exit_code == 0, result.output
    unpacked = tmp_path_factory.mktemp("unpacked") / "plan copy"
    shutil.move(root / "site", unpacked)
    return unpacked


def follow(page: Page, selector: str) -> str:
    """Click the first link `selector` finds; the file it opened, from the copy's root."""
    link = page.locator(selector).first
    with page.expect_navigation():
        link.click()
    assert page.locator("article h1").count() == 1, page.url  # a page, not a listing
    return page.url


@pytest.mark.browser
def test_an_offline_copy_navigates_from_files(browser: Browser, offline_copy: Path) -> None:
    visit = Visit(browser, (offline_copy / "index.html").as_uri())
    page = visit.page
    root = offline_copy.as_uri() + "/"
    assert follow(page, '.md-nav--primary a[href="goals/index.html"]') == root + "goals/index.html"
    goal = follow(page, 'article a[href$=".html"]:not([href*="/"])')
    assert re.fullmatch(re.escape(root) + r"goals/[a-z0-9-]+\.html", goal)
    assert (
        follow(page, '.md-nav--primary a[href="../calendar/index.html"]')
        == root + "calendar/index.html"
    )
    month = follow(page, "article a.ps-cal-open")
    assert re.fullmatch(re.escape(root) + r"calendar/\d{4}-\d{2}\.html", month)
    assert page.locator("table.ps-grid").count() == 1
    follow(page, "a.ps-cal-next")
    follow(page, "a.ps-cal-prev")
    assert page.url == month
    post = page.locator("a.ps-occ").first.get_attribute("href") or ""
    details = follow(page, "a.ps-occ")
    assert details.startswith(root + "calendar/") and ".html#" in details
    assert page.locator(f"article.ps-post[id='{post.split('#')[1]}']").count() == 1
    channel = follow(page, "article.ps-post dd a[href*='channels/']")
    assert re.fullmatch(re.escape(root) + r"channels/[a-z0-9-]+\.html", channel)
    assert visit.errors == []
    assert visit.foreign == []
    visit.close()


@pytest.mark.browser
def test_an_offline_copy_searches_from_files(browser: Browser, offline_copy: Path) -> None:
    visit = Visit(browser, (offline_copy / "audit.html").as_uri())
    page = visit.page
    page.locator(".md-search__input").click()
    page.keyboard.type("AtelierLumen", delay=20)  # Material searches on key events
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15_000)
    with page.expect_navigation():
        result.click()
    assert page.url.startswith(offline_copy.as_uri() + "/")
    assert urlsplit(page.url).path.endswith(".html")
    assert page.locator("article h1").count() == 1
    assert visit.errors == []
    assert visit.foreign == []  # the shim came with the copy, not from a CDN
    visit.close()


# -- the calendar's script, from file:// -------------------------------------------

PARIS = ZoneInfo("Europe/Paris")
# A day of the example plan's March, on the reader's clock (as the calendar's tests).
READER_NOW = datetime(2027, 3, 10, 12, tzinfo=PARIS)


class Reader:
    """A reader in Paris whose clock is fixed, with what the pages logged as errors
    and asked of another host."""

    def __init__(self, browser: Browser, now: datetime) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.context = browser.new_context(viewport=LAPTOP, timezone_id="Europe/Paris")  # type: ignore[arg-type]
        self.context.clock.set_fixed_time(now)
        self.context.on("weberror", lambda error: self.errors.append(str(error.error)))
        self.context.on("console", self._console)
        self.context.on("request", self._request)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _request(self, request: Any) -> None:
        if not request.url.startswith(("file:", "data:", "blob:")):
            self.foreign.append(request.url)

    def open(self, url: str) -> Page:
        page = self.context.new_page()
        page.goto(url, wait_until="networkidle")
        return page


@pytest.fixture
def reader(browser: Browser) -> Iterator[Reader]:
    made = Reader(browser, READER_NOW)
    yield made
    made.context.close()


def started(page: Page) -> None:
    """Wait until the calendar's script has taken the month page in hand."""
    page.wait_for_selector(".ps-calendar.ps-js", state="attached")


@pytest.mark.browser
def test_an_offline_copy_goes_from_the_overview_to_a_post_a_month_the_board_and_search(
    reader: Reader, browser: Browser, offline_copy: Path
) -> None:
    root = offline_copy.as_uri() + "/"
    page = reader.open(root + "index.html")
    # The coming posts, listed again from the reader's clock out of the month scripts.
    page.wait_for_selector(".ps-coming--today >> nth=1")
    post = page.locator(".ps-coming a.ps-occ").first.get_attribute("href") or ""
    assert re.fullmatch(r"calendar/2027-0[23]/posts\.html#[a-z0-9-]+", post), post
    assert follow(page, ".ps-coming a.ps-occ") == root + post
    assert page.locator(f"article.ps-post[id='{post.split('#')[1]}']").count() == 1

    page.goto(root + "calendar/index.html", wait_until="networkidle")
    assert follow(page, "article a.ps-cal-open") == root + "calendar/2027-03.html"  # the reader's
    started(page)
    # The week view steps past the month's last week into the next month's file.
    page.click('.ps-cal-views [data-view="week"]')
    for _ in range(3):
        page.click(".ps-cal-next-week")
    with page.expect_navigation():
        page.click(".ps-cal-next-week")
    assert page.url == root + "calendar/2027-04.html?view=week&week=2027-04-05"
    started(page)
    assert page.locator("tr.ps-week:visible").get_attribute("data-week") == "2027-04-05"
    # Today is in March: its button opens March's file at the day.
    with page.expect_navigation():
        page.click(".ps-cal-today")
    started(page)  # which then writes the week it shows into the address
    assert page.url == root + "calendar/2027-03.html?view=week&week=2027-03-08#d-2027-03-10"
    # A filter travels with the calendar's own links to the previous and next month.
    page.click('.ps-cal-views [data-view="month"]')
    page.check('input[name="channel"][value="instagram"]')
    expect(page.locator("a.ps-cal-prev")).to_have_attribute(
        "href", "2027-02.html?channel=instagram"
    )
    assert follow(page, "a.ps-cal-prev") == root + "calendar/2027-02.html?channel=instagram"
    started(page)
    assert follow(page, "a.ps-cal-next") == root + "calendar/2027-03.html?channel=instagram"
    started(page)
    assert page.locator('input[name="channel"][value="instagram"]').is_checked()
    shown = page.locator("table.ps-grid [data-date]:visible")
    assert shown.count() > 0
    assert set(shown.evaluate_all("links => links.map(a => a.dataset.channel)")) == {"instagram"}

    page.goto(root + "calendar/index.html", wait_until="networkidle")
    assert follow(page, 'article a[href="board.html"]') == root + "calendar/board.html"
    card = page.locator(".ps-card a.ps-card__title[href*='posts']").first
    details = card.get_attribute("href") or ""
    assert re.search(r"calendar/\d{4}-\d{2}/posts\.html#[a-z0-9-]+$", details), details
    expected = urljoin(page.url, details)
    assert follow(page, ".ps-card a.ps-card__title[href*='posts']") == expected
    assert page.locator(f"article.ps-post[id='{details.split('#')[1]}']").count() == 1
    # Search from a page two folders down, for a handle typed without its @; in a
    # browser whose clock runs (Material's search waits for the clock to move on).
    search = Visit(browser, page.url)
    search.page.locator(".md-search__input").click()
    search.page.keyboard.type("AtelierLumen", delay=20)  # Material searches on key events
    result = search.page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15_000)
    with search.page.expect_navigation():
        result.click()
    assert search.page.url.startswith(root) and urlsplit(search.page.url).path.endswith(".html")
    assert search.page.locator("article h1").count() == 1
    assert search.errors == [] and search.foreign == []
    search.close()
    assert reader.errors == []
    assert reader.foreign == []


def busy_day(entries: list[dict[str, str]], limit: int) -> date:
    """The first day whose next 30 days hold more publications than a list shows."""
    days = sorted(date.fromisoformat(entry["date"]) for entry in entries)
    for first in days:
        if sum(first <= day <= first + timedelta(days=29) for day in days) > limit:
            return first
    raise AssertionError("no 30 days hold more than the list shows")


@pytest.mark.browser
def test_the_overview_s_script_links_coming_posts_and_more_to_files(
    browser: Browser, synthetic_root: Path
) -> None:
    """From the reader's clock, on a day with more posts than the list shows: each
    post and the "more" link open a page of the copy, not a folder's listing."""
    site = built(synthetic_root, "--offline")
    root = site.as_uri() + "/"
    first = busy_day(month_script_entries(site), 50)
    reader = Reader(
        browser, datetime.combine(first, datetime.min.time(), PARIS) + timedelta(hours=12)
    )
    page = reader.open(root + "index.html")
    page.wait_for_selector(".ps-coming--today >> nth=1")
    posts = page.locator(".ps-coming--today a.ps-occ").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert posts and [link for link in posts if not opens(site, site / "index.html", link)] == []
    more = page.locator('.ps-coming--today[data-coming="days"] .ps-coming__more a')
    href = more.get_attribute("href") or ""
    assert re.fullmatch(r"calendar/\d{4}-\d{2}\.html#d-\d{4}-\d{2}-\d{2}", href), href
    with page.expect_navigation():
        more.click()
    assert page.url == root + href
    assert page.locator(f"td#{href.split('#')[1]}").count() == 1
    assert reader.errors == []
    reader.context.close()
