"""What the preview keeps of the plan's files between reads, and a one-off read keeps nothing."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from generator.diagnostics import Report
from generator.load.kept_files import KeptFiles
from generator.load.plan_folder import read_plan_folder
from tests.conftest import PlanFactory

CALENDAR = "plan/calendar/q1.yml"


def read(root: Path, kept: KeptFiles | None = None) -> Report:
    report = Report()
    read_plan_folder(root / "plan", report, kept=kept)
    return report


def test_an_unchanged_file_is_reused_and_an_edited_one_read_again(
    make_plan: PlanFactory,
) -> None:
    root = make_plan()
    kept = KeptFiles()
    read(root, kept)
    goal = kept.document(root / "plan/goals/followers.md")
    calendar = kept.document(root / CALENDAR)
    assert goal is not None and calendar is not None
    (root / CALENDAR).write_text((root / CALENDAR).read_text().replace("Hello", "Hi"))
    read(root, kept)
    assert kept.document(root / "plan/goals/followers.md") is goal
    edited = kept.document(root / CALENDAR)
    assert edited is not None and edited is not calendar
    assert edited.data["posts"][0]["title"] == "Hi"


def test_a_file_that_is_gone_or_no_longer_parses_is_forgotten(make_plan: PlanFactory) -> None:
    root = make_plan()
    kept = KeptFiles()
    read(root, kept)
    (root / "plan/goals/reach.md").unlink()
    (root / CALENDAR).write_text("posts: [unclosed\n")
    report = read(root, kept)
    assert report.errors
    assert kept.document(root / "plan/goals/reach.md") is None
    assert kept.document(root / CALENDAR) is None


def test_schema_problems_of_a_kept_file_are_reported_on_every_read(
    make_plan: PlanFactory,
) -> None:
    root = make_plan({CALENDAR: "posts:\n  - {date: 2027-01-05, channel: instagram}\n"})
    kept = KeptFiles()
    first = [d.format() for d in read(root, kept).errors]
    again = [d.format() for d in read(root, kept).errors]
    assert first and again == first


def test_a_read_without_kept_files_keeps_nothing(make_plan: PlanFactory) -> None:
    """No module state: the documents of a one-off read are freed with it."""
    root = make_plan()
    documents = read_plan_folder(root / "plan", Report())
    doc = weakref.ref(documents.calendars[0])
    again = read_plan_folder(root / "plan", Report())
    assert again.calendars[0] is not doc()
    del documents
    gc.collect()
    assert doc() is None
