"""`plansite serve`: a local preview that rebuilds when the plan or theme changes.

It polls file modification times instead of depending on a watcher library:
a plan has tens of files, and a check twice a second costs nothing. No
failure of a rebuild ends the preview: the last good site stays served.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from generator.check import Inputs
from generator.commands.preview_rebuild import Preview
from generator.commands.preview_reload import PreviewStatus
from generator.commands.preview_server import PreviewServer
from generator.commands.report_formats import as_text
from generator.diagnostics import Diagnostic, Location, PlanError, Severity
from generator.runtime.interruptions import Mask, made_safely
from generator.site.theme import theme_dir

POLL_SECONDS = 0.5
STILL_SERVING = "still serving the last good site"

Snapshot = tuple[tuple[str, float], ...]


def serve(inputs: Inputs, host: str, port: int, show_traceback: bool = False) -> None:
    """Serve the plan's site and rebuild it after every change, until Ctrl+C (or
    SIGTERM, raised as KeyboardInterrupt): the caller says it stopped. The
    preview's temporary folder is removed however it ends."""
    with _temporary_folder() as folder:
        preview = Preview(inputs, folder)
        status = PreviewStatus()
        with _listening(host, port, preview, status) as server:
            # Taken before the first build: an edit made while it runs, or while the
            # first page is being served, is still seen as a change.
            seen = _snapshot(*_watched(preview))
            _rebuild(preview, status, show_traceback)
            with _serving(server):
                click.echo(f"serving on {server.url} (Ctrl+C to stop)", err=True)
                _rebuild_on_change(preview, status, seen, show_traceback)


@contextmanager
def _temporary_folder() -> Iterator[Path]:
    def make(_: Mask) -> Path:
        return Path(tempfile.mkdtemp(prefix="plansite-preview-"))

    with made_safely(make, lambda folder: shutil.rmtree(folder, ignore_errors=True)) as folder:
        yield folder


@contextmanager
def _listening(
    host: str, port: int, preview: Preview, status: PreviewStatus
) -> Iterator[PreviewServer]:
    """The server, its port taken before the first build (a port in use is said at
    once); a browser that connects meanwhile waits for the site."""
    try:
        server = PreviewServer(host, port, lambda: preview.out, status)
    except OSError as exc:
        raise click.UsageError(f"cannot serve on {host}:{port}: {exc.strerror}") from None
    with server:
        yield server


@contextmanager
def _serving(server: PreviewServer) -> Iterator[None]:
    """Requests answered on a thread of their own while the block runs."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()


def _watched(preview: Preview) -> tuple[list[Path], list[Path]]:
    """The folders and files whose change makes the preview rebuild."""
    return [preview.inputs.plan_dir, theme_dir()], [preview.inputs.config_file]


def _rebuild_on_change(
    preview: Preview, status: PreviewStatus, seen: Snapshot, show_traceback: bool
) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        now = _snapshot(*_watched(preview))
        if now != seen:
            seen = now
            _rebuild(preview, status, show_traceback)


def _snapshot(folders: list[Path], files: list[Path]) -> Snapshot:
    """The modification time of every watched file; one removed meanwhile (an editor
    saving by renaming) is simply left out."""
    paths = [*files, *(p for folder in folders if folder.is_dir() for p in folder.rglob("*"))]
    stamps = []
    for path in paths:
        try:
            stamps.append((str(path), path.stat().st_mtime))
        except OSError:
            continue
    return tuple(sorted(stamps))


def _rebuild(preview: Preview, status: PreviewStatus, show_traceback: bool) -> None:
    """Rebuild and say how it went, in the terminal and in the pages (`status`, which
    makes them reload); no failure ends the preview."""
    try:
        checked = preview.rebuild()
    except PlanError as exc:
        click.echo(as_text(exc.report), err=True, nl=False)
        click.echo(f"{exc.report.summary()}; {STILL_SERVING}.", err=True)
        status.rebuilt(d for d in exc.report.sorted() if d.severity is Severity.ERROR)
        return
    except Exception as exc:  # a bug, not the plan: the preview outlives it
        hint = "" if show_traceback else "plansite serve --traceback shows where"
        failed = f"the rebuild failed, {_one_line(exc)}"
        click.echo(f"error: {failed}; {STILL_SERVING}{f' ({hint})' if hint else ''}.", err=True)
        if show_traceback:
            traceback.print_exception(exc)
        # Not the plan's fault: the program itself is where it happened.
        status.rebuilt([Diagnostic(Location(Path("plansite")), Severity.ERROR, failed, hint)])
        return
    click.echo(f"rebuilt ({checked.report.summary()})", err=True)
    status.rebuilt()


def _one_line(exc: Exception) -> str:
    words = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {words}" if words else type(exc).__name__
