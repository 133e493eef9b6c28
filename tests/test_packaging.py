"""plansite installs like any command-line tool: one version, a licence, and a
wheel that works on its own in a fresh virtual environment."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

import generator
from tests.conftest import REPO, run_cli

PACKAGE = REPO / "generator"
# Shipped inside the package although it lives at the top of the repository
# ([tool.hatch.build.targets.wheel.force-include]).
THEME = REPO / "theme"
# The folders a plan repository relies on at run time: a wheel without one of
# them installs fine and fails at the first build.
DATA_FOLDERS = (
    "generator/pages/templates",
    "generator/theme",
    "generator/load/schemas",
    "generator/locales",
    "generator/commands/starter",
)


def pyproject() -> dict[str, object]:
    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))


def test_the_version_is_written_once_in_the_package() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    assert "version" not in project and "version" in project["dynamic"]
    tool = pyproject()["tool"]
    assert isinstance(tool, dict)
    assert tool["hatch"]["version"]["path"] == "generator/__init__.py"
    written = re.findall(
        r'^__version__ = "([^"]+)"$', (PACKAGE / "__init__.py").read_text("utf-8"), re.M
    )
    assert written == [generator.__version__]


def test_version_option_prints_the_installed_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output == f"plansite, version {generator.__version__}\n"
    assert importlib.metadata.version("plansite") == generator.__version__


def test_the_licence_pyproject_names_is_in_the_repository() -> None:
    assert pyproject()["project"]["license"] == "MIT"  # type: ignore[index]
    text = (REPO / "LICENSE").read_text("utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 plansite contributors" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def files_under(folder: Path, named_as: str) -> set[str]:
    """Every file of a source folder, by the path it takes in the wheel."""
    return {
        f"{named_as}/{path.relative_to(folder).as_posix()}"
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def run_pip(python: Path | str, *args: str) -> None:
    done = subprocess.run(
        [str(python), "-m", "pip", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def build_wheel(into: Path) -> Path:
    run_pip(sys.executable, "wheel", str(REPO), "--no-deps", "-q", "-w", str(into))
    (wheel,) = into.glob("plansite-*.whl")
    return wheel


def install_in_fresh_venv(wheel: Path, folder: Path) -> Path:
    """The `bin` folder of a new virtual environment holding only the wheel and
    its dependencies, as `pipx install` makes one."""
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(folder)
    bin_folder = folder / "bin"
    run_pip(bin_folder / "python", "install", "-q", str(wheel))
    return bin_folder


def run_installed(bin_folder: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed `plansite`, run away from this checkout so that nothing is
    imported from it."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    }
    return subprocess.run(
        [str(bin_folder / "plansite"), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_carries_its_files_and_builds_a_new_plan(
    tmp_path: Path,
) -> None:
    wheel = build_wheel(tmp_path / "wheel")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    source = files_under(PACKAGE, "generator") | files_under(THEME, "generator/theme")
    for folder in DATA_FOLDERS:  # the walk found each of them, with files in it
        assert any(name.startswith(f"{folder}/") for name in source), folder
    assert sorted(source - shipped) == []
    assert f"plansite-{generator.__version__}.dist-info/licenses/LICENSE" in shipped

    bin_folder = install_in_fresh_venv(wheel, tmp_path / "venv")
    version = run_installed(bin_folder, "--version", cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout == f"plansite, version {generator.__version__}\n"
    imported = subprocess.run(
        [str(bin_folder / "python"), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(imported.stdout.strip()).is_relative_to(tmp_path / "venv")

    init = run_installed(bin_folder, "init", "team-plan", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    built = run_installed(bin_folder, "build", cwd=tmp_path / "team-plan")
    assert built.returncode == 0, built.stdout + built.stderr
    site = tmp_path / "team-plan" / "site"
    assert (site / "index.html").is_file() and (site / "calendar.ics").is_file()
    assert (site / "assets" / "stylesheets" / "plansite.css").is_file()  # the theme


CHANGELOG_SECTIONS = ("Plan format", "Checks", "Commands", "Site", "Docs", "Packaging")


def test_the_changelog_opens_with_unreleased_then_the_current_version() -> None:
    text = (REPO / "CHANGELOG.md").read_text("utf-8")
    assert text.startswith("# Changelog\n")
    versions = re.findall(r"^## (.+)$", text, re.M)
    assert versions[:2] == ["Unreleased", generator.__version__]


def test_each_changelog_version_lists_format_changes_first() -> None:
    text = (REPO / "CHANGELOG.md").read_text("utf-8")
    for version in re.split(r"^## ", text, flags=re.M)[1:]:
        sections = re.findall(r"^### (.+)$", version, re.M)
        known = [name for name in sections if name in CHANGELOG_SECTIONS]
        assert known == sorted(known, key=CHANGELOG_SECTIONS.index), version.splitlines()[0]
