"""The calendar's month pages in a real browser (Debian's Chromium driven by
Playwright): the grid holds what the feed holds, and the week view passes axe.
Marked `browser`, like tests/test_browser.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.test_browser import LAPTOP, Visit, build_example, serve

pytestmark = pytest.mark.browser

PUBLICATIONS = """grid => [...grid.querySelectorAll("a.ps-occ")].map(a => [
    a.dataset.date, a.querySelector(".ps-occ__title").textContent, a.dataset.channel,
    a.dataset.status])"""


@pytest.fixture(scope="module", params=["fr", "en"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    site = build_example(tmp_path_factory.mktemp(request.param), request.param)
    for base in serve(site):
        yield site, base


def feed_publications(site: Path, first: date, last: date) -> list[tuple[str, str, str]]:
    """(date, title, channel) of every event of the combined feed between two days,
    expanded by recurring-ical-events, an implementation of RFC 5545 not ours."""
    feed = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    found = []
    for event in recurring_ical_events.of(feed).between(first, last):
        start = event.decoded("DTSTART")
        day = start.date() if hasattr(start, "date") else start
        found.append((day.isoformat(), str(event["SUMMARY"]), event["CATEGORIES"].cats[0]))
    return sorted(found)


def test_the_march_grid_holds_what_the_feed_expands_to_in_march(
    browser: Browser, built: tuple[Path, str]
) -> None:
    site, base = built
    visit = Visit(browser, base + "calendar/2027-03/")
    shown = visit.page.eval_on_selector("table.ps-grid", PUBLICATIONS)
    # The feeds leave ideas out (calendar.include_ideas is off in the example).
    in_feed = sorted((day, title, channel) for day, title, channel, status in shown
                     if status != "idea")  # fmt: skip
    assert in_feed == feed_publications(site, date(2027, 3, 1), date(2027, 4, 1))
    assert len(in_feed) > 20
    assert visit.errors == [] and visit.foreign == []
    visit.close()


def test_the_week_view_passes_axe(browser: Browser, built: tuple[Path, str]) -> None:
    """The month and agenda views are checked in test_calendar_browser.py."""
    _, base = built
    visit = Visit(browser, base + "calendar/2027-03/?view=week", LAPTOP)
    results = Axe().run(visit.page)
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert visit.errors == []
    visit.close()
