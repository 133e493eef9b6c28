"""The audit and content pages in a real browser (Debian's Chromium driven by
Playwright): at 1280 px no table of the audit scrolls sideways, the to-do list is
what a reader sees first, and every chart has an accessible name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.test_browser import LAPTOP, build_example, serve

pytestmark = pytest.mark.browser

# Tables whose content is wider than their box, or than a box around them (Material
# wraps tables in a scrolling .md-typeset__scrollwrap): what a reader must scroll.
SCROLLING_TABLES = """() => Array.from(document.querySelectorAll('article table'))
  .filter(t => t.getClientRects().length > 0)
  .filter(t => { for (let e = t; e && e.tagName !== 'ARTICLE'; e = e.parentElement) {
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
      if (scrolls && e.scrollWidth > e.clientWidth + 1) return true; }
    return t.getBoundingClientRect().right > t.closest('article').getBoundingClientRect().right + 1;
  })
  .map(t => (t.querySelector('th') || t).textContent.trim() + ': ' + t.scrollWidth)"""
# Each chart's accessible name, as assistive technology computes it from aria-label.
CHART_NAMES = """() => Array.from(document.querySelectorAll('article svg'))
  .map(s => [s.getAttribute('role'), (s.getAttribute('aria-label') || '').trim()])"""


@pytest.fixture(scope="module", params=["fr", "en"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example plan built in French, then in English, and served."""
    built = build_example(tmp_path_factory.mktemp(f"audit-{request.param}"), request.param)
    yield from serve(built)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.new_page(viewport=LAPTOP)  # type: ignore[arg-type]
    yield opened
    opened.close()


def test_no_table_of_the_audit_scrolls_sideways_at_1280(site: str, page: Page) -> None:
    page.goto(site + "audit/")
    assert page.evaluate(SCROLLING_TABLES) == []


def test_the_to_do_list_is_the_first_thing_on_the_audit_page(site: str, page: Page) -> None:
    page.goto(site + "audit/")
    todo = page.locator(".ps-todo")
    assert todo.is_visible()
    box = todo.bounding_box()
    assert box is not None
    assert box["y"] < LAPTOP["height"], "the to-do list starts below the first screen"
    # Nothing of the article but its title and the list's heading comes before it.
    before = page.evaluate(
        """() => { const todo = document.querySelector('.ps-todo');
        return Array.from(document.querySelectorAll('article > *'))
          .filter(e => e.compareDocumentPosition(todo) & Node.DOCUMENT_POSITION_FOLLOWING)
          .map(e => e.tagName); }"""
    )
    assert before == ["H1", "H2"]


@pytest.mark.parametrize("path", ["content/", "audit/"])
def test_every_chart_has_an_accessible_name(site: str, page: Page, path: str) -> None:
    page.goto(site + path)
    charts = page.evaluate(CHART_NAMES)
    assert charts, f"no chart on {path}"
    assert all(role == "img" and name for role, name in charts), charts
    names = page.locator("article svg[role=img]")
    for index in range(names.count()):
        assert names.nth(index).get_attribute("aria-label") == (
            names.nth(index).locator("title").first.text_content()
        )
