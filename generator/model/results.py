"""Results matched to the plan: which post, on which channel and which day, each
row of an export measured, and by which rule it was matched.

The rule that says what a number means lives here once: an engagement rate
is engagements over reach (else over impressions), whichever page, card or
export shows it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from generator.load.results.result_rows import ResultFile, ResultRow

# How a row was matched to a post, surest first (docs/results.md). "time" is a
# guess: the same channel, published within two hours of an occurrence.
MATCH_RULES = ("published", "utm_content", "time")


@dataclass(frozen=True)
class PublishedPlace:
    """Where a post went live on a channel ("" for every channel of the post)."""

    channel: str
    url: str = ""
    id: str = ""


@dataclass(frozen=True)
class MetricSource:
    """Where a goal's values come from: a metric of the results files, summed,
    averaged or taken last per period, over some campaigns and channels (all
    when empty). model/goal_sources.py computes the series."""

    metric: str
    campaigns: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    aggregate: str = "sum"  # sum | mean | last
    every: str = "month"  # week | month: the period of each computed point


@dataclass(frozen=True)
class ExperimentArm:
    """A post's part in an experiment of measurement.yml: which one, which variant."""

    id: str
    variant: str


@dataclass(frozen=True, slots=True)
class MatchedResult:
    """A row of an export and the post occurrence it measured."""

    row: ResultRow
    path: Path  # the file the row comes from
    post: str  # the post's id
    channel: str  # the channel's id
    day: date  # the day of the occurrence measured
    rule: str  # one of MATCH_RULES


@dataclass(frozen=True, slots=True)
class UnmatchedResult:
    """A row no rule matched to a post: a post made outside the plan, or a
    campaign's total (GA4 rows without utm_content), which goals may still count."""

    row: ResultRow
    path: Path


@dataclass(frozen=True)
class PlanResults:
    """Every results file as read, and each of its rows matched to a post or not."""

    files: tuple[ResultFile, ...] = ()
    matched: tuple[MatchedResult, ...] = ()
    unmatched: tuple[UnmatchedResult, ...] = ()

    @cached_property
    def _by_post(self) -> dict[str, tuple[MatchedResult, ...]]:
        grouped: defaultdict[str, list[MatchedResult]] = defaultdict(list)
        for result in self.matched:
            grouped[result.post].append(result)
        return {post: tuple(results) for post, results in grouped.items()}

    def of_post(self, post_id: str) -> tuple[MatchedResult, ...]:
        """The results matched to a post, in file and row order."""
        return self._by_post.get(post_id, ())

    def totals_of_post(self, post_id: str, channel: str = "") -> dict[str, float]:
        """Each metric summed over the post's results (on one channel if given)."""
        return summed(r.row for r in self.of_post(post_id) if not channel or r.channel == channel)

    @cached_property
    def latest_day(self) -> date | None:
        """The last day any result is for: the plan's latest measurement."""
        days = [row.day for file in self.files for row in file.rows if row.day is not None]
        return max(days, default=None)

    @cached_property
    def rule_counts(self) -> dict[str, int]:
        """How many rows each rule matched (every rule present, 0 when none)."""
        counts = Counter(result.rule for result in self.matched)
        return {rule: counts.get(rule, 0) for rule in MATCH_RULES}


def summed(rows: Iterable[ResultRow]) -> dict[str, float]:
    """Each metric's total over `rows`."""
    totals: defaultdict[str, float] = defaultdict(float)
    for row in rows:
        for name, value in row.metrics.items():
            totals[name] += value
    return dict(totals)


def channels_of_row(row: ResultRow, networks: dict[str, str]) -> list[str]:
    """The plan's channels a row may be from (`networks`: each channel id's network):
    the one it names, else those on its network."""
    if row.channel:
        return [row.channel] if row.channel in networks else []
    return [channel for channel, network in networks.items() if network == row.network]


def audience(metrics: dict[str, float]) -> float:
    """The people a post reached, as an engagement rate counts them: its reach,
    else its impressions; 0 when neither is known."""
    return metrics.get("reach") or metrics.get("impressions") or 0.0


def engagement_rate(metrics: dict[str, float]) -> float | None:
    """Engagements over the audience (reach, else impressions); None when either
    is unknown or the audience is 0. A share from 0 to 1 (the pages show it as a
    percentage)."""
    engagements = metrics.get("engagements")
    reached = audience(metrics)
    if engagements is None or not reached:
        return None
    return engagements / reached
