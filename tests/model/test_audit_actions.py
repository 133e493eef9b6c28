"""The audit as a to-do list (model/audit_actions.py): what each account needs, who does
it, and the checks of the audit judging by the same rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import entities as m
from generator.model.audit_actions import (
    action_counts,
    actions_by_owner,
    actions_of_account,
    audit_actions,
    profile_asked,
    profile_gaps,
)
from tests.pages.small_plans import checked_plan

FULL = m.Profile(
    bio="Lamps", avatar=True, cover=True, link="https://x.example/", keywords=("a",),
    cross_promotion=True,
)  # fmt: skip
WHERE = m.Location(Path("plan/audit.yml"), 1, 1)


def account(
    status: str = "keep", owner: str = "Sam", official: bool = True, profile: m.Profile = FULL
) -> m.Account:
    return m.Account(
        id="a", network="instagram", handle="@a", source=WHERE, owner=owner,
        status=status, official=official, profile=profile,
    )  # fmt: skip


def kinds(found: m.Account) -> list[tuple[str, tuple[str, ...]]]:
    return [(action.kind, action.missing) for action in actions_of_account(found)]


@pytest.mark.parametrize(
    ("status", "official", "expected"),
    [
        ("create", True, [("create", ())]),
        ("delete", True, [("delete", ())]),
        ("report", False, [("report", ())]),
        ("keep", False, [("report", ())]),  # an impostor is reported, whatever its status
        ("update", True, [("update", ())]),  # marked to update, even with a full profile
        ("keep", True, []),  # complete and kept: nothing to do
    ],
)
def test_what_an_account_needs_follows_its_status(
    status: str, official: bool, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert kinds(account(status, official=official)) == expected


@pytest.mark.parametrize("status", ["keep", "update"])
def test_an_account_in_service_with_gaps_is_to_update_with_the_fields_it_lacks(
    status: str,
) -> None:
    lacking = m.Profile(bio="Lamps", avatar=True, keywords=("a",))
    assert kinds(account(status, profile=lacking)) == [
        ("update", ("cover", "link", "cross_promotion"))
    ]


@pytest.mark.parametrize(
    ("status", "official"), [("delete", True), ("create", True), ("report", False), ("keep", False)]
)
def test_no_profile_is_asked_of_an_account_to_delete_to_create_or_of_an_impostor(
    status: str, official: bool
) -> None:
    empty = account(status, official=official, profile=m.Profile())
    assert not profile_asked(empty)
    assert profile_gaps(empty) == ()
    assert all(action.kind != "update" for action in actions_of_account(empty))


@pytest.mark.parametrize(
    ("status", "official", "lacks_owner"),
    [("keep", True, True), ("create", True, True), ("update", True, True),
     ("delete", True, False), ("report", False, False)],
)  # fmt: skip
def test_an_account_the_brand_keeps_without_an_owner_needs_one(
    status: str, official: bool, lacks_owner: bool
) -> None:
    found = [a.kind for a in actions_of_account(account(status, "", official))]
    assert ("assign_owner" in found) is lacks_owner


AUDIT = """\
accounts:
  - {id: insta, network: instagram, handle: "@ex", owner: Sam,
     profile: {bio: Hi, avatar: true, cover: true, link: "https://s.example/",
               keywords: [a], cross_promotion: true}}
  - {id: fb, network: facebook, handle: Ex, owner: zoé, status: update, profile: {bio: Hi}}
  - {id: tt, network: tiktok, handle: "@ex", owner: Sam, status: create}
  - {id: old, network: x, handle: "@old", owner: Ana, status: delete}
  - {id: fake, network: instagram, handle: "@ex.official", official: false, status: report}
  - {id: pin, network: pinterest, handle: ex, status: keep,
     profile: {bio: Hi, avatar: true, cover: true, link: true, keywords: [a],
               cross_promotion: true}}
"""


def test_the_actions_come_by_kind_grouped_by_owner_and_counted(tmp_path: Path) -> None:
    plan = checked_plan(tmp_path, {"plan/audit.yml": AUDIT}).plan
    actions = audit_actions(plan)
    assert [(a.kind, a.account.id) for a in actions] == [
        ("create", "tt"), ("update", "fb"), ("delete", "old"), ("report", "fake"),
        ("assign_owner", "pin"),
    ]  # fmt: skip
    grouped = [(owner, [a.account.id for a in owned]) for owner, owned in actions_by_owner(actions)]
    # Owners alphabetically whatever their case; the actions nobody owns last.
    assert grouped == [("Ana", ["old"]), ("Sam", ["tt"]), ("zoé", ["fb"]), ("", ["fake", "pin"])]
    assert action_counts(actions) == {
        "create": 1, "update": 1, "delete": 1, "report": 1, "assign_owner": 1,
    }  # fmt: skip


def test_the_checks_of_the_audit_judge_by_the_same_rules(tmp_path: Path) -> None:
    """PS206 (incomplete profile) fires for exactly the accounts the list asks to complete,
    PS201 (no owner) for exactly those it asks an owner for."""
    checked = checked_plan(tmp_path, {"plan/audit.yml": AUDIT})
    actions = audit_actions(checked.plan)
    line_of = {a.id: a.source.line for a in checked.plan.accounts}

    def lines(code: str) -> set[int]:
        return {d.location.line for d in checked.report.diagnostics if d.code == code}

    to_complete = {line_of[a.account.id] for a in actions if a.kind == "update" and a.missing}
    without_owner = {line_of[a.account.id] for a in actions if a.kind == "assign_owner"}
    assert lines("PS206") == to_complete and to_complete
    assert lines("PS201") == without_owner and without_owner
