"""`plansite serve` in Chromium: the page follows the plan without a reload by
hand, and shows the plan's errors while the last good site is served."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.commands.test_preview import edit, wait_for
from tests.conftest import PlanFactory

pytestmark = pytest.mark.browser
SECONDS = 60_000  # Playwright counts milliseconds: a rebuild on a busy machine


@pytest.fixture
def served(make_plan: PlanFactory) -> Iterator[tuple[Path, str]]:
    """A minimal plan under `plansite serve`, and the address of its January page."""
    root = make_plan()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [sys.executable, "-m", "generator", "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=root, stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/calendar/2027-01/"
    try:
        assert "Hello" in wait_for(page, "Hello")
        yield root, page
    finally:
        server.terminate()
        server.wait(timeout=10)


def opened(browser: Browser, url: str) -> tuple[Page, list[str]]:
    """The page in Chromium, with every address it asked for."""
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(url)
    return page, asked


def test_the_page_reloads_after_an_edit(
    browser: Browser,
    served: tuple[Path, str],
) -> None:
    root, url = served
    page, asked = opened(browser, url)
    try:
        assert page.get_by_text("Hello").count() > 0
        edit(root / "plan" / "calendar" / "q1.yml", "title: Hello", "title: Edited in the editor")
        page.get_by_text("Edited in the editor").first.wait_for(timeout=SECONDS)
        assert page.url == url
    finally:
        page.close()
    origin = url.removesuffix("calendar/2027-01/")
    assert [address for address in asked if not address.startswith(origin)] == []


def test_a_broken_plan_shows_its_errors_on_the_last_good_page(
    browser: Browser,
    served: tuple[Path, str],
) -> None:
    root, url = served
    page, _ = opened(browser, url)
    calendar = root / "plan" / "calendar" / "q1.yml"
    try:
        edit(calendar, "channel: instagram", "channel: instagarm")
        banner = page.locator("#plansite-preview-errors")
        banner.wait_for(timeout=SECONDS)
        text = banner.inner_text()
        assert "plan/calendar/q1.yml:" in text
        assert "unknown channel 'instagarm'" in text
        assert "did you mean 'instagram'?" in text
        assert page.get_by_text("Hello").count() > 0  # the last good site, still served
        edit(calendar, "channel: instagarm", "channel: instagram")
        banner.wait_for(state="detached", timeout=SECONDS)
    finally:
        page.close()
