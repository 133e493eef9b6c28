"""The calendar's script and stylesheet in a real browser (Debian's Chromium driven by
Playwright): filters kept in the address, the reader's today, week and agenda views,
a phone's agenda, the overview's coming posts, and every post without JavaScript.
Marked `browser`: `make test` runs them, `make test-fast` leaves them out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.conftest import run_cli, write_plan
from tests.test_browser import LAPTOP, PHONE, build_example, serve

pytestmark = pytest.mark.browser

PARIS = ZoneInfo("Europe/Paris")
MARCH = "calendar/2027-03/"
# Just after midnight in Paris: still the 9th in UTC, the 10th on the reader's clock.
READER_NOW = datetime(2027, 3, 10, 0, 30, tzinfo=PARIS)
GRID = "table.ps-grid [data-date]"
# The titles a style cuts short: clamped to lines, kept on one, or clipped by a box.
CUT_TITLES = """titles => titles.filter(t => { const s = getComputedStyle(t);
  return s.webkitLineClamp !== 'none' || s.whiteSpace === 'nowrap'
    || s.textOverflow === 'ellipsis'
    || (s.display !== 'inline' && t.scrollHeight > t.clientHeight + 1);
}).map(t => t.textContent)"""
# (date, channel, status) of every publication on the grid, visible or not
PUBLICATIONS = f"""() => Array.from(document.querySelectorAll('{GRID}')).map(e =>
  [e.dataset.date, e.dataset.channel, e.dataset.status, e.dataset.owner, e.hidden,
   e.getClientRects().length > 0])"""


@pytest.fixture(scope="module", params=["fr", "en"])
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    """The example plan built in French, then in English, and served."""
    built = build_example(tmp_path_factory.mktemp(f"calendar-{request.param}"), request.param)
    for base in serve(built):
        yield built, base


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A reader in Paris whose clock says READER_NOW."""
    made = browser.new_context(viewport=LAPTOP, timezone_id="Europe/Paris")  # type: ignore[arg-type]
    made.clock.set_fixed_time(READER_NOW)
    yield made
    made.close()


def opened(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    if page.locator(".ps-calendar").count():  # the script has started on a month page
        page.wait_for_selector(".ps-calendar.ps-js", state="attached")
    assert errors == []
    return page


def publications(page: Page) -> list[dict[str, Any]]:
    keys = ("date", "channel", "status", "owner", "hidden", "shown")
    return [dict(zip(keys, row, strict=True)) for row in page.evaluate(PUBLICATIONS)]


def grid_of(site: Path, month: str) -> list[dict[str, str]]:
    """The month's publications as the build wrote them (no script)."""
    html = BeautifulSoup((site / month / "index.html").read_text("utf-8"), "html.parser")
    return [
        {name: str(a[f"data-{name}"]) for name in ("date", "channel", "status", "owner")}
        | {"title": a.select_one(".ps-occ__title").get_text()}
        for a in html.select(GRID)
    ]


# -- filters in the address ----------------------------------------------------------


def test_a_channel_in_the_address_shows_only_that_channel_after_a_reload_too(
    site: tuple[Path, str], context: BrowserContext
) -> None:
    built, base = site
    instagram = [p for p in grid_of(built, MARCH) if p["channel"] == "instagram"]
    assert 0 < len(instagram) < len(grid_of(built, MARCH))
    page = opened(context, base + MARCH + "?channel=instagram")
    for _ in range(2):
        shown = [p for p in publications(page) if p["shown"]]
        assert {p["channel"] for p in shown} == {"instagram"}
        assert len(shown) == len(instagram)
        hidden = [p for p in publications(page) if p["hidden"]]
        assert hidden and "instagram" not in {p["channel"] for p in hidden}
        assert page.locator('input[name="channel"][value="instagram"]').is_checked()
        assert page.get_attribute("a.ps-cal-next", "href") == "../2027-04/?channel=instagram"
        page.reload(wait_until="networkidle")
    page.close()


def test_filters_count_what_each_option_would_show_and_clear_resets(
    site: tuple[Path, str], context: BrowserContext
) -> None:
    built, base = site
    march = grid_of(built, MARCH)
    page = opened(context, base + MARCH)
    page.check('input[name="status"][value="scheduled"]')
    page.check('input[name="channel"][value="instagram"]')
    expect(page).to_have_url(re.compile(r"\?channel=instagram&status=scheduled$"))
    scheduled = [p for p in march if p["status"] == "scheduled"]
    for channel in {p["channel"] for p in march}:
        count = page.locator(
            f'input[name="channel"][value="{channel}"] ~ .ps-filters__count'
        ).text_content()
        assert count == str(sum(p["channel"] == channel for p in scheduled)), channel
    on_instagram = [p for p in march if p["channel"] == "instagram"]
    for status in {p["status"] for p in march}:
        count = page.locator(
            f'input[name="status"][value="{status}"] ~ .ps-filters__count'
        ).text_content()
        assert count == str(sum(p["status"] == status for p in on_instagram)), status
    both = sum(p["status"] == "scheduled" for p in on_instagram)
    shown = page.locator(".ps-filters__shown").text_content() or ""
    assert re.findall(r"\d+", shown) == [str(both), str(len(march))]
    assert sum(not p["hidden"] for p in publications(page)) == both
    page.click(".ps-filters__clear")
    expect(page).to_have_url(base + MARCH)
    assert not any(p["hidden"] for p in publications(page))
    assert page.locator(".ps-filters input:checked").count() == 0
    assert page.get_attribute("a.ps-cal-prev", "href") == "../2027-02/"
    page.close()


def test_a_value_this_month_does_not_have_is_ignored_here_and_kept_for_the_next(
    site: tuple[Path, str], context: BrowserContext
) -> None:
    _, base = site
    page = opened(context, base + MARCH + "?channel=instagram,nowhere&status=%ZZ")
    shown = {p["channel"] for p in publications(page) if not p["hidden"]}
    assert shown == {"instagram"}
    assert page.get_attribute("a.ps-cal-next", "href") == "../2027-04/?channel=instagram,nowhere"
    page.close()


# -- today, from the reader's clock ---------------------------------------------------


def test_the_reader_s_today_is_the_marked_cell_and_the_today_button_goes_there(
    site: tuple[Path, str], context: BrowserContext
) -> None:
    _, base = site
    page = opened(context, base + MARCH)
    marked = page.locator('[aria-current="date"]')
    assert marked.count() == 1
    assert marked.get_attribute("data-day") == "2027-03-10"  # the local date, not UTC's 9th
    assert "ps-day--today" in (marked.get_attribute("class") or "")
    page.close()
    february = opened(context, base + "calendar/2027-02/?channel=instagram")
    assert february.locator('[aria-current="date"]').count() == 0
    february.click(".ps-cal-today")
    february.wait_for_url(re.compile(r"2027-03/\?channel=instagram#d-2027-03-10$"))
    february.wait_for_load_state("networkidle")
    assert february.locator('[aria-current="date"]').get_attribute("data-day") == "2027-03-10"
    february.close()


def test_outside_the_plan_the_today_button_says_so(
    site: tuple[Path, str], browser: Browser
) -> None:
    built, base = site
    context = browser.new_context(viewport=LAPTOP)  # type: ignore[arg-type]
    context.clock.set_fixed_time(datetime(2031, 5, 4, 12, tzinfo=PARIS))
    page = opened(context, base + MARCH)
    button = page.locator(".ps-cal-today")
    assert button.is_disabled()
    html = BeautifulSoup((built / MARCH / "index.html").read_text("utf-8"), "html.parser")
    calendar = html.select_one(".ps-calendar")
    assert calendar is not None
    assert button.get_attribute("title") == calendar["data-outside-template"]
    assert page.locator('[aria-current="date"]').count() == 0
    context.close()


def expected_coming(built: Path, first: date, last: date) -> list[tuple[str, str, str]]:
    """(date, channel, title) of what the grids show from `first` to `last`, ideas and
    cancelled posts left out: what the overview's list must hold."""
    months = sorted({f"calendar/{day:%Y-%m}/" for day in (first, last)})
    return [
        (p["date"], p["channel"], p["title"])
        for month in months
        for p in grid_of(built, month)
        if first.isoformat() <= p["date"] <= last.isoformat()
        and p["status"] not in ("idea", "cancelled")
    ]


def test_the_overview_lists_this_week_and_the_next_30_days_from_the_reader_s_today(
    site: tuple[Path, str], context: BrowserContext
) -> None:
    built, base = site
    page = opened(context, base)
    page.wait_for_selector(".ps-coming--today >> nth=1")
    today = READER_NOW.date()
    sunday = today + timedelta(days=6 - today.weekday())  # both languages start on Monday
    wanted = {
        "week": expected_coming(built, today, sunday),
        "days": expected_coming(built, today, today + timedelta(days=29))[:50],
    }
    for kind, expected in wanted.items():
        block = page.locator(f'.ps-coming[data-coming="{kind}"]')
        listed = block.locator("a.ps-occ").evaluate_all(
            "links => links.map(a => [a.dataset.date, a.dataset.channel,"
            " a.querySelector('.ps-occ__title').textContent])"
        )
        assert [tuple(entry) for entry in listed] == expected, kind
        as_of = block.locator(".ps-coming__as-of").text_content() or ""
        template = block.get_attribute("data-from-today-template") or ""
        assert as_of.startswith(template.split("{date}")[0]) and "2027" in as_of
    assert len(wanted["week"]) > 0
    page.close()


# -- views ----------------------------------------------------------------------------


def test_the_week_view_shows_one_week_whole_and_steps_into_the_next_month(
    site: tuple[Path, str], context: BrowserContext
) -> None:
    _, base = site
    page = opened(context, base + MARCH)
    page.click('.ps-cal-views [data-view="week"]')
    expect(page).to_have_url(re.compile(r"\?view=week&week=2027-03-08$"))  # today's week
    assert page.locator("tr.ps-week:visible").count() == 1
    week = page.locator("tr.ps-week.ps-week--current")
    assert week.get_attribute("data-week") == "2027-03-08"
    in_week = week.locator("[data-date]")
    assert in_week.count() > 0 and in_week.count() == week.locator("[data-date]:visible").count()
    for _ in range(3):
        page.click(".ps-cal-next-week")
    expect(page).to_have_url(re.compile(r"week=2027-03-29$"))
    page.click(".ps-cal-next-week")  # past the month's last row: April's page
    page.wait_for_url(re.compile(r"2027-04/\?view=week&week=2027-04-05$"))
    page.wait_for_load_state("networkidle")
    assert page.locator("tr.ps-week:visible").get_attribute("data-week") == "2027-04-05"
    assert page.get_attribute('.ps-cal-views [data-view="week"]', "aria-pressed") == "true"
    page.close()


def test_the_agenda_lists_day_by_day_with_full_titles(
    site: tuple[Path, str], context: BrowserContext
) -> None:
    built, base = site
    page = opened(context, base + MARCH + "?view=agenda")
    assert "ps-calendar--agenda" in (page.get_attribute(".ps-calendar", "class") or "")
    assert not page.locator("table.ps-grid thead").is_visible()
    days = page.locator("td.ps-day:visible").evaluate_all(
        "cells => cells.map(c => [c.dataset.day, c.classList.contains('ps-day--outside'),"
        " c.querySelectorAll('[data-date]').length + c.querySelectorAll('.ps-key-date').length])"
    )
    assert all(not outside for _, outside, _ in days)
    assert all(count > 0 or day == "2027-03-10" for day, _, count in days)  # today stays
    with_posts = {p["date"] for p in grid_of(built, MARCH)}
    assert with_posts <= {day for day, _, _ in days}
    assert all(p["shown"] for p in publications(page))  # nothing folded in the agenda
    assert page.locator(".ps-grid .ps-occ__title").evaluate_all(CUT_TITLES) == []
    page.close()


def test_a_busy_day_folds_after_three_and_unfolds_on_demand(
    site: tuple[Path, str], context: BrowserContext
) -> None:
    built, base = site
    by_day: dict[str, int] = {}
    for publication in grid_of(built, MARCH):
        by_day[publication["date"]] = by_day.get(publication["date"], 0) + 1
    busy = max(by_day, key=lambda day: by_day[day])
    assert by_day[busy] > 3
    page = opened(context, base + MARCH)
    cell = page.locator(f'td[data-day="{busy}"]')
    assert cell.locator("[data-date]:visible").count() == 3
    more = cell.locator(".ps-day__more")
    template = page.get_attribute(".ps-calendar", "data-more-template") or ""
    assert more.text_content() == template.replace("{count}", str(by_day[busy] - 3))
    more.click()
    assert cell.locator("[data-date]:visible").count() == by_day[busy]
    assert not more.is_visible()
    page.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_at_390_px_titles_show_and_nothing_scrolls_sideways(
    site: tuple[Path, str], browser: Browser, javascript: bool
) -> None:
    built, base = site
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)  # type: ignore[arg-type]
    context.clock.set_fixed_time(READER_NOW)
    # Without JavaScript, Material leaves its header title and the overview's tables
    # as they are (its script wraps them): the calendar alone is asked to fit then.
    for path in (MARCH, "") if javascript else (MARCH,):
        page = context.new_page()
        page.goto(base + path, wait_until="networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        titles = page.locator(".ps-grid .ps-occ__title:visible, .ps-coming .ps-occ__title")
        assert titles.count() > 0
        boxes = titles.evaluate_all(
            "titles => titles.map(t => { const r = t.getBoundingClientRect();"
            " return [r.width, r.right]; })"
        )
        assert all(width > 0 and right <= PHONE["width"] for width, right in boxes), path
        assert titles.evaluate_all(CUT_TITLES) == [], path
        page.close()
    if not javascript:
        page = context.new_page()
        page.goto(base + MARCH)
        assert page.locator(f"{GRID}:visible").count() == len(grid_of(built, MARCH))
        page.close()
    context.close()


# -- without JavaScript -----------------------------------------------------------------


def test_without_javascript_every_publication_shows_and_nothing_offers_to_filter(
    site: tuple[Path, str], browser: Browser
) -> None:
    built, base = site
    context = browser.new_context(viewport=LAPTOP, java_script_enabled=False)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base + MARCH + "?channel=instagram&view=week")
    assert page.locator(f"{GRID}:visible").count() == len(grid_of(built, MARCH))
    assert not page.locator("form.ps-filters").is_visible()
    assert not page.locator(".ps-cal-views").is_visible()
    assert page.locator(".ps-day__more").count() == 0
    overview = context.new_page()
    overview.goto(base)
    as_of = overview.locator(".ps-coming__as-of").first.text_content() or ""
    assert "JavaScript" in as_of
    context.close()


def test_month_and_agenda_views_pass_axe(site: tuple[Path, str], context: BrowserContext) -> None:
    _, base = site
    axe = Axe()
    problems = []
    for query in ("", "?view=agenda", "?view=week"):
        page = opened(context, base + MARCH + query)
        results = axe.run(page)
        problems += [
            f"{query}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        page.close()
    assert problems == []


# -- hostile plan text and owners with commas -------------------------------------------

HOSTILE = "<img src=x onerror=alert(1)> & co"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An English plan whose owners hold a comma and whose titles hold markup."""
    root = tmp_path_factory.mktemp("hostile")
    lines = [
        f"{{id: p{n}, date: 2027-03-{10 + n % 3:02d}, time: '1{n}:00', channel: instagram,"
        f" type: tips, owner: '{owner}', title: '{HOSTILE} {n}'}}"
        for n, owner in enumerate(["Dupont, Jean", "Sam", "Dupont, Jean", "Sam", "Lee"])
    ]
    write_plan(root, {"plan/calendar/q1.yml": "posts:\n" + "".join(f"  - {x}\n" for x in lines)})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    yield from serve(root / "site")


def test_an_owner_with_a_comma_survives_the_address(
    hostile_site: str, context: BrowserContext
) -> None:
    page = opened(context, hostile_site + MARCH + "?owner=Dupont%2C%20Jean")
    assert {p["owner"] for p in publications(page) if not p["hidden"]} == {"Dupont, Jean"}
    page.check('input[name="owner"][value="Sam"]')
    expect(page).to_have_url(re.compile(r"\?owner=Dupont%2C%20Jean,Sam$"))
    page.reload(wait_until="networkidle")
    checked = page.locator('input[name="owner"]:checked').evaluate_all(
        "boxes => boxes.map(b => b.value)"
    )
    assert checked == ["Dupont, Jean", "Sam"]
    page.close()


def test_hostile_titles_stay_text_in_the_lists_the_script_writes(
    hostile_site: str, context: BrowserContext
) -> None:
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.goto(hostile_site, wait_until="networkidle")
    page.wait_for_selector(".ps-coming--today >> nth=1")
    titles = page.locator('.ps-coming[data-coming="week"] .ps-occ__title').all_text_contents()
    assert titles and all(title.startswith(HOSTILE) for title in titles)
    assert page.locator(".ps-coming img").count() == 0
    assert dialogs == []
    page.close()


# -- print ------------------------------------------------------------------------------


def test_each_month_prints_on_one_landscape_page_grid_only(
    site: tuple[Path, str], context: BrowserContext
) -> None:
    built, base = site
    months = sorted(path.parent.name for path in (built / "calendar").glob("20*/index.html"))
    assert len(months) == 6
    for month in months:
        page = opened(context, f"{base}calendar/{month}/?channel=instagram")
        pdf = page.pdf(prefer_css_page_size=True)
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, month
        box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)
        assert box is not None and float(box[1]) > float(box[2]), month  # landscape
        page.emulate_media(media="print")
        for selector in (".ps-filters", ".ps-cal-nav", ".ps-post"):
            shown = page.locator(selector).evaluate_all(
                "found => found.filter(e => getComputedStyle(e).display !== 'none').length"
            )
            assert shown == 0, (month, selector)
        page.close()
