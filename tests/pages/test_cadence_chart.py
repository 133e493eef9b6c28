"""A channel's posts a week against its cadence, on its page: a bar a week over
the plan period, the cadence as a line, named, with its numbers as a table."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from generator.i18n import Translator
from generator.model.cadence import counted_days_by_channel, weekly_post_counts
from generator.model.occurrences import calendar_occurrences
from generator.pages.cadence_chart import cadence_chart
from tests.model.test_cadence import CALENDAR, CHANNEL
from tests.pages.small_plans import checked_plan


def chart(tmp_path: Path, per_week: str = "3", language: str = "en") -> Tag:
    files: dict[str, str | None] = {
        "plan/channels/instagram.md": CHANNEL % per_week,
        "plan/calendar/q1.yml": CALENDAR,
    }
    plan = checked_plan(tmp_path, files).plan
    channel = plan.channel("instagram")
    weeks = weekly_post_counts(
        channel, counted_days_by_channel(calendar_occurrences(plan)), plan.period
    )
    figure = BeautifulSoup(str(cadence_chart(channel, weeks, Translator(language))), "html.parser")
    assert figure.figure is not None
    return figure.figure


def test_a_bar_a_week_with_its_count_and_dates(tmp_path: Path) -> None:
    figure = chart(tmp_path)
    bars = figure.select("rect.ps-chart__bar > title")  # the legend's sample has none
    assert len(bars) == 27  # Friday January 1 to Wednesday June 30, Monday to Sunday
    titles = [bar.get_text() for bar in bars[:3]]
    assert titles == [
        "1 Jan to 3 Jan 2027: 1",
        "4 Jan to 10 Jan 2027: 2",
        "11 Jan to 17 Jan 2027: 1",
    ]
    values = [text.get_text() for text in figure.select("text.ps-chart__value")]
    assert values == ["1", "2", "1", "1", "1", "1"]  # weeks without a post say nothing


def test_the_cadence_is_a_line_named_in_the_legend(tmp_path: Path) -> None:
    figure = chart(tmp_path)
    assert figure.select_one("path.ps-chart__cadence") is not None
    labels = [text.get_text() for text in figure.select("text.ps-chart__label")]
    assert "cadence: 3 a week" in labels and "scheduled or published" in labels
    axes = [text.get_text() for text in figure.select("text.ps-chart__axis-name")]
    assert axes == ["Posts", "Week starting"]
    svg = figure.svg
    assert svg is not None
    assert svg["aria-label"] == (
        "instagram: posts a week, scheduled or published, against the cadence of 3 a week,"
        " January 1, 2027 to June 30, 2027"
    )


def test_the_data_table_gives_each_week_and_what_the_cadence_asks(tmp_path: Path) -> None:
    figure = chart(tmp_path)
    rows = [[cell.get_text() for cell in row.select("td")] for row in figure.select("tbody tr")]
    assert rows[:2] == [["1 Jan to 3 Jan 2027", "1", "1.3"], ["4 Jan to 10 Jan 2027", "2", "3"]]
    assert rows[-1] == ["28 Jun to 30 Jun 2027", "0", "1.3"]


def test_without_a_cadence_the_chart_has_no_line(tmp_path: Path) -> None:
    files: dict[str, str | None] = {"plan/calendar/q1.yml": CALENDAR}
    plan = checked_plan(tmp_path, files).plan
    channel = plan.channel("instagram")
    weeks = weekly_post_counts(
        channel, counted_days_by_channel(calendar_occurrences(plan)), plan.period
    )
    figure = BeautifulSoup(str(cadence_chart(channel, weeks, Translator("en"))), "html.parser")
    assert figure.select_one(".ps-chart__cadence") is None
    assert figure.svg is not None and str(figure.svg["aria-label"]).endswith("no cadence set")


def test_the_channel_page_of_the_french_example_has_its_chart(example_site: Path) -> None:
    html = (example_site / "channels" / "pinterest" / "index.html").read_text("utf-8")
    figure = BeautifulSoup(html, "html.parser").select_one("figure.ps-figure--cadence")
    assert figure is not None and figure.svg is not None
    assert str(figure.svg["aria-label"]).startswith("pinterest : publications par semaine")
    labels = [text.get_text() for text in figure.select("text.ps-chart__label")]
    assert "rythme : 1,5 par semaine" in labels and "1 janv." in labels
