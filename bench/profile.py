"""Profile one in-process plansite build of a synthetic plan (10k posts by default).

    .venv/bin/python bench/profile.py [--posts 10000] [--top 30] [--sort cumulative]

The stage timings of bench/run.py say which stage is slow; this says which
functions inside it are. It writes the plan the benchmark uses, runs one
small build first (so compiling schemas and templates and importing MkDocs'
plugins stay out of the picture, as they do for every later build of a
`plansite serve` session), then runs `generator.build.build()` under
cProfile and prints the top functions.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    # Run as a file: import the `bench` package from the repository root, and
    # take bench/ itself off the path, where this file would shadow the
    # standard library's `profile` module that cProfile imports.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import cProfile
import pstats

from bench.synthetic import write_plan
from generator import build

WARM_UP_POSTS = 50


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000, help="posts in the plan")
    parser.add_argument("--top", type=int, default=30, help="functions to print")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (or tottime...)")
    parser.add_argument("--save", help="also write the raw profile here (for snakeviz, pstats)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plansite-profile-") as folder:
        work = Path(folder)
        warm = write_plan(work / "warm-up", WARM_UP_POSTS)
        warm_inputs = build.Inputs(warm.plan_dir, warm.config_file)
        templates = build.KeptTemplates()  # compiled by the warm-up, kept for the build
        build.build(warm_inputs, work / "warm-up" / "site", parallel=False, templates=templates)
        plan = write_plan(work / "plan", args.posts)
        inputs = build.Inputs(plan.plan_dir, plan.config_file)
        profiler = cProfile.Profile()
        # In one process: the feeds, forked in `plansite build`, are profiled too.
        profiler.runcall(build.build, inputs, work / "site", parallel=False, templates=templates)
    if args.save:
        profiler.dump_stats(args.save)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"plansite build of {args.posts:,} posts, top {args.top} by {args.sort}:")
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
