"""Reads every export a team dropped into `plan/results/`, each by the kind its
header says, whatever the file is called.

`.csv` files and `.zip` files (Plausible's export) are read. Anything else
there is a problem, like a stray file elsewhere in the plan, so that an
export saved as `.xlsx` or `.tsv` does not silently count for nothing;
dotfiles and a README (a team may well explain the folder) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.diagnostics import Location
from generator.load.confined_files import Refused, read_file, real_path_within
from generator.load.results.ga4_csv import is_ga4_header, period_from_comments, read_ga4_rows
from generator.load.results.meta_csv import meta_kind_of_header, read_meta_rows
from generator.load.results.plansite_csv import is_plansite_header, read_plansite_rows
from generator.load.results.plausible_export import (
    is_plausible_header,
    read_plausible_table,
    read_plausible_zip,
)
from generator.load.results.result_rows import RESULT_KINDS, ReadProblem, ResultFile
from generator.load.results.result_text import Records, find_header, text_from_bytes

RESULTS_FOLDER = "results"
READ_SUFFIXES = (".csv", ".zip")


def read_results_folder(folder: Path, within: Path, max_bytes: int) -> list[ResultFile]:
    """Every results file of `folder`, in name order; a file that cannot be read
    comes back with its problems and no rows."""
    files = []
    for path in sorted(folder.iterdir()):
        if _ignored(path):
            continue
        if path.suffix.lower() in READ_SUFFIXES and not path.is_dir():
            files.append(read_results_file(path, within, max_bytes))
        else:
            files.append(_stray(path))
    return files


def _ignored(path: Path) -> bool:
    """Dotfiles (.gitkeep, .DS_Store) and a README explaining the folder."""
    return path.name.startswith(".") or path.stem.upper() == "README"


def _stray(path: Path) -> ResultFile:
    values: dict[str, object] = {"name": path.name, "suffixes": ", ".join(READ_SUFFIXES)}
    return ResultFile(path, None, problems=(ReadProblem(Location(path), "PS610_stray", values),))


def read_results_file(path: Path, within: Path, max_bytes: int) -> ResultFile:
    """One export, read within the plan folder and its size limit."""
    try:
        real_path_within(path, within)
        data = read_file(path, max_bytes, within)
    except Refused as exc:
        problem = ReadProblem(Location(path), "PS610_refused", {"why": exc.message})
        return ResultFile(path, None, problems=(problem,))
    if path.suffix.lower() == ".zip":
        return read_plausible_zip(path, data, max_bytes)
    return read_results_bytes(path, data)


def read_results_bytes(path: Path, data: bytes) -> ResultFile:
    """A CSV export's rows, whichever kind its header says it is."""
    text = text_from_bytes(data, path)
    if isinstance(text, ReadProblem):
        return ResultFile(path, None, problems=(text,))
    records = Records(text, path)
    rows = iter(records)
    found = find_header(rows, _kind_of_header)
    if found is None:
        problem = records.problem or ReadProblem(
            Location(path, 1, 1), "PS610_kind", {"kinds": ", ".join(RESULT_KINDS)}
        )
        return ResultFile(path, None, problems=(problem,))
    kind, _, names = found
    read = _read_by_kind(path, kind, names, rows, records)
    if records.problem is None:
        return read
    problems = (*read.problems, records.problem)
    return ResultFile(read.path, read.kind, read.rows, problems, read.period)


def _kind_of_header(names: list[str]) -> str | None:
    """The kind a header row says, most particular first: a GA4 or Meta header
    could hold a `date` column, never a plansite one's `post`, `url` or `channel`."""
    meta = meta_kind_of_header(names)
    if meta is not None:
        return meta.kind
    if is_plansite_header(names):
        return "plansite"
    if is_plausible_header(names):
        return "plausible"
    if is_ga4_header(names):
        return "ga4"
    return None


def _read_by_kind(
    path: Path,
    kind: str,
    names: list[str],
    rows: Iterator[tuple[int, list[str]]],
    records: Records,
) -> ResultFile:
    if kind == "plansite":
        return read_plansite_rows(path, names, rows)
    if kind == "plausible":
        return read_plausible_table(path, names, rows)
    if kind == "ga4":
        period, problems = period_from_comments(path, records.comments)
        return read_ga4_rows(path, names, rows, period, problems)
    meta = meta_kind_of_header(names)
    assert meta is not None
    return read_meta_rows(path, meta, names, rows)


__all__ = ["RESULTS_FOLDER", "read_results_folder"]
