"""The calendar's month pages: the grid, its controls and each post's details
(pages/calendar_grid.py, calendar_controls.py, post_details.py, calendar_views.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.build import page_context_from_checked
from generator.i18n import Translator
from generator.model.channel_colours import channel_colours, dark_mode_colour, shade_of
from generator.pages.calendar_months import CalendarMonth, first_weekday, weeks_of_month
from generator.pages.calendar_views import CalendarViews
from generator.pages.channel_stylesheet import channel_stylesheet
from generator.pages.html_sanitizer import clean_page
from tests.pages.small_plans import checked_plan, posts

FACEBOOK = "---\nnetwork: facebook\nmission: Tell the neighbours what is new.\n---\n"
CAMPAIGN = "campaigns:\n  - {id: spring, name: Spring <sale>, start: 2027-03-30, end: 2027-04-02}\n"
KEY_DATES = (
    "key_dates:\n  - {date: 2027-03-12, name: Trade fair, kind: event}\n"
    "  - {date: 2027-03-20, end: 2027-03-21, name: Quiet weekend, kind: blackout}\n"
)
MARCH = date(2027, 3, 1)


def views(tmp_path: Path, files: dict[str, str | None], language: str = "en") -> CalendarViews:
    config = f"site_name: T\nsite_url: https://plan.example.com/\nlanguage: {language}\n"
    config += "timezone: Europe/Paris\n"
    checked = checked_plan(tmp_path, {"site_config.yml": config, **files})
    return CalendarViews(page_context_from_checked(checked), Translator(language))


def grid(calendar: CalendarViews, first_day: date = MARCH) -> BeautifulSoup:
    html = str(calendar.grid.grid(calendar.month(first_day)))
    parsed = BeautifulSoup(html, "html.parser")
    # What the last gate lets through, unchanged but for how quotes are written.
    assert BeautifulSoup(clean_page(html), "html.parser") == parsed
    return parsed


def publications(html: BeautifulSoup) -> list[Tag]:
    return html.select("a.ps-occ")


@pytest.mark.parametrize(("language", "first"), [("en", "Mon"), ("fr", "lun.")])
def test_the_grid_holds_whole_weeks_from_the_locale_s_first_day(
    tmp_path: Path, language: str, first: str
) -> None:
    html = grid(views(tmp_path, {}, language), date(2027, 4, 1))
    assert html.select("thead th")[0].get_text() == first
    assert html.select_one("thead th")["abbr"] in {"Monday", "lundi"}
    rows = html.select("tbody tr")
    assert all(len(row.select("td")) == 7 for row in rows)
    days = [td["data-day"] for td in html.select("td")]
    assert "2027-04-01" in days and "2027-04-30" in days
    assert len(days) == len(set(days)) == 7 * len(rows) == 35
    assert days[0] == "2027-03-29" and days[-1] == "2027-05-02"  # April 2027 starts on a Thursday


@pytest.mark.parametrize(
    ("language", "weekday"), [("en", 0), ("fr", 0), ("en_US", 6), ("ar_EG", 5)]
)
def test_weeks_start_where_babel_says_the_language_starts_them(language: str, weekday: int) -> None:
    """Monday for "en" (English at large) and French, Sunday in the United States,
    Saturday in Egypt: CLDR's data, not ours."""
    assert first_weekday(language) == weekday
    month = CalendarMonth(date(2027, 4, 1), ())
    assert all(week[0].weekday() == weekday for week in weeks_of_month(month, language))


def test_each_occurrence_on_each_channel_is_one_element_with_its_attributes(
    tmp_path: Path,
) -> None:
    files = {
        "plan/channels/facebook.md": FACEBOOK,
        "plan/calendar/q1.yml": posts(
            "{id: both, date: 2027-03-02, time: '09:30', channel: [instagram, facebook],"
            " title: Both, type: tips, owner: Sam}",
            "{id: weekly, date: 2027-03-03, channel: instagram, title: Weekly,"
            " repeat: {every: week, count: 3}}",
        ),
    }
    html = grid(views(tmp_path, files))
    both = [a for a in publications(html) if a["href"].endswith("#both")]
    assert [a["data-channel"] for a in both] == ["instagram", "facebook"]
    assert {a["data-date"] for a in both} == {"2027-03-02"}
    assert both[0]["data-type"] == "tips" and both[0]["data-owner"] == "Sam"
    assert both[0]["data-campaign"] == "" and both[0]["data-status"] == "scheduled"
    weekly = [a for a in publications(html) if a["href"].endswith("#weekly")]
    assert [a["data-date"] for a in weekly] == ["2027-03-03", "2027-03-10", "2027-03-17"]
    # An empty attribute is there, empty: filters and CSS can rely on it.
    assert all(a.has_attr("data-owner") and a["data-owner"] == "" for a in weekly)
    assert weekly[0].select_one(".ps-occ__time") is None  # all day


def test_a_day_lists_all_day_posts_first_then_by_time(tmp_path: Path) -> None:
    files = {
        "plan/calendar/q1.yml": posts(
            "{id: late, date: 2027-03-04, time: '18:00', channel: instagram, title: Late}",
            "{id: early, date: 2027-03-04, time: '08:00', channel: instagram, title: Early}",
            "{id: allday, date: 2027-03-04, channel: instagram, title: All day}",
        )
    }
    cell = grid(views(tmp_path, files)).select_one('td[data-day="2027-03-04"]')
    assert cell is not None
    assert [a.select_one(".ps-occ__title").get_text() for a in cell.select("a.ps-occ")] == [
        "All day",
        "Early",
        "Late",
    ]


def test_days_of_the_neighbouring_months_show_no_post(tmp_path: Path) -> None:
    files = {
        "plan/calendar/q1.yml": posts("{id: mar, date: 2027-03-29, channel: instagram, title: M}")
    }
    calendar = views(tmp_path, files)
    april = grid(calendar, date(2027, 4, 1))  # its grid starts on Monday 29 March
    outside = april.select_one('td[data-day="2027-03-29"]')
    assert outside is not None and "ps-day--outside" in outside["class"]
    assert outside.select("a.ps-occ") == []
    assert [a["data-date"] for a in publications(grid(calendar))] == ["2027-03-29"]


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    files = {
        "plan/calendar/q1.yml": CAMPAIGN
        + posts(
            "{id: evil, date: 2027-03-31, channel: instagram, title: '<script>x</script> & co',"
            " owner: '\"><img src=x onerror=alert(1)>', campaign: spring}"
        )
    }
    html = grid(views(tmp_path, files))
    (evil,) = publications(html)
    assert evil.select_one(".ps-occ__title").get_text() == "<script>x</script> & co"
    assert evil["data-owner"] == '"><img src=x onerror=alert(1)>'
    assert html.select("script, img") == []
    assert [band.get_text() for band in html.select('td[data-day="2027-03-31"] .ps-band')] == [
        "Spring <sale>"
    ]


def test_campaigns_band_their_days_and_key_dates_mark_theirs(tmp_path: Path) -> None:
    files = {"plan/calendar/q1.yml": CAMPAIGN + KEY_DATES}
    html = grid(views(tmp_path, files))
    banded = [td["data-day"] for td in html.select("td") if td.select(".ps-band")]
    assert banded == ["2027-03-30", "2027-03-31"]  # April's days are April's page's
    fair = html.select_one('td[data-day="2027-03-12"]')
    assert fair is not None and "ps-day--event" in fair["class"]
    assert fair.select_one(".ps-key-date--event").get_text() == "Trade fair"
    quiet = [td["data-day"] for td in html.select("td.ps-day--blackout")]
    assert quiet == ["2027-03-20", "2027-03-21"]


def test_public_holidays_show_in_the_site_s_language(tmp_path: Path) -> None:
    config = "site_name: T\nlanguage: fr\ntimezone: Europe/Paris\ncalendar: {holidays: FR}\n"
    checked = checked_plan(tmp_path, {"site_config.yml": config})
    calendar = CalendarViews(page_context_from_checked(checked), Translator("fr"))
    html = grid(calendar, date(2027, 5, 1))
    may_day = html.select_one('td[data-day="2027-05-01"] .ps-key-date--holiday')
    assert may_day is not None and may_day.get_text() == "Fête du Travail"


def test_months_run_over_the_whole_calendar_with_their_neighbours(tmp_path: Path) -> None:
    calendar = views(tmp_path, {})  # the minimal plan: January to June 2027
    assert [m.key for m in calendar.months] == [f"2027-0{n}" for n in range(1, 7)]
    assert calendar.months[0].previous is None and calendar.months[-1].next is None
    assert calendar.months[1].previous == date(2027, 1, 1)
    nav = BeautifulSoup(str(calendar.controls.navigation(calendar.months[0])), "html.parser")
    assert nav.select_one(".ps-cal-prev") is None
    assert nav.select_one(".ps-cal-next")["href"] == "../2027-02/"
    assert nav.select_one(".ps-cal-views").has_attr("hidden")  # shown by the script


def test_filters_offer_the_month_s_values_and_none(tmp_path: Path) -> None:
    files = {
        "plan/channels/facebook.md": FACEBOOK,
        "plan/calendar/q1.yml": CAMPAIGN
        + posts(
            "{id: a, date: 2027-03-02, channel: [instagram, facebook], title: A, campaign: spring,"
            " owner: 'Dupont, Jean'}",
            "{id: b, date: 2027-03-03, channel: instagram, title: B, status: draft}",
        ),
    }
    calendar = views(tmp_path, files)
    form = BeautifulSoup(str(calendar.controls.filters(calendar.month(MARCH))), "html.parser")
    assert form.select_one("form").has_attr("hidden")
    options = {
        fieldset["data-filter"]: [i["value"] for i in fieldset.select("input")]
        for fieldset in form.select("fieldset")
    }
    assert options == {
        "channel": ["facebook", "instagram"],  # the plan's order
        "campaign": ["spring", ""],
        "status": ["draft", "scheduled"],
        "owner": ["Dupont, Jean", ""],
    }  # a single content type (none) has nothing to choose between
    quiet = views(tmp_path / "quiet", {})
    assert str(quiet.controls.filters(quiet.month(MARCH))) == ""


def test_each_post_is_described_once_on_its_first_month_s_posts_page(tmp_path: Path) -> None:
    files = {
        "plan/calendar/q1.yml": posts(
            "{id: weekly, date: 2027-03-29, time: '10:00', channel: instagram, title: Weekly,"
            " copy: \"Line one\\nLine <two>\", link: 'https://shop.example/?a=1&b=2',"
            " repeat: {every: week, interval: 2, until: 2027-04-30}}"
        )
    }
    calendar = views(tmp_path, files)
    april = grid(calendar, date(2027, 4, 1))
    assert {a["href"] for a in publications(april)} == {"../2027-03/posts/#weekly"}
    assert {a["href"] for a in publications(grid(calendar))} == {"posts/#weekly"}
    assert calendar.posts_first_in(calendar.month(date(2027, 4, 1))) == []
    (post,) = calendar.posts_first_in(calendar.month(MARCH))
    details = BeautifulSoup(str(calendar.details.of_posts([post], "../../")), "html.parser")
    article = details.select_one("article#weekly")
    assert article is not None
    facts = [dd.get_text() for dd in article.select("dd")]
    assert facts[0] == "Monday, March 29, 2027, 10:00 · repeats every 2 weeks until April 30, 2027"
    assert article.select_one(".ps-post__copy").get_text() == "Line one\nLine <two>"
    assert article.select_one('a[href^="https"]')["href"] == "https://shop.example/?a=1&b=2"


def test_channel_colours_are_a_stylesheet_for_light_and_dark(tmp_path: Path) -> None:
    files = {
        "plan/channels/facebook.md": FACEBOOK.replace(
            "---\nnetwork", "---\ncolor: '#FFEB3B'\nnetwork"
        ),
    }
    plan = checked_plan(tmp_path, files).plan
    css = channel_stylesheet(plan, channel_colours(plan.channels)).decode()
    assert (
        '[data-channel="facebook"] { --ps-channel-bg: #ffeb3b; --ps-channel-fg: #000000; }' in css
    )
    dark = shade_of(dark_mode_colour("#ffeb3b"))
    assert (
        f'[data-md-color-scheme="slate"] [data-channel="facebook"] {{ --ps-channel-bg: '
        f"{dark.background}; --ps-channel-fg: {dark.text}; }}"
    ) in css
    assert css == channel_stylesheet(plan, channel_colours(plan.channels)).decode()
    assert css.count("[data-channel=") == 2 * len(plan.channels)
