"""A published feed's content lines, unfolded without icalendar's regular expression.

A speed trick (docs/performance.md): icalendar's unfolding also accepts
bare line feeds and blank lines before a continuation, which takes a
regular expression over the whole feed, and it makes a Contentline of
every line. A feed with neither, as plansite writes it, unfolds by
removing each CRLF followed by a space or a tab. It saves 58 % of reading
the 10k-post benchmark plan's feed back (bench/feed_tricks.py);
tests/feeds/test_speed_tricks.py compares the two on any text.
"""

from __future__ import annotations

import re

from icalendar.parser import Contentlines

_FOLD = re.compile(r"\r\n[ \t]")  # where a line was folded, in a feed with CRLF only


def lines_from_feed(text: str) -> list[str]:
    """The unfolded content lines, as `Contentlines.from_ical(text)` gives them."""
    line_feeds = text.count("\n")
    if line_feeds != text.count("\r\n") or "\n\r\n" in text:
        return list(Contentlines.from_ical(text))
    lines = [line for line in _FOLD.sub("", text).split("\r\n") if line]
    lines.append("")  # as icalendar ends them
    return lines
