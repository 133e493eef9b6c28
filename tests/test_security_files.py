"""What a build reads and deletes: files outside the plan, the output folder, the
previous feed and the feed secret.

A plan repository takes pull requests from anyone and is built in CI with a
token that can publish: a link in the plan must not publish (or print) a file
from elsewhere on the machine, `--out` must never delete what plansite did not
write, a previous feed must not hold the build forever or fill its memory,
and a feed secret must be one safe folder name.
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import socketserver
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from click.testing import Result

from generator.feeds import previous_publication
from generator.feeds.published_events import read_published
from generator.load.site_config import FEED_SECRET_VARIABLE, feed_secret_problem
from generator.site.output_folder import MARKER, OutputRefused, check_output_folder
from generator.site.scratch_build import swap_into_place
from tests.conftest import MINIMAL_FILES, run_cli, write_plan

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


# -- 2. the output folder ------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with a key in it, standing for the real one."""
    folder = tmp_path / "home"
    (folder / ".ssh").mkdir(parents=True)
    (folder / ".ssh" / "id_ed25519").write_text("a private key\n")
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("plan", "the output folder is the plan folder"),
        (".", "the output folder is the current folder"),
        ("..", "the output folder holds the plan folder"),
        ("plan/..", "the output folder is the current folder"),
        ("site/../plan", "the output folder is the plan folder"),
        ("plan/site", "the output folder is inside the plan folder"),
        ("plan/goals", "the output folder is inside the plan folder"),
        ("~", "the output folder is the home folder"),
        ("link-to-home", "the output folder is the home folder"),
        ("link-to-plan", "the output folder is the plan folder"),
        ("link-to-parent", "the output folder holds the plan folder"),
        ("notes", "the output folder notes holds files that plansite did not write"),
    ],
)
def test_build_never_replaces_what_it_did_not_write(
    repo: Path, home: Path, out: str, said: str
) -> None:
    (repo / ".git").mkdir()
    (repo / "notes").mkdir()
    (repo / "notes" / "todo.txt").write_text("mine\n")
    link(repo / "link-to-home", home)
    link(repo / "link-to-plan", "plan")
    link(repo / "link-to-parent", "..")
    before = _tree(repo.parent)
    result = run_cli("build", "--out", str(home) if out == "~" else out, cwd=repo)
    assert result.exit_code == 1, result.output
    shown = said.replace("folder notes", f"folder {os.path.realpath(repo / 'notes')}")
    assert f"error: {shown}" in result.stderr, result.stderr
    assert "(pick " in result.stderr  # the hint
    assert result.stderr.endswith("1 error, 0 warnings; nothing was written.\n")
    assert _tree(repo.parent) == before


def test_the_current_folder_and_the_config_file_are_kept(repo: Path) -> None:
    elsewhere = repo / "elsewhere"
    elsewhere.mkdir()
    args = ("--plan", "../plan", "--config", f"../{CONFIG}")
    result = run_cli("build", *args, "--out", ".", cwd=elsewhere)
    assert result.exit_code == 1
    assert "error: the output folder is the current folder" in result.stderr
    result = run_cli("build", *args, "--out", "..", cwd=elsewhere)
    assert "error: the output folder holds the plan folder" in result.stderr
    (repo / "config").mkdir()
    shutil.move(repo / CONFIG, repo / "config" / CONFIG)
    result = run_cli("build", "--config", f"config/{CONFIG}", "--out", "config", cwd=repo)
    assert result.exit_code == 1
    assert "error: the output folder holds the config file" in result.stderr
    assert (repo / "config" / CONFIG).is_file()


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("/", "is the root folder"),
        ("~", "is the home folder"),
        ("~/..", "holds the plan folder"),
        ("~/.ssh", "holds files that plansite did not write"),
    ],
)
def test_the_root_folder_and_the_home_folder_are_refused(
    repo: Path, home: Path, monkeypatch: pytest.MonkeyPatch, out: str, said: str
) -> None:
    """Checked without a build: had the check failed, `/` would not have been built into."""
    monkeypatch.chdir(repo)
    with pytest.raises(OutputRefused, match=said):
        check_output_folder(Path(os.path.expanduser(out)), repo / "plan", repo / CONFIG)


def test_the_repository_root_is_refused_from_a_subfolder(repo: Path) -> None:
    (repo / ".git").mkdir()
    sub = repo / "docs"
    sub.mkdir()
    for out in ("..", str(repo)):
        result = run_cli(
            "build", "--plan", "../plan", "--config", f"../{CONFIG}", "--out", out, cwd=sub
        )
        assert result.exit_code == 1
        assert f"error: the output folder is a git repository ({repo})" in result.stderr


def test_a_new_or_empty_folder_is_built_and_rebuilt(repo: Path) -> None:
    (repo / "empty").mkdir()
    for out in ("empty", "new/site", "empty"):
        result = run_cli("build", "--out", out, cwd=repo)
        assert result.exit_code == 0, result.stderr
        assert (repo / out / "index.html").is_file()
        assert (repo / out / MARKER).is_file()


def test_a_link_to_an_earlier_site_replaces_the_site_and_keeps_the_link(repo: Path) -> None:
    assert run_cli("build", "--out", "../published", cwd=repo).exit_code == 0
    link(repo / "site", "../published")
    result = run_cli("build", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert (repo / "site").is_symlink()
    assert (repo.parent / "published" / "index.html").is_file()


def test_a_site_from_before_the_marker_is_refused_with_a_way_forward(repo: Path) -> None:
    assert run_cli("build", cwd=repo).exit_code == 0
    (repo / "site" / MARKER).unlink()
    result = run_cli("build", cwd=repo)
    assert result.exit_code == 1
    assert f"delete it once (rm -r {repo / 'site'}) and build again" in result.stderr
    shutil.rmtree(repo / "site")
    assert run_cli("build", cwd=repo).exit_code == 0


def test_a_marker_that_is_a_link_does_not_count(repo: Path) -> None:
    (repo / "notes").mkdir()
    (repo / "notes" / "todo.txt").write_text("mine\n")
    (repo / "marker").write_text("")
    link(repo / "notes" / MARKER, "../marker")
    result = run_cli("build", "--out", "notes", cwd=repo)
    assert result.exit_code == 1
    assert (repo / "notes" / "todo.txt").read_text() == "mine\n"


def test_the_swap_itself_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out, new, work = tmp_path / "out", tmp_path / "new", tmp_path / "work"
    for folder in (out, new, work):
        folder.mkdir()
    (out / "keep.txt").write_text("mine\n")
    with pytest.raises(OutputRefused, match="holds files that plansite did not write"):
        swap_into_place(new, out, work)
    assert (out / "keep.txt").read_text() == "mine\n"
    (out / MARKER).write_text("")
    swap_into_place(new, out, work)
    assert not (out / "keep.txt").exists()


# -- 3. the previous feed -----------------------------------------------------------

FEED = "calendar.ics"
# What a server answers besides a feed; never to be shown.
SERVED_SECRET = "server-side-secret-4f9c"


class _Routes(http.server.BaseHTTPRequestHandler):
    """A web host standing for the published site, with every way to fail."""

    feed = b""

    def do_GET(self) -> None:
        route = self.path.rsplit("/", 1)[-1]
        try:
            if route == FEED:
                self._answer(200, self.feed)
            elif route == "trickle.ics":
                self._headers(200)
                for _ in range(6000):  # ten minutes at most, then it gives up
                    self.wfile.write(b"B")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif route == "endless.ics":
                self._headers(200)
                for _ in range(16 * 1024):  # 1 GiB at most
                    self.wfile.write(b"BEGIN:VEVENT\r\n" * 4096)
            elif route == "huge.ics":
                self._headers(200, length=1024**4)
            elif route == "page.html":
                self._answer(200, f"<html><body>{SERVED_SECRET}</body></html>".encode())
            elif route == "random.ics":
                self._answer(200, os.urandom(4096))
            elif route == "empty.ics":
                self._answer(200, b"")
            elif route == "cut.ics":
                self._answer(200, self.feed[: len(self.feed) // 2])
            elif route == "error.ics":
                self._answer(500, SERVED_SECRET.encode())
            elif route == "moved.ics":
                self._redirect(f"/{FEED}")
            elif route == "loop.ics":
                self._redirect("/loop.ics")
            elif route == "ftp.ics":
                self._redirect("ftp://127.0.0.1/calendar.ics")
            else:
                self._answer(404, SERVED_SECRET.encode())
        except (BrokenPipeError, ConnectionResetError):
            pass  # the build gave up, as it should

    def _headers(self, code: int, length: int | None = None) -> None:
        self.send_response(code)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _answer(self, code: int, body: bytes) -> None:
        self._headers(code, len(body))
        self.wfile.write(body)

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """The base address of a local web host (127.0.0.1) serving _Routes."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Routes)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def published(repo: Path) -> bytes:
    """The minimal plan's feed as published, then the plan's post moved by an hour."""
    assert run_cli("build", "--out", "../first", cwd=repo).exit_code == 0
    feed = (repo.parent / "first" / FEED).read_bytes()
    _Routes.feed = feed
    calendar = repo / "plan" / "calendar" / "q1.yml"
    calendar.write_text(calendar.read_text().replace("time: 10:00", "time: 11:00"))
    return feed


def sequence(site: Path) -> int:
    (event,) = icalendar.Calendar.from_ical((site / FEED).read_bytes()).walk("VEVENT")
    return int(event["SEQUENCE"])


def assert_previous_refused(result: Result, repo: Path, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert f"error: {message}" in result.stderr, result.stderr
    assert SERVED_SECRET not in result.stderr
    assert "BEGIN:VEVENT" not in result.stderr
    assert not (repo / "site").exists()


@pytest.mark.parametrize("route", [FEED, "moved.ics"])
def test_the_live_feed_is_read_also_through_a_redirect(
    repo: Path, server: str, published: bytes, route: str
) -> None:
    result = run_cli("build", "--previous", server + route, cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert sequence(repo / "site") == 1


def test_a_404_is_the_first_publication(repo: Path, server: str, published: bytes) -> None:
    result = run_cli("build", "--previous", server + "nothing-yet.ics", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert sequence(repo / "site") == 0


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("page.html", "is not an iCalendar feed"),
        ("random.ics", "is not an iCalendar feed"),
        ("empty.ics", "is not an iCalendar feed"),
        ("cut.ics", "is not an iCalendar feed"),
        ("error.ics", "answered 500"),
        ("loop.ics", "answered 302"),
        ("ftp.ics", "could not be read (redirected elsewhere than http(s))"),
        ("huge.ics", "is larger than 100 MiB"),
    ],
)
def test_what_is_not_the_live_feed_stops_the_build_unshown(
    repo: Path, server: str, published: bytes, route: str, message: str
) -> None:
    url = server + route
    result = run_cli("build", "--previous", url, cwd=repo)
    assert_previous_refused(result, repo, f"the previous feed at {url} {message}")


def test_an_endless_answer_stops_at_the_size_limit(
    repo: Path, server: str, published: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(previous_publication, "MAX_FEED_BYTES", 2 * 1024 * 1024)
    url = server + "endless.ics"
    result = run_cli("build", "--previous", url, cwd=repo)
    assert_previous_refused(result, repo, f"the previous feed at {url} is larger than 2 MiB")


def test_a_trickling_server_meets_the_deadline(
    repo: Path, server: str, published: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(previous_publication, "DEADLINE", 1)
    url = server + "trickle.ics"
    result = run_cli("build", "--previous", url, cwd=repo)
    assert_previous_refused(
        result, repo, f"the previous feed at {url} did not arrive within 1 seconds"
    )


def test_a_server_that_does_not_speak_http_is_not_quoted(repo: Path, published: bytes) -> None:
    class Banner(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            self.request.sendall(f"SSH-2.0-{SERVED_SECRET}\r\n".encode())

    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Banner) as banner:
        threading.Thread(target=banner.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{banner.server_address[1]}/{FEED}"
        result = run_cli("build", "--previous", url, cwd=repo)
        banner.shutdown()
    assert_previous_refused(result, repo, f"the previous feed at {url} could not be read (")


def test_the_feed_from_a_local_file_or_folder(repo: Path, published: bytes) -> None:
    for previous in ("../first", f"../first/{FEED}"):
        result = run_cli("build", "--previous", previous, cwd=repo)
        assert result.exit_code == 0, result.stderr
        assert sequence(repo / "site") == 1
        shutil.rmtree(repo / "site")


@pytest.mark.parametrize(
    ("previous", "message"),
    [
        ("../frist", "the previous feed ../frist was not found"),
        ("../frist/calendar.ics", "the previous feed ../frist/calendar.ics was not found"),
        ("../empty", "the previous feed in ../empty was not found"),
        ("../page.html", "the previous feed ../page.html is not an iCalendar feed"),
        ("../random.ics", "the previous feed ../random.ics is not an iCalendar feed"),
        ("../pipe.ics", "the previous feed ../pipe.ics cannot be used: this is a FIFO"),
        ("../empty.ics", "the previous feed ../empty.ics is not an iCalendar feed"),
    ],
)
def test_a_local_previous_feed_that_is_missing_or_not_a_feed_stops_the_build(
    repo: Path, published: bytes, previous: str, message: str
) -> None:
    (repo.parent / "empty").mkdir()
    (repo.parent / "page.html").write_text(f"<html>{SERVED_SECRET}</html>")
    (repo.parent / "random.ics").write_bytes(b"\xff" + os.urandom(4096))
    (repo.parent / "empty.ics").write_bytes(b"")
    os.mkfifo(repo.parent / "pipe.ics")
    result = run_cli("build", "--previous", previous, cwd=repo)
    assert_previous_refused(result, repo, message)


def test_a_local_feed_over_the_limit_is_not_read(
    repo: Path, published: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(previous_publication, "MAX_FEED_BYTES", len(published) - 1)
    result = run_cli("build", "--previous", "../first", cwd=repo)
    assert_previous_refused(result, repo, "the previous feed in ../first cannot be used")
    assert f"file is too large ({len(published)} bytes" in result.stderr


def test_without_previous_the_output_folder_is_the_publication(
    repo: Path, published: bytes
) -> None:
    assert run_cli("build", cwd=repo).exit_code == 0  # nothing there yet: a first build
    assert sequence(repo / "site") == 0
    (repo / "site" / FEED).unlink()  # a site without its feed: also a first build
    assert run_cli("build", cwd=repo).exit_code == 0
    (repo / "site" / FEED).write_text(f"<html>{SERVED_SECRET}</html>")
    result = run_cli("build", cwd=repo)
    assert result.exit_code == 1
    assert "site: error: the previous feed in site is not an iCalendar feed" in result.stderr
    assert SERVED_SECRET not in result.stderr
    assert (repo / "site" / "index.html").is_file()  # the published site stays


# -- SEQUENCE out of range in a previous feed --------------------------------------


def _feed_with_sequence(feed: bytes, value: str) -> bytes:
    assert feed.count(b"SEQUENCE:0\r\n") == 1
    return feed.replace(b"SEQUENCE:0\r\n", f"SEQUENCE:{value}\r\n".encode())


@pytest.mark.parametrize(
    "value",
    ["9" * 4300, "1" + "0" * 5000, "2147483647", "-1", "-99999999999", "+3", "3.0", "٣"],
    ids=[
        "4300-digits",
        "5001-digits",
        "int32-max",
        "minus-one",
        "very-negative",
        "plus",
        "float",
        "arabic-digit",
    ],
)
def test_a_sequence_plansite_never_writes_counts_as_unpublished(
    repo: Path, published: bytes, value: str
) -> None:
    edited = _feed_with_sequence(published, value)
    assert read_published(edited) == {}
    (repo.parent / "edited.ics").write_bytes(edited)
    result = run_cli("build", "--previous", "../edited.ics", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert sequence(repo / "site") == 0


@pytest.mark.parametrize("value", ["0", "7", "2147483646"])
def test_a_sequence_in_range_rises_when_the_post_moves(
    repo: Path, published: bytes, value: str
) -> None:
    edited = _feed_with_sequence(published, value)
    assert [p.sequence for p in read_published(edited).values()] == [int(value)]
    (repo.parent / "edited.ics").write_bytes(edited)
    assert run_cli("build", "--previous", "../edited.ics", cwd=repo).exit_code == 0
    assert sequence(repo / "site") == int(value) + 1


# -- the feed secret -----------------------------------------------------------------

GOOD_SECRET = "s3cret-Feed_path-0123456789"
PRIVATE_CONFIG = str(MINIMAL_FILES[CONFIG]).rstrip(" ") + "        private: true\n"


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        ("", "it is not set"),
        ("a" * 15, "it is 15 characters long"),
        ("a" * 129, "it is 129 characters long"),
        (GOOD_SECRET + "\n", "it starts or ends with a space or a line break"),
        (GOOD_SECRET + "\r\n", "it starts or ends with a space or a line break"),
        (" " + GOOD_SECRET, "it starts or ends with a space or a line break"),
        ("s3cret Feed path 0123456789", "it holds other characters"),
        ("s3cret/Feed/path/0123456789", "it holds other characters"),
        ("../../../../../../../../tmp", "it holds other characters"),
        ("s3cret-Feed_path-0123456789..", "it holds other characters"),
        ("s3cret-Féed_path-0123456789", "it holds other characters"),
        ("s3cret-Feed_path-٠١٢٣٤٥٦٧٨٩", "it holds other characters"),
        ("s3cret-Feed_path-012345678\x00", "it holds other characters"),
    ],
)
def test_a_feed_secret_that_is_not_one_safe_folder_name_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, secret: str, problem: str
) -> None:
    assert feed_secret_problem(secret).startswith(problem)
    if "\x00" in secret:
        return  # an environment variable cannot hold it
    root = write_plan(tmp_path, {CONFIG: PRIVATE_CONFIG})
    monkeypatch.setenv(FEED_SECRET_VARIABLE, secret)
    result = run_cli("build", cwd=root)
    assert result.exit_code == 1
    assert "site_config.yml:5:1: error: a private plan needs its feed secret" in result.stderr
    assert f"(16 to 128 letters, digits, '-' or '_'): {problem}" in result.stderr
    if secret.strip():
        assert secret.strip() not in result.stderr  # never shown
    assert not (root / "site").exists()


@pytest.mark.parametrize("secret", ["a" * 16, "Z-_9" * 32, GOOD_SECRET])
def test_a_url_safe_secret_names_the_feed_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    assert feed_secret_problem(secret) == ""
    root = write_plan(tmp_path, {CONFIG: PRIVATE_CONFIG})
    monkeypatch.setenv(FEED_SECRET_VARIABLE, secret)
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert (root / "site" / secret / FEED).is_file()


def test_the_secret_of_a_private_plan_is_not_shown_in_a_previous_feed_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: str
) -> None:
    root = write_plan(tmp_path / "repo", {CONFIG: PRIVATE_CONFIG})
    monkeypatch.setenv(FEED_SECRET_VARIABLE, GOOD_SECRET)
    assert run_cli("build", "--out", "../first", cwd=root).exit_code == 0
    (tmp_path / "first" / GOOD_SECRET / FEED).write_text(f"<html>{SERVED_SECRET}</html>")
    for previous, said in [
        ("../first", "--previous: error: the previous feed in ../first is not an iCalendar feed"),
        (
            f"../first/{GOOD_SECRET}/{FEED}",
            "--previous: error: the previous feed ../first/<secret>/calendar.ics is not an "
            "iCalendar feed",
        ),
        (
            f"{server}{GOOD_SECRET}/error.ics",
            f"--previous: error: the previous feed at {server}<secret>/error.ics answered 500",
        ),
    ]:
        result = run_cli("build", "--previous", previous, cwd=root)
        assert result.exit_code == 1
        assert said in result.stderr, result.stderr
        assert GOOD_SECRET not in result.stderr


# -- the other commands that read or write plan files ---------------------------------


def test_new_never_writes_through_a_link_out_of_the_plan(repo: Path) -> None:
    victim = repo.parent / "outside" / "victim.yml"
    victim.write_text("mine\n")
    link(repo / "plan" / "calendar" / "zz.yml", victim)  # the file `new post` appends to
    result = run_cli(
        "new", "post", "--title", "Hi", "--date", "2027-02-01", "--channel", "instagram", cwd=repo
    )
    assert result.exit_code == 1
    assert "is a symbolic link or lies outside plan" in result.stderr
    assert victim.read_text() == "mine\n"
    link(repo / "plan" / "goals" / "new-goal.md", repo.parent / "outside" / "created.md")
    result = run_cli("new", "goal", "--id", "new-goal", cwd=repo)
    assert result.exit_code == 1
    assert not (repo.parent / "outside" / "created.md").exists()
    link(repo / "plan" / "personas", repo.parent / "outside")
    result = run_cli("new", "persona", "--id", "buyer", cwd=repo)
    assert result.exit_code == 1
    assert not (repo.parent / "outside" / "buyer.md").exists()


def test_diff_of_a_revision_with_a_link_out_of_the_plan_is_an_error(repo: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    link(repo / "plan" / "goals" / "leak.md", repo.parent / "outside" / "secret.md")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "leak")
    (repo / "plan" / "goals" / "leak.md").unlink()  # the working tree is fine; HEAD is not
    result = run_cli("diff", "HEAD", cwd=repo)
    assert result.exit_code == 2  # another revision to compare with: the command line
    assert "the plan at HEAD holds plan/goals/leak.md, which plansite does not read" in (
        result.stderr
    )
    assert SECRET not in result.stderr
