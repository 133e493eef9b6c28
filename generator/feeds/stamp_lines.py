"""UID, DTSTAMP and SEQUENCE lines read by splitting them at the colon.

A speed trick (docs/performance.md): these three lines, as plansite writes
them, have neither parameters nor escapes, and what icalendar's
character-by-character `Contentline.parts()` gives of them is the text
after the colon. It saves 47 % of reading the 10k-post benchmark plan's
feed back (bench/feed_tricks.py); tests/feeds/test_speed_tricks.py compares
the two on any text.
"""

from __future__ import annotations

import re

_PLAIN_STAMP = re.compile(r"(UID|DTSTAMP|SEQUENCE):([^\\]*)")


def stamp_from_line(line: str) -> tuple[str, str] | None:
    """(name, value) of a UID, DTSTAMP or SEQUENCE line without parameters or
    backslashes, as `Contentline(line).parts()` reads it; None for any other line."""
    plain = _PLAIN_STAMP.fullmatch(line)
    return (plain[1], plain[2]) if plain else None
