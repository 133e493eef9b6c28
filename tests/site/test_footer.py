"""The plan's own footer (theme/partials/copyright.html, site/site_footer.py): organisation, period,
date and "Edit this page" to the page's plan file, in the site's language; never
Material's English "Made with"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, run_cli, write_plan

CONFIG = "site_name: Test plan\nlanguage: {language}\ntimezone: Europe/Paris\n"
REPO = "repo_url: https://github.com/team/plan\n"
HOSTILE = "<script>alert('x')</script> & \"Co\" <b>bold</b> {{ config }} **star**"


def footer_of(site: Path, address: str) -> Tag:
    page = BeautifulSoup((site / address / "index.html").read_text("utf-8"), "html.parser")
    footer = page.select_one("footer.md-footer")
    assert footer is not None
    return footer


def built(root: Path, config: str, files: dict[str, str | None] | None = None) -> Path:
    write_plan(root, {"site_config.yml": config, **(files or {})})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


def edit_link(site: Path, address: str) -> str | None:
    link = footer_of(site, address).select_one("a.ps-footer__edit")
    return None if link is None else str(link["href"])


def test_the_french_example_has_its_own_footer_in_french(example_site: Path) -> None:
    for address in ("", "health", "goals/abonnes-instagram", "calendar/2027-03"):
        footer = footer_of(example_site, address)
        text = footer.get_text(" ", strip=True)
        assert "Made with" not in text and "Material" not in text
        assert footer.select_one(".ps-footer__organisation").get_text() == "Atelier Lumen"
        assert footer.select_one(".ps-footer__period").get_text() == (
            "Plan du 1 janvier 2027 au 30 juin 2027"
        )
        assert (
            footer.select_one(".ps-footer__date")
            .get_text()
            .startswith(("Chiffres au ", "Construit le "))
        )
        assert footer.select_one("a.ps-footer__edit") is None  # no repo_url in its site_config.yml


def test_an_english_site_says_it_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = built(tmp_path, CONFIG.format(language="en"))
    footer = footer_of(site, "")
    assert "Made with" not in str(footer)
    assert footer.select_one(".ps-footer__organisation").get_text() == "Example Ltd"
    assert footer.select_one(".ps-footer__period").get_text() == (
        "Plan from January 1, 2027 to June 30, 2027"
    )
    # The plan's date (its latest measurement), not the wall clock.
    assert footer.select_one(".ps-footer__date").get_text() == "Figures as of February 1, 2027"


@pytest.mark.parametrize(
    ("epoch", "shown"),
    [("1798761600", "Built on January 1, 2027"), ("1800000000", "Built on January 15, 2027")],
)
def test_the_build_date_is_source_date_epoch_when_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str, shown: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    site = built(tmp_path, CONFIG.format(language="en"))
    assert footer_of(site, "").select_one(".ps-footer__date").get_text() == shown


def test_edit_links_go_to_the_plan_file_of_each_page(tmp_path: Path) -> None:
    campaign = "campaigns:\n  - {id: spring, name: Spring, start: 2027-03-01, end: 2027-03-31}\n"
    site = built(
        tmp_path, CONFIG.format(language="en") + REPO, {"plan/calendar/spring.yml": campaign}
    )
    base = "https://github.com/team/plan/edit/main/"
    assert edit_link(site, "") == base + "plan/plan.md"
    assert edit_link(site, "goals/followers") == base + "plan/goals/followers.md"
    assert edit_link(site, "channels/instagram") == base + "plan/channels/instagram.md"
    assert edit_link(site, "campaigns/spring") == base + "plan/calendar/spring.yml"
    assert edit_link(site, "audit") == base + "plan/audit.yml"
    assert edit_link(site, "measurement") == base + "plan/measurement.yml"
    assert edit_link(site, "content") == base + "plan/content.yml"
    # Pages made of many files, or of none, link to none.
    for address in ("health", "calendar", "goals", "calendar/2027-01", "inspiration"):
        assert edit_link(site, address) is None, address
    assert footer_of(site, "goals/followers").select_one("a.ps-footer__edit").get_text() == (
        "Edit this page"
    )


def test_edit_uri_places_the_file_as_mkdocs_does(tmp_path: Path) -> None:
    config = CONFIG.format(language="fr") + "repo_url: https://gitlab.com/team/plan/\n"
    site = built(tmp_path, config + "edit_uri: -/edit/trunk/\n")
    assert edit_link(site, "goals/leads") == (
        "https://gitlab.com/team/plan/-/edit/trunk/plan/goals/leads.md"
    )
    assert footer_of(site, "").select_one("a.ps-footer__edit").get_text() == "Modifier cette page"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("repo_url: javascript:alert(1)", "site_config.yml:4:1: error: 'repo_url'"),
        ("edit_uri: ../../elsewhere/", "site_config.yml:4:1: error: 'edit_uri'"),
        ("edit_uri: edit/main", "site_config.yml:4:1: error: 'edit_uri'"),
        ("edit_uri: https://evil.example/", "site_config.yml:4:1: error: 'edit_uri'"),
    ],
)
def test_a_repository_setting_that_is_no_path_is_refused(
    tmp_path: Path, setting: str, message: str
) -> None:
    write_plan(tmp_path, {"site_config.yml": CONFIG.format(language="en") + setting + "\n"})
    result = run_cli("build", cwd=tmp_path)
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "site").exists()


def test_a_hostile_organisation_name_stays_text(tmp_path: Path) -> None:
    plan = (
        "---\ntitle: Test plan\norganization: " + json.dumps(HOSTILE) + "\n"
        "period: {start: 2027-01-01, end: 2027-06-30}\n---\nA plan.\n"
    )
    site = built(tmp_path, CONFIG.format(language="en") + REPO, {"plan/plan.md": plan})
    footer = footer_of(site, "goals/followers")
    assert footer.select_one(".ps-footer__organisation").get_text() == HOSTILE
    assert footer.find("script") is None and footer.find("b") is None


def test_the_same_plan_gives_the_same_footer_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = built(tmp_path / "one", CONFIG.format(language="en") + REPO)
    second = built(tmp_path / "two", CONFIG.format(language="en") + REPO)
    for address in ("", "goals/followers", "health"):
        assert str(footer_of(first, address)) == str(footer_of(second, address))


def test_a_plan_outside_the_config_folder_gets_no_edit_link(tmp_path: Path) -> None:
    config = tmp_path / "config" / "site_config.yml"
    config.parent.mkdir()
    config.write_text(EXAMPLE_CONFIG.read_text("utf-8") + REPO, "utf-8")
    result = run_cli(
        "build", "--plan", str(EXAMPLE_PLAN), "--config", str(config), "--out", "site",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert edit_link(tmp_path / "site", "goals/abonnes-instagram") is None


def test_material_s_own_footer_links_stay_around_it(tmp_path: Path) -> None:
    """Only the footer's line is the plan's: a team that turns on Material's previous
    and next links, or names its social accounts, still gets them."""
    config = CONFIG.format(language="en") + (
        "theme: {features: [navigation.footer]}\n"
        "mkdocs: {extra: {social: [{icon: fontawesome/brands/mastodon,"
        " link: 'https://mastodon.example/@plan'}]}}\n"
    )
    footer = footer_of(built(tmp_path, config), "goals")
    assert footer.select(".md-footer__link")  # previous and next pages
    assert footer.select_one(".md-social a[href='https://mastodon.example/@plan']") is not None
    assert footer.select_one(".ps-footer__organisation").get_text() == "Example Ltd"
    assert "Made with" not in footer.get_text()
