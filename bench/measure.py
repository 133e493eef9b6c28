"""How the benchmark measures: stage times inside one build, and wall time and
peak memory of one command.

Stages are timed by wrapping the names the pipeline calls, for the
length of one `build.build()`. The benchmark thus times each stage with
exactly the arguments the real build passes, and keeps doing so while the
pipeline changes; a name that disappears shows as "n/a" instead of a stale
figure from a copy of the pipeline's code.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib import import_module
from pathlib import Path
from typing import Any

from generator import build


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
    Stage("read_config", "generator.check", "read_config"),
    Stage("read_plan", "generator.check", "read_plan_folder"),
    Stage("YAML parsing", "generator.load.plan_folder", "parse_yaml", nested=True),
    Stage("schema validation", "generator.load.plan_folder", "validate_doc", nested=True),
    Stage("plan_from_documents", "generator.check", "plan_from_documents"),
    Stage("findings_from_plan", "generator.check", "findings_from_plan"),
    Stage("repeats expanded", "generator.checks.registry", "calendar_occurrences", nested=True),
    Stage("mix tables", "generator.checks.registry", "mix_tables", nested=True),
    Stage("render_pages", "generator.build", "render_pages"),
    Stage("build_site", "generator.build", "build_site"),
    Stage("MkDocs itself", "generator.site.scratch_build", "run_mkdocs", nested=True),
    # Forked beside the pages and MkDocs in `plansite build`; timed here where
    # build_site() waits for them, in the same process.
    Stage("write_feeds", "generator.build", "write_feeds", nested=True),
)


@dataclass(frozen=True)
class InProcess:
    """One in-process build: seconds per stage label (absent: the name is gone)."""

    seconds: dict[str, float]
    total: float
    warnings: int


def time_build(
    plan_dir: Path,
    config_file: Path,
    out: Path,
    templates: build.KeptTemplates | None = None,
) -> InProcess:
    """Run `build.build()` once into `out` (which must not exist: no previous feed).

    The stages run one after the other here (no feeds made in a forked
    process, where they could not be timed): the total is the work of the
    build, the `plansite build` command's wall time what a user waits.
    `templates` are those an earlier build compiled (the warm-up's).
    """
    inputs = build.Inputs(plan_dir, config_file)
    with _timed_stages() as seconds:
        start = time.perf_counter()
        checked = build.build(inputs, out, parallel=False, templates=templates)
        total = time.perf_counter() - start
    return InProcess(dict(seconds), total, len(checked.report.warnings))


@contextmanager
def _timed_stages() -> Iterator[dict[str, float]]:
    """Wrap every stage's name for the duration of the block, then put the originals back."""
    seconds: dict[str, float] = {}
    inner: list[float] = []  # per active timed call: time spent in timed calls it made
    wrapped: list[tuple[Any, str, Callable[..., Any]]] = []
    for stage in STAGES:
        try:
            module = import_module(stage.module)
        except ImportError:
            continue
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

    @staticmethod
    def median(runs: Sequence[Command]) -> Command:
        """Runs of one command as one: the median wall time, the highest peak RSS.

        One run on a shared two-core machine varies by 10 %; the median of a
        few keeps a ratio near its target from being decided by one of them.
        """
        ordered = sorted(runs, key=lambda run: run.seconds)
        middle = ordered[len(ordered) // 2]
        return replace(middle, peak_rss_mb=max(run.peak_rss_mb for run in runs))

    def check(self, what: str) -> Command:
        """Itself, or an error showing the end of stderr: a failed run times nothing useful."""
        if self.returncode != 0:
            tail = "\n".join(self.stderr.splitlines()[-15:])
            raise RuntimeError(f"{what} failed with exit code {self.returncode}:\n{tail}")
        return self


def run_command(args: Sequence[str | Path], cwd: Path | None = None) -> Command:
    """Run `args` in a fresh child and measure that run alone (see _LAUNCHER)."""
    with tempfile.TemporaryDirectory(prefix="plansite-bench-run-") as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        program = shutil.which(str(args[0])) or str(args[0])
        launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, out, err, program, *args[1:]]
        done = subprocess.run([str(a) for a in launcher], cwd=cwd, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"the measuring launcher failed: {done.stderr[-500:]}")
        measured = json.loads(done.stdout)
        return Command(
            seconds=measured["seconds"],
            peak_rss_mb=measured["maxrss_kb"] / 1024,  # Linux reports kilobytes
            returncode=measured["code"],
            stdout=out.read_text("utf-8", "replace"),
            stderr=err.read_text("utf-8", "replace"),
        )


# Forks and runs the measured command from a small process of its own, and
# reports its wall time and peak RSS. Linux carries a process's peak RSS over
# fork and exec, so a command forked straight from the benchmark (hundreds of
# MB after an in-process build) would report the benchmark's peak as its own;
# forked from this launcher it starts from a few MB. os.wait4 gives the usage
# of that one child, where getrusage(RUSAGE_CHILDREN) is the largest of all.
_LAUNCHER = """
import json, os, sys, time
out, err, program = sys.argv[1], sys.argv[2], sys.argv[3]
flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.dup2(os.open(out, flags), 1)
        os.dup2(os.open(err, flags), 2)
        os.execv(program, sys.argv[3:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"seconds": seconds, "maxrss_kb": usage.ru_maxrss, "code": code}))
"""


def venv_tool(name: str) -> Path:
    """A console script of the environment running the benchmark (plansite, mkdocs)."""
    tool = Path(sys.executable).parent / name
    if not tool.exists():
        raise SystemExit(f"{tool} not found: run the benchmark with the project's .venv/bin/python")
    return tool
