"""What a terminal is shown of text from a plan: control characters escaped.

Messages echo values and file names, and an escape sequence in one could move
the cursor, recolour or rewrite what a terminal (or a CI log) shows.
"""

from __future__ import annotations

import re

# What a terminal must never receive raw: every control character (a
# message is one line, so line feeds and tabs too), surrogates, and the
# characters that reorder or break the text around them (bidirectional
# controls, line and paragraph separators).
_UNSAFE_IN_TERMINAL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def shown_in_terminal(text: str) -> str:
    """`text` with every character unsafe in a terminal written as an escape (\\x1b):
    the last defence, for what reaches a message from a file name, an option
    or a value that no other rule refused."""
    return _UNSAFE_IN_TERMINAL.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    return found.group().encode("unicode_escape", "backslashreplace").decode("ascii")
