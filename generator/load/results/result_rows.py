"""What a results file becomes once read: rows in the plan's terms, whatever tool
wrote it, and the problems that kept a row or a file from being read.

Every reader (one module per kind of export) gives the same `ResultRow`, so
that matching, goals and pages never ask which tool a number came from. A
reader does not report: it returns `ReadProblem`s, which the checks turn
into findings with a PS code (checks/results.py), so that a team can
re-grade them like any other rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from generator.diagnostics import Location

# The kinds of file plansite recognises by their header, in the order a
# message lists them (docs/results.md says how to export each).
RESULT_KINDS = ("plansite", "ga4", "meta-facebook", "meta-instagram", "plausible")

# The metrics every reader names the same way. A plansite CSV may add columns
# of its own: they keep their header's name, lower-cased, as custom metrics.
METRICS = (
    "impressions",
    "reach",
    "engagements",
    "clicks",
    "sessions",
    "engaged_sessions",
    "conversions",
    "revenue",
    "followers",
    "views",
    "visitors",
)


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One row of an export: what it measured, and every clue to the post it measured.

    `line` is the row's line in its file, for "file:line" in findings. `day`
    is the day the numbers are for (a GA4 `Date`, a plansite `date`), else
    the day of `published_at`, else the last day of the file's period (the
    day its totals were reached), else None.
    `published_at` is when the network says the post went live, as written:
    without a zone (Meta writes none); the model reads it in the plan's. `post` is a plansite post
    id as the file gives it (a plansite CSV's `post`, or utm_content).
    """

    line: int
    day: date | None
    metrics: dict[str, float]
    published_at: datetime | None = None
    channel: str = ""  # a plansite channel id, when the file names one
    network: str = ""  # the network the file comes from (facebook, instagram...)
    account: str = ""  # the page or account name the file gives
    post: str = ""
    campaign: str = ""  # utm_campaign
    url: str = ""  # where the post lives (Meta's Permalink, a plansite `url`)
    platform_id: str = ""  # the network's own id of the post (Meta's Post ID)
    title: str = ""  # the caption or title, to show an unmatched row


@dataclass(frozen=True)
class ReadProblem:
    """Why a file, a row or a cell could not be read: a checks catalogue key
    (`PS610_*`, `PS611_*`) and its values, at file:row:column."""

    location: Location
    key: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ResultFile:
    """A results file as read: its kind (None when no header was recognised),
    its rows, and the period it covers when the file says (GA4's comment lines,
    the dates of a Plausible export's visitors.csv)."""

    path: Path
    kind: str | None
    rows: tuple[ResultRow, ...] = ()
    problems: tuple[ReadProblem, ...] = ()
    period: tuple[date, date] | None = None
