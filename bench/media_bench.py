"""The cost of media in a build: a 10k-post plan with 2,000 distinct images against
the same plan without them.

Three figures, each the build of `plansite build` in process (bench/measure.py):

- the plan without media, built again into its published site;
- the same plan with its images, built again once the site holds every
  thumbnail (what a team's every build costs): the target is 1.5x at most;
- that plan's first build, which still makes every thumbnail.

    .venv/bin/python -m bench.media_bench [--posts 10000] [--images 2000]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench.measure import time_build
from bench.synthetic import write_plan
from generator import build

TARGET_RATIO = 1.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--images", type=int, default=2_000)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="plansite-media-bench-"))
    try:
        print(_report(*_measure(work, args.posts, args.images), args.posts, args.images))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _measure(work: Path, posts: int, images: int) -> tuple[float, float, float]:
    templates = build.KeptTemplates()
    plain = write_plan(work / "plain", posts)
    _build(plain.root, templates)  # warm-up, and the published site the rebuild replaces
    without = _build(plain.root, templates)
    start = time.perf_counter()
    with_media = write_plan(work / "media", posts, images=images)
    print(f"[media bench] {images} images drawn in {time.perf_counter() - start:.1f} s")
    fresh = _build(with_media.root, templates)
    again = _build(with_media.root, templates)
    return without, again, fresh


def _build(root: Path, templates: build.KeptTemplates) -> float:
    """One build into `root`/site, replacing what an earlier one published there (its
    feeds then are the previous publication, as on a team's every build)."""
    return time_build(root / "plan", root / "site_config.yml", root / "site", templates).total


def _report(without: float, again: float, fresh: float, posts: int, images: int) -> str:
    ratio = again / without
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    return (
        f"Media: {posts:,} posts, {images:,} distinct images\n"
        f"  build without media (rebuild)           {without:7.1f} s\n"
        f"  build with media, thumbnails made       {again:7.1f} s  "
        f"({ratio:.2f}x, {verdict} the {TARGET_RATIO}x target)\n"
        f"  first build with media (every thumbnail) {fresh:6.1f} s\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
