"""Every page's layout in a real browser (Debian's Chromium through Playwright), on the
example plan in French and a small plan in English: at 1280 x 800 no table is cut,
and at 390 x 844 every post's title in a list shows whole and a table that scrolls
says so. Marked `browser`: `make test` runs them, `make test-fast` leaves them out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import run_cli, write_plan
from tests.pages.small_plans import posts
from tests.test_browser import build_example, serve

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# A table cut at its box: it or Material's scrolling wrapper is wider inside than out.
CUT_TABLES = """() => Array.from(document.querySelectorAll('.md-content table')).flatMap(t => {
  const boxes = [t, t.closest('.md-typeset__scrollwrap')].filter(Boolean);
  return boxes.filter(b => b.scrollWidth > b.clientWidth + 1).map(b =>
    `${(t.querySelector('th') || t).textContent.trim().slice(0, 30)}: ` +
    `${b.scrollWidth} > ${b.clientWidth}`);
})"""
# Post titles of the lists that are not inside the screen and every box around them.
POST_TITLES = ".ps-row__title, .ps-post-card__title, .ps-coming .ps-occ__title"
HIDDEN_TITLES = """selector => Array.from(document.querySelectorAll(selector)).filter(e => {
  if (e.closest('[hidden]')) return false;
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.left < -1 || r.right > window.innerWidth + 1) return true;
  for (let a = e.parentElement; a; a = a.parentElement) {
    if (getComputedStyle(a).overflowX === 'visible') continue;
    const b = a.getBoundingClientRect();
    if (r.left < b.left - 1 || r.right > b.right + 1) return true;
  }
  return false;
}).map(e => e.textContent.trim())"""
# Scrolling tables without the shadows that say they scroll.
SILENT_SCROLLS = """() => Array.from(document.querySelectorAll('.md-content table')).flatMap(t => {
  const wrap = t.closest('.md-typeset__scrollwrap');
  if (t.scrollWidth > t.clientWidth + 1) return ['table itself: ' + t.textContent.slice(0, 30)];
  if (!wrap || wrap.scrollWidth <= wrap.clientWidth + 1) return [];
  const s = getComputedStyle(wrap);
  const signed = s.backgroundImage.includes('gradient') && s.backgroundAttachment.includes('local');
  return signed ? [] : ['wrapper: ' + t.textContent.slice(0, 30)];
})"""

ENGLISH_POSTS = posts(
    "{id: weekly, date: 2027-02-02, time: '12:30', channel: instagram, type: tips,"
    " title: A weekly lamp from the workshop with a rather long title to wrap,"
    " copy: 'Every Tuesday a lamp.\n#lamps #Lyon', link: 'https://shop.example/lamps/a-very-long-"
    "address-that-goes-on-and-on?with=parameters&and=more',"
    " repeat: {every: week, count: 20}}",
    "{id: launch, date: 2027-03-15, time: '09:00', channel: instagram, type: tips,"
    " title: Launch of the spring collection, owner: Sam}",
)


def site_pages(site: Path) -> list[str]:
    """Every page of the site, by its address."""
    found = sorted(str(p.parent.relative_to(site)) for p in site.rglob("index.html"))
    return ["" if path == "." else path + "/" for path in found]


@pytest.fixture(scope="module", params=["example-fr", "small-en"])
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    """The example plan in French, then the small test plan in English, served."""
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "example-fr":
        built = build_example(root, "fr")
    else:
        write_plan(root, {"plan/calendar/q1.yml": ENGLISH_POSTS})
        result = run_cli("build", cwd=root)
        assert result.exit_code == 0, result.output
        built = root / "site"
    for base in serve(built):
        yield built, base


def offenders(
    browser: Browser,
    base: str,
    pages: list[str],
    viewport: dict[str, int],
    script: str,
    argument: object = None,
) -> dict[str, list[str]]:
    """What `script` finds on each page, for the pages where it finds something."""
    found: dict[str, list[str]] = {}
    page: Page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    for path in pages:
        page.goto(base + path, wait_until="load")
        listed = page.evaluate(script, argument) if argument is not None else page.evaluate(script)
        if listed:
            found[path or "(home)"] = listed
    page.close()
    return found


def test_at_1280_no_table_on_any_page_is_cut(browser: Browser, site: tuple[Path, str]) -> None:
    built, base = site
    assert offenders(browser, base, site_pages(built), LAPTOP, CUT_TABLES) == {}


def test_at_390_every_post_title_in_a_list_shows_whole(
    browser: Browser, site: tuple[Path, str]
) -> None:
    built, base = site
    pages = site_pages(built)
    assert offenders(browser, base, pages, PHONE, HIDDEN_TITLES, POST_TITLES) == {}


def test_at_390_a_table_that_scrolls_shows_it(browser: Browser, site: tuple[Path, str]) -> None:
    built, base = site
    assert offenders(browser, base, site_pages(built), PHONE, SILENT_SCROLLS) == {}


def test_the_lists_checked_have_post_titles(browser: Browser, site: tuple[Path, str]) -> None:
    """The title check above is not empty: the channel page has its cards, the
    measurement page its rows of tagged links."""
    _built, base = site
    page = browser.new_page(viewport=PHONE)  # type: ignore[arg-type]
    for path in ("channels/instagram/", "measurement/"):
        page.goto(base + path, wait_until="load")
        assert page.locator(POST_TITLES).count() > 0, path
    page.close()
