"""Benchmark plansite on synthetic plans and compare it with two references.

    .venv/bin/python bench/run.py [--sizes 1000,10000,50000] [--skip-peer] [--repeat 3]
                                  [--out FILE] [--results-only] [--result-rows 100000]

For each size (number of posts) it writes a synthetic plan (bench/synthetic.py),
then measures:

- each stage of one in-process build (`generator.build.build`), with the
  functions the pipeline calls timed where it calls them (bench/measure.py);
- a preview rebuild after one post is edited (commands/preview_rebuild.Preview);
- `plansite build` and `plansite check` as commands: wall time and the peak
  RSS of each run's own process and the processes it forks;
- what the build wrote: pages (index.html files), feed bytes, the largest page
  and its size (no page over 1 MB of HTML at 10k posts: pages/long_lists.py).

For the 10k plan, the calendar (bench/calendar_filter.py): the time a
channel filter takes on its busiest month page in headless Chromium, beside
the size of its largest calendar page. Then the references (bench/peers.py):
a bare `mkdocs build` of as many plain pages, and yaml2ics converting the
same events. Last, reading results exports of 100k rows against the csv
module alone, and its peak memory (bench/results_reading.py; `--results-only`
runs just that). It prints
every figure and the ratios the project aims for, each marked PASS or FAIL.
Commands, preview rebuilds and the bare MkDocs build run `--repeat` times
and their median is kept (peak RSS: the highest); yaml2ics runs once.

On a 2-core machine 1k and 10k with the references take about 3 minutes and
50k alone about 4, so run `--sizes 1000,10000` and `--sizes 50000
--skip-peer` separately when time counts; the ratios a run cannot compute
show as SKIP.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):
    # Run as a file: import the `bench` package from the repository root.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import calendar_filter
from bench.floor import icalendar_seconds, libyaml_read_seconds
from bench.measure import STAGES, Command, InProcess, run_command, time_build, venv_tool
from bench.peers import Yaml2ics, bare_mkdocs, ensure_yaml2ics, run_yaml2ics
from bench.results_reading import DEFAULT_ROWS, results_report
from bench.synthetic import SyntheticPlan, write_plan
from generator import build
from generator.commands.preview_rebuild import Preview

DEFAULT_SIZES = (1_000, 10_000, 50_000)
REFERENCE_SIZE = 10_000  # the size the references and most ratios are taken at
SMALL, LARGE = 1_000, 50_000
WARM_UP_POSTS = 50


@dataclass
class SizeResult:
    plan: SyntheticPlan
    posts: int
    occurrences: int
    plan_mb: float
    generate_seconds: float
    inprocess: InProcess
    build: Command
    check: Command
    pages: int
    feed_bytes: int
    largest_page: str  # its address in the site, e.g. `calendar/2027-05/`
    largest_page_mb: float
    preview_seconds: float


@dataclass
class Peers:
    mkdocs: Command | None = None
    mkdocs_pages: int = 0
    yaml2ics: Yaml2ics | None = None
    libyaml_seconds: float | None = None  # the floor's reading (bench/floor.py)
    icalendar_seconds: float | None = None  # the floor's feed
    note: str = ""  # why a reference is missing

    @property
    def floor(self) -> float | None:
        """Bare MkDocs + libyaml reading the plan + icalendar, one event per post."""
        if self.mkdocs is None or self.libyaml_seconds is None or self.icalendar_seconds is None:
            return None
        return self.mkdocs.seconds + self.libyaml_seconds + self.icalendar_seconds


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.results_only:
        text = results_report(args.result_rows, args.repeat)
        print(text)
        if args.out:
            Path(args.out).write_text(_header() + text, encoding="utf-8")
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        templates = _warm_up(work)
        prepared = {
            size: prepare_size(size, work, args.seed, args.repeat, templates) for size in args.sizes
        }
        bare = None if args.skip_peer else _bare_mkdocs(prepared, work)
        results, bare_run = run_commands(prepared, args.repeat, bare)
        peers = Peers(note="skipped (--skip-peer)")
        if not args.skip_peer:
            peers = measure_peers(results, work, bare_run)
        text = report(results, peers)
        if REFERENCE_SIZE in prepared:
            text += "\n" + calendar_report(prepared[REFERENCE_SIZE])
        _progress(f"reading results exports of {args.result_rows} rows")
        text += "\n" + results_report(args.result_rows, args.repeat)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(text)
    if args.out:
        Path(args.out).write_text(_header() + text, encoding="utf-8")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=list(DEFAULT_SIZES),
        help="comma-separated numbers of posts (default 1000,10000,50000)",
    )
    parser.add_argument("--skip-peer", action="store_true", help="skip bare MkDocs and yaml2ics")
    parser.add_argument("--out", help="also write the tables to this Markdown file")
    parser.add_argument("--keep", help="generate into this folder and keep plans and sites")
    parser.add_argument(
        "--results-only",
        action="store_true",
        help="only time reading results exports (bench/results_reading.py)",
    )
    parser.add_argument(
        "--result-rows",
        type=int,
        default=DEFAULT_ROWS,
        help=f"rows of each results export read (default {DEFAULT_ROWS})",
    )
    parser.add_argument("--seed", type=int, default=2027, help="seed of the synthetic plans")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each command and preview rebuild; the median is kept (default 3)",
    )
    return parser.parse_args(argv)


def _progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _warm_up(work: Path) -> build.KeptTemplates:
    """One small untimed build, so the first size does not pay for what every later
    one reuses (compiled schemas, imported MkDocs plugins, and the templates it
    compiled, which it returns for the in-process builds, as the preview keeps them)."""
    folder = _fresh(work / "warm-up")
    plan = write_plan(folder, WARM_UP_POSTS)
    templates = build.KeptTemplates()
    time_build(plan.plan_dir, plan.config_file, folder / "site", templates)
    return templates


def _fresh(folder: Path) -> Path:
    """An empty folder: a site left by an earlier run (--keep) would be read as the
    previous publication and change what the build does."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


# -- one size -------------------------------------------------------------------


@dataclass
class Prepared:
    """A size measured in process; its commands run later, in turns with the others."""

    posts: int
    plan: SyntheticPlan
    folder: Path
    generate_seconds: float
    inprocess: InProcess
    preview_seconds: float


def prepare_size(
    posts: int, work: Path, seed: int, repeat: int, templates: build.KeptTemplates
) -> Prepared:
    folder = _fresh(work / f"{posts}")
    _progress(f"{posts} posts: writing the plan")
    start = time.perf_counter()
    plan = write_plan(folder, posts, seed)
    generate_seconds = time.perf_counter() - start
    if plan.warnings_expected:
        _progress(f"{posts} posts: more occurrences than free slots, expect PS502 warnings")
    _progress(f"{posts} posts: in-process build")
    inprocess = time_build(plan.plan_dir, plan.config_file, folder / "site-inprocess", templates)
    preview_seconds = math.nan  # the reference size's is measured in turns with its builds
    if posts != REFERENCE_SIZE:
        _progress(f"{posts} posts: preview rebuild after one edit, {repeat} times")
        preview_seconds = time_preview_rebuild(plan, folder / "preview", repeat)
    gc.collect()
    return Prepared(posts, plan, folder, generate_seconds, inprocess, preview_seconds)


def run_commands(
    prepared: dict[int, Prepared], repeat: int, bare: Callable[[int], Command] | None
) -> tuple[dict[int, SizeResult], Command | None]:
    """`plansite build` and `plansite check` of every size, the reference size's
    preview rebuild and the bare MkDocs build, taking turns `repeat` times; the
    median of each.

    A shared machine's speed drifts during a run (by half, over some minutes),
    and a ratio of two figures measured minutes apart measured the drift: in
    turns, the figures a ratio compares are measured side by side.
    """
    builds: dict[int, list[Command]] = {size: [] for size in prepared}
    checks: dict[int, list[Command]] = {size: [] for size in prepared}
    previews: list[float] = []
    bare_runs: list[Command] = []
    with contextlib.ExitStack() as stack:
        edits = None
        if REFERENCE_SIZE in prepared:
            reference = prepared[REFERENCE_SIZE]
            _progress(f"{REFERENCE_SIZE} posts: preview built once, for its rebuilds")
            edits = stack.enter_context(PreviewEdits(reference.plan, reference.folder / "preview"))
        for run in range(repeat):
            for size, ready in prepared.items():
                _progress(f"{size} posts: plansite build and check, run {run + 1} of {repeat}")
                site = ready.folder / f"site-{run}"  # new each time: no previous publication
                builds[size].append(
                    _plansite(ready.plan, "build", "--out", str(site)).check("plansite build")
                )
                checks[size].append(_plansite(ready.plan, "check").check("plansite check"))
            if edits is not None:
                _progress(f"{REFERENCE_SIZE} posts: preview rebuild, run {run + 1} of {repeat}")
                previews.append(edits.rebuild())
            if bare is not None:
                _progress(f"bare mkdocs build, run {run + 1} of {repeat}")
                bare_runs.append(bare(run))
    if previews:
        prepared[REFERENCE_SIZE].preview_seconds = statistics.median(previews)
    results = {
        size: _result(ready, Command.median(builds[size]), Command.median(checks[size]))
        for size, ready in prepared.items()
    }
    return results, Command.median(bare_runs) if bare_runs else None


def _result(ready: Prepared, build: Command, check: Command) -> SizeResult:
    site = ready.folder / "site-0"
    pages = list(site.rglob("index.html"))
    largest = max(pages, key=lambda page: page.stat().st_size)
    return SizeResult(
        plan=ready.plan,
        posts=ready.posts,
        occurrences=ready.plan.occurrences,
        plan_mb=_megabytes(ready.plan.root / "plan"),
        generate_seconds=ready.generate_seconds,
        inprocess=ready.inprocess,
        build=build,
        check=check,
        pages=len(pages),
        feed_bytes=sum(f.stat().st_size for f in site.rglob("*.ics")),
        largest_page=_address(largest.parent.relative_to(site).as_posix()),
        largest_page_mb=largest.stat().st_size / 2**20,
        preview_seconds=ready.preview_seconds,
    )


class PreviewEdits:
    """What `plansite serve` does after an edit: a preview is built once, then one
    post's title changes and the same preview rebuilds, once per `rebuild()`."""

    def __init__(self, plan: SyntheticPlan, folder: Path) -> None:
        inputs = build.Inputs(Path(plan.plan_dir), Path(plan.config_file))
        self._calendar = sorted(Path(plan.plan_dir).glob("calendar/*.yml"))[0]
        self._text = self._calendar.read_text(encoding="utf-8")
        self._preview = Preview(inputs, folder)
        self._edits = 0

    def __enter__(self) -> PreviewEdits:
        self._preview.rebuild()
        return self

    def __exit__(self, *exc: object) -> None:
        self._calendar.write_text(self._text, encoding="utf-8")

    def rebuild(self) -> float:
        """Seconds of one rebuild after one more edit."""
        self._edits += 1
        start = self._text.index("    title: ")
        end = self._text.index("\n", start)
        title = f"    title: Edited in the preview ({self._edits})"
        self._calendar.write_text(self._text[:start] + title + self._text[end:], "utf-8")
        began = time.perf_counter()
        self._preview.rebuild()
        return time.perf_counter() - began


def time_preview_rebuild(plan: SyntheticPlan, folder: Path, repeat: int) -> float:
    """The median of `repeat` preview rebuilds, each after one edit."""
    with PreviewEdits(plan, folder) as edits:
        return statistics.median(edits.rebuild() for _ in range(repeat))


def _plansite(plan: SyntheticPlan, command: str, *extra: str) -> Command:
    plansite = venv_tool("plansite")
    files = ("--plan", plan.plan_dir, "--config", plan.config_file)
    return run_command([plansite, command, *files, *extra])


def _address(folder: str) -> str:
    """A page's folder in the site as its address: `calendar/2027-05/`, or `/`."""
    return "/" if folder == "." else f"{folder}/"


def _megabytes(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


# -- references -----------------------------------------------------------------


def _bare_mkdocs(prepared: dict[int, Prepared], work: Path) -> Callable[[int], Command] | None:
    """One bare MkDocs build of as many pages as the 10k site, if 10k is measured."""
    if REFERENCE_SIZE not in prepared:
        return None
    reference = prepared[REFERENCE_SIZE]
    pages = sum(1 for _ in (reference.folder / "site-inprocess").rglob("index.html"))

    def build(run: int) -> Command:
        folder = _fresh(work / "peers" / f"mkdocs-{run}")
        return bare_mkdocs(pages, reference.plan.config_file, folder)[0]

    return build


def measure_peers(
    results: dict[int, SizeResult], work: Path, bare_mkdocs_run: Command | None
) -> Peers:
    """The references, taken at the reference size (10k) when it was measured."""
    if REFERENCE_SIZE not in results:
        return Peers(note=f"skipped: {REFERENCE_SIZE} is not among --sizes")
    reference = results[REFERENCE_SIZE]
    peers = Peers(mkdocs=bare_mkdocs_run, mkdocs_pages=reference.pages)
    _progress(f"floor: libyaml and icalendar on {REFERENCE_SIZE} posts")
    peers.libyaml_seconds = libyaml_read_seconds(reference.plan.plan_dir)
    peers.icalendar_seconds = icalendar_seconds(reference.plan)
    folder = _fresh(work / "peers" / "references")
    _progress("yaml2ics: installing or finding it")
    python, why = ensure_yaml2ics()
    if python is None:
        peers.note = why
        _progress(why)
        return peers
    _progress(f"yaml2ics: converting {REFERENCE_SIZE} posts")
    peers.yaml2ics = run_yaml2ics(python, reference.plan, folder / "yaml2ics")
    return peers


def calendar_report(reference: Prepared) -> str:
    """The calendar's figures on the reference size's site: its largest page, and a
    channel filter applied on its busiest month in headless Chromium."""
    _progress(f"{REFERENCE_SIZE} posts: the calendar's filter in Chromium")
    figures = calendar_filter.calendar_figures(reference.folder / "site-inprocess")
    return calendar_filter.report(figures, REFERENCE_SIZE)


# -- the report -----------------------------------------------------------------


def report(results: dict[int, SizeResult], peers: Peers) -> str:
    sections = [
        "## plansite, by number of posts\n\n" + _figures_table(results),
        "## References\n\n" + _peers_table(results, peers),
        "## Ratios\n\n" + _ratios_table(results, peers),
    ]
    return "\n\n".join(sections) + "\n"


def _figures_table(results: dict[int, SizeResult]) -> str:
    sizes = sorted(results)
    rows: list[tuple[str, Callable[[SizeResult], str]]] = [
        ("occurrences (repeats expanded)", lambda r: f"{r.occurrences:,}"),
        ("plan files (MB)", lambda r: f"{r.plan_mb:.1f}"),
        ("plan generation, bench only (s)", lambda r: _s(r.generate_seconds)),
    ]
    for stage in STAGES:
        label = f"  ↳ {stage.label}, own time (s)" if stage.nested else f"{stage.label} (s)"
        rows.append((label, lambda r, key=stage.label: _s(r.inprocess.seconds.get(key))))
    rows += [
        ("in-process build, total (s)", lambda r: _s(r.inprocess.total)),
        ("preview rebuild after one edit (s)", lambda r: _s(r.preview_seconds)),
        ("`plansite build` wall (s)", lambda r: _s(r.build.seconds)),
        ("`plansite check` wall (s)", lambda r: _s(r.check.seconds)),
        ("`plansite build` peak RSS (MB)", lambda r: f"{r.build.peak_rss_mb:.0f}"),
        ("`plansite check` peak RSS (MB)", lambda r: f"{r.check.peak_rss_mb:.0f}"),
        ("pages written (index.html)", lambda r: str(r.pages)),
        ("largest page", lambda r: f"`{r.largest_page}`"),
        ("largest page (MB of HTML)", lambda r: f"{r.largest_page_mb:.2f}"),
        ("feed bytes, all feeds", lambda r: f"{r.feed_bytes:,}"),
        ("plan-check warnings", lambda r: f"{r.inprocess.warnings:,}"),
    ]
    header = ["figure", *(f"{size:,} posts" for size in sizes)]
    body = [[label, *(cell(results[size]) for size in sizes)] for label, cell in rows]
    return _markdown_table(header, body, right_from=1)


def _peers_table(results: dict[int, SizeResult], peers: Peers) -> str:
    body: list[list[str]] = []
    if peers.mkdocs is not None:
        body += [
            [
                f"bare `mkdocs build`, {peers.mkdocs_pages} pages: wall (s)",
                _s(peers.mkdocs.seconds),
            ],
            ["bare `mkdocs build`: peak RSS (MB)", f"{peers.mkdocs.peak_rss_mb:.0f}"],
        ]
    if peers.floor is not None:
        body += [
            ["libyaml reading the plan (s)", _s(peers.libyaml_seconds)],
            ["icalendar, one event per post, one feed (s)", _s(peers.icalendar_seconds)],
            ["floor: bare mkdocs + libyaml + icalendar (s)", _s(peers.floor)],
        ]
    if peers.yaml2ics is not None:
        y = peers.yaml2ics
        body += [
            [f"yaml2ics, {REFERENCE_SIZE:,} posts as {y.events:,} events: convert (s)",
             _s(y.convert_seconds)],
            ["yaml2ics: whole process wall (s)", _s(y.process.seconds)],
            ["yaml2ics: peak RSS (MB)", f"{y.process.peak_rss_mb:.0f}"],
            ["yaml2ics: ICS bytes (one feed)", f"{y.bytes:,}"],
        ]  # fmt: skip
    if REFERENCE_SIZE in results:
        feeds = results[REFERENCE_SIZE].inprocess.seconds.get("write_feeds")
        body.append([f"plansite write_feeds, {REFERENCE_SIZE:,} posts (s)", _s(feeds)])
    if peers.note:
        body.append(["note", peers.note])
    return _markdown_table(["reference", "value"], body, right_from=1)


@dataclass(frozen=True)
class Ratio:
    name: str
    value: float | None
    target: str
    passes: Callable[[float], bool]

    def row(self) -> list[str]:
        if self.value is None:
            return [self.name, "n/a", self.target, "SKIP"]
        return [self.name, f"{self.value:.2f}", self.target,
                "PASS" if self.passes(self.value) else "FAIL"]  # fmt: skip


def ratios(results: dict[int, SizeResult], peers: Peers) -> list[Ratio]:
    build = {size: r.build.seconds for size, r in results.items()}
    check = {size: r.check.seconds for size, r in results.items()}
    feeds = {size: r.inprocess.seconds.get("write_feeds") for size, r in results.items()}
    mkdocs = peers.mkdocs.seconds if peers.mkdocs else None
    yaml2ics = peers.yaml2ics.convert_seconds if peers.yaml2ics else None
    large = results.get(LARGE)
    return [
        Ratio(
            "plansite build 10k / floor",
            _ratio(build.get(REFERENCE_SIZE), peers.floor),
            "<= 1.5",
            lambda v: v <= 1.5,
        ),
        Ratio(
            "plansite build 10k / bare mkdocs",
            _ratio(build.get(REFERENCE_SIZE), mkdocs),
            "<= 1.5",
            lambda v: v <= 1.5,
        ),
        Ratio(
            "yaml2ics 10k / plansite feeds 10k",
            _ratio(yaml2ics, feeds.get(REFERENCE_SIZE)),
            ">= 5",
            lambda v: v >= 5,
        ),
        Ratio(
            "build 10k / build 1k",
            _ratio(build.get(REFERENCE_SIZE), build.get(SMALL)),
            "<= 2",
            lambda v: v <= 2,
        ),
        Ratio(
            "50k build peak RSS (MB)",
            large.build.peak_rss_mb if large else None,
            "< 500",
            lambda v: v < 500,
        ),
        Ratio(
            "preview rebuild 10k / build 10k",
            _ratio(
                results[REFERENCE_SIZE].preview_seconds if REFERENCE_SIZE in results else None,
                build.get(REFERENCE_SIZE),
            ),
            "<= 0.5",
            lambda v: v <= 0.5,
        ),
        Ratio(
            "largest page 10k (MB of HTML)",
            results[REFERENCE_SIZE].largest_page_mb if REFERENCE_SIZE in results else None,
            "< 1",
            lambda v: v < 1,
        ),
        Ratio(
            "check 10k / build 10k",
            _ratio(check.get(REFERENCE_SIZE), build.get(REFERENCE_SIZE)),
            "<= 0.2",
            lambda v: v <= 0.2,
        ),
    ]


def _ratios_table(results: dict[int, SizeResult], peers: Peers) -> str:
    rows = [ratio.row() for ratio in ratios(results, peers)]
    return _markdown_table(["ratio", "value", "target", "verdict"], rows, right_from=1)


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator:
        return None
    return numerator / denominator


def _s(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def _markdown_table(header: list[str], rows: list[list[str]], right_from: int) -> str:
    """An aligned Markdown table: readable in a terminal, renders in a Markdown file."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = [
            cell.rjust(width) if i >= right_from else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (w - 1) + ":" if i >= right_from else "-" * w for i, w in enumerate(widths)]
    return "\n".join([line(header), "| " + " | ".join(rule) + " |", *map(line, rows)])


def _header() -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"# plansite benchmark\n\n{now}, Python {platform.python_version()}, "
        f"{platform.machine()}, {_cpus()} CPU(s)\n\n"
    )


def _cpus() -> int:
    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())
