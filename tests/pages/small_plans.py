"""Small plans for the pages' unit tests: the minimal plan with a few files replaced,
read and checked by the loader as a build reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import check
from generator.diagnostics import PlanError
from tests.conftest import write_plan


def checked_plan(tmp_path: Path, files: dict[str, str | None]) -> check.Checked:
    """The minimal plan with `files` replaced, read and checked; it must have no error."""
    root = write_plan(tmp_path, files)
    try:
        return check.check_plan(check.Inputs(root / "plan", root / "site_config.yml"))
    except PlanError as exc:
        pytest.fail("\n".join(d.format() for d in exc.report.errors))


def posts(*lines: str) -> str:
    """A calendar file of posts, one flow mapping each."""
    return "posts:\n" + "".join(f"  - {line}\n" for line in lines)
