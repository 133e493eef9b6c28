"""The benchmark's own parts: its synthetic plans and its stage timers."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from bench import floor
from bench.measure import STAGES, time_build
from bench.run import time_preview_rebuild
from bench.synthetic import write_plan
from generator.check import Inputs, check_plan
from generator.load import plan_folder
from generator.runtime import forked


def test_every_stage_is_timed_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stage whose function moved would show "n/a" in the benchmark's table, and
    work done in a forked process would escape its timers."""
    monkeypatch.setattr(plan_folder, "PARALLEL_FROM_BYTES", 0)  # any calendar would fork
    forks: list[bool] = []
    started = forked.started

    def recorded(work: Callable[[], Any], beside: bool) -> AbstractContextManager[Any]:
        forks.append(beside)
        return started(work, beside)

    monkeypatch.setattr(forked, "started", recorded)
    plan = write_plan(tmp_path, 300)
    build = time_build(Path(plan.plan_dir), Path(plan.config_file), tmp_path / "site")
    assert [s.label for s in STAGES if s.label not in build.seconds] == []
    assert forks and not any(forks)
    assert (tmp_path / "site" / "calendar" / "index.html").is_file()


def test_a_preview_rebuild_is_timed_after_an_edit(tmp_path: Path) -> None:
    """`make bench` times the preview the way `plansite serve` rebuilds: each rebuild
    follows an edit, and the plan is left as it was."""
    plan = write_plan(tmp_path / "plan", 60)
    calendar = sorted(Path(plan.plan_dir).glob("calendar/*.yml"))[0]
    before = calendar.read_text("utf-8")
    seconds = time_preview_rebuild(plan, tmp_path / "preview", repeat=2)
    assert seconds > 0
    assert calendar.read_text("utf-8") == before


def test_the_floor_reads_every_plan_file_and_writes_one_event_a_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write_plan(tmp_path / "plan", 60)
    loaded: list[str] = []
    real_load = floor.yaml.load
    monkeypatch.setattr(
        floor.yaml, "load", lambda text, Loader: loaded.append(text) or real_load(text, Loader)
    )
    written: list[bytes] = []
    real_to_ical = floor.icalendar.Calendar.to_ical
    monkeypatch.setattr(
        floor.icalendar.Calendar, "to_ical", lambda self: written.append(real_to_ical(self)) or b""
    )
    assert floor.libyaml_read_seconds(plan.plan_dir) > 0
    assert floor.icalendar_seconds(plan) > 0
    files = [p for p in Path(plan.plan_dir).rglob("*") if p.suffix in (".yml", ".md")]
    assert len(loaded) == len(files)
    assert written[0].count(b"BEGIN:VEVENT") == len(plan.posts)


def test_the_synthetic_plan_follows_the_format_with_no_finding(tmp_path: Path) -> None:
    """The benchmark times a plan a team could write: at a size where every post has
    a free slot, it checks with no error and no warning."""
    plan = write_plan(tmp_path / "plan", 300)
    assert not plan.warnings_expected
    checked = check_plan(Inputs(Path(plan.plan_dir), Path(plan.config_file)))
    found = [*checked.report.diagnostics, *checked.findings]
    assert [(d.code, d.message) for d in found] == []
