"""The benchmark's own parts: its synthetic plans and its stage timers."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from bench.measure import STAGES, time_build
from bench.synthetic import write_plan
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
