"""The goal page's progress chart: full width, each value written at its point,
the target labelled in the metric's unit, dates in the site's language, a
legend, and its numbers as a table."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

from generator.i18n import Translator
from generator.pages.goal_chart import progress_chart, value_axis
from tests.conftest import EXAMPLE_PLAN, run_cli, write_plan
from tests.pages.small_plans import checked_plan

FOLLOWERS = """\
    ---
    title: Grow the Instagram audience
    metric: {name: %s, kind: followers, unit: %s, baseline: 100, target: 200}
    start: 2027-01-01
    deadline: 2027-06-30
    owner: Sam
    channels: [instagram]
    progress:
      - {date: 2027-02-01, value: 130}
      - {date: 2027-03-01, value: 150}
    ---
    """


def chart(tmp_path: Path, name: str = "Followers", unit: str = "followers") -> Tag:
    checked = checked_plan(tmp_path, {"plan/goals/followers.md": FOLLOWERS % (name, unit)})
    plan = checked.plan
    html = str(progress_chart(plan.goal("followers"), plan, Translator("en")))
    svg = BeautifulSoup(html, "html.parser").figure
    assert svg is not None
    return svg


def texts(figure: Tag, selector: str) -> list[str]:
    return [element.get_text() for element in figure.select(selector)]


def test_the_chart_is_named_with_its_numbers_and_dates(tmp_path: Path) -> None:
    figure = chart(tmp_path)
    svg = figure.svg
    assert svg is not None and svg["role"] == "img"
    name = (
        "Followers: 100 followers at the start, January 1, 2027; latest 150 followers,"
        " March 1, 2027; target 200 followers by June 30, 2027."
    )
    assert svg["aria-label"] == name
    assert svg.title is not None and svg.title.get_text() == name


def test_each_measured_value_is_written_at_its_point(tmp_path: Path) -> None:
    figure = chart(tmp_path)
    assert texts(figure, "text.ps-chart__value") == ["130", "150"]
    assert texts(figure, "circle > title") == [
        "February 1, 2027: 130 followers",
        "March 1, 2027: 150 followers",
    ]


def test_the_target_line_is_labelled_in_the_metric_s_unit(tmp_path: Path) -> None:
    figure = chart(tmp_path)
    assert texts(figure, "text.ps-chart__target-label") == ["target 200 followers"]
    assert len(figure.select("line.ps-chart__target")) == 1


def test_the_axes_are_named_and_dated_in_the_site_s_language(tmp_path: Path) -> None:
    figure = chart(tmp_path)
    assert texts(figure, "text.ps-chart__axis-name") == ["Followers (followers)", "Date"]
    labels = texts(figure, "text.ps-chart__label")
    assert "1 Jan" in labels and "1 Feb" in labels and "30 Jun 2027" in labels
    assert "100" in labels and "200" in labels  # the value axis, in steps of 20
    assert not re.search(r"\d{4}-\d{2}-\d{2}", str(figure))


def test_the_legend_says_which_line_is_which(tmp_path: Path) -> None:
    figure = chart(tmp_path)
    labels = texts(figure, "text.ps-chart__label")
    assert "measured" in labels and "path to target" in labels


def test_the_data_table_gives_each_value_beside_the_path_to_target(tmp_path: Path) -> None:
    figure = chart(tmp_path)
    rows = [[cell.get_text() for cell in row.select("td")] for row in figure.select("tbody tr")]
    # The path runs 100 to 200 over the 180 days from January 1 to June 30.
    assert rows == [
        ["February 1, 2027", "130 followers", "117.2 followers"],
        ["March 1, 2027", "150 followers", "132.8 followers"],
        ["June 30, 2027", "", "200 followers"],
    ]
    assert texts(figure, "thead th") == ["Date", "measured", "path to target"]


def test_the_chart_takes_the_content_s_width(tmp_path: Path) -> None:
    svg = chart(tmp_path).svg
    assert svg is not None and "ps-chart--progress" in svg["class"]
    assert svg["width"] == "720"


def test_the_value_axis_counts_in_round_steps() -> None:
    assert value_axis(100, 200) == (100, 200, 25)
    assert value_axis(8450, 11000) == (8000, 11000, 1000)
    assert value_axis(1.2, 2) == (1.2, 2.0, 0.2)
    assert value_axis(5, 5) == (4, 6, 0.5)


def test_the_french_example_s_chart_speaks_french(example_site: Path) -> None:
    goal = yaml.safe_load(
        (EXAMPLE_PLAN / "goals" / "abonnes-instagram.md").read_text("utf-8").split("---")[1]
    )
    html = (example_site / "goals" / "abonnes-instagram" / "index.html").read_text("utf-8")
    figure = BeautifulSoup(html, "html.parser").select_one("figure.ps-figure--progress")
    assert figure is not None
    t = Translator("fr")
    values = [t.number(point["value"]) for point in goal["progress"]]
    assert texts(figure, "text.ps-chart__value") == values
    target = texts(figure, "text.ps-chart__target-label")
    assert target == [f"cible : {t.number(goal['metric']['target'])} {goal['metric']['unit']}"]
    labels = texts(figure, "text.ps-chart__label")
    assert "1 janv." in labels and "mesuré" in labels and "trajectoire vers la cible" in labels
    summary = figure.select_one("details.ps-chart-data summary")
    assert summary is not None and summary.get_text() == "Données"


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_plan_text_in_the_chart_stays_text(tmp_path: Path) -> None:
    files: dict[str, str | None] = {
        "plan/goals/followers.md": FOLLOWERS % (f"'{HOSTILE}'", f"'\"><b>{HOSTILE}'")
    }
    result = run_cli("build", cwd=write_plan(tmp_path, files))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site" / "goals" / "followers" / "index.html").read_text("utf-8")
    figure = BeautifulSoup(html, "html.parser").select_one("figure.ps-figure--progress")
    assert figure is not None
    assert not figure.find_all(["script", "img", "b"])
    assert not any(name.startswith("on") for tag in figure.find_all(True) for name in tag.attrs)
    assert HOSTILE in texts(figure, "text.ps-chart__axis-name")[0]
    assert figure.svg is not None and str(figure.svg["aria-label"]).startswith(HOSTILE)
