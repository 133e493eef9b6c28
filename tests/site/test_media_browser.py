"""The example plan's images in a browser: thumbnails loaded, with their alt text,
on a channel page, a campaign page (cards and mood board), the overview's mood
board and the calendar's details, on a laptop and a phone, none overflowing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.test_browser import LAPTOP, PHONE, build_example, serve

pytestmark = pytest.mark.browser

# Every thumbnail of the content: loaded (naturalWidth), its alt text, its box.
IMAGES = """() => Array.from(document.querySelectorAll('.md-content img')).map(img => ({
  alt: img.getAttribute('alt'), loaded: img.complete && img.naturalWidth > 0,
  src: img.getAttribute('src'), right: img.getBoundingClientRect().right,
  board: !!img.closest('.ps-mood-board')}))"""
LAMP_ALT = "Lampe en laiton à abat-jour en lin"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(build_example(tmp_path_factory.mktemp("media"), "fr"))


def _images(browser: Browser, url: str, viewport: dict[str, int]) -> list[dict[str, object]]:
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    page.goto(url, wait_until="networkidle")
    for image in page.query_selector_all(".md-content img"):
        image.scroll_into_view_if_needed()  # lazy images load once in view
    page.wait_for_load_state("networkidle")
    found: list[dict[str, object]] = page.evaluate(IMAGES)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.close()
    return found


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280", "390"])
def test_a_channel_page_shows_its_posts_thumbnails_with_their_alt_text(
    browser: Browser, site: str, viewport: dict[str, int]
) -> None:
    images = _images(browser, site + "channels/instagram/", viewport)
    assert images and all(image["loaded"] for image in images)
    assert any(str(image["alt"]).startswith(LAMP_ALT) for image in images)
    assert all(image["alt"] for image in images)  # the example describes each
    assert all(float(str(image["right"])) <= viewport["width"] for image in images)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280", "390"])
def test_a_campaign_page_shows_its_mood_board_and_cards(
    browser: Browser, site: str, viewport: dict[str, int]
) -> None:
    images = _images(browser, site + "campaigns/printemps-2027/", viewport)
    board = [image for image in images if image["board"]]
    assert len(board) == 4 and all(image["loaded"] and image["alt"] for image in board)
    assert {image["alt"] for image in images if not image["board"]} <= {i["alt"] for i in board}


def test_the_overview_and_the_calendar_details_show_the_images(browser: Browser, site: str) -> None:
    overview = _images(browser, site, LAPTOP)
    assert len([image for image in overview if image["board"]]) == 4
    details = _images(browser, site + "calendar/2027-03/posts/", LAPTOP)
    assert details and all(image["loaded"] for image in details)
    assert all("-800w-" in str(image["src"]) for image in details)
