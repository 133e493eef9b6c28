"""The health page for a stakeholder: a count of the findings by step and severity
first, then each finding in plain words before its file, line and rule code."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from generator.build import page_context_from_checked
from generator.diagnostics import Diagnostic, Location, Severity
from generator.pages.render import PageRenderer, render_pages
from generator.pages.table_stash import TableStash
from tests.conftest import run_cli, write_plan
from tests.pages.small_plans import checked_plan, posts

SEVERITIES = ("error", "warning", "info")
# Five posts at the same hour on one channel (PS502 for four), an account
# without owner (PS201, acknowledged in site_config.yml as a note).
OVERFULL = posts(
    *(
        f"{{id: p{i}, date: 2027-01-05, time: '10:00', channel: instagram, type: tips,"
        f" title: P{i}}}"
        for i in range(5)
    )
)
AUDIT = """\
accounts:
  - id: insta
    network: instagram
    handle: "@example"
    profile: {bio: Lamps., avatar: true, cover: true, link: https://shop.example/,
              keywords: [lamps], cross_promotion: true}
"""
CONFIG = """\
site_name: Test plan
language: en
timezone: Europe/Paris
checks: {PS201: info}
"""
FILES = {"plan/calendar/q1.yml": OVERFULL, "plan/audit.yml": AUDIT, "site_config.yml": CONFIG}


def summary_rows(page: BeautifulSoup) -> list[list[str]]:
    table = page.select_one(".ps-health-summary table")
    assert table is not None
    return [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in table.select("tr")]


def built_health(root: Path, files: dict[str, str | None]) -> BeautifulSoup:
    write_plan(root, files)
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    html = (root / "site" / "health" / "index.html").read_text("utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    return BeautifulSoup(str(article), "html.parser")


def test_the_summary_counts_what_the_checks_found_by_step_and_severity(tmp_path: Path) -> None:
    findings = checked_plan(tmp_path / "checked", FILES).findings
    page = built_health(tmp_path / "built", FILES)
    rows = summary_rows(page)
    assert rows[0] == ["Step", "Errors", "Warnings", "Acknowledged"]
    expected = [
        [str(sum(f.step == step and f.severity.value == s for f in findings)) for s in SEVERITIES]
        for step in range(1, 7)
    ]
    assert [row[1:] for row in rows[1:7]] == expected
    assert rows[1][0].startswith("1. Goals") and rows[6][0].startswith("6. ")
    assert expected[4][1] == "4" and expected[1][2] == "1"  # the PS502s, the PS201
    totals = [str(sum(f.severity.value == s for f in findings)) for s in SEVERITIES]
    assert rows[7] == ["All steps", *totals]
    # The summary comes first, before the first step's heading.
    first_step = page.find("h2")
    assert first_step is not None and first_step.find_previous("table") is not None


def test_each_finding_reads_message_first_then_where_and_rule(tmp_path: Path) -> None:
    page = built_health(tmp_path, FILES)
    items = page.select("ul.ps-findings li")
    codes = [item.code.get_text() for item in items if item.code]
    assert codes.count("PS502") == 4 and codes.count("PS201") == 1
    for item in items:
        parts = [child for child in item.children if isinstance(child, Tag)]
        classes = [" ".join(child.get("class") or [child.name]) for child in parts]
        assert classes[1] == "ps-finding__message" and classes[-1] == "ps-finding__source"
        source = parts[-1]
        assert source.name == "small"
        where, code = source.select_one(".ps-where"), source.code
        assert where is not None and where.get_text().startswith("plan/")
        assert code is not None and code.get_text().startswith("PS")
        assert code.get_text() not in parts[1].get_text()  # the message is plain words
    owner = next(item for item in items if item.code and item.code.get_text() == "PS201")
    assert owner.select_one(".ps-finding__message").get_text().startswith("account 'insta'")
    heading = owner.find_previous("h2")
    assert heading is not None and heading.get_text().startswith("2.")


def test_the_french_example_counts_its_six_notes(example_site: Path) -> None:
    html = (example_site / "health" / "index.html").read_text("utf-8")
    rows = summary_rows(BeautifulSoup(html, "html.parser"))
    assert rows[0] == ["Étape", "Erreurs", "Avertissements", "Pris en compte"]
    # Step 6 notes the two rows of the results that match no post (PS615).
    assert [row[3] for row in rows[1:7]] == ["1", "1", "1", "0", "1", "2"]
    assert rows[7] == ["Toutes les étapes", "0", "0", "6"]


def rendered_health(tmp_path: Path, findings: list[Diagnostic]) -> BeautifulSoup:
    """The health page of the minimal plan with `findings`, as MkDocs' Markdown makes it."""
    context = replace(page_context_from_checked(checked_plan(tmp_path, {})), findings=findings)
    stash = TableStash(tmp_path / "stash")
    page = next(p for p in render_pages(context, PageRenderer(stash)) if p.path == "health.md")
    body = page.text.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["tables", "md_in_html"])
    return BeautifulSoup(stash.fill(html), "html.parser")


def finding(severity: Severity, step: int, message: str, code: str = "PS502") -> Diagnostic:
    location = Location(Path("plan/calendar/q1.yml"), 3, 5)
    return Diagnostic(location, severity, message, "a <hint>", code, step=step)


@pytest.mark.parametrize(
    "message",
    ["<script>alert(1)</script>", "**bold** [link](javascript:x)", "<img src=x onerror=y>"],
)
def test_errors_count_too_and_a_message_stays_text(tmp_path: Path, message: str) -> None:
    findings = [
        finding(Severity.ERROR, 5, message),
        finding(Severity.WARNING, 5, "two"),
        finding(Severity.INFO, 1, "three", "PS105"),
    ]
    page = rendered_health(tmp_path, findings)
    rows = summary_rows(page)
    assert rows[5][1:] == ["1", "1", "0"] and rows[1][1:] == ["0", "0", "1"]
    assert rows[7][1:] == ["1", "1", "1"]
    shown = [span.get_text() for span in page.select(".ps-finding__message")]
    assert shown == ["three", message, "two"]  # as written, not as markup
    assert page.find("script") is None and page.find("img") is None
    assert page.select_one("ul.ps-findings a") is None
