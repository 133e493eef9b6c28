"""The benchmark's own parts: its synthetic plans and its stage timers."""

from __future__ import annotations

from pathlib import Path

from bench.measure import STAGES, time_build
from bench.synthetic import write_plan


def test_every_stage_is_timed_in_a_build_of_a_synthetic_plan(tmp_path: Path) -> None:
    """A stage whose function moved would show "n/a" in the benchmark's table."""
    plan = write_plan(tmp_path, 300)
    build = time_build(Path(plan.plan_dir), Path(plan.config_file), tmp_path / "site")
    assert [s.label for s in STAGES if s.label not in build.seconds] == []
    assert (tmp_path / "site" / "calendar" / "index.html").is_file()
