"""Plausible's CSV export: the zip its dashboard downloads, or two of its tables.

Of the zip's tables only three are read: `utm_contents.csv` (a row per
utm_content, which is a plansite post id), `utm_campaigns.csv` (a row per
utm_campaign) and the dates of `visitors.csv`, which give the period the
figures cover (a row's day is its last day). Both utm tables have the header
`name,visitors,bounce_rate,visit_duration`; dropped alone, which one a file is
can only be told by its name.

A zip is read from memory, never extracted, and only up to limits that a
zip bomb would cross: so many members, so many bytes uncompressed per member
read (the plan's file size limit, counted as they come out, whatever the zip
claims), and a compression ratio no CSV reaches.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath

from generator.diagnostics import Location
from generator.load.results.result_rows import ReadProblem, ResultFile, ResultRow
from generator.load.results.result_text import (
    Records,
    cell_at,
    column_of,
    date_problem,
    find_header,
    is_blank,
    metrics_from_cells,
    text_from_bytes,
)
from generator.load.results.result_values import ISO_DAY, day_from_iso

UTM_HEADER = ("name", "visitors")
CONTENTS, CAMPAIGNS, VISITORS = "utm_contents.csv", "utm_campaigns.csv", "visitors.csv"
MAX_MEMBERS = 200  # Plausible's export holds about twenty
MAX_RATIO = 200  # CSV compresses about ten times; a bomb a thousand


def is_plausible_header(names: list[str]) -> bool:
    return names[:2] == list(UTM_HEADER)


def read_plausible_table(
    path: Path, names: list[str], records: Iterator[tuple[int, list[str]]]
) -> ResultFile:
    """`utm_contents.csv` or `utm_campaigns.csv` dropped alone, told apart by name."""
    field = _field_of(path.name)
    if field is None:
        problem = ReadProblem(Location(path), "PS610_plausible_table", {"file": path.name})
        return ResultFile(path, "plausible", problems=(problem,))
    rows, problems = _utm_rows(path, names, records, field, None)
    return ResultFile(path, "plausible", tuple(rows), tuple(problems))


def _field_of(name: str) -> str | None:
    lowered = name.lower()
    if "utm_content" in lowered:
        return "post"
    if "utm_campaign" in lowered:
        return "campaign"
    return None


def _utm_rows(
    path: Path,
    names: list[str],
    records: Iterator[tuple[int, list[str]]],
    field: str,
    day: date | None,
) -> tuple[list[ResultRow], list[ReadProblem]]:
    visitors = [(position, "visitors") for position, name in enumerate(names) if name == "visitors"]
    rows: list[ResultRow] = []
    problems: list[ReadProblem] = []
    for line, cells in records:
        name = cell_at(cells, 0)
        if is_blank(cells) or not name:
            continue
        metrics = metrics_from_cells(cells, visitors, (path, line), problems)
        if field == "post":
            rows.append(ResultRow(line=line, day=day, metrics=metrics, post=name))
        else:
            rows.append(ResultRow(line=line, day=day, metrics=metrics, campaign=name))
    return rows, problems


def read_plausible_zip(path: Path, data: bytes, max_bytes: int) -> ResultFile:
    """The utm tables of an export zip, over the period of its visitors.csv."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                values: dict[str, object] = {"count": len(members), "limit": MAX_MEMBERS}
                return _refused(path, "PS610_zip_members", values)
            wanted = {PurePosixPath(m.filename).name: m for m in members if not m.is_dir()}
            texts: dict[str, str] = {}
            for name in (VISITORS, CONTENTS, CAMPAIGNS):
                if name in wanted:
                    text = _member_text(path, archive, wanted[name], max_bytes)
                    if isinstance(text, ReadProblem):
                        return ResultFile(path, "plausible", problems=(text,))
                    texts[name] = text
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, zlib.error):
        return _refused(path, "PS610_zip", {})
    if CONTENTS not in texts and CAMPAIGNS not in texts:
        return _refused(path, "PS610_zip_tables", {"tables": f"{CONTENTS}, {CAMPAIGNS}"})
    return _read_tables(path, texts)


def _refused(path: Path, key: str, values: dict[str, object]) -> ResultFile:
    return ResultFile(path, "plausible", problems=(ReadProblem(Location(path), key, values),))


def _member_text(
    path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo, max_bytes: int
) -> str | ReadProblem:
    inner = path / PurePosixPath(member.filename).name  # a name, never a place on disk
    if member.flag_bits & 0x1:
        return ReadProblem(Location(inner), "PS610_zip_encrypted")
    if member.file_size > max_bytes:
        return _too_large(inner, member.file_size, max_bytes)
    if member.file_size > MAX_RATIO * max(member.compress_size, 1):
        ratio = member.file_size // max(member.compress_size, 1)
        return ReadProblem(Location(inner), "PS610_zip_ratio", {"ratio": ratio, "limit": MAX_RATIO})
    with archive.open(member) as stream:
        data = stream.read(max_bytes + 1)  # what the zip claims may be a lie
    if len(data) > max_bytes:
        return _too_large(inner, len(data), max_bytes)
    return text_from_bytes(data, inner)


def _too_large(inner: Path, size: int, max_bytes: int) -> ReadProblem:
    values: dict[str, object] = {"size": size, "limit": max_bytes}
    return ReadProblem(Location(inner), "PS610_zip_size", values)


def _read_tables(path: Path, texts: dict[str, str]) -> ResultFile:
    problems: list[ReadProblem] = []
    period = _period(path / VISITORS, texts[VISITORS], problems) if VISITORS in texts else None
    rows: list[ResultRow] = []
    for name, field in ((CONTENTS, "post"), (CAMPAIGNS, "campaign")):
        if name not in texts:
            continue
        inner = path / name
        records = Records(texts[name], inner)
        found = find_header(
            iter(records), lambda names: "plausible" if is_plausible_header(names) else None
        )
        if found is None:
            problems.append(
                records.problem
                or ReadProblem(Location(inner), "PS610_kind", {"kinds": "plausible"})
            )
            continue
        table_rows, table_problems = _utm_rows(
            inner, found[2], iter(records), field, period[1] if period else None
        )
        rows.extend(table_rows)
        problems.extend(table_problems)
        if records.problem is not None:
            problems.append(records.problem)
    return ResultFile(path, "plausible", tuple(rows), tuple(problems), period)


def _period(inner: Path, text: str, problems: list[ReadProblem]) -> tuple[date, date] | None:
    records = Records(text, inner)
    days: list[date] = []
    date_at: int | None = None
    for line, cells in records:
        if is_blank(cells):
            continue
        if date_at is None:
            date_at = column_of([cell.strip().lower() for cell in cells], "date")
            if date_at is None:
                return None
            continue
        text_day = cell_at(cells, date_at)
        day = day_from_iso(text_day)
        if day is None:
            problems.append(date_problem(inner, line, date_at, text_day, ISO_DAY))
        else:
            days.append(day)
    if records.problem is not None:
        problems.append(records.problem)
    return (min(days), max(days)) if days else None
