"""A long table kept out of Markdown, sanitized a slice of rows at a time, with the
bytes that sanitizing it whole gives.

nh3 (ammonia, on html5ever) builds the document tree of everything it
cleans before it writes it out: the 21 MB tagged-links table of a 50k-post
plan took 130 MB at once, which the allocator then kept for the rest of
the build (the build's peak grew from 464 to 567 MB with sanitizing). A
slice of rows at a time needs a tree of a slice.

A table is a head (up to its first row: `<tr` or `<li` at the start of a
line), rows, and a tail. Each slice of rows is sanitized between the head
and the tail. When the slice comes out exactly as it went in, but for how
the serializer spells what markupsafe escapes otherwise (an apostrophe, a
quote, a no-break space), it is complete markup that leaves the parser as it
found it: each element it opens it closes, nothing in it is dropped, moved
out of the table or added. Then the whole table comes out as the head and
tail sanitized alone, with the rows between them. The rows plansite writes
come out that way; any slice that does not (text or markup from elsewhere)
puts the whole table through the sanitizer at once, as before. A test
compares both ways on hostile tables.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.pages.html_sanitizer import clean_page

# Characters of rows sanitized at a time: a tree of a few MB, and few calls.
SLICE_CHARS = 1 << 18
_ROW_STARTS = ("\n<tr", "\n<li")
# What markupsafe writes as a character reference and html5ever's serializer
# writes otherwise, in text (an attribute's quote stays a reference: a slice
# holding one is sanitized whole).
_SERIALIZER_SPELLING = (("&#39;", "'"), ("&#34;", '"'), ("\xa0", "&nbsp;"))


def clean_page_in_slices(html: str, slice_chars: int = SLICE_CHARS) -> Iterator[str]:
    """html_sanitizer.clean_page(html), in pieces, sanitizing at most about
    `slice_chars` of its rows at a time."""
    slices = _row_slices(html, slice_chars)
    if slices is None:
        yield clean_page(html)
        return
    head, tail = _plain(html, 0, slices[0][0]), _plain(html, slices[-1][1], len(html))
    around = clean_page(head + tail)
    split = None
    for start, end in slices:
        rows = _plain(html, start, end)
        place = _where_rows_come_out(clean_page(head + rows + tail), around, _as_serialized(rows))
        if place is None or split not in (None, place):
            yield clean_page(html)  # not rows as plansite writes them
            return
        split = place
    yield around[:split]
    for start, end in slices:
        yield _as_serialized(_plain(html, start, end))
    yield around[split:]


def _plain(html: str, start: int, end: int) -> str:
    """A part of `html` as a plain str: the pages hand over markupsafe Markup,
    whose `+` and `replace` would escape what they add."""
    return str(html[start:end])


def _row_slices(html: str, slice_chars: int) -> list[tuple[int, int]] | None:
    """Where each slice of rows starts and ends, whole lines that each start a row;
    None for a table too short to slice."""
    starts = [found + 1 for found in (html.find(mark) for mark in _ROW_STARTS) if found >= 0]
    if not starts:
        return None
    first = min(starts)
    mark = "\n" + html[first : first + 3]
    end = html.find("\n", html.rfind(mark) + 1) + 1  # the end of the last row's line
    if end - first < 2 * slice_chars:
        return None
    slices = []
    start = first
    while start < end:
        cut = html.find(mark, start + slice_chars, end) + 1
        stop = cut if cut > 0 else end
        slices.append((start, stop))
        start = stop
    return slices


def _as_serialized(rows: str) -> str:
    """The rows as the sanitizer writes them back, if they are markup it keeps."""
    for reference, written in _SERIALIZER_SPELLING:
        rows = rows.replace(reference, written)
    return rows


def _where_rows_come_out(cleaned: str, around: str, rows: str) -> int | None:
    """Where `rows` stand in `cleaned`, which must be `around` with them inserted."""
    if len(cleaned) != len(around) + len(rows):
        return None
    place = cleaned.find(rows)
    while place >= 0:
        if cleaned.startswith(around[:place]) and cleaned.endswith(around[place:]):
            return place
        place = cleaned.find(rows, place + 1)
    return None
