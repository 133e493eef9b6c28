"""Control characters: which ones plan text may not hold, and how a terminal is
shown any that reach it anyway.

A control character in a plan reaches a calendar's SUMMARY, the HTML and the
terminal (messages echo values), where an escape sequence can move the
cursor, recolour or rewrite what is shown. Plan text holds none but the tab
and the line feed (and the carriage return of a CRLF line end): the raw text
of every file is searched once, and the few double-quoted YAML scalars that
can make one with an escape ("\\e", "\\x1b") are searched one by one.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL; the C1 controls
# (U+0080-U+009F: U+009B is a one-character escape sequence on some terminals).
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_IN_RAW_TEXT = re.compile(f"[{_CONTROL}]")
_BARE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")
# A parsed value: a carriage return in one was written as an escape, and is
# fine where it ends a line ("\r\n"), as in a file.
_IN_VALUE = re.compile(f"[{_CONTROL}]|\r(?!\n)")
# File names are read from the file system, not typed in an editor: no
# control character at all, nor the surrogates Python decodes bytes that are
# not UTF-8 into.
_IN_FILE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# What a terminal must never receive raw: every control character (a
# message is one line, so line feeds and tabs too), surrogates, and the
# characters that reorder or break the text around them (bidirectional
# controls, line and paragraph separators).
_UNSAFE_IN_TERMINAL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def first_in_text(text: str) -> int | None:
    """Where the first control character of a file's raw text is, or None."""
    found = _IN_RAW_TEXT.search(text)
    first = found.start() if found else None
    if "\r" in text:  # rare: spare every file without one the second search
        bare = _BARE_CARRIAGE_RETURN.search(text)
        if bare and (first is None or bare.start() < first):
            first = bare.start()
    return first


def first_in_value(text: str) -> str | None:
    """The first control character of a parsed value, or None."""
    found = _IN_VALUE.search(text)
    return found.group() if found else None


def first_in_file_name(name: str) -> str | None:
    """The first character a file name may not hold, or None."""
    found = _IN_FILE_NAME.search(name)
    return found.group() if found else None


def code(character: str) -> str:
    """How messages name a character: #x001b, as YAML's own messages do."""
    return f"#x{ord(character):04x}"


def hint_for(character: str) -> str:
    """How to get rid of one control character of a file's text."""
    if character == "\r":
        return "a carriage return without a line feed: save the file with LF or CRLF line ends"
    return "delete it: most editors do not show it"


def shown_in_terminal(text: str) -> str:
    """`text` with every character unsafe in a terminal written as an escape (\\x1b):
    the last defence, for what reaches a message from a file name, an option
    or a value that no other rule refused."""
    return _UNSAFE_IN_TERMINAL.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    return found.group().encode("unicode_escape", "backslashreplace").decode("ascii")
