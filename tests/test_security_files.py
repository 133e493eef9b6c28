"""What a build reads and deletes: files outside the plan, the output folder, the
previous feed and the feed secret.

A plan repository takes pull requests from anyone and is built in CI with a
token that can publish: a link in the plan must not publish (or print) a file
from elsewhere on the machine, `--out` must never delete what plansite did not
write, a previous feed must not hold the build forever or fill its memory,
and a feed secret must be one safe folder name.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import run_cli, write_plan

# A line of /etc/shadow: what a link to it once printed in an error message.
SECRET = "root:*:20228:0:99999:7:::"
SECRET_BODY = "the body of a file outside the plan"
CONFIG = "site_config.yml"


def secret_files(folder: Path) -> Path:
    """Files outside the plan, each holding SECRET where plansite would show it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "secret.md").write_text(f'---\n"{SECRET}": 1\n---\n{SECRET_BODY}\n')
    (folder / "secret.yml").write_text(f'"{SECRET}": 1\n')
    for name in ("goals", "calendar"):
        (folder / name).mkdir(exist_ok=True)
    (folder / "goals" / "stolen.md").write_text(f'---\n"{SECRET}": 1\n---\n{SECRET_BODY}\n')
    (folder / "calendar" / "stolen.yml").write_text(f'posts:\n  - "{SECRET}": 1\n')
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A plan repository, with secret files beside it (in tmp_path/outside)."""
    secret_files(tmp_path / "outside")
    return write_plan(tmp_path / "repo", {})


def link(path: Path, target: str | Path) -> None:
    """Make `path` a symbolic link to `target` (replacing a file there)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() or path.is_symlink():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    path.symlink_to(target)


def assert_refused(result: Result, where: str, message: str) -> None:
    """Exit 1, one error naming `where`, and nothing of the secret files shown."""
    assert result.exit_code == 1, result.output
    assert f"{where}: error: {message}" in result.stderr, result.stderr
    assert SECRET not in result.output + result.stderr
    assert SECRET_BODY not in result.output + result.stderr


# -- 1. files outside the plan ------------------------------------------------------

OUTSIDE = "this link leads outside"

# (the link, where it points: relative to the link's folder, or absolute from tmp_path)
LINKS_OUT = {
    "relative-file": ("plan/goals/leak.md", "../../../outside/secret.md"),
    "absolute-file": ("plan/goals/leak.md", "/outside/secret.md"),
    "required-file": ("plan/plan.md", "../../outside/secret.md"),
    "single-file": ("plan/content.yml", "/outside/secret.yml"),
    "calendar-file": ("plan/calendar/leak.yml", "../../../outside/secret.yml"),
    "entity-folder": ("plan/goals", "../../outside/goals"),
    "calendar-folder": ("plan/calendar", "/outside/calendar"),
    "git-config": ("plan/calendar/leak.yml", "../../.git/config"),
    "config-file": (CONFIG, "../outside/secret.yml"),
    "config-file-absolute": (CONFIG, "/outside/secret.yml"),
    "plan-folder": ("plan", "../outside"),
}


def make_link(root: Path, name: str, target: str) -> None:
    if target.startswith("/"):
        target = str(root.parent / target.lstrip("/"))
    link(root / name, target)


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("case", sorted(LINKS_OUT))
def test_a_link_leading_out_of_the_plan_is_refused_and_never_shown(
    repo: Path, case: str, command: str
) -> None:
    (repo / ".git").mkdir()
    (repo / ".git" / "config").write_text(f'"{SECRET}": 1\n')
    name, target = LINKS_OUT[case]
    make_link(repo, name, target)
    result = run_cli(command, cwd=repo)
    assert_refused(result, name, OUTSIDE)
    assert "put the file itself there instead of a link" in result.stderr
    assert not (repo / "site").exists()


def test_a_chain_of_links_is_followed_to_its_end(repo: Path) -> None:
    # q2.yml -> README.yml (inside, and ignored as a README) -> outside
    link(repo / "plan" / "calendar" / "README.yml", repo.parent / "outside" / "secret.yml")
    link(repo / "plan" / "calendar" / "q2.yml", "README.yml")
    assert_refused(run_cli("build", cwd=repo), "plan/calendar/q2.yml", OUTSIDE)


def test_a_link_to_a_hidden_file_inside_the_plan_is_refused(repo: Path) -> None:
    (repo / "plan" / ".drafts").mkdir()
    (repo / "plan" / ".drafts" / "g.md").write_text(f'---\n"{SECRET}": 1\n---\n')
    link(repo / "plan" / "goals" / "draft.md", "../.drafts/g.md")
    result = run_cli("check", cwd=repo)
    assert_refused(result, "plan/goals/draft.md", "this link leads to a hidden file or folder")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nowhere.md", "this link leads nowhere (its target does not exist)"),
        ("loop.md", "this link leads nowhere (its target does not exist)"),  # a loop
        ("../../../outside/nowhere.md", OUTSIDE),
    ],
)
def test_a_link_leading_nowhere_is_an_error_not_a_silent_skip(
    repo: Path, target: str, message: str
) -> None:
    link(repo / "plan" / "goals" / "loop.md", "dangling.md")
    link(repo / "plan" / "goals" / "dangling.md", target)
    result = run_cli("check", cwd=repo)
    assert_refused(result, "plan/goals/dangling.md", message)


def test_links_inside_the_plan_repository_are_read(repo: Path) -> None:
    """A link may lead to another place inside what it belongs to: plan files into
    the plan folder, the plan folder and the config file into the folder holding them."""
    goal = repo / "plan" / "goals" / "followers.md"
    personas = repo / "plan" / "personas"
    personas.mkdir()
    shutil.move(goal, personas / "README.md")  # a README is not read on its own
    link(personas / "readme.md", "README.md")
    link(goal, "../personas/readme.md")  # a chain: followers.md -> readme.md -> README.md
    shutil.move(repo / "plan", repo / "marketing")
    link(repo / "plan", "marketing")
    (repo / "settings").mkdir()
    shutil.move(repo / CONFIG, repo / "settings" / "site.yml")
    link(repo / CONFIG, "settings/site.yml")
    result = run_cli("build", cwd=repo)
    assert result.exit_code == 0, result.stderr
    page = repo / "site" / "goals" / "followers" / "index.html"
    assert "Grow the Instagram audience" in page.read_text("utf-8")


def _plansite(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """plansite in its own process: a FIFO that blocked would hang it, not the tests."""
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300)


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


@pytest.mark.parametrize(
    "name", ["plan/goals/pipe.md", "plan/plan.md", "plan/calendar/q1.yml", CONFIG]
)
def test_a_fifo_is_refused_without_blocking(repo: Path, name: str) -> None:
    _fifo(repo / name)
    done = _plansite(repo, "build")
    assert done.returncode == 1
    assert f"{name}: error: this is a FIFO (named pipe), not a regular file" in done.stderr
    assert not (repo / "site").exists()


def test_a_socket_is_refused(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    place = repo / "plan" / "goals" / "sock.md"
    with socket.socket(socket.AF_UNIX) as listening:
        monkeypatch.chdir(place.parent)  # a socket's path is limited to about 100 bytes
        listening.bind(place.name)
        result = run_cli("check", cwd=repo)
    assert result.exit_code == 1
    assert "plan/goals/sock.md: error: this is a socket, not a regular file" in result.stderr


def test_a_device_file_is_refused(repo: Path) -> None:
    place = repo / "plan" / "goals" / "null.md"
    try:
        os.mknod(place, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("making a device file needs root")
    result = run_cli("check", cwd=repo)
    assert result.exit_code == 1
    assert "plan/goals/null.md: error: this is a device file, not a regular file" in result.stderr


def test_a_link_to_a_device_outside_is_refused_as_outside(repo: Path) -> None:
    link(repo / "plan" / "goals" / "zero.md", "/dev/zero")
    assert_refused(run_cli("check", cwd=repo), "plan/goals/zero.md", OUTSIDE)


def test_folders_and_files_in_each_others_place_are_errors(repo: Path) -> None:
    (repo / "plan" / "content.yml").unlink()
    (repo / "plan" / "content.yml").mkdir()
    shutil.rmtree(repo / "plan" / "goals")
    (repo / "plan" / "goals").write_text("not a folder\n")
    result = run_cli("check", cwd=repo)
    assert result.exit_code == 1
    assert "plan/content.yml: error: this is a folder, not a regular file" in result.stderr
    assert "plan/goals: error: 'goals' is not a folder" in result.stderr
