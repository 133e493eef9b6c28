"""PS508 (a link analytics cannot follow) and PS601 (a goal no tagged link leads to)
ask one rule, the model's, which also decides what UTM tags: they agree on every
way of writing a link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_FILES, PlanFactory, run_cli

WRITTEN = "link: https://shop.example/hello"
WEB_LINKS = [
    "HTTPS://shop.example/hello",
    "Https://shop.example/hello",
    "hTTpS://shop.example/hello",
    "HTTP://shop.example/hello?ref=a",
    "http://shop.example/hello",
    " https://shop.example/hello",
]
OTHER_LINKS = ["mailto:sam@shop.example", "MAILTO:sam@shop.example", "Mailto:sam@shop.example"]


def plan_with_link(make_plan: PlanFactory, link: str) -> Path:
    calendar = MINIMAL_FILES["plan/calendar/q1.yml"]
    assert WRITTEN in calendar
    return make_plan({"plan/calendar/q1.yml": calendar.replace(WRITTEN, f"link: '{link}'")})


def codes(root: Path) -> list[str]:
    result = run_cli("check", "--format", "json", cwd=root)
    return [d["code"] for d in json.loads(result.stdout)["diagnostics"]]


def exported_link(root: Path) -> str:
    result = run_cli("export", "json", cwd=root)
    assert result.exit_code == 0, result.output
    link: str = json.loads(result.stdout)[0]["link"]
    return link


@pytest.mark.parametrize("link", WEB_LINKS)
def test_a_web_link_in_any_case_is_tracked_by_both_rules(make_plan: PlanFactory, link: str) -> None:
    root = plan_with_link(make_plan, link)
    assert codes(root) == []
    assert "utm_content=hello" in exported_link(root)


@pytest.mark.parametrize("link", OTHER_LINKS)
def test_a_mail_link_in_any_case_is_untracked_for_both_rules(
    make_plan: PlanFactory, link: str
) -> None:
    root = plan_with_link(make_plan, link)
    found = codes(root)
    assert found.count("PS508") == 1
    assert found.count("PS601") == 3  # the minimal plan's three goals, all on instagram
    assert exported_link(root) == link
