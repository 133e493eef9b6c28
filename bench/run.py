"""Benchmark plansite on synthetic plans and compare it with two references.

    .venv/bin/python bench/run.py [--sizes 1000,10000,50000] [--skip-peer] [--repeat 3]
                                  [--out FILE]

For each size (number of posts) it writes a synthetic plan (bench/synthetic.py),
then measures:

- each stage of one in-process build (`generator.pipeline.build`), with the
  functions the pipeline calls timed where it calls them (bench/measure.py);
- a preview rebuild after one post is edited (pipeline.Preview);
- `plansite build` and `plansite check` as commands: wall time and the peak
  RSS of each run's own process and the processes it forks;
- what the build wrote: pages (index.html files), feed bytes, largest page.

Then, for the 10k plan, the references (bench/peers.py): a bare `mkdocs build`
of as many plain pages, and yaml2ics converting the same events. It prints
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
import gc
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

from bench.measure import STAGES, Command, InProcess, run_command, time_build, venv_tool
from bench.peers import Yaml2ics, bare_mkdocs, ensure_yaml2ics, run_yaml2ics
from bench.synthetic import SyntheticPlan, write_plan
from generator import pipeline

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
    largest_page_mb: float
    preview_seconds: float


@dataclass
class Peers:
    mkdocs: Command | None = None
    mkdocs_pages: int = 0
    yaml2ics: Yaml2ics | None = None
    note: str = ""  # why a reference is missing


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        _warm_up(work)
        results = {size: measure_size(size, work, args.seed, args.repeat) for size in args.sizes}
        peers = Peers(note="skipped (--skip-peer)")
        if not args.skip_peer:
            peers = measure_peers(results, work, args.repeat)
        text = report(results, peers)
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


def _warm_up(work: Path) -> None:
    """One small untimed build, so the first size does not pay for what every later
    one reuses (compiled schemas and templates, imported MkDocs plugins)."""
    folder = _fresh(work / "warm-up")
    plan = write_plan(folder, WARM_UP_POSTS)
    time_build(plan.plan_dir, plan.config_file, folder / "site")


def _fresh(folder: Path) -> Path:
    """An empty folder: a site left by an earlier run (--keep) would be read as the
    previous publication and change what the build does."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


# -- one size -------------------------------------------------------------------


def measure_size(posts: int, work: Path, seed: int, repeat: int) -> SizeResult:
    folder = _fresh(work / f"{posts}")
    _progress(f"{posts} posts: writing the plan")
    start = time.perf_counter()
    plan = write_plan(folder, posts, seed)
    generate_seconds = time.perf_counter() - start
    if plan.warnings_expected:
        _progress(f"{posts} posts: more occurrences than free slots, expect PS502 warnings")
    _progress(f"{posts} posts: in-process build")
    inprocess = time_build(plan.plan_dir, plan.config_file, folder / "site-inprocess")
    _progress(f"{posts} posts: preview rebuild after one edit")
    preview_seconds = time_preview_rebuild(plan, folder / "preview", repeat)
    gc.collect()
    _progress(f"{posts} posts: plansite build, {repeat} times")
    builds = []
    for run in range(repeat):
        site = folder / f"site-{run}"  # new each time: no previous publication to compare with
        builds.append(_plansite(plan, "build", "--out", str(site)).check("plansite build"))
    build = Command.median(builds)
    _progress(f"{posts} posts: plansite check, {repeat} times")
    check = Command.median(
        [_plansite(plan, "check").check("plansite check") for _ in range(repeat)]
    )
    pages = list(site.rglob("index.html"))
    return SizeResult(
        plan=plan,
        posts=posts,
        occurrences=plan.occurrences,
        plan_mb=_megabytes(plan.root / "plan"),
        generate_seconds=generate_seconds,
        inprocess=inprocess,
        build=build,
        check=check,
        pages=len(pages),
        feed_bytes=sum(f.stat().st_size for f in site.rglob("*.ics")),
        largest_page_mb=max(p.stat().st_size for p in pages) / 2**20,
        preview_seconds=preview_seconds,
    )


def time_preview_rebuild(plan: SyntheticPlan, folder: Path, repeat: int) -> float:
    """What `plansite serve` does after an edit: one build of the preview, then one
    post's title changes and the same preview rebuilds, `repeat` times; the median."""
    inputs = pipeline.Inputs(Path(plan.plan_dir), Path(plan.config_file))
    calendar = sorted(Path(plan.plan_dir).glob("calendar/*.yml"))[0]
    text = calendar.read_text(encoding="utf-8")
    start = text.index("    title: ")
    end = text.index("\n", start)
    seconds = []
    with pipeline.Preview(inputs, folder) as preview:
        preview.rebuild()
        try:
            for run in range(repeat):
                edited = text[:start] + f"    title: Edited in the preview ({run})" + text[end:]
                calendar.write_text(edited, "utf-8")
                began = time.perf_counter()
                preview.rebuild()
                seconds.append(time.perf_counter() - began)
        finally:
            calendar.write_text(text, encoding="utf-8")
    return statistics.median(seconds)


def _plansite(plan: SyntheticPlan, command: str, *extra: str) -> Command:
    plansite = venv_tool("plansite")
    files = ("--plan", plan.plan_dir, "--config", plan.config_file)
    return run_command([plansite, command, *files, *extra])


def _megabytes(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


# -- references -----------------------------------------------------------------


def measure_peers(results: dict[int, SizeResult], work: Path, repeat: int) -> Peers:
    """The references, taken at the reference size (10k) when it was measured."""
    if REFERENCE_SIZE not in results:
        return Peers(note=f"skipped: {REFERENCE_SIZE} is not among --sizes")
    peers = Peers()
    reference = results[REFERENCE_SIZE]
    folder = _fresh(work / "peers")
    _progress(f"bare mkdocs build of {reference.pages} pages, {repeat} times")
    runs = [
        bare_mkdocs(reference.pages, reference.plan.config_file, _fresh(folder / f"mkdocs-{run}"))
        for run in range(repeat)
    ]
    peers.mkdocs, peers.mkdocs_pages = Command.median([r for r, _ in runs]), runs[0][1]
    _progress("yaml2ics: installing or finding it")
    python, why = ensure_yaml2ics()
    if python is None:
        peers.note = why
        _progress(why)
        return peers
    _progress(f"yaml2ics: converting {REFERENCE_SIZE} posts")
    peers.yaml2ics = run_yaml2ics(python, reference.plan, folder / "yaml2ics")
    return peers


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
        ("largest page (MB of HTML)", lambda r: f"{r.largest_page_mb:.1f}"),
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
