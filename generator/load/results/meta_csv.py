"""Meta Business Suite's content export: Facebook Pages and Instagram, a row per post.

UTF-8 with a byte order mark. The number of columns varies from one export
to the next (Meta adds and drops metrics), so every column is found by its
name. Facebook's export names the page (`Page ID`, `Page name`), Instagram's
the account (`Account username`). `Publish time` is `MM/DD/YYYY HH:MM`
without a zone: it is kept naive, and the model reads it in the plan's zone.
Meta's `Date` column (the period a figure covers, "Lifetime") is not read: a
row's day is the day it was published.

Engagements are added up from their parts, which stay metrics of their own:
reactions, comments and shares on Facebook; likes, comments, shares and
saves on Instagram. Meta renamed Impressions to Views in 2024: both are
read, each under its own name.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.load.results.result_rows import ReadProblem, ResultFile, ResultRow
from generator.load.results.result_text import (
    cell_at,
    column_of,
    date_problem,
    is_blank,
    metrics_from_cells,
)
from generator.load.results.result_values import META_TIME, time_from_meta


@dataclass(frozen=True)
class MetaKind:
    """What tells one Meta export from the other, and what it counts."""

    kind: str
    network: str
    marker: str  # the column only this export has
    account_column: str
    metric_columns: dict[str, str]  # Meta's name (lower case) -> plansite's
    engagement_parts: tuple[str, ...]  # plansite's names of what engagements add up


FACEBOOK = MetaKind(
    kind="meta-facebook",
    network="facebook",
    marker="page id",
    account_column="page name",
    metric_columns={
        "reach": "reach",
        "impressions": "impressions",
        "views": "views",
        "reactions": "reactions",
        "comments": "comments",
        "shares": "shares",
        "link clicks": "clicks",
    },
    engagement_parts=("reactions", "comments", "shares"),
)
INSTAGRAM = MetaKind(
    kind="meta-instagram",
    network="instagram",
    marker="account username",
    account_column="account username",
    metric_columns={
        "reach": "reach",
        "impressions": "impressions",
        "views": "views",
        "likes": "likes",
        "comments": "comments",
        "shares": "shares",
        "saves": "saves",
        "follows": "follows",
    },
    engagement_parts=("likes", "comments", "shares", "saves"),
)
META_KINDS = (FACEBOOK, INSTAGRAM)
REQUIRED = ("post id", "publish time")


def meta_kind_of_header(names: list[str]) -> MetaKind | None:
    if not all(name in names for name in REQUIRED):
        return None
    return next((meta for meta in META_KINDS if meta.marker in names), None)


def read_meta_rows(
    path: Path, meta: MetaKind, names: list[str], records: Iterator[tuple[int, list[str]]]
) -> ResultFile:
    """A row per post; a post whose publish time cannot be read is left out."""
    metric_columns = [
        (position, meta.metric_columns[name])
        for position, name in enumerate(names)
        if name in meta.metric_columns
    ]
    post_id_at = column_of(names, "post id")
    time_at = column_of(names, "publish time")
    url_at = column_of(names, "permalink")
    account_at = column_of(names, meta.account_column)
    title_at = column_of(names, "title")
    description_at = column_of(names, "description")
    rows: list[ResultRow] = []
    problems: list[ReadProblem] = []
    for line, cells in records:
        if is_blank(cells):
            continue
        text = cell_at(cells, time_at)
        published = time_from_meta(text)
        if published is None:
            problems.append(date_problem(path, line, time_at or 0, text, META_TIME))
            continue
        metrics = metrics_from_cells(cells, metric_columns, (path, line), problems)
        parts = [metrics[name] for name in meta.engagement_parts if name in metrics]
        if parts:
            metrics["engagements"] = sum(parts)
        rows.append(
            ResultRow(
                line=line,
                day=published.date(),
                metrics=metrics,
                published_at=published,
                network=meta.network,
                account=sys.intern(cell_at(cells, account_at)),  # kept once for every row
                url=cell_at(cells, url_at),
                platform_id=cell_at(cells, post_id_at),
                title=cell_at(cells, title_at) or cell_at(cells, description_at),
            )
        )
    return ResultFile(path, meta.kind, tuple(rows), tuple(problems))
