"""A goal computed from the results: its chart draws the computed series beside the
one typed by hand, told apart by shape and a legend, both in the data table; its
page says where the computed values come from."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.i18n import Translator
from generator.pages.goal_chart import progress_chart
from generator.pages.goal_source_text import goal_source_text
from tests.conftest import run_cli, write_plan
from tests.pages.small_plans import checked_plan

CALENDAR = """\
    campaigns:
      - {id: spring, name: Spring sale, start: 2027-01-01, end: 2027-03-31}
      - {id: summer, name: Summer, start: 2027-04-01, end: 2027-06-30}
    posts:
      - id: hello
        date: 2027-01-05
        time: 10:00
        channel: instagram
        type: tips
        title: Hello
        campaign: spring
        link: https://shop.example/hello
    """
RESULTS = """\
    date,channel,post,sessions
    2027-01-05,instagram,hello,120
    2027-01-20,instagram,hello,30
    2027-02-10,instagram,hello,170
    """


def goal(source: str = "{metric: sessions}", progress: bool = True, values: str = "total") -> str:
    hand = "progress: [{date: 2027-01-31, value: 140}, {date: 2027-02-15, value: 160}]"
    return f"""\
        ---
        title: Bring visits
        metric: {{name: Visits, unit: sessions, baseline: 100, target: 400, values: {values},
                  source: {source}}}
        start: 2027-01-01
        deadline: 2027-06-30
        owner: Sam
        channels: [instagram]
        {hand if progress else ""}
        ---
        """


def files(goal_text: str) -> dict[str, str | None]:
    return {
        "plan/calendar/q1.yml": CALENDAR,
        "plan/goals/visits.md": goal_text,
        "plan/results/site.csv": RESULTS,
    }


def chart(tmp_path: Path, goal_text: str, language: str = "en") -> Tag:
    plan = checked_plan(tmp_path, files(goal_text)).plan
    html = str(progress_chart(plan.goal("visits"), plan, Translator(language)))
    figure = BeautifulSoup(html, "html.parser").figure
    assert figure is not None
    return figure


def texts(figure: Tag, selector: str) -> list[str]:
    return [element.get_text() for element in figure.select(selector)]


def test_both_series_are_drawn_in_shapes_of_their_own(tmp_path: Path) -> None:
    figure = chart(tmp_path, goal())
    assert len(figure.select("polyline.ps-chart__measured")) == 1
    assert len(figure.select("polyline.ps-chart__computed")) == 1
    assert texts(figure, "circle.ps-chart__point > title") == [
        "typed by hand, January 31, 2027: 140 sessions",
        "typed by hand, February 15, 2027: 160 sessions",
    ]
    # January: 120 + 30; February stops where the results do, on the 10th.
    assert texts(figure, "rect.ps-chart__point--computed > title") == [
        "from the results, January 31, 2027: 150 sessions",
        "from the results, February 10, 2027: 170 sessions",
    ]


def test_the_legend_names_each_series_with_its_shape(tmp_path: Path) -> None:
    figure = chart(tmp_path, goal())
    labels = texts(figure, "text.ps-chart__label")
    assert {"typed by hand", "from the results", "path to target"} <= set(labels)
    svg = figure.svg
    assert svg is not None
    # The legend's samples: a circle for the hand-typed line, a square for the other.
    legend_circles = [c for c in svg.select("circle.ps-chart__point") if not c.title]
    legend_squares = [r for r in svg.select("rect.ps-chart__point--computed") if not r.title]
    assert len(legend_circles) == 1 and len(legend_squares) == 1


def test_the_data_table_has_a_column_a_series(tmp_path: Path) -> None:
    figure = chart(tmp_path, goal())
    assert texts(figure, "details.ps-chart-data th") == [
        "Date",
        "typed by hand",
        "from the results",
        "path to target",
    ]
    rows = [
        [cell.get_text() for cell in row.select("td")]
        for row in figure.select("details.ps-chart-data tbody tr")
    ]
    assert [row[:3] for row in rows] == [
        ["January 31, 2027", "140 sessions", "150 sessions"],
        ["February 10, 2027", "", "170 sessions"],
        ["February 15, 2027", "160 sessions", ""],
        ["June 30, 2027", "", ""],
    ]
    assert rows[-1][3] == "400 sessions"


def test_the_computed_series_alone_is_named_as_such(tmp_path: Path) -> None:
    figure = chart(tmp_path, goal(progress=False))
    assert not figure.select("polyline.ps-chart__measured")
    assert texts(figure, "details.ps-chart-data th") == [
        "Date",
        "from the results",
        "path to target",
    ]
    assert "measured" not in texts(figure, "text.ps-chart__label")


def test_a_per_period_series_is_drawn_as_running_totals(tmp_path: Path) -> None:
    figure = chart(tmp_path, goal(values="per_period", progress=False))
    assert texts(figure, "text.ps-chart__value") == ["250", "420"]  # 100 + 150, then + 170


def test_the_chart_in_french(tmp_path: Path) -> None:
    figure = chart(tmp_path, goal(), "fr")
    labels = texts(figure, "text.ps-chart__label")
    assert "saisi à la main" in labels and "d'après les résultats" in labels


@pytest.mark.parametrize(
    ("source", "language", "expected"),
    [
        (
            "{metric: sessions, campaigns: [spring, summer]}",
            "en",
            "Computed values: sessions from the results files (campaigns Spring sale and "
            "Summer; every channel), summed per month. Each point is the month's total, "
            "held against the target as a value per month.",
        ),
        (
            "{metric: sessions, channels: [instagram], every: week, aggregate: mean}",
            "en",
            "Computed values: sessions from the results files (every campaign; channel "
            "instagram), averaged per week (Monday to Sunday). Each point is the metric's "
            "value for its period, held against the target as it is.",
        ),
        (
            "{metric: sessions, campaigns: [spring]}",
            "fr",
            "Valeurs calculées : sessions des fichiers de résultats (campagne Spring sale ; "
            "tous les canaux), somme par mois. Chaque point est le total du mois, comparé "
            "à la cible comme une valeur par mois.",
        ),
    ],
)
def test_the_page_says_where_the_values_come_from(
    tmp_path: Path, source: str, language: str, expected: str
) -> None:
    plan = checked_plan(tmp_path, files(goal(source))).plan
    text = goal_source_text(plan.goal("visits"), plan, Translator(language))
    assert text.startswith(expected)


def test_a_per_period_source_says_its_points_add_up(tmp_path: Path) -> None:
    plan = checked_plan(tmp_path, files(goal(values="per_period"))).plan
    text = goal_source_text(plan.goal("visits"), plan, Translator("en"))
    assert "Each point is what its period added" in text


def test_the_goal_page_shows_the_words_the_chart_and_the_hand_typed_table(
    tmp_path: Path,
) -> None:
    result = run_cli("build", cwd=write_plan(tmp_path, files(goal())))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site" / "goals" / "visits" / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert "Computed values: sessions from the results files" in page.get_text()
    figure = page.select_one("figure.ps-figure--progress")
    assert figure is not None
    assert figure.select("rect.ps-chart__point--computed > title")
    assert figure.select("polyline.ps-chart__computed")  # the sanitizer kept them
    latest = page.select_one(".ps-latest")
    assert latest is not None and latest.get_text() == "170"  # the computed series counts


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_plan_text_in_the_source_words_stays_text(tmp_path: Path) -> None:
    calendar = CALENDAR.replace("name: Spring sale", f"name: '{HOSTILE}'")
    source = "{metric: '<b>sessions</b>', campaigns: [spring]}"
    plan_files = {**files(goal(source)), "plan/calendar/q1.yml": calendar}
    plan_files["plan/results/site.csv"] = RESULTS.replace("sessions", "<b>sessions</b>")
    result = run_cli("build", cwd=write_plan(tmp_path, plan_files))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site" / "goals" / "visits" / "index.html").read_text("utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    assert not article.find_all(["script", "img", "b"])
    assert f"campaign {HOSTILE}" in article.get_text()
