"""The overview and a goal page in a browser, on the example plan in French and
in English: on a phone the goal cards stack in one column and none overflows;
every chart, sparkline and progress bar has an accessible name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.test_browser import LAPTOP, PHONE, build_example, serve

pytestmark = pytest.mark.browser

# Each card's overflow: content wider than its box, or a box wider than its grid.
OVERFLOWING = """() => Array.from(document.querySelectorAll('.ps-tile')).filter(card =>
  card.scrollWidth > card.clientWidth + 1
  || card.getBoundingClientRect().right > card.parentElement.getBoundingClientRect().right + 1
).map(card => card.textContent.trim().slice(0, 40))"""
# The accessible name of every SVG in the content, as assistive technology reads it.
SVG_NAMES = """() => Array.from(document.querySelectorAll('.md-content svg')).map(svg =>
  [svg.getAttribute('class') || '', svg.getAttribute('role') || '',
   (svg.getAttribute('aria-label') || svg.querySelector('title')?.textContent || '').trim()])"""


@pytest.fixture(scope="module", params=["fr", "en"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    built = build_example(tmp_path_factory.mktemp(f"overview-{request.param}"), request.param)
    yield from serve(built)


def opened(browser: Browser, url: str, viewport: dict[str, int]) -> Page:
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    page.goto(url, wait_until="networkidle")
    return page


def goal_boxes(page: Page) -> list[dict[str, float]]:
    boxes: list[dict[str, float]] = page.eval_on_selector_all(
        ".ps-cards--goals .ps-tile",
        "cards => cards.map(c => { const r = c.getBoundingClientRect();"
        " return {left: r.left, top: r.top}; })",
    )
    return boxes


def test_on_a_phone_the_goal_cards_are_one_column_and_none_overflows(
    browser: Browser, site: str
) -> None:
    page = opened(browser, site, PHONE)
    lefts = page.eval_on_selector_all(
        ".ps-cards--goals .ps-tile",
        "cards => cards.map(c => Math.round(c.getBoundingClientRect().left))",
    )
    assert len(lefts) == 4 and len(set(lefts)) == 1
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


def test_on_a_laptop_the_cards_sit_side_by_side(browser: Browser, site: str) -> None:
    page = opened(browser, site, LAPTOP)
    tops = page.eval_on_selector_all(
        ".ps-cards--goals .ps-tile",
        "cards => cards.map(c => Math.round(c.getBoundingClientRect().top))",
    )
    assert tops.count(tops[0]) >= 2  # side by side: as many as the width holds
    assert page.evaluate(OVERFLOWING) == []
    page.close()


def test_the_share_done_stays_on_one_line(browser: Browser, site: str) -> None:
    page = opened(browser, site, PHONE)
    heights = page.eval_on_selector_all(
        ".ps-tile__share", "labels => labels.map(l => l.getClientRects().length)"
    )
    assert heights and set(heights) == {1}
    page.close()


@pytest.mark.parametrize("path", ["", "goals/abonnes-instagram/", "channels/instagram/"])
def test_every_svg_has_an_accessible_name(browser: Browser, site: str, path: str) -> None:
    page = opened(browser, site + path, LAPTOP)
    svgs = page.evaluate(SVG_NAMES)
    assert svgs, path
    for kind, role, name in svgs:
        assert role == "img" and name, (path, kind)
    page.close()
