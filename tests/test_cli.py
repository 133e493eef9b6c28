"""The `plansite` command as people type it: exit codes, output, and where files go."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINIMAL_FILES, REPO, PlanFactory, run_cli


def test_check_exits_0_on_a_valid_plan(make_plan: PlanFactory) -> None:
    result = run_cli("check", cwd=make_plan())
    assert result.exit_code == 0
    assert result.stderr == "0 errors, 0 warnings; the plan is valid.\n"


def test_check_exits_1_on_plan_errors_and_writes_nothing(make_plan: PlanFactory) -> None:
    root = make_plan({"plan/goals/followers.md": "---\ntitle: [unclosed\n---\n"})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "1 error, 0 warnings; nothing was written."
    assert not (root / "site").exists()


def test_usage_errors_exit_2(make_plan: PlanFactory) -> None:
    assert run_cli("build", "--no-such-option", cwd=make_plan()).exit_code == 2
    assert run_cli("publish", cwd=make_plan()).exit_code == 2


def test_a_missing_plan_folder_is_a_plan_error(tmp_path: Path) -> None:
    (tmp_path / "site_config.yml").write_text("site_name: X\n")
    result = run_cli("check", "--plan", "nowhere", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "nowhere: error: plan folder not found (pass the folder with --plan, or run plansite init)"
    )


def test_a_missing_config_is_a_plan_error(make_plan: PlanFactory) -> None:
    root = make_plan({"site_config.yml": None})
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "site_config.yml: error: site configuration not found "
        "(pass it with --config, or create site_config.yml with at least 'site_name:')"
    )


def test_plan_config_and_out_options(make_plan: PlanFactory, tmp_path: Path) -> None:
    root = make_plan()
    (root / "plan").rename(root / "marketing")
    (root / "site_config.yml").rename(root / "settings.yml")
    result = run_cli(
        "build", "--plan", "marketing", "--config", "settings.yml", "--out", "public", cwd=root
    )
    assert result.exit_code == 0, result.output
    assert (root / "public" / "goals" / "followers" / "index.html").is_file()


def test_strict_turns_warnings_into_a_failure(make_plan: PlanFactory) -> None:
    goal = MINIMAL_FILES["plan/goals/followers.md"]
    root = make_plan({"plan/goals/followers.md": goal + "        See [the brief](brief.md).\n"})
    relaxed = run_cli("build", cwd=root)
    assert relaxed.exit_code == 0
    assert "warning: MkDocs:" in relaxed.stderr
    assert "brief.md" in relaxed.stderr
    strict = run_cli("build", "--strict", "--out", "strict-site", cwd=root)
    assert strict.exit_code == 1
    assert "brief.md" in strict.stderr
    assert not (root / "strict-site").exists()


def test_a_failed_build_keeps_the_previous_site(make_plan: PlanFactory) -> None:
    root = make_plan()
    assert run_cli("build", cwd=root).exit_code == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "plan" / "calendar" / "q1.yml").write_text("posts: [\n")
    assert run_cli("build", cwd=root).exit_code == 1
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".plansite")] == []


def _installed_command(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def test_a_plan_repository_elsewhere_builds_with_the_installed_command(
    make_plan: PlanFactory,
) -> None:
    """Outside this repository, the shipped templates and theme give the same look."""
    root = make_plan()
    assert not root.is_relative_to(REPO)
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [_installed_command("plansite"), "build"], cwd=root, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    css = root / "site" / "assets" / "stylesheets" / "plansite.css"
    assert css.is_file()
    html = (root / "site" / "index.html").read_text()
    assert "assets/stylesheets/plansite.css" in html


def test_python_dash_m_generator_is_the_same_command(make_plan: PlanFactory) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=make_plan(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "0 errors, 0 warnings; the plan is valid.\n"


def test_two_builds_give_the_same_bytes(make_plan: PlanFactory) -> None:
    root = make_plan()
    env = {"SOURCE_DATE_EPOCH": "1798761600"}
    trees = []
    for out in ("one", "two"):
        done = subprocess.run(
            [_installed_command("plansite"), "build", "--out", out],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )
        assert done.returncode == 0, done.stderr
        trees.append(
            {
                p.relative_to(root / out): p.read_bytes()
                for p in (root / out).rglob("*")
                if p.is_file()
            }
        )
    assert trees[0] == trees[1]


def test_check_imports_neither_mkdocs_nor_icalendar(make_plan: PlanFactory) -> None:
    """For a small plan, importing what writes a site took longer than the check."""
    root = make_plan()
    probe = (
        "import sys\n"
        "from generator.cli import main\n"
        "try:\n"
        "    main(['check'])\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "print(sorted(m for m in ('mkdocs', 'icalendar', 'jinja2', 'jsonschema') "
        "if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stderr
