"""From an export's bytes to its records: the encoding, the comment lines, the
header, whatever tool wrote the file.

Analytics tools write CSV their own way: Meta with a byte order mark, Excel
and some GA4 downloads in UTF-16, GA4 with a block of `#` lines before its
header. The header is found by its column names (each reader says which it
knows), because the number of lines before it varies from one export to
the next. Only a line that STARTS with `#`, between records, is a comment: a
caption with a hashtag is data, and so is a line inside a quoted cell that
spans lines. Every problem comes back as a `ReadProblem`, never an exception.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.diagnostics import Location
from generator.load.results.result_rows import ReadProblem
from generator.load.results.result_values import number_from_cell

# How much of a cell a message shows: enough to find it, never a whole file.
SHOWN_VALUE_CHARACTERS = 60
# How many records may come before the header (title lines some tools write).
HEADER_SEARCH_RECORDS = 20
# What the csv module says when a cell is over `csv.field_size_limit()`.
_FIELD_LIMIT = "field larger than field limit"
_UNCLOSED_QUOTE = "unexpected end of data"


def shown_value(text: str) -> str:
    """A cell as a message quotes it: cut to a readable length. Control
    characters are left to the diagnostics, which show them safely."""
    if len(text) <= SHOWN_VALUE_CHARACTERS:
        return text
    return text[: SHOWN_VALUE_CHARACTERS - 1] + "…"


def text_from_bytes(data: bytes, path: Path) -> str | ReadProblem:
    """The file's text, from a byte order mark when there is one, else from what the
    bytes say (UTF-16 puts a NUL beside every ASCII character), else UTF-8."""
    if not data.strip(b" \t\r\n\x00"):
        return ReadProblem(Location(path), "PS610_empty")
    encoding = _encoding_of(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ReadProblem(Location(path, line, 1), "PS610_encoding")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - text.rfind("\n", 0, nul)
        return ReadProblem(Location(path, line, column), "PS610_nul")
    return text


def _encoding_of(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # reads the mark and drops it
    start = data[:200]
    if len(start) >= 4 and len(start) % 2 == 0:
        if start[1::2].count(0) > len(start) // 4 and 0 not in start[0::2]:
            return "utf-16-le"
        if start[0::2].count(0) > len(start) // 4 and 0 not in start[1::2]:
            return "utf-16-be"
    return "utf-8"


def _split_lines(text: str) -> Iterator[str]:
    """The lines of `text`, each with its line break, as slices of it: io.StringIO
    would first copy the whole text at four bytes a character."""
    start = 0
    end = len(text)
    while start < end:
        stop = text.find("\n", start)
        stop = end if stop < 0 else stop + 1
        yield text[start:stop]
        start = stop


class _Lines:
    """The text's lines, fed to the csv reader: a `#` line is set aside as a
    comment, but only when it starts a record (inside a quoted cell it is data)."""

    def __init__(self, text: str) -> None:
        self._lines = _split_lines(text)
        self.line = 0  # the last line handed out
        self.record_line = 0  # the first line of the record being read
        self.between_records = True
        self.comments: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        for text in self._lines:
            self.line += 1
            if self.between_records:
                if text.startswith("#"):
                    self.comments.append((self.line, text.rstrip("\r\n")))
                    continue
                self.record_line = self.line
                self.between_records = False
            return text
        raise StopIteration


class Records:
    """The records of a CSV text, each with the line it starts on; a record the
    csv module cannot read stops the file, and `problem` says where and why."""

    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        self._lines = _Lines(text)
        self._reader = csv.reader(self._lines, strict=True)
        self.problem: ReadProblem | None = None

    @property
    def comments(self) -> list[tuple[int, str]]:
        """The `#` lines read so far, with their line numbers."""
        return self._lines.comments

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        lines = self._lines
        reader = self._reader
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.problem = self._unreadable(str(exc))
                return
            lines.between_records = True
            yield lines.record_line, cells

    def _unreadable(self, why: str) -> ReadProblem:
        location = Location(self.path, self._lines.record_line or 1, 1)
        if why.startswith(_FIELD_LIMIT):
            return ReadProblem(location, "PS610_cell_size", {"limit": csv.field_size_limit()})
        if why.startswith(_UNCLOSED_QUOTE):
            return ReadProblem(location, "PS610_quote")
        return ReadProblem(location, "PS610_csv", {"why": shown_value(why)})


def is_blank(cells: list[str]) -> bool:
    return not "".join(cells).strip()


def header_names(cells: list[str]) -> list[str]:
    """A header's column names as readers compare them: trimmed, lower case."""
    return [cell.strip().lower() for cell in cells]


def find_header(
    records: Iterator[tuple[int, list[str]]], is_header: Callable[[list[str]], str | None]
) -> tuple[str, int, list[str]] | None:
    """The first record among the first few that `is_header` recognises: its kind,
    line and column names (lower case); None when none is."""
    for count, (line, cells) in enumerate(records):
        if count >= HEADER_SEARCH_RECORDS:
            return None
        if is_blank(cells):
            continue
        names = header_names(cells)
        kind = is_header(names)
        if kind is not None:
            return kind, line, names
    return None


def column_of(names: list[str], *wanted: str) -> int | None:
    """The position of the first of `wanted` among a header's names."""
    for name in wanted:
        if name in names:
            return names.index(name)
    return None


def cell_at(cells: list[str], position: int | None) -> str:
    """A cell by its column, "" when the column is absent or the row shorter."""
    if position is None or position >= len(cells):
        return ""
    return cells[position].strip()


def metrics_from_cells(
    cells: list[str],
    columns: list[tuple[int, str]],
    at: tuple[Path, int],
    problems: list[ReadProblem],
) -> dict[str, float]:
    """The metrics of a row: `columns` are (position, metric name); an empty cell is
    no figure, a cell that is not a number a problem at its column.

    `float` is tried inline first: it reads nearly every cell, in one C call."""
    metrics: dict[str, float] = {}
    length = len(cells)
    for position, name in columns:
        if position >= length:
            continue
        text = cells[position]
        value: float | None
        try:
            read = float(text)
        except ValueError:
            if not text or text.isspace():
                continue
            value = number_from_cell(text)
        else:
            value = read if read - read == 0 else None  # nan and infinity count nothing
        if value is None:
            location = Location(at[0], at[1], position + 1)
            problems.append(ReadProblem(location, "PS611_number", {"value": shown_value(text)}))
        else:
            metrics[name] = value
    return metrics


def date_problem(path: Path, line: int, position: int, text: str, expected: str) -> ReadProblem:
    """A date in no format the file's kind writes, with the format expected."""
    values: dict[str, object] = {"value": shown_value(text), "expected": expected}
    return ReadProblem(Location(path, line, position + 1), "PS611_date", values)
