"""The built example site, read as HTML: what a stakeholder sees on each goal page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.dates import format_date
from babel.numbers import format_decimal
from bs4 import BeautifulSoup

from generator.check import Inputs, read_plan
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN


def front_matter(path: Path) -> dict[str, Any]:
    """A goal file's fields read independently of plansite's own loader."""
    text = path.read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text.split("---\n")[1])
    return data


def page(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site / url_path / "index.html").read_text("utf-8"), "html.parser")


def number(value: float) -> str:
    return str(format_decimal(value, locale="fr"))


GOAL_FILES = sorted((EXAMPLE_PLAN / "goals").glob("*.md"))
EXAMPLE_GOALS = {
    goal.id: goal for goal in read_plan(Inputs(EXAMPLE_PLAN, EXAMPLE_CONFIG)).plan.goals
}


@pytest.mark.parametrize("goal_file", GOAL_FILES, ids=[p.stem for p in GOAL_FILES])
def test_each_goal_page_shows_its_figures(example_site: Path, goal_file: Path) -> None:
    goal = front_matter(goal_file)
    html = page(example_site, f"goals/{goal_file.stem}")
    article = html.select_one("article")
    assert article is not None
    assert article.h1 is not None
    assert article.h1.get_text(strip=True).rstrip("¶") == goal["title"]
    assert html.select_one(".ps-baseline").get_text() == number(goal["metric"]["baseline"])
    assert html.select_one(".ps-target").get_text() == number(goal["metric"]["target"])
    # A goal computed from the results (metric.source) shows their latest value.
    computed = EXAMPLE_GOALS[goal_file.stem].computed
    typed = max(goal["progress"], key=lambda p: p["date"])["value"]
    latest = max(computed, key=lambda p: p.date).value if computed else typed
    assert html.select_one(".ps-latest").get_text() == number(latest)
    facts = {
        row.find_all("td")[0].get_text(strip=True): row.find_all("td")[1]
        for row in html.select(".ps-facts tr")
        if len(row.find_all("td")) == 2
    }
    assert facts["Responsable"].get_text(strip=True) == goal["owner"]
    assert facts["Échéance"].get_text(strip=True) == format_date(
        goal["deadline"], format="long", locale="fr"
    )
    assert facts["Objectif de l'entreprise"].get_text(strip=True) == goal["objective"]
    channel_links = [a["href"] for a in facts["Canaux"].find_all("a")]
    assert channel_links == [f"../../channels/{c}/" for c in goal["channels"]]
    persona_links = [a["href"] for a in facts["Personas"].find_all("a")]
    assert persona_links == [f"../../personas/{p}/" for p in goal["personas"]]


def test_every_goal_is_listed_on_the_goals_page(example_site: Path) -> None:
    html = page(example_site, "goals")
    links = {a["href"] for a in html.select("article table a")}
    assert links == {f"{p.stem}/" for p in GOAL_FILES}


def test_every_page_is_in_french(example_site: Path) -> None:
    for html_file in example_site.rglob("index.html"):
        html = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
        assert html.html is not None
        assert html.html["lang"] == "fr", html_file


def test_the_site_asks_no_font_or_script_from_another_host(example_site: Path) -> None:
    for html_file in example_site.rglob("*.html"):
        html = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
        fetched = [link["href"] for link in html.find_all("link") if link["rel"] != ["canonical"]]
        fetched += [element["src"] for element in html.find_all(["script", "img"], src=True)]
        for address in fetched:
            assert not address.startswith(("http:", "https:", "//")), (html_file, address)


def test_plan_text_is_shown_as_text_never_as_markup(make_plan: Any) -> None:
    from tests.conftest import run_cli

    evil = "<script>alert(1)</script> [x](javascript:alert(1)) *em*"
    root = make_plan(
        {"plan/goals/followers.md": f"---\ntitle: '{evil}'\nchannels: [instagram]\n---\n"}
    )
    assert run_cli("build", cwd=root).exit_code == 0
    html = page(root / "site", "goals/followers")
    assert html.title is not None
    assert html.title.get_text().startswith(evil)
    assert html.select_one("article h1").get_text().rstrip("¶") == evil
    assert not html.select("article script")
    assert all(not a.get("href", "").startswith("javascript") for a in html.find_all("a"))
