"""The words of the pages: no raw field name as a label, the menu and the page titles
saying the same thing, a campaign's page not repeating its own name on every post, a
persona's demographics as a definition list and its networks named once."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from tests.conftest import EXAMPLE_PLAN, run_cli, write_plan


def schema_fields() -> set[str]:
    """Every field name the plan's schemas know that a reader could not mistake for a
    word: those with an underscore (utm_campaign, posts_per_week...)."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(
                node.get("properties", {}) if isinstance(node.get("properties"), dict) else ()
            )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for schema in (resources.files("generator") / "load" / "schemas").iterdir():
        if schema.name.endswith(".json"):
            walk(json.loads(schema.read_text("utf-8")))
    return {name for name in names if "_" in name}


FIELDS = schema_fields()
FIELD = re.compile(r"(?<![\w.-])(" + "|".join(sorted(FIELDS)) + r")(?![\w-])")


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def article(html: BeautifulSoup) -> Tag:
    found = html.select_one("article")
    assert found is not None
    return found


def test_the_schemas_have_the_field_names_this_file_looks_for() -> None:
    assert {"utm_campaign", "posts_per_week", "engagement_rate", "last_post"} <= FIELDS


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_site_word_is_a_raw_field_name(language: str) -> None:
    catalogue = yaml.safe_load(
        (resources.files("generator") / "locales" / f"{language}.yml").read_text("utf-8")
    )
    texts = {
        key: " ".join(value.values()) if isinstance(value, dict) else str(value)
        for key, value in catalogue.items()
    }
    assert {key: FIELD.findall(text) for key, text in texts.items() if FIELD.search(text)} == {}


def test_no_page_shows_a_raw_field_name(example_site: Path) -> None:
    """Addresses, code and the checks' hints (which tell an author what to write) aside."""
    found = {}
    for path in sorted(example_site.rglob("index.html")):
        body = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("article")
        if body is None:
            continue
        for kept_out in body.select("code, pre, .ps-findings"):
            kept_out.decompose()
        for link in body.select("a"):
            if link.get_text().startswith("http"):
                link.decompose()
        names = FIELD.findall(body.get_text(" "))
        if names:
            found[str(path.relative_to(example_site))] = names
    assert found == {}


def test_the_campaign_page_labels_its_tag_in_words(example_site: Path) -> None:
    campaign = article(page(example_site, "campaigns/printemps-2027"))
    labels = [
        row.select("td")[0].get_text() for row in campaign.select("table")[0].select("tr")[1:]
    ]
    assert "Nom de campagne des liens balisés" in labels
    assert "utm_campaign" not in campaign.get_text()


def top_navigation(html: BeautifulSoup) -> list[tuple[str, str]]:
    """(label, address) of the menu's top level."""
    menu = html.select_one("nav.md-nav--primary > ul.md-nav__list")
    assert menu is not None
    items = []
    for item in menu.find_all("li", recursive=False):
        link = item.select_one("a.md-nav__link")
        assert link is not None
        items.append((link.get_text(" ", strip=True), str(link["href"])))
    return items


def test_each_page_of_the_menu_is_titled_as_the_menu_names_it(example_site: Path) -> None:
    home = page(example_site, "")
    checked = 0
    for label, href in top_navigation(home)[1:]:  # the overview is titled with the plan's name
        target = page(example_site, href.strip("./").rstrip("/"))
        heading = target.select_one("article h1")
        assert heading is not None
        assert heading.get_text(strip=True).rstrip("¶") == label, href
        checked += 1
    assert checked >= 9


@pytest.mark.parametrize(
    "path", ["calendar", "calendar/2027-03", "channels", "goals", "personas/claire-decoratrice"]
)
def test_no_section_of_the_menu_holds_a_page_named_as_itself(example_site: Path, path: str) -> None:
    menu = page(example_site, path).select_one("nav.md-nav--primary")
    assert menu is not None
    for section in menu.select("li.md-nav__item--nested"):
        own = section.select_one(".md-ellipsis")
        assert own is not None
        inside = [label.get_text(strip=True) for label in section.select(":scope nav .md-ellipsis")]
        assert own.get_text(strip=True) not in inside, (path, inside)


def test_a_campaign_s_posts_do_not_repeat_its_name(example_site: Path) -> None:
    for source in ("printemps-2027",):  # the winter sale is over by the plan's today
        campaign = article(page(example_site, f"campaigns/{source}"))
        heading = campaign.select_one("h1")
        assert heading is not None
        name = heading.get_text(strip=True).rstrip("¶")
        cards = campaign.select(".ps-post-card")
        assert cards
        assert not any(name in card.get_text() for card in cards)


def test_the_campaign_column_stays_where_posts_of_several_campaigns_are_listed(
    example_site: Path,
) -> None:
    month = article(page(example_site, "calendar/2027-03/posts"))
    assert "Campagne" in month.get_text()


def test_a_persona_s_demographics_are_a_definition_list(example_site: Path) -> None:
    front = yaml.safe_load(
        (EXAMPLE_PLAN / "personas/claire-decoratrice.md").read_text("utf-8").split("---")[1]
    )
    persona = article(page(example_site, "personas/claire-decoratrice"))
    facts = persona.select_one("dl.ps-facts")
    assert facts is not None
    assert [dt.get_text() for dt in facts.select("dt")] == ["Profil sociodémographique"]
    assert [dd.get_text() for dd in facts.select("dd")] == [front["demographics"]]
    assert not [td for td in persona.select("td") if not td.get_text(strip=True)]


PERSONA = """\
---
name: Sam <b>the</b> buyer
demographics: "30-45, <i>city</i> flat & a dog"
networks: [instagram, linkedin, tiktok]
---
"""
CEO = """\
---
network: linkedin
mission: The founder's voice.
goals: [leads]
---
"""


@pytest.fixture(scope="module")
def english_persona(tmp_path_factory: pytest.TempPathFactory) -> Tag:
    root = tmp_path_factory.mktemp("persona")
    write_plan(root, {"plan/personas/sam.md": PERSONA, "plan/channels/linkedin-ceo.md": CEO})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    return article(page(root / "site", "personas/sam"))


def test_where_they_are_says_each_network_once_and_links_its_channels(
    english_persona: Tag,
) -> None:
    heading = next(h2 for h2 in english_persona.select("h2") if "Where they are" in h2.get_text())
    listed = heading.find_next("ul")
    assert isinstance(listed, Tag)
    items = [
        (li.get_text(" ", strip=True), [a["href"] for a in li.select("a")])
        for li in listed.select("li")
    ]
    assert items == [
        ("Instagram", ["../../channels/instagram/"]),  # its one channel, named as the network
        ("LinkedIn — linkedin-ceo", ["../../channels/linkedin-ceo/"]),
        ("TikTok", []),  # no channel of the plan there
    ]


def test_demographics_from_the_plan_stay_text(english_persona: Tag) -> None:
    facts = english_persona.select_one("dl.ps-facts dd")
    assert facts is not None
    assert facts.get_text() == "30-45, <i>city</i> flat & a dog"
    assert facts.find("i") is None
