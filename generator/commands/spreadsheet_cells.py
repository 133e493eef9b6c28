"""Cells a spreadsheet would run as a formula, and how an export keeps them text.

Exports are opened by stakeholders in Excel, LibreOffice or Google Sheets,
which run any cell that starts like a formula (`=HYPERLINK(...)` sends the
sheet's other cells to a web address; `=cmd|...` once started programs).
The rule is OWASP's (CSV Injection): no cell may begin with `=`, `+`, `-`,
`@`, a tab, a carriage return or a line feed; a cell that would gets a
leading apostrophe, which spreadsheets read as "this is text" and do not
show. Going further than that list, because what a spreadsheet skips or
normalises before it looks for a formula differs from one to the next:

- spaces, quotes and invisible format characters before the sign are
  looked through (`  =1+1`, `"=1+1`, a zero-width space then `=`);
- a sign counts in any form that Unicode compatibility normalisation (NFKC)
  turns into it: the full-width forms of East Asian input methods (U+FF1D,
  U+FF0B, U+FF0D, U+FF20), the small forms (U+FE66...);
- any control character, not only tab, CR and LF, as the first character.

A cell that starts with the apostrophe itself is text already.

defusedcsv (the Python library for this) was not used: its rule leaves out
tab, carriage return and leading spaces, and it also rewrites `|` inside
cells, which would change the text of posts.
"""

from __future__ import annotations

import unicodedata

FORMULA_SIGNS = frozenset("=+-@")
QUOTES = frozenset("'\"")
TEXT_MARK = "'"  # what spreadsheets read as "the rest of this cell is text"


def formula_start(cell: str) -> str:
    """The character that would make a spreadsheet read `cell` as a formula, or ""."""
    if cell.startswith(TEXT_MARK):
        return ""  # already text: what as_text_cell() makes of a cell
    if cell and unicodedata.category(cell[0]) == "Cc":
        return cell[0]
    for char in cell:
        if char.isspace() or _looks_through(char):
            continue
        return char if unicodedata.normalize("NFKC", char) in FORMULA_SIGNS else ""
    return ""


def _looks_through(char: str) -> bool:
    """Quotes and invisible characters a spreadsheet may skip before a formula's sign."""
    return unicodedata.normalize("NFKC", char) in QUOTES or unicodedata.category(char) == "Cf"


def as_text_cell(cell: str) -> str:
    """`cell` as a spreadsheet shows it and never runs it."""
    return TEXT_MARK + cell if formula_start(cell) else cell


def describe(char: str) -> str:
    """The character as a person can read it in a message: `'='`, `a tab`."""
    names = {"\t": "a tab", "\r": "a carriage return", "\n": "a line break"}
    if char in names:
        return names[char]
    if unicodedata.category(char) == "Cc":
        return f"the control character U+{ord(char):04X}"
    return f"'{char}'"
