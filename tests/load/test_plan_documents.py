"""load/ gives validated documents: every file is checked against its schema as it
is read, and the documents know where each file's problems lie."""

from __future__ import annotations

from generator.diagnostics import Report
from generator.load.plan_folder import read_plan_folder
from tests.conftest import PlanFactory, run_cli

BROKEN_POST = (
    "posts:\n  - {date: 2027-01-05, channel: instagram}\n  - {date: 2027-01-06, title: B}\n"
)


def test_documents_know_where_each_schema_problem_lies(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/calendar/q1.yml": BROKEN_POST, "plan/content.yml": "- not a mapping\n"})
    report = Report()
    documents = read_plan_folder(root / "plan", report)
    (calendar,) = documents.calendars
    assert not documents.valid(calendar, ("posts", 0))
    assert not documents.valid(calendar, ("posts", 1))
    assert not documents.valid(calendar)  # the file has problems somewhere
    assert documents.valid(documents.singles["audit"], ("accounts", 0))
    assert documents.unusable("content") and not documents.unusable("audit")
    assert documents.valid_data("content") == {}
    assert sorted(d.message for d in report.errors) == [
        "missing required field 'channel'",
        "missing required field 'title'",
        "the file must be a mapping of fields, not a list",
    ]


def test_plan_files_are_checked_even_when_the_site_configuration_is_broken(
    make_plan: PlanFactory,
) -> None:
    """Every problem at once: the plan's own, with the configuration's."""
    root = make_plan({"site_config.yml": "site_name: [x]\n", "plan/calendar/q1.yml": BROKEN_POST})
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert "site_config.yml:1:1: error: 'site_name' must be text" in result.stderr
    assert "missing required field 'title'" in result.stderr
