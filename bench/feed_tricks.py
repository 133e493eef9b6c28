"""Each speed trick of generator/feeds/ against the icalendar way it stands in for.

    .venv/bin/python bench/feed_tricks.py [--posts 10000] [--rounds 7]

A trick stays only while it saves a tenth of its stage or more on the
10k-post plan (docs/performance.md). The stages are writing the feeds (a
first publication, and one against the previous publication) and reading
the previous publication back. The previous publication is the same plan
with a post in five retitled and one in seven an hour earlier. Each trick
is swapped for the plain way in turn, the variants take turns round after
round, and the CPU time of this process is kept: a shared machine's speed
drifts by half within minutes. The outputs must not differ.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import icalendar
from icalendar.parser import Contentline, Contentlines

from bench.synthetic import write_plan
from generator import check
from generator.feeds import calendars, events, published_events
from generator.feeds.events import EventContext
from generator.model.entities import Plan
from generator.model.settings import SiteConfig

NOW = datetime(2030, 1, 1, tzinfo=UTC)
PUBLISHED_AT = datetime(2027, 1, 1, tzinfo=UTC)


class PlainLines:
    """icalendar's way: a value for each event, its lines made each time they are asked for."""

    def shared_value(self, make: Callable[[Any], Any], argument: object) -> Any:
        return make(argument)

    def lines_of(self, event: icalendar.Event) -> list[Contentline]:
        return [event.content_line(name, value) for name, value in event.property_items()]


def _plain_context(plan: Plan, config: SiteConfig) -> EventContext:
    context = events.context_from_plan(plan, config)
    return dataclasses.replace(context, lines=PlainLines())  # type: ignore[arg-type]


# Each trick: where the feeds call it, and the plain way to put there instead.
PLAIN_WAYS: dict[str, tuple[ModuleType, str, Callable[..., Any]]] = {
    "content_line_cache": (calendars, "context_from_plan", _plain_context),
    "byte_folding": (calendars, "ical_from_lines", lambda lines: Contentlines(lines).to_ical()),
    "crlf_unfolding": (
        published_events,
        "lines_from_feed",
        lambda text: list(Contentlines.from_ical(text)),
    ),
    "stamp_lines": (published_events, "stamp_from_line", lambda line: None),
}
# The stages each variant runs: with every trick (None), and without each one.
STAGES: dict[str | None, tuple[str, ...]] = {
    None: ("write", "write against previous", "read previous"),
    "content_line_cache": ("write", "write against previous"),
    "byte_folding": ("write", "write against previous"),
    "crlf_unfolding": ("read previous", "write against previous"),
    "stamp_lines": ("read previous", "write against previous"),
}


@contextmanager
def plain_way(trick: str | None) -> Iterator[None]:
    """The feeds with `trick` (None: none of them) done the plain way."""
    if trick is None:
        yield
        return
    module, name, plain = PLAIN_WAYS[trick]
    original = getattr(module, name)
    setattr(module, name, plain)
    try:
        yield
    finally:
        setattr(module, name, original)


def previous_feed(plan: Plan, config: SiteConfig) -> bytes:
    """The combined feed of the same plan published earlier, with some posts since
    retitled (every fifth) or moved (every seventh)."""
    posts = []
    for i, post in enumerate(plan.posts):
        if i % 5 == 0:
            post = dataclasses.replace(post, title=f"{post.title} (before)")
        if i % 7 == 0 and post.time is not None and post.time.hour > 0:
            post = dataclasses.replace(post, time=post.time.replace(hour=post.time.hour - 1))
        posts.append(post)
    earlier = dataclasses.replace(plan, posts=tuple(posts))
    return next(calendars.build_feeds(earlier, config, None, PUBLISHED_AT)).body


def run_stage(stage: str, plan: Plan, config: SiteConfig, previous: bytes) -> str:
    """One stage, with a digest of what it made."""
    if stage == "read previous":
        found = published_events.read_published(previous)
        return hashlib.sha256(repr(sorted(found.items())).encode()).hexdigest()
    against = previous if stage == "write against previous" else None
    digest = hashlib.sha256()
    for feed in calendars.build_feeds(plan, config, against, NOW):
        digest.update(feed.path.encode() + b"\0" + feed.body)
    return digest.hexdigest()


def measure(
    plan: Plan, config: SiteConfig, rounds: int
) -> tuple[dict[tuple[str | None, str], list[float]], bool]:
    """CPU seconds of each (trick done the plain way, stage), and whether every
    variant made the same bytes."""
    previous = previous_feed(plan, config)
    variants: list[str | None] = [None, *PLAIN_WAYS]
    seconds: dict[tuple[str | None, str], list[float]] = {}
    made: dict[str, set[str]] = {}
    gc.collect()
    gc.freeze()  # as the build keeps the collector off the model
    for turn in range(rounds):
        for trick in variants if turn % 2 == 0 else variants[::-1]:
            with plain_way(trick):
                for stage in STAGES[trick]:
                    start = time.process_time()
                    digest = run_stage(stage, plan, config, previous)
                    seconds.setdefault((trick, stage), []).append(time.process_time() - start)
                    made.setdefault(stage, set()).add(digest)
            gc.collect()
    return seconds, all(len(digests) == 1 for digests in made.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=10_000, help="posts in the plan")
    parser.add_argument("--rounds", type=int, default=7, help="turns of every variant")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plansite-tricks-") as folder:
        written = write_plan(Path(folder), args.posts)
        inputs = check.Inputs(written.plan_dir, written.config_file)
        checked = check.check_plan(inputs)
    seconds, same = measure(checked.plan, checked.config, args.rounds)
    print(f"{args.posts:,} posts, {args.rounds} rounds, CPU seconds (median)")
    for trick in PLAIN_WAYS:
        for stage in STAGES[trick]:
            with_it = statistics.median(seconds[(None, stage)])
            without = statistics.median(seconds[(trick, stage)])
            saved = 100 * (without - with_it) / without
            print(f"{trick:19} {stage:23} {with_it:6.2f} {without:6.2f}  saves {saved:3.0f} %")
    print("same bytes with and without each trick:", "yes" if same else "NO")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
