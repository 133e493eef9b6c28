"""An event's content lines written as icalendar writes them, folded on UTF-8 bytes.

A speed trick (docs/performance.md): icalendar folds a line character by
character, encoding each one to count its octets. Nine lines in ten need
no fold at all, and the others are cut on their bytes at the same places.
On the 10k-post benchmark plan it saves 33 % of the time the feeds take
(bench/feed_tricks.py); tests/feeds/test_speed_tricks.py compares the bytes
with icalendar's `to_ical()`, on any text.
"""

from __future__ import annotations

from icalendar.parser import Contentline

_FOLD_AT = 75  # octets: icalendar folds a content line this long or longer
_ESCAPES = b"\\^"  # a piece never ends on one of these (icalendar moves it to the next)


def ical_from_lines(lines: list[Contentline]) -> bytes:
    """What `Component.to_ical()` makes of these lines, each ending with CRLF."""
    encoded = []
    for line in lines:
        raw = line.encode()
        encoded.append(raw if len(raw) < _FOLD_AT else fold_line(raw))
    encoded.append(b"")
    return b"\r\n".join(encoded)


def fold_line(raw: bytes) -> bytes:
    """`raw` folded as icalendar folds it.

    Each piece is the longest run of whole characters under 75 octets (a
    UTF-8 continuation byte never starts one). Like icalendar, when a piece
    would end on a backslash or caret, that one character moves to the next
    piece, so that a cut does not fall inside an escape such as "\\,".
    """
    pieces = []
    start = 0
    while len(raw) - start >= _FOLD_AT:
        end = start + _FOLD_AT - 1
        while raw[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if raw[end - 1] in _ESCAPES:
            end -= 1
        pieces.append(raw[start:end])
        start = end
    pieces.append(raw[start:])
    return b"\r\n ".join(pieces)
