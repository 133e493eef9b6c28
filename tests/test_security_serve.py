"""The preview answers this machine only, serves the site's files only, outlives a
failed rebuild, and leaves nothing behind however it is stopped. The pages of a
section do not grow with the number of its pages."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from generator import build, check
from generator.commands import preview_rebuild, serve
from generator.commands.preview_reload import PreviewStatus
from generator.commands.preview_server import HostRule, PreviewServer
from generator.diagnostics import PlanError
from generator.runtime.interruptions import Mask, made_safely
from generator.site import search_index
from tests.conftest import PlanFactory, run_cli, write_plan

# -- who the preview answers -------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site: pages with an index.html, folders without, and a secret beside it."""
    root = tmp_path / "site"
    (root / "assets" / "stylesheets").mkdir(parents=True)
    (root / "index.html").write_text("<p>the plan</p>")
    (root / "calendar").mkdir()
    (root / "calendar" / "index.html").write_text("<p>the calendar</p>")
    (root / "assets" / "stylesheets" / "plansite.css").write_text("body {}")
    (tmp_path / "secret.txt").write_text("the secret")
    return root


@pytest.fixture
def server(site: Path) -> Iterator[PreviewServer]:
    running = PreviewServer("127.0.0.1", 0, lambda: site)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.shutdown()
        running.server_close()


def ask(
    server: PreviewServer, path: str = "/", hosts: list[str] | None = None, method: str = "GET"
) -> tuple[int, bytes]:
    """Status and body of one request, with exactly the Host headers given (the
    preview's own name by default)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for host in [f"127.0.0.1:{server.port}"] if hosts is None else hosts:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def without_reload(page: bytes) -> bytes:
    """A served page without the reload script the preview adds to every page."""
    return re.sub(rb'<script src="/\.plansite-preview/reload\.js"[^>]*></script>', b"", page)


def raw_request(server: PreviewServer, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "LocalHost:{port}",
     "[::1]:{port}", " localhost:{port} "],
)  # fmt: skip
def test_the_preview_answers_this_machine_s_names(server: PreviewServer, host: str) -> None:
    status, body = ask(server, "/", [host.format(port=server.port)])
    assert (status, without_reload(body)) == (200, b"<p>the plan</p>")


FOREIGN_HOSTS = [
    "evil.example",
    "evil.example:{port}",
    "127.0.0.1.evil.example:{port}",
    "localhost.evil:{port}",
    "localhost.evil.example:{port}",
    "LOCALHOST.EVIL:{port}",
    "127.0.0.1:{other}",
    "localhost:{other}",
    "[::1]:{other}",
    "127.0.0.1",  # a browser leaves the port out only for port 80
    "localhost",
    "[::1]",
    "192.168.1.20:{port}",  # an address of the network: only with --host 0.0.0.0
    "::1:{port}",
    "localhost.:{port}",
    "localhost:{port}@evil.example",
    "evil.example#localhost:{port}",
    "localhost:{port}:{port}",
    "localhost:+{port}",
    "",
]


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_the_preview_refuses_a_page_that_names_another_site(
    server: PreviewServer, host: str, method: str
) -> None:
    """DNS rebinding: a page that points its own name to this machine reads nothing."""
    port = server.port
    status, body = ask(server, "/", [host.format(port=port, other=port + 1)], method)
    assert status == 421
    if method == "GET":
        assert body.decode().startswith("plansite preview: this preview answers only to")
        assert b"the plan" not in body


@pytest.mark.parametrize("hosts", [[], ["127.0.0.1:{port}", "evil.example:{port}"]])
def test_a_request_needs_exactly_one_host_header(server: PreviewServer, hosts: list[str]) -> None:
    status, body = ask(server, "/", [h.format(port=server.port) for h in hosts])
    assert (status, body) == (400, b"plansite preview: a request needs one Host header.\n")


def test_an_http_1_0_request_without_a_host_is_refused(server: PreviewServer) -> None:
    answer = raw_request(server, b"GET / HTTP/1.0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 400 ")
    assert b"the plan" not in answer


def test_a_request_for_another_server_s_url_is_refused(server: PreviewServer) -> None:
    """The absolute form a proxy gets: the URL names a site, which the preview is not."""
    host = f"127.0.0.1:{server.port}"
    for target in ("http://evil.example/", f"http://{host}/", "*"):
        request = f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        assert raw_request(server, request.encode()).startswith(b"HTTP/1.0 400 ")


@pytest.mark.parametrize(
    ("bound", "host", "accepted"),
    [
        ("0.0.0.0", "192.168.1.20:8000", True),
        ("0.0.0.0", "10.0.0.5:8000", True),
        ("0.0.0.0", "[fe80::1]:8000", True),
        ("0.0.0.0", "localhost:8000", True),
        ("0.0.0.0", "127.0.0.1:8000", True),
        ("::", "[2001:db8::1]:8000", True),
        ("0.0.0.0", "192.168.1.20:8001", False),
        ("0.0.0.0", "192.168.1.20.evil.example:8000", False),
        ("0.0.0.0", "evil.example:8000", False),
        ("0.0.0.0", "0x7f000001:8000", False),
        ("0.0.0.0", "2130706433:8000", False),
        ("0.0.0.0", "fe80::1:8000", False),
        ("0.0.0.0", "[192.168.1.20]:8000", False),
        ("0.0.0.0", "[evil.example]:8000", False),
        ("192.168.1.20", "192.168.1.20:8000", True),
        ("192.168.1.20", "192.168.1.21:8000", False),
        ("::1", "[::1]:8000", True),
        ("Box.Local", "box.local:8000", True),
        ("box.local", "box.local.evil.example:8000", False),
        ("127.0.0.1", "localhost", False),
    ],
)
def test_which_hosts_each_binding_answers(bound: str, host: str, accepted: bool) -> None:
    """Bound to every address, the preview also answers any IP address (another
    device of the network), never another name."""
    assert HostRule(bound, 8000).accepts(host) is accepted


def test_on_port_80_a_host_without_its_port_is_this_machine() -> None:
    assert HostRule("127.0.0.1", 80).accepts("localhost")
    assert HostRule("127.0.0.1", 80).accepts("127.0.0.1:80")
    assert not HostRule("127.0.0.1", 80).accepts("evil.example")


# -- what the preview serves -------------------------------------------------------


@pytest.mark.parametrize("folder", ["/assets/", "/assets/stylesheets/", "/assets/stylesheets"])
def test_no_folder_is_listed(server: PreviewServer, folder: str) -> None:
    status, body = ask(server, folder)
    if status == 301:  # to the folder's URL, which is then not found
        status, body = ask(server, folder + "/")
    assert status == 404
    assert b"plansite.css" not in body and b"stylesheets" not in body


def test_a_folder_with_an_index_shows_its_index(server: PreviewServer) -> None:
    status, body = ask(server, "/calendar/")
    assert (status, without_reload(body)) == (200, b"<p>the calendar</p>")
    assert ask(server, "/assets/stylesheets/plansite.css") == (200, b"body {}")


def outside_paths(site: Path) -> list[str]:
    secret = str(site.parent / "secret.txt")
    return [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/../../secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/" + secret,
        "//" + secret.lstrip("/"),
        "/%2f" + secret.lstrip("/"),
        secret.replace("/", "%2f"),
        "/link-out/secret.txt",
        "/linked-secret.txt",
        "/index.html%00.css",
        "/%00",
    ]


def test_nothing_outside_the_site_is_served(
    server: PreviewServer, site: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (site / "link-out").symlink_to(site.parent)
    (site / "linked-secret.txt").symlink_to(site.parent / "secret.txt")
    for path in outside_paths(site):
        status, body = ask(server, path)
        assert b"the secret" not in body and b"root:" not in body, path
        assert status in (400, 404), path
    assert "Traceback" not in capfd.readouterr().err


# -- a failed rebuild keeps the last good site -------------------------------------


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def built_preview(make_plan: PlanFactory, tmp_path: Path) -> Iterator[preview_rebuild.Preview]:
    root = make_plan()
    inputs = check.Inputs(root / "plan", root / "site_config.yml")
    built = preview_rebuild.Preview(inputs, tmp_path / "preview")
    built.rebuild()
    yield built


EDITS = {  # a page's text (a dirty build) or the settings (a clean one)
    "post": ("plan/calendar/q1.yml", "title: Hello", "title: Edited"),
    "settings": ("site_config.yml", "site_name: Test plan", "site_name: Edited"),
}


def failing_after(
    pages: int, error: Callable[[], BaseException]
) -> Callable[[search_index.SearchIndexMerge, str], None]:
    """A stand-in for SearchIndexMerge.page_rendered, which the MkDocs hooks call as
    each page is rendered: it fails once `pages` pages were written."""
    rendered: list[str] = []
    page_rendered = search_index.SearchIndexMerge.page_rendered

    def fail_later(index: search_index.SearchIndexMerge, url: str) -> None:
        if len(rendered) >= pages:
            raise error()
        rendered.append(url)
        page_rendered(index, url)

    return fail_later


@pytest.mark.parametrize("change", EDITS)
@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (lambda: RuntimeError("a page could not be rendered"), RuntimeError),
        (lambda: PluginError("a plugin refused the page"), PlanError),
        (lambda: OSError(28, "No space left on device"), OSError),
    ],
    ids=["exception", "mkdocs-error", "disk-full"],
)
def test_a_build_that_fails_halfway_keeps_the_last_good_site(
    built_preview: preview_rebuild.Preview,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    change: str,
    error: Callable[[], BaseException],
    raised: type[BaseException],
) -> None:
    before = files_of(built_preview.out)
    served = built_preview.out
    name, old, new = EDITS[change]
    edit(built_preview.inputs.plan_dir.parent / name, old, new)
    pages = 1 if change == "post" else 3  # a dirty build renders the edited pages only
    monkeypatch.setattr(search_index.SearchIndexMerge, "page_rendered", failing_after(pages, error))
    with pytest.raises(raised):
        built_preview.rebuild()
    written = [
        page
        for page in (tmp_path / "preview").rglob("index.html")
        if b"Edited" in page.read_bytes() and not page.is_relative_to(served)
    ]
    assert len(written) == pages  # MkDocs had written these when it failed
    assert built_preview.out == served
    assert files_of(built_preview.out) == before
    monkeypatch.undo()
    built_preview.rebuild()
    edited_page = "calendar/2027-01/index.html" if change == "post" else "index.html"
    assert b"Edited" in (built_preview.out / edited_page).read_bytes()


@pytest.mark.parametrize(
    "stage",
    ["check_plan", "build_feeds", "render_pages", "settings_from_config", "navigation_from_plan"],
)
def test_an_unexpected_exception_keeps_the_last_good_site(
    built_preview: preview_rebuild.Preview, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    """Whatever raises (a date the calendar cannot hold, say), the served site stays,
    and the next rebuild, having kept nothing, is whole."""
    before = files_of(built_preview.out)
    edit(built_preview.inputs.plan_dir / "calendar" / "q1.yml", "title: Hello", "title: Edited")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OverflowError("date value out of range")

    # The preview calls the first three itself, the others through the build's helpers.
    module = preview_rebuild if stage in ("check_plan", "build_feeds", "render_pages") else build
    monkeypatch.setattr(module, "pages_from_checked" if stage == "render_pages" else stage, broken)
    with pytest.raises(OverflowError):
        built_preview.rebuild()
    assert files_of(built_preview.out) == before
    monkeypatch.undo()
    built_preview.rebuild()
    assert b"Edited" in (built_preview.out / "calendar" / "2027-01" / "index.html").read_bytes()


class Failing:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def rebuild(self) -> None:
        raise self.error


def failing(error: BaseException) -> preview_rebuild.Preview:
    """A preview whose rebuild raises `error`."""
    return cast(preview_rebuild.Preview, Failing(error))


@pytest.mark.parametrize(
    "error",
    [
        OverflowError("date value out of range"),
        ValueError("year 10000 is out of range"),
        KeyError("goal"),
        RecursionError("maximum recursion depth exceeded"),
        MemoryError(),
        RuntimeError("two\nlines"),
    ],
)
def test_an_unexpected_exception_is_one_line_on_the_terminal(
    error: Exception, capsys: pytest.CaptureFixture[str]
) -> None:
    status = PreviewStatus()
    serve._rebuild(failing(error), status, show_traceback=False)
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"error: the rebuild failed, {type(error).__name__}")
    assert "still serving the last good site" in err and "--traceback" in err
    (problem,) = status.problems  # the pages show it too
    assert problem.format().startswith(
        f"plansite: error: the rebuild failed, {type(error).__name__}"
    )


def test_the_traceback_is_shown_when_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    serve._rebuild(
        failing(OverflowError("date value out of range")), PreviewStatus(), show_traceback=True
    )
    err = capsys.readouterr().err
    assert err.startswith("error: the rebuild failed, OverflowError: date value out of range;")
    assert "Traceback (most recent call last)" in err


def test_a_stopping_signal_is_not_taken_for_a_failed_rebuild() -> None:
    with pytest.raises(KeyboardInterrupt):
        serve._rebuild(failing(KeyboardInterrupt()), PreviewStatus(), show_traceback=False)


# -- the preview as a command -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_until(condition: Callable[[], bool], seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


class Served:
    """`python -m generator serve` (or `command`) in a plan folder, with a TMPDIR of its own."""

    def __init__(self, root: Path, command: list[str] | None = None, **popen: Any) -> None:
        self.port = free_port()
        self.tmp = root / "tmp"
        self.tmp.mkdir(exist_ok=True)
        self.stderr_file = root / "stderr.txt"
        args = command or [sys.executable, "-m", "generator", "serve"]
        popen.setdefault("preexec_fn", _as_from_a_terminal)
        with self.stderr_file.open("w") as stderr:
            self.process = subprocess.Popen(
                [*args, "--port", str(self.port)],
                cwd=root,
                stderr=stderr,
                stdout=subprocess.DEVNULL,
                env={**os.environ, "TMPDIR": str(self.tmp)},
                **popen,
            )

    @property
    def stderr(self) -> str:
        return self.stderr_file.read_text()

    def page(self, path: str = "") -> str:
        return fetch(f"http://127.0.0.1:{self.port}/{path}")

    def leftovers(self) -> list[str]:
        return [p.name for p in self.tmp.iterdir()]

    def stop(self, signum: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        return self.process.wait(timeout=60)


def _as_from_a_terminal() -> None:
    """Whatever this suite inherited (a shell's `&` ignores SIGINT)."""
    for signum in (signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


DELAYS = [0.0, 0.2, 0.5, 1.0, "serving"]


@pytest.mark.parametrize("delay", DELAYS, ids=[str(d) for d in DELAYS])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stopped_preview_ends_quietly_and_leaves_nothing(
    make_plan: PlanFactory, signum: int, delay: float | str
) -> None:
    served = Served(make_plan())
    try:
        if delay == "serving":
            assert wait_until(lambda: "Hello" in served.page("calendar/2027-01/")), served.stderr
        else:
            assert isinstance(delay, float)
            time.sleep(delay)
        code = served.stop(signum)
    finally:
        served.process.kill()
        served.process.wait()
    stderr = served.stderr
    assert served.leftovers() == []
    assert "/generator/" not in stderr  # no traceback through plansite's code
    if code == 130:
        assert "Traceback" not in stderr
        assert "serving on" not in stderr or stderr.rstrip().endswith("preview stopped.")
    else:
        assert delay != "serving", (code, stderr)
        assert ended_before_plansite_began(code, signum, stderr), (code, stderr)


def ended_before_plansite_began(code: int, signum: int, stderr: str) -> bool:
    """A signal that comes before plansite handles it ends Python as it would any
    program, silently, or with Python's own traceback for a Ctrl+C during
    Python's start-up. Until then (before the command starts, for SIGTERM)
    plansite has made nothing to clean up."""
    frames = [line for line in stderr.splitlines() if line.lstrip().startswith("File ")]
    python_s_own = stderr.startswith("Traceback") and frames != [] and signum == signal.SIGINT
    return code in (-signum, 1) and (stderr == "" or python_s_own)


def test_a_signal_during_the_clean_up_waits_for_its_end(tmp_path: Path) -> None:
    """interruptions.made_safely: a Ctrl+C that comes while the folder is removed
    arrives once it is removed."""
    folders = [tmp_path / name for name in ("a", "b", "c")]

    def make(_: Mask) -> Path:
        for folder in folders:
            folder.mkdir()
        return tmp_path

    def clean(_: Path) -> None:
        folders[0].rmdir()
        os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl+C, in the middle
        for folder in folders[1:]:
            folder.rmdir()

    with pytest.raises(KeyboardInterrupt), made_safely(make, clean):
        raise KeyboardInterrupt  # the first one
    assert [folder.exists() for folder in folders] == [False, False, False]


def test_a_signal_another_thread_receives_during_the_clean_up_waits_too(
    tmp_path: Path,
) -> None:
    """The preview has a web server thread: the kernel may hand Ctrl+C to it, and
    Python then runs the handler on the main thread, whatever that one blocks."""
    folders = [tmp_path / name for name in ("a", "b", "c")]
    waiting = threading.Event()
    other = threading.Thread(target=waiting.wait, daemon=True)
    other.start()
    assert other.ident is not None

    def make(_: Mask) -> Path:
        for folder in folders:
            folder.mkdir()
        return tmp_path

    def clean(_: Path) -> None:
        folders[0].rmdir()
        signal.pthread_kill(other.ident, signal.SIGINT)  # delivered to the other thread
        time.sleep(0.05)  # time for Python to run the handler, were it not held
        for folder in folders[1:]:
            folder.rmdir()

    try:
        with pytest.raises(KeyboardInterrupt), made_safely(make, clean):
            raise KeyboardInterrupt
    finally:
        waiting.set()
    assert [folder.exists() for folder in folders] == [False, False, False]


INTERRUPTED_WHILE_LOADING = textwrap.dedent(
    """\
    import builtins
    import sys

    load = builtins.__import__

    def interrupted(name, *args, **kwargs):
        if name == "mkdocs.commands.build":
            raise KeyboardInterrupt
        return load(name, *args, **kwargs)

    builtins.__import__ = interrupted
    sys.argv = ["plansite", *sys.argv[1:]]
    from generator.__main__ import run

    run()
    """
)


STOPPED_WHILE_LOADING = {
    ("click", "serve"): "",  # before the command starts: nothing to say
    ("click", "build"): "",
    ("click", "check"): "",
    ("mkdocs.commands.build", "serve"): "preview stopped.\n",  # the command loads MkDocs
    ("mkdocs.commands.build", "build"): "interrupted; site/ was left as it was.\n",
}


@pytest.mark.parametrize(("module", "command"), STOPPED_WHILE_LOADING)
def test_a_ctrl_c_while_the_command_loads_ends_quietly(
    make_plan: PlanFactory, module: str, command: str
) -> None:
    """A Ctrl+C while Python imports click or MkDocs (the first half-second)."""
    root = make_plan()
    script = INTERRUPTED_WHILE_LOADING.replace("mkdocs.commands.build", module)
    (root / "interrupted.py").write_text(script)
    done = subprocess.run(
        [sys.executable, "interrupted.py", command], cwd=root, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (130, STOPPED_WHILE_LOADING[module, command])
    assert not (root / "site").exists()


def test_the_plansite_command_starts_where_start_up_is_guarded() -> None:
    from importlib.metadata import entry_points

    (plansite,) = entry_points(group="console_scripts", name="plansite")
    assert plansite.value == "generator.__main__:run"


def test_a_second_signal_during_the_clean_up_leaves_nothing(make_plan: PlanFactory) -> None:
    served = Served(make_plan())
    assert wait_until(lambda: "Hello" in served.page("calendar/2027-01/")), served.stderr
    served.process.send_signal(signal.SIGINT)
    time.sleep(0.02)
    code = served.stop(signal.SIGTERM)
    assert code == 130
    assert "Traceback" not in served.stderr
    assert served.leftovers() == []


def test_a_closed_terminal_stops_the_preview_but_nohup_keeps_it(make_plan: PlanFactory) -> None:
    root = make_plan()
    served = Served(root)
    assert wait_until(lambda: "Hello" in served.page("calendar/2027-01/")), served.stderr
    assert served.stop(signal.SIGHUP) == 130
    assert served.leftovers() == [] and "Traceback" not in served.stderr

    def nohup() -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    kept = Served(root, preexec_fn=nohup)
    try:
        assert wait_until(lambda: "Hello" in kept.page("calendar/2027-01/")), kept.stderr
        kept.process.send_signal(signal.SIGHUP)
        time.sleep(1)
        assert kept.process.poll() is None
        assert "Hello" in kept.page("calendar/2027-01/")
    finally:
        assert kept.stop(signal.SIGTERM) == 130
    assert kept.leftovers() == []


def test_a_port_in_use_is_said_in_one_line(make_plan: PlanFactory) -> None:
    root = make_plan()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "generator", "serve", "--port", str(port)]
        tmp = root / "tmp"
        tmp.mkdir()
        done = subprocess.run(
            command,
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "TMPDIR": str(tmp)},
        )
    assert done.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp.iterdir()) == []


# A preview whose rebuild crashes on a plan that has CRASH in it: any bug that
# a plan can set off (a date near the year 9999 did) must leave it serving.
CRASHING_PREVIEW = textwrap.dedent(
    """\
    import sys
    from generator.__main__ import run
    from generator.commands import preview_rebuild

    check_plan = preview_rebuild.check_plan

    def crashing(inputs, *args):
        if "CRASH" in (inputs.plan_dir / "calendar" / "q1.yml").read_text():
            raise OverflowError("date value out of range")
        return check_plan(inputs, *args)

    preview_rebuild.check_plan = crashing
    sys.argv[0] = "plansite"
    run()
    """
)


def test_the_preview_outlives_a_crashing_rebuild(make_plan: PlanFactory) -> None:
    root = make_plan()
    (root / "crashing.py").write_text(CRASHING_PREVIEW)
    command = [sys.executable, "crashing.py", "serve"]
    served = Served(root, command)
    calendar = root / "plan" / "calendar" / "q1.yml"
    try:
        assert wait_until(lambda: "Hello" in served.page("calendar/2027-01/")), served.stderr
        edit(calendar, "title: Hello", "title: CRASH")
        assert wait_until(lambda: "the rebuild failed" in served.stderr), served.stderr
        assert "Hello" in served.page("calendar/2027-01/")
        edit(calendar, "title: CRASH", "title: Mended")
        assert wait_until(lambda: "Mended" in served.page("calendar/2027-01/")), served.stderr
    finally:
        code = served.stop(signal.SIGINT)
    stderr = served.stderr
    assert code == 130
    assert "Traceback" not in stderr
    failed = [line for line in stderr.splitlines() if "OverflowError" in line]
    assert failed == [
        "error: the rebuild failed, OverflowError: date value out of range; still serving "
        "the last good site (plansite serve --traceback shows where)."
    ]
    assert served.leftovers() == []


# -- pages that do not grow with their section --------------------------------------


def persona_files(count: int) -> dict[str, str | None]:
    return {
        f"plan/personas/p{number:04d}.md": textwrap.dedent(
            f"""\
            ---
            name: Persona {number}
            summary: Someone who buys lamps, number {number}.
            channels: [instagram]
            ---
            """
        )
        for number in range(count)
    }


@pytest.fixture(scope="module")
def persona_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The minimal plan with 20 and with 200 personas, built with --strict: no page
    left out of the nav is a warning."""
    sites = {}
    for count in (20, 200):
        root = write_plan(tmp_path_factory.mktemp(f"personas-{count}"), persona_files(count))
        result = run_cli("build", "--strict", cwd=root)
        assert result.exit_code == 0, result.output
        sites[count] = root / "site"
    return sites


def html_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text("utf-8"), "html.parser")


def navigation_links(html: BeautifulSoup) -> list[tuple[str, str]]:
    """Every link of the page's navigation and path: its text and address."""
    navs = html.select("nav.md-nav--primary, nav.md-path")
    return [(a.get_text(" ", strip=True), str(a.get("href"))) for n in navs for a in n.select("a")]


def test_a_persona_page_does_not_grow_with_the_number_of_personas(
    persona_sites: dict[int, Path],
) -> None:
    few, many = (html_of(persona_sites[n], "personas/p0007") for n in (20, 200))
    assert navigation_links(many) == navigation_links(few)
    assert len(many.find_all("a")) == len(few.find_all("a"))
    assert len(navigation_links(many)) < 40
    sizes = [len((persona_sites[n] / "personas/p0007/index.html").read_bytes()) for n in (20, 200)]
    assert sizes[1] - sizes[0] < 100  # the same page but for a few digits


def test_no_page_of_a_section_grows_with_the_number_of_personas(
    persona_sites: dict[int, Path],
) -> None:
    """Every page but the personas' index is the same size with 20 or 200 personas."""
    for page in ["", "goals", "goals/followers", "channels", "channels/instagram", "audit",
                 "calendar", "content", "health", "measurement", "inspiration"]:  # fmt: skip
        few, many = (html_of(persona_sites[n], page) for n in (20, 200))
        assert navigation_links(many) == navigation_links(few), page


def test_every_persona_page_is_reachable(persona_sites: dict[int, Path]) -> None:
    """From the personas' index, from the sitemap and from search."""
    site = persona_sites[200]
    pages = {p.parent.name for p in (site / "personas").glob("*/index.html")}
    assert len(pages) == 200
    index = html_of(site, "personas").select_one("article")
    linked = {str(a["href"]).strip("/") for a in index.select("a[href]")}
    assert pages <= linked
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert all(f"/personas/{page}/</loc>" in sitemap for page in pages)
    search = (site / "search" / "search_index.json").read_text("utf-8")
    assert all(f'"location":"personas/{page}/"' in search for page in pages)


SECTIONS = {
    "goals": "goals",
    "personas": "personas",
    "channels": "channels",
    "campaigns": "calendar",
}


@pytest.mark.parametrize("folder", SECTIONS)
def test_each_entity_page_shows_its_section_without_its_siblings(
    example_site: Path, folder: str
) -> None:
    """The section open in the navigation with its index and this page only, and the
    path above the title leading to the index; the index links every page."""
    index = SECTIONS[folder]
    entities = sorted(p.parent.name for p in (example_site / folder).glob("*/index.html"))
    assert len(entities) >= 2
    linked = {
        str(a["href"]).rstrip("/").rsplit("/", 1)[-1]
        for a in html_of(example_site, index).select("article a[href]")
    }
    assert set(entities) <= linked
    for entity in entities:
        url = f"/{folder}/{entity}/"
        html = html_of(example_site, url.strip("/"))
        section = html.select("nav.md-nav--primary li.md-nav__item--active.md-nav__item--nested")
        assert len(section) == 1, entity
        pages = [urljoin(url, str(a["href"])) for a in section[0].select("a.md-nav__link")]
        assert [page for page in pages if "#" not in page] == [f"/{index}/", url]
        navigation = {urljoin(url, str(a.get("href"))) for a in html.select("nav a[href]")}
        siblings = {f"/{folder}/{other}/" for other in entities if other != entity}
        assert not siblings & navigation, entity
        path = [urljoin(url, str(a["href"])) for a in html.select("nav.md-path a")]
        assert path[-1] == f"/{index}/", entity
