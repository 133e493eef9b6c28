"""How long matching results to posts takes: 100,000 rows against the synthetic
plan of 10,000 posts (bench/synthetic.py), a third matched by the post id, a
third guessed from a publish time, a sixth by a published address and a sixth
matching nothing, as a year of exports of a busy brand would.

    .venv/bin/python -m bench.result_matching [posts] [rows]

Prints the time of `results_from_files` alone (the plan is read first, and not
timed), wall-clock and processor time (the one to compare on a busy machine),
and how many rows each rule matched.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.synthetic import TIMEZONE, write_plan
from generator import check
from generator.load.results.result_rows import ResultFile, ResultRow
from generator.model.entities import Plan, Post
from generator.model.occurrences import last_calendar_day, occurrences_of
from generator.model.result_matching import results_from_files
from generator.model.results import PublishedPlace


def rows_for(plan: Plan, count: int, rng: random.Random) -> list[ResultRow]:
    """`count` rows, each measuring an occurrence of the plan or none."""
    last = last_calendar_day(plan)
    timed = [
        (post, occurrence)
        for post in plan.posts
        for occurrence in occurrences_of(post, last)
        if occurrence.start is not None
    ]
    networks = {channel.id: channel.network for channel in plan.channels}
    rows: list[ResultRow] = []
    for line in range(2, count + 2):
        post, occurrence = rng.choice(timed)
        assert occurrence.start is not None
        kind = line % 6
        metrics = {"reach": float(rng.randint(10, 5000)), "engagements": float(rng.randint(0, 300))}
        if kind in (0, 1):
            rows.append(ResultRow(line, occurrence.day, metrics, post=post.id))
        elif kind in (2, 3):
            local = occurrence.start.astimezone(ZoneInfo(TIMEZONE)).replace(tzinfo=None)
            at = local + timedelta(minutes=rng.randint(-60, 60))
            network = networks[post.channels[0]]
            rows.append(ResultRow(line, at.date(), metrics, published_at=at, network=network))
        elif kind == 4:
            url = f"https://www.instagram.com/p/{post.id}/?igsh=x"
            rows.append(ResultRow(line, occurrence.day, metrics, url=url))
        else:
            at = datetime(2027, 1, 1, 3, 0) + timedelta(days=rng.randint(0, 360))
            rows.append(ResultRow(line, at.date(), metrics, published_at=at, network="x"))
    return rows


def with_places(plan: Plan) -> Plan:
    """The plan with every post's permalink recorded under `published`."""

    def placed(post: Post) -> Post:
        url = f"https://instagram.com/p/{post.id}"
        return replace(post, published=(PublishedPlace("", url),))

    return replace(plan, posts=tuple(placed(post) for post in plan.posts))


def main(posts: int = 10_000, count: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_plan(root, posts)
        plan = with_places(
            check.check_plan(check.Inputs(root / "plan", root / "site_config.yml")).plan
        )
    rows = rows_for(plan, count, random.Random(2027))
    files = [ResultFile(Path("results/year.csv"), "plansite", tuple(rows))]
    started, cpu = time.perf_counter(), time.process_time()
    results = results_from_files(plan, files, ZoneInfo(TIMEZONE))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{count:,} rows against {len(plan.posts):,} posts matched in {seconds:.2f} s "
        f"({cpu:.2f} s of processor time)"
    )
    print(f"by rule: {results.rule_counts}, unmatched: {len(results.unmatched):,}")


if __name__ == "__main__":
    main(*(int(argument) for argument in sys.argv[1:3]))
