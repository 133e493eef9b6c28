"""The results page in a browser, on the example plan with a results file, in French
and in English: no sideways scroll on a laptop or a phone, every chart named for
assistive technology, and no serious finding of axe."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from generator import check
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, run_cli
from tests.site.test_overview_browser import SVG_NAMES, opened
from tests.test_browser import LAPTOP, PHONE, serve

pytestmark = pytest.mark.browser

HEADER = "date,channel,post,impressions,reach,engagements,clicks,sessions\n"
LAST_DAY = date(2027, 2, 28)  # the example's today: results after it would move it


def results_csv(plan_folder: Path, config: Path) -> str:
    """A result for every published or scheduled post of the example up to its today,
    with numbers that vary from post to post."""
    plan = check.check_plan(check.Inputs(plan_folder, config)).plan
    rows = []
    for number, post in enumerate(p for p in plan.posts if p.date <= LAST_DAY and p.counted):
        for channel in post.channels:
            reach = 300 + (number * 137) % 1700
            engaged = reach * (2 + number % 5) // 100
            rows.append(f"{post.date},{channel},{post.id},{reach * 2},{reach},{engaged},3,{number}")
    return HEADER + "\n".join(rows) + "\n"


def build_with_results(root: Path, language: str) -> Path:
    shutil.copytree(EXAMPLE_PLAN, root / "plan")
    config = EXAMPLE_CONFIG.read_text("utf-8").replace("language: fr", f"language: {language}")
    (root / "site_config.yml").write_text(config, "utf-8")
    folder = root / "plan" / "results"
    folder.mkdir(exist_ok=True)
    csv = results_csv(root / "plan", root / "site_config.yml")
    (folder / "page-test.csv").write_text(csv, "utf-8")
    result = run_cli("build", "--strict", cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module", params=["fr", "en"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    built = build_with_results(tmp_path_factory.mktemp(f"results-{request.param}"), request.param)
    yield from serve(built)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_results_page_does_not_scroll_sideways(
    browser: Browser, site: str, viewport: dict[str, int]
) -> None:
    page = opened(browser, site + "results/", viewport)
    assert page.locator("figure.ps-figure--results-types").count() == 1
    assert page.locator("figure.ps-figure--results-weeks").count() >= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.close()


def test_every_chart_of_the_results_page_is_named(browser: Browser, site: str) -> None:
    page = opened(browser, site + "results/", LAPTOP)
    svgs = page.evaluate(SVG_NAMES)
    charts = [svg for svg in svgs if "ps-chart" in svg[0]]
    assert len(charts) >= 3
    for kind, role, name in charts:
        assert role == "img" and name, kind
    page.close()


@pytest.mark.parametrize("path", ["results/", "channels/instagram/", "calendar/2027-02/posts/"])
def test_axe_finds_nothing_serious(browser: Browser, site: str, path: str) -> None:
    page = opened(browser, site + path, LAPTOP)
    violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.close()
