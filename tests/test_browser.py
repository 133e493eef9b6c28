"""The built site in a real browser (Debian's Chromium driven by Playwright):
offline, accessible, readable on a phone, printable. Marked `browser`:
`make test` runs them, `make test-fast` leaves them out."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, REPO, run_cli

pytestmark = pytest.mark.browser

SCREENSHOTS = REPO / "screenshots"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Tests read pages, not access logs."""


def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def build_example(root: Path, language: str) -> Path:
    shutil.copytree(EXAMPLE_PLAN, root / "plan")
    config = EXAMPLE_CONFIG.read_text("utf-8").replace("language: fr", f"language: {language}")
    (root / "site_config.yml").write_text(config, "utf-8")
    result = run_cli("build", "--strict", cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="session")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = build_example(tmp_path_factory.mktemp("fr"), "fr")
    for base in serve(site):
        yield site, base


@pytest.fixture(scope="session")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = build_example(tmp_path_factory.mktemp("en"), "en")
    for base in serve(site):
        yield site, base


def page_paths(site: Path) -> list[str]:
    return sorted(
        str(p.parent.relative_to(site)).replace(".", "") + "/"
        for p in site.rglob("index.html")
        if "search" not in p.parts
    )


class Visit:
    """A page opened in the browser, with what it logged and requested."""

    def __init__(self, browser: Browser, url: str, viewport: dict[str, int] = LAPTOP) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page: Page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", self._request)
        self.page.goto(url, wait_until="networkidle")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _request(self, request: Any) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:")) and host != "127.0.0.1":
            self.foreign.append(request.url)

    def close(self) -> None:
        self.page.close()


KEY_CONTENT = {
    "audit/": (".ps-inventory tbody tr", 7),  # one row per audited account
    "channels/": (".ps-mission", 4),  # the four missions
    "calendar/2027-03/": ("table.ps-grid a.ps-occ", 31),  # March's publications
    "calendar/board/": (".ps-card", 45),  # every post once
    "goals/taux-conversion/": ("svg.ps-chart--progress text.ps-chart__value", 2),  # its points
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_loads_offline_without_errors_and_accessibly(
    browser: Browser, request: pytest.FixtureRequest, language: str
) -> None:
    site, base = request.getfixturevalue("french_site" if language == "fr" else "english_site")
    paths = page_paths(site)
    assert len(paths) > 20
    axe = Axe()
    problems: list[str] = []
    for path in paths:
        visit = Visit(browser, base + path)
        problems += [f"{path}: console: {e}" for e in visit.errors]
        problems += [f"{path}: request to {u}" for u in visit.foreign]
        assert visit.page.locator("article h1").count() == 1, path
        if path in KEY_CONTENT:
            selector, count = KEY_CONTENT[path]
            assert visit.page.locator(selector).count() == count, (path, selector)
        results = axe.run(visit.page)
        problems += [
            f"{path}: axe {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        visit.close()
    assert problems == []


def test_search_works_offline(browser: Browser, french_site: tuple[Path, str]) -> None:
    _, base = french_site
    visit = Visit(browser, base)
    page = visit.page
    searches = {
        "Lancement des soldes": ("calendar/", "campaigns/soldes-hiver-2027/"),  # a post title
        "atelierlumen": ("audit/",),  # an account handle
    }
    for query, expected_pages in searches.items():
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").fill("")
        page.keyboard.type(query, delay=20)  # Material searches on key events
        result = page.locator(".md-search-result__item a").first
        result.wait_for(timeout=15_000)
        hrefs = page.locator(".md-search-result__item a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        assert any(page_ in href for href in hrefs for page_ in expected_pages), (query, hrefs)
        page.keyboard.press("Escape")
    assert visit.errors == []
    assert visit.foreign == []
    visit.close()


SHOT_PAGES = {"overview": "", "audit": "audit/", "channel": "channels/instagram/",
              "calendar": "calendar/2027-03/", "board": "calendar/board/"}  # fmt: skip


@pytest.mark.parametrize("device", ["phone", "laptop"])
def test_pages_fit_the_screen_and_are_photographed(
    browser: Browser, french_site: tuple[Path, str], device: str
) -> None:
    """Tables scroll inside their own box: the page itself never scrolls sideways."""
    _, base = french_site
    viewport = PHONE if device == "phone" else LAPTOP
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, path in SHOT_PAGES.items():
        visit = Visit(browser, base + path, viewport)
        overflow = visit.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (device, path, overflow)
        target = SCREENSHOTS / f"{name}-{device}.png"
        visit.page.screenshot(path=str(target), full_page=device == "laptop")
        assert target.stat().st_size > 10_000
        visit.close()


def test_print_hides_navigation_and_keeps_tables_whole(
    browser: Browser, french_site: tuple[Path, str]
) -> None:
    _, base = french_site
    visit = Visit(browser, base + "audit/")
    visit.page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        display = visit.page.eval_on_selector(selector, "e => getComputedStyle(e).display")
        assert display == "none", selector
    avoid = visit.page.eval_on_selector("article table", "e => getComputedStyle(e).breakInside")
    assert avoid == "avoid"
    visit.close()
