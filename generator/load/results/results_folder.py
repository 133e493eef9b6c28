"""Reads every export a team dropped into `plan/results/`, each by the kind its
header says, whatever the file is called."""

from __future__ import annotations

import csv
from pathlib import Path

from generator.diagnostics import Location
from generator.load.confined_files import Refused, read_file, real_path_within
from generator.load.results.plansite_csv import is_plansite_header, read_plansite_rows
from generator.load.results.result_rows import RESULT_KINDS, ReadProblem, ResultFile

RESULTS_FOLDER = "results"
READ_SUFFIXES = (".csv",)


def read_results_folder(folder: Path, within: Path, max_bytes: int) -> list[ResultFile]:
    """Every results file of `folder`, in name order; a file that cannot be read
    comes back with its problems and no rows."""
    return [
        _read_results_file(path, within, max_bytes)
        for path in sorted(folder.iterdir())
        if not path.name.startswith(".") and path.suffix.lower() in READ_SUFFIXES
    ]


def _read_results_file(path: Path, within: Path, max_bytes: int) -> ResultFile:
    try:
        real_path_within(path, within)
        data = read_file(path, max_bytes, within)
    except Refused as exc:
        problem = ReadProblem(Location(path), "PS610_refused", {"why": exc.message})
        return ResultFile(path, None, problems=(problem,))
    text = data.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))
    header = rows[0] if rows else []
    if is_plansite_header(header):
        return read_plansite_rows(path, lines)
    problem = ReadProblem(Location(path, 1, 1), "PS610_kind", {"kinds": RESULT_KINDS})
    return ResultFile(path, None, problems=(problem,))


__all__ = ["RESULTS_FOLDER", "read_results_folder"]
