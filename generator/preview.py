"""`plansite serve`: a local preview that rebuilds when the plan or theme changes.

It polls file modification times instead of depending on a watcher library:
a plan has tens of files, and a check twice a second costs nothing.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
import time
from pathlib import Path

import click

from generator.diagnostics import PlanError
from generator.pipeline import Inputs, Preview
from generator.report_formats import as_text
from generator.resources import theme_dir

POLL_SECONDS = 0.5


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the standard library's own pattern
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows rebuilds, not every request."""


def _snapshot(folders: list[Path], files: list[Path]) -> tuple[tuple[str, float], ...]:
    stamps = [(str(f), f.stat().st_mtime) for f in files if f.is_file()]
    for folder in folders:
        if folder.is_dir():
            stamps += [(str(p), p.stat().st_mtime) for p in folder.rglob("*") if p.is_file()]
    return tuple(sorted(stamps))


def _rebuild(preview: Preview) -> None:
    try:
        checked = preview.rebuild()
    except PlanError as exc:
        click.echo(as_text(exc.report), err=True, nl=False)
        click.echo(f"{exc.report.summary()}; still serving the last good site.", err=True)
        return
    click.echo(f"rebuilt ({checked.report.summary()})", err=True)


def serve(inputs: Inputs, host: str, port: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="plansite-preview-"))
    with Preview(inputs, folder) as preview:
        _rebuild(preview)
        preview.out.mkdir(parents=True, exist_ok=True)
        server = http.server.ThreadingHTTPServer(
            (host, port), functools.partial(_Handler, directory=str(preview.out))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        click.echo(f"serving on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
        watched = [inputs.plan_dir, theme_dir()]
        seen = _snapshot(watched, [inputs.config_file])
        try:
            while True:
                time.sleep(POLL_SECONDS)
                now = _snapshot(watched, [inputs.config_file])
                if now != seen:
                    seen = now
                    _rebuild(preview)
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            shutil.rmtree(folder, ignore_errors=True)
