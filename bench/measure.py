"""How the benchmark measures: stage times inside one build, and wall time and
peak memory of one command.

Stages are timed by wrapping the names `generator.pipeline` calls, for the
length of one `pipeline.build()`. The benchmark thus times each stage with
exactly the arguments the real build passes, and keeps doing so while the
pipeline changes; a name that disappears shows as "n/a" instead of a stale
figure from a copy of the pipeline's code.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from generator import pipeline


@dataclass(frozen=True)
class Stage:
    """A function the build calls, timed where the caller looks it up."""

    label: str
    module: str  # the module whose global name is wrapped (the caller's)
    name: str
    nested: bool = False  # part of an earlier stage, shown to explain it


# In the order the build runs them. The nested ones are found inside the
# stage above them; their time is already counted there.
STAGES = (
    Stage("load_config", "generator.pipeline", "load_config"),
    Stage("read_plan", "generator.pipeline", "read_plan"),
    Stage("YAML parsing", "generator.plan_files", "parse_yaml", nested=True),
    Stage("plan_from_sources", "generator.pipeline", "plan_from_sources"),
    Stage("schema validation", "generator.assemble", "validate_doc", nested=True),
    Stage("run_checks", "generator.pipeline", "run_checks"),
    Stage("repeats expanded", "generator.checks.registry", "plan_occurrences", nested=True),
    Stage("mix tables in PS402", "generator.checks.mix", "mix_tables", nested=True),
    Stage("mix_tables (pages)", "generator.pipeline", "mix_tables"),
    Stage("render_pages", "generator.pipeline", "render_pages"),
    Stage("build_feeds", "generator.pipeline", "build_feeds"),
    Stage("feeds serialized", "generator.feeds", "_feed", nested=True),
    Stage("build_site", "generator.pipeline", "build_site"),
    Stage("MkDocs itself", "generator.mkdocs_site", "_run_mkdocs", nested=True),
)


@dataclass(frozen=True)
class InProcess:
    """One in-process build: seconds per stage label (absent: the name is gone)."""

    seconds: dict[str, float]
    total: float
    warnings: int


def time_build(plan_dir: Path, config_file: Path, out: Path) -> InProcess:
    """Run `pipeline.build()` once into `out` (which must not exist: no previous feed)."""
    with _timed_stages() as seconds:
        start = time.perf_counter()
        checked = pipeline.build(pipeline.Inputs(plan_dir, config_file), out)
        total = time.perf_counter() - start
    return InProcess(dict(seconds), total, len(checked.report.warnings))


@contextmanager
def _timed_stages() -> Iterator[dict[str, float]]:
    """Wrap every stage's name for the duration of the block, then put the originals back."""
    seconds: dict[str, float] = {}
    inner: list[float] = []  # per active timed call: time spent in timed calls it made
    wrapped: list[tuple[Any, str, Callable[..., Any]]] = []
    for stage in STAGES:
        module = import_module(stage.module)
        original = getattr(module, stage.name, None)
        if callable(original):
            wrapped.append((module, stage.name, original))
            setattr(module, stage.name, _timer(stage, original, seconds, inner))
    try:
        yield seconds
    finally:
        for module, name, original in wrapped:
            setattr(module, name, original)


def _timer(
    stage: Stage, function: Callable[..., Any], seconds: dict[str, float], inner: list[float]
) -> Callable[..., Any]:
    """`function`, adding its time to `seconds[stage.label]`.

    A nested stage counts only its own time, without the other timed calls
    it makes (the occurrences that the first rule needing them expands,
    say), so nested rows never count the same second twice.
    """

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        inner.append(0.0)
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - start
            within = inner.pop()
            if inner:
                inner[-1] += elapsed
            own = elapsed - within if stage.nested else elapsed
            seconds[stage.label] = seconds.get(stage.label, 0.0) + own

    return timed


@dataclass(frozen=True)
class Command:
    """What one command cost: wall time and the peak resident memory of its process."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def check(self, what: str) -> Command:
        """Itself, or an error showing the end of stderr: a failed run times nothing useful."""
        if self.returncode != 0:
            tail = "\n".join(self.stderr.splitlines()[-15:])
            raise RuntimeError(f"{what} failed with exit code {self.returncode}:\n{tail}")
        return self


def run_command(args: Sequence[str | Path], cwd: Path | None = None) -> Command:
    """Run `args` in a fresh child and measure it alone.

    `os.wait4` returns the resource usage of that one child (with whatever it
    waited for), so its peak RSS is this run's; `getrusage(RUSAGE_CHILDREN)`
    would give the largest of every child the benchmark ran so far.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([str(a) for a in args], cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Command(
            seconds=seconds,
            peak_rss_mb=usage.ru_maxrss / 1024,  # Linux reports kilobytes
            returncode=child.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def venv_tool(name: str) -> Path:
    """A console script of the environment running the benchmark (plansite, mkdocs)."""
    tool = Path(sys.executable).parent / name
    if not tool.exists():
        raise SystemExit(f"{tool} not found: run the benchmark with the project's .venv/bin/python")
    return tool
