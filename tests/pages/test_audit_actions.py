"""The audit page opens with its to-do list: the actions grouped by owner, counted, each
update with the profile fields it lacks; the inventory stays under it."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import run_cli, write_plan
from tests.model.test_audit_actions import AUDIT

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_AUDIT = AUDIT.replace("owner: Ana", f"owner: '{HOSTILE}'").replace(
    'handle: "@old"', f"handle: '{HOSTILE}'"
)
FRENCH = "site_name: T\nlanguage: fr\ntimezone: Europe/Paris\n"


def built_audit(root: Path, files: dict[str, str | None]) -> Tag:
    write_plan(root, files)
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    html = BeautifulSoup((root / "site/audit/index.html").read_text("utf-8"), "html.parser")
    found = html.select_one("article")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> Tag:
    return built_audit(tmp_path_factory.mktemp("audit"), {"plan/audit.yml": HOSTILE_AUDIT})


@pytest.fixture(scope="module")
def french_audit(tmp_path_factory: pytest.TempPathFactory) -> Tag:
    files = {"plan/audit.yml": AUDIT, "site_config.yml": FRENCH}
    return built_audit(tmp_path_factory.mktemp("audit-fr"), files)


def todo_of(article: Tag) -> Tag:
    todo = article.select_one(".ps-todo")
    assert todo is not None
    return todo


def test_the_to_do_list_comes_before_the_inventory(audit: Tag) -> None:
    todo, inventory = todo_of(audit), audit.select_one(".ps-inventory")
    assert inventory is not None
    assert todo in inventory.find_all_previous("div")


def test_the_actions_are_counted_by_kind(audit: Tag, french_audit: Tag) -> None:
    counts = todo_of(audit).select_one(".ps-todo__counts")
    assert counts is not None
    assert [c.get_text() for c in counts.select(".ps-todo__count")] == [
        "1 account to create", "1 account to update", "1 account to delete",
        "1 impostor to report", "1 account without an owner",
    ]  # fmt: skip
    french = todo_of(french_audit).select(".ps-todo__count")
    assert [c.get_text() for c in french] == [
        "1 compte à créer", "1 compte à mettre à jour", "1 compte à supprimer",
        "1 imposteur à signaler", "1 compte sans responsable",
    ]  # fmt: skip


def test_the_actions_are_grouped_by_owner_with_their_count(audit: Tag) -> None:
    groups = todo_of(audit).select(".ps-todo__owner")
    headings = [g.h3.get_text(" ", strip=True) for g in groups if g.h3]
    assert headings == [f"{HOSTILE} (1)", "Sam (1)", "zoé (1)", "No owner (2)"]
    last = [li.get_text(" ", strip=True) for li in groups[-1].select("li")]
    assert last[0].startswith("Report Instagram — @ex.official")
    assert last[1].startswith("Give it an owner Pinterest — ex")


def test_an_update_lists_the_profile_fields_it_lacks(audit: Tag, french_audit: Tag) -> None:
    (update,) = todo_of(audit).select(".ps-todo__item--update")
    assert update.get_text(" ", strip=True).endswith(
        "missing: avatar, cover, link, keywords, cross-promotion"
    )
    (french,) = todo_of(french_audit).select(".ps-todo__item--update")
    assert "à compléter : photo de profil, bannière, lien, mots-clés" in french.get_text()


def test_plan_text_in_the_to_do_list_stays_text(audit: Tag) -> None:
    todo = todo_of(audit)
    assert todo.find("img") is None
    assert todo.get_text().count(HOSTILE) == 2  # the owner's heading and the handle


def test_an_account_to_delete_or_create_or_an_impostor_shows_no_profile_score(
    audit: Tag,
) -> None:
    inventory = audit.select_one(".ps-inventory table")
    assert inventory is not None
    profile_of = {
        row.select("td")[1].get_text(strip=True): row.select("td")[-1].get_text(strip=True)
        for row in inventory.select("tbody tr")
    }
    assert profile_of[HOSTILE] == profile_of["@ex.official"] == "—"
    assert profile_of["@ex"] in ("6/6", "—")  # instagram kept (6/6), tiktok to create
    assert profile_of["Ex"].startswith("1/6 (missing:")
    assert not any(score.startswith("0/6") for score in profile_of.values())


def test_with_nothing_to_do_the_list_says_so(tmp_path: Path) -> None:
    article = built_audit(tmp_path, {})
    assert todo_of(article).get_text(strip=True) == "Nothing to do on the accounts."
