"""The campaign timeline (pages/campaign_timeline.py): a bar per campaign over the
plan period, the months in the site's language, a line at the plan's today, and
the table under it on the overview."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.build import page_context_from_checked
from generator.diagnostics import Location
from generator.i18n import Translator
from generator.model.entities import Campaign, Period
from generator.pages.campaign_timeline import (
    LABEL_WIDTH,
    MONTH_LABEL_GAP,
    NAME_CHARACTERS,
    WIDTH,
    campaign_timeline,
)
from generator.pages.html_sanitizer import clean_page
from generator.pages.render import PageRenderer, render_pages
from generator.pages.table_stash import TableStash
from tests.pages.small_plans import checked_plan

HALF_YEAR = Period(date(2027, 1, 1), date(2027, 6, 30))
# 19 days over the 380 units right of the names: 20 units a day.
NINETEEN_DAYS = Period(date(2027, 1, 1), date(2027, 1, 19))


def campaign(key: str, start: date, end: date, name: str = "") -> Campaign:
    return Campaign(key, name or key.title(), start, end, Location(Path("plan/c.yml"), 1, 1))


def svg_of(
    campaigns: list[Campaign],
    period: Period = HALF_YEAR,
    today: date = date(2027, 2, 1),
    language: str = "en",
) -> Tag:
    html = campaign_timeline(campaigns, period, today, Translator(language))
    svg = BeautifulSoup(html, "html.parser").svg
    assert svg is not None
    return svg


def elements(html: str) -> list[tuple[str, dict[str, str], str]]:
    """Every element with its attributes and text: what a sanitizer could take away."""
    return [(e.name, dict(e.attrs), e.get_text()) for e in BeautifulSoup(html, "html.parser")(True)]


def bars(svg: Tag) -> list[tuple[float, float]]:
    return [(float(r["x"]), float(r["width"])) for r in svg.select("rect.ps-timeline__bar")]


def test_a_bar_runs_from_a_campaign_s_first_day_to_the_end_of_its_last() -> None:
    svg = svg_of([campaign("a", date(2027, 1, 3), date(2027, 1, 5))], NINETEEN_DAYS)
    assert WIDTH - LABEL_WIDTH - 10 == 380
    assert bars(svg) == [(LABEL_WIDTH + 2 * 20, 3 * 20)]


def test_bars_are_kept_inside_the_plan_period() -> None:
    early = campaign("early", date(2026, 12, 20), date(2027, 1, 2))
    late = campaign("late", date(2027, 1, 18), date(2027, 2, 10))
    outside = campaign("outside", date(2027, 3, 1), date(2027, 3, 5))
    svg = svg_of([early, late, outside], NINETEEN_DAYS)
    assert bars(svg) == [(170.0, 40.0), (510.0, 40.0), (550.0, 0.0)]
    assert len(svg.select("text.ps-timeline__name")) == 3  # each still has its row


def test_each_campaign_has_a_row_under_the_other_in_the_plan_s_order() -> None:
    twelve = [campaign(f"c{n:02d}", date(2027, n, 1), date(2027, n, 20)) for n in range(1, 13)]
    svg = svg_of(twelve, Period(date(2027, 1, 1), date(2027, 12, 31)))
    names = [t.get_text() for t in svg.select("text.ps-timeline__name > title")]
    assert names == [f"C{n:02d}" for n in range(1, 13)]
    tops = [float(r["y"]) for r in svg.select("rect.ps-timeline__bar")]
    assert tops == sorted(tops) and len(set(tops)) == 12
    lefts = [x for x, _ in bars(svg)]
    assert lefts == sorted(lefts)
    assert int(svg["height"]) > tops[-1]


def test_no_campaign_draws_nothing() -> None:
    assert campaign_timeline([], HALF_YEAR, date(2027, 2, 1), Translator("en")) == ""


@pytest.mark.parametrize(
    ("language", "months"),
    [
        ("en", ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]),
        ("fr", ["janv.", "févr.", "mars", "avr.", "mai", "juin"]),
    ],
)
def test_months_are_named_in_the_site_s_language(language: str, months: list[str]) -> None:
    svg = svg_of([campaign("a", date(2027, 2, 1), date(2027, 2, 10))], language=language)
    assert [t.get_text() for t in svg.select("text.ps-timeline__month")] == months
    assert [t.get_text() for t in svg.select("text.ps-timeline__year")] == ["2027"]
    ticks = [float(line["x1"]) for line in svg.select("line.ps-timeline__tick")]
    assert len(ticks) == 6 and ticks[0] == LABEL_WIDTH


def test_a_long_period_labels_fewer_months_and_each_january_s_year() -> None:
    svg = svg_of(
        [campaign("a", date(2027, 2, 1), date(2027, 2, 10))],
        Period(date(2026, 9, 15), date(2029, 8, 31)),
    )
    labels = [float(t["x"]) for t in svg.select("text.ps-timeline__month")]
    assert len(svg.select("line.ps-timeline__tick")) == 36  # every month keeps its tick
    assert 6 <= len(labels) < 36
    assert all(b - a >= MONTH_LABEL_GAP for a, b in pairwise(labels))
    years = [t.get_text() for t in svg.select("text.ps-timeline__year")]
    assert years[0] == "2026"  # under the first label


def test_a_line_marks_the_plan_s_today_and_only_inside_the_period() -> None:
    one = [campaign("a", date(2027, 1, 3), date(2027, 1, 5))]
    svg = svg_of(one, NINETEEN_DAYS, today=date(2027, 1, 11))
    line = svg.select_one("line.ps-timeline__today")
    assert line is not None and float(line["x1"]) == LABEL_WIDTH + 10 * 20
    assert svg.select_one(".ps-timeline__today-label").get_text() == "Jan 11, 2027"
    assert "the vertical line marks January 11, 2027" in svg.title.get_text()
    after = svg_of(one, NINETEEN_DAYS, today=date(2027, 2, 1))
    assert after.select_one(".ps-timeline__today") is None
    assert "vertical line" not in after.title.get_text()


def test_a_long_name_is_cut_with_an_ellipsis_and_kept_whole_in_its_title() -> None:
    long_name = "The great spring collection launch with our partners"
    svg = svg_of([campaign("a", date(2027, 2, 1), date(2027, 2, 10), long_name)])
    name = svg.select_one("text.ps-timeline__name")
    assert name is not None and name.title is not None
    assert name.title.get_text() == long_name
    shown = name.get_text().removeprefix(long_name)
    assert shown.endswith("…") and len(shown) <= NAME_CHARACTERS
    assert long_name.startswith(shown[:-1])
    bar_title = svg.select_one("rect.ps-timeline__bar title")
    assert bar_title.get_text() == f"{long_name}: February 1, 2027 to February 10, 2027"


@pytest.mark.parametrize(
    "hostile", ["<script>alert(1)</script>", "Smith & Sons", '"><svg onload=x>']
)
def test_campaign_names_are_text_and_the_chart_passes_the_last_gate(hostile: str) -> None:
    html = str(campaign_timeline(
        [campaign("a", date(2027, 2, 1), date(2027, 2, 10), hostile)],
        HALF_YEAR, date(2027, 2, 1), Translator("en"),
    ))  # fmt: skip
    assert elements(clean_page(html)) == elements(html)  # only its spelling may change
    parsed = BeautifulSoup(html, "html.parser")
    assert parsed.find("script") is None and len(parsed.find_all("svg")) == 1
    assert parsed.select_one("text.ps-timeline__name title").get_text() == hostile
    svg = parsed.svg
    assert svg is not None and svg["role"] == "img" and svg.title is not None


# -- on the overview ---------------------------------------------------------------


def overview(tmp_path: Path, campaigns: str, language: str = "en") -> str:
    files = {
        "site_config.yml": f"site_name: T\nlanguage: {language}\ntimezone: Europe/Paris\n",
        "plan/calendar/campaigns.yml": campaigns or None,
    }
    context = page_context_from_checked(checked_plan(tmp_path, files))
    pages = render_pages(context, PageRenderer(TableStash(tmp_path / "stash")))
    return next(page.text for page in pages if page.path == "index.md")


def test_the_overview_shows_the_timeline_and_its_table_before_the_coming_posts(
    tmp_path: Path,
) -> None:
    campaigns = (
        "campaigns:\n"
        "  - {id: spring, name: Spring & co, start: 2027-03-01, end: 2027-03-31,"
        " channels: [instagram]}\n"
    )
    page = overview(tmp_path, campaigns)
    campaigns_at, posts_at = page.index("## Campaigns"), page.index("## This week")
    assert campaigns_at < page.index('<svg class="ps-chart ps-timeline"') < posts_at
    table = page[page.index("| Campaign | Start | End | Channels |") : posts_at]
    assert "| [Spring &amp; co](/campaigns/spring.md) | March 1, 2027 | March 31, 2027 |" in table
    assert "[instagram](/channels/instagram.md)" in table


def test_a_plan_without_campaigns_has_no_campaigns_section(tmp_path: Path) -> None:
    page = overview(tmp_path, "")
    assert "## Campaigns" not in page and "ps-timeline" not in page
    assert "## This week" in page


def test_the_overview_s_timeline_speaks_french_on_a_french_site(tmp_path: Path) -> None:
    campaigns = (
        "campaigns:\n  - {id: spring, name: Printemps, start: 2027-03-01, end: 2027-03-31}\n"
    )
    page = overview(tmp_path, campaigns, "fr")
    assert "## Campagnes" in page
    svg = BeautifulSoup(page, "html.parser").svg
    assert svg is not None and svg.title is not None
    assert svg.title.get_text().startswith("Campagnes du 1 janvier 2027 au 30 juin 2027")
    assert "la ligne verticale marque le 1 février 2027" in svg.title.get_text()
