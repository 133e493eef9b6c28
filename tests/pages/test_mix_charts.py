"""The content mix on the content page and the competitors on the audit page, as charts
in the frame of every chart: a name, an axis, a legend, the values written, and the
same numbers in their table as in the drawing."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.i18n import Translator
from generator.pages.mix_chart import share_text
from tests.conftest import run_cli, write_plan
from tests.pages.small_plans import posts
from tests.pages.test_page_data import page_data

HOSTILE = "<script>alert(1)</script>"
CONTENT = f"""\
types:
  - {{id: tips, name: Tips, share: 33.333, purpose: educate}}
  - {{id: news, name: "{HOSTILE}", share: 66.667, purpose: promote}}
"""
LINKEDIN = """\
---
network: linkedin
mission: Show our work to architects.
goals: [leads]
---
"""
# Three tips and five news of eight: 37.5 % and 62.5 %, the shares a chart that
# rounds to whole numbers writes 38 % and 62 % while its table says 37.5 and 62.5.
CALENDAR = posts(
    *(f"{{date: 2027-01-0{d}, channel: instagram, type: tips, title: T{d}}}" for d in (4, 5, 6)),
    *(f"{{date: 2027-02-0{d}, channel: instagram, type: news, title: N{d}}}" for d in (1, 2, 3)),
    "{date: 2027-03-01, channel: linkedin, type: news, title: L1}",
    "{date: 2027-03-02, channel: linkedin, type: news, title: L2}",
)
AUDIT = """\
accounts:
  - {id: insta, network: instagram, handle: "@example", owner: Sam, followers: 0,
     posts_per_week: 3, engagement_rate: 2.25,
     profile: {bio: Hi, avatar: true, cover: true, link: "https://s.example/",
               keywords: [a], cross_promotion: true}}
competitors:
  - name: Rival
    accounts: [{network: instagram, followers: 1200, engagement_rate: 1.5}, linkedin]
"""
FILES = {
    "plan/content.yml": CONTENT,
    "plan/channels/linkedin.md": LINKEDIN,
    "plan/calendar/q1.yml": CALENDAR,
    "plan/audit.yml": AUDIT,
}


def config(language: str) -> str:
    return f"site_name: T\nlanguage: {language}\ntimezone: Europe/Paris\n"


@pytest.fixture(scope="module", params=["en", "fr"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp(f"mix-{request.param}")
    write_plan(root, {**FILES, "site_config.yml": config(request.param)})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


def article(site: Path, path: str) -> Tag:
    html = BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")
    found = html.select_one("article")
    assert found is not None
    return found


def language_of(site: Path) -> str:
    return site.parent.name.split("-")[1][:2]


def column(table: Tag, index: int) -> list[str]:
    return [row.select("td")[index].get_text(strip=True) for row in table.select("tbody tr")]


def test_the_content_page_draws_the_mix_of_the_plan_and_of_each_channel(site: Path) -> None:
    figures = article(site, "content").select("figure.ps-figure--mix")
    assert len(figures) == 3  # the whole plan, instagram, linkedin
    for figure in figures:
        svg = figure.svg
        assert svg is not None and svg.get("role") == "img"
        assert svg.get("aria-label") and svg.title is not None
        assert svg["aria-label"] == svg.title.get_text()
        assert figure.select_one("details.ps-chart-data table") is not None


def test_a_mix_chart_has_an_axis_from_0_to_100_and_a_legend(site: Path) -> None:
    t = Translator(language_of(site))
    svg = article(site, "content").select_one("figure.ps-figure--mix svg")
    assert svg is not None
    ticks = [tick.get_text() for tick in svg.select(".ps-chart__tick")]
    assert ticks == [share_text(t, value) for value in (0, 25, 50, 75, 100)]
    legend = [text.get_text() for text in svg.select(".ps-chart__legend-text")]
    assert legend == [t("actual"), t("target")]
    assert svg.select(".ps-chart__legend .ps-chart__bar")
    assert svg.select(".ps-chart__legend .ps-chart__target")
    title = svg.select_one(".ps-chart__axis-title")
    assert title is not None and title.get_text() == t("mix_axis")


def test_the_chart_its_table_and_the_health_page_write_a_share_the_same_way(site: Path) -> None:
    t = Translator(language_of(site))
    figure = article(site, "content").select_one("figure.ps-figure--mix")
    assert figure is not None
    drawn = [value.get_text() for value in figure.select("svg .ps-chart__value")]
    table = figure.select_one("details table")
    assert table is not None
    assert drawn == column(table, 2) == [share_text(t, 37.5), share_text(t, 62.5)]
    assert column(table, 1) == [share_text(t, 33.333), share_text(t, 66.667)]
    health = article(site, "health").select("table")
    whole_plan = next(tab for tab in health if column(tab, 3) == ["3", "5"])
    assert column(whole_plan, 2) == drawn


def test_every_table_of_shares_writes_them_as_the_charts_do(site: Path) -> None:
    """The content types' shares, and a channel's targets, to one decimal as well."""
    t = Translator(language_of(site))
    expected = [share_text(t, 33.333), share_text(t, 66.667)]
    assert expected[0] in (t.number(33.3) + " %", "33,3 %")
    types = article(site, "content").select("table")[1]
    assert column(types, 1) == expected
    channel = article(site, "channels/instagram")
    targets = next(tab for tab in channel.select("table") if column(tab, 0) == ["Tips", HOSTILE])
    assert column(targets, 1) == expected


def test_plan_text_in_a_chart_stays_text(site: Path) -> None:
    page = article(site, "content")
    assert page.find("script") is None
    labels = [label.get_text() for label in page.select("svg .ps-chart__label")]
    assert HOSTILE in labels


def test_the_audit_draws_our_accounts_beside_the_competitors_per_network(site: Path) -> None:
    t = Translator(language_of(site))
    figures = article(site, "audit").select("figure.ps-figure--compare")
    names = [figure.svg["aria-label"] for figure in figures if figure.svg]
    assert names == [
        t("competitor_chart", network="Instagram"),
        t("competitor_chart", network="LinkedIn"),
    ]
    table = figures[0].select_one("details table")
    assert table is not None
    rows = [[cell.get_text() for cell in row.select("td")] for row in table.select("tbody tr")]
    assert rows == [
        [t("ours_named", name="@example"), "0", "3", f"{t.number(2.25)} %"],
        ["Rival", t.number(1200), t("no_figure"), f"{t.number(1.5)} %"],
    ]


def test_a_figure_the_audit_does_not_give_reads_no_figure_never_0(tmp_path: Path) -> None:
    data = page_data(tmp_path, {"plan/audit.yml": AUDIT})
    chart = BeautifulSoup(str(data.competitor_chart("instagram")), "html.parser")
    values = [text.get_text() for text in chart.select("svg .ps-chart__value")]
    # Panel by panel: followers (ours 0, given), posts a week, engagement.
    assert values == ["0", "1,200", "3", "no figure", "2.25 %", "1.5 %"]
    assert len(chart.select("svg .ps-chart__value--none")) == 1
    linkedin = BeautifulSoup(str(data.competitor_chart("linkedin")), "html.parser")
    assert [v.get_text() for v in linkedin.select("svg .ps-chart__value")] == ["no figure"] * 3
    assert not linkedin.select("svg rect.ps-chart__bar:not(.ps-chart__legend *)")
    assert str(data.competitor_chart("tiktok")) == ""


def test_a_bar_is_as_long_as_its_share_of_the_largest_figure(tmp_path: Path) -> None:
    data = page_data(tmp_path, {"plan/audit.yml": AUDIT})
    chart = BeautifulSoup(str(data.competitor_chart("instagram")), "html.parser")
    bars = [float(bar["width"]) for bar in chart.select("svg > rect.ps-chart__bar")]
    # followers: 0 and 1,200 (the longest); posts a week: 3 alone; engagement 2.25 and 1.5.
    assert bars == [0.0, 100.0, 100.0, 100.0, pytest.approx(66.7, abs=0.1)]
