"""The corpus of broken plans (tests/broken_cases.py): each gives one exact error and no site.

A plan author who makes one mistake must read one line that names the file, the
line and column, what is wrong and how to fix it; plansite must stop with exit
code 1, never with a traceback, and must leave the last good site alone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.broken_cases import CASES, SUMMARY, Case, Files
from tests.conftest import run_cli, write_plan

BY_NAME = {case.name: case for case in CASES}

# One case per stage of a build: YAML parsing, decoding, cross-file references,
# the model (local times), the site configuration, and no plan at all.
BUILD_CASES = (
    "tab-in-indentation",
    "latin-1-bytes",
    "unknown-channel",
    "daylight-saving-gap",
    "unknown-language-in-config",
    "missing-plan-folder",
)


def write_broken_plan(root: Path, files: Files) -> Path:
    """The minimal plan under `root` with `files` changed: text, raw bytes, or None to remove.

    It also breaks a plan that is already there (and built): a removed file's
    folders go too when nothing is left in them, as if they had never been written.
    """
    write_plan(root, {path: text for path, text in files.items() if not isinstance(text, bytes)})
    for path, content in files.items():
        target = root / path
        if isinstance(content, bytes):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        elif content is None and target.exists():
            target.unlink()
            folder = target.parent
            while folder != root and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    return root


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with its bytes (None for a folder)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else None
        for path in folder.rglob("*")
    }


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


def test_the_corpus_covers_enough_defects_with_unique_names() -> None:
    """Parametrized ids must be unique, or pytest would quietly run a case under another's name."""
    assert len(CASES) >= 45
    assert len(BY_NAME) == len(CASES)
    assert all(case.files for case in CASES)


def test_the_minimal_plan_is_clean(tmp_path: Path) -> None:
    """Every case adds one defect to this plan: it must have none of its own."""
    result = run_cli("check", cwd=write_broken_plan(tmp_path, {}))
    assert result.exit_code == 0, result.output
    assert result.stderr == "0 errors, 0 warnings; the plan is valid.\n"


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_check_reports_the_one_defect_exactly(tmp_path: Path, case: Case) -> None:
    """One defect, one error line, then the summary; exit code 1 and no traceback.

    The whole output is compared, not just searched: a follow-on error
    ("unknown account" after a broken audit.yml) buries the real one.
    """
    result = run_cli("check", cwd=write_broken_plan(tmp_path, case.files))
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [case.expected, SUMMARY]
    assert result.exit_code == 1


@pytest.fixture(scope="module")
def built_minimal_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal plan and its site, built once: each build test breaks a copy of it."""
    root = write_broken_plan(tmp_path_factory.mktemp("built"), {})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("name", BUILD_CASES)
def test_a_broken_build_keeps_the_last_site(
    built_minimal_plan: Path, tmp_path: Path, name: str
) -> None:
    """A build that fails leaves the published site byte for byte, and no scratch folder."""
    case = BY_NAME[name]
    assert not case.xfail, "a build case must be one plansite already reports right"
    root = tmp_path / "repo"
    shutil.copytree(built_minimal_plan, root)
    before = snapshot(root / "site")
    assert "calendar.ics" in before

    result = run_cli("build", cwd=write_broken_plan(root, case.files))

    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [case.expected, SUMMARY]
    assert snapshot(root / "site") == before
    left = {path.name for path in root.iterdir()} - {"plan", "site_config.yml"}
    assert left == {"site"}
