"""The tables that grow with the posts, kept out of Markdown and put back into
the finished pages.

A calendar of thousands of posts is thousands of table rows. Passed through
Markdown, each row was parsed again by Python-Markdown and then by the search
plugin: even a 1,000-post plan's tables took a third of MkDocs' time. These
tables are rendered to HTML by the templates (escaped by markupsafe), replaced
in the Markdown by a placeholder, and swapped back in by a MkDocs hook
(site/hooks.py) once the page is rendered. Since that is after the
hook that sanitizes each page's content, they are sanitized as they are
kept out, with the same allow-list (html_sanitizer.clean_page), a slice of
rows at a time (chunked_sanitizer.py), and written as they are sanitized.

The placeholder holds the table's text, which the search plugin indexes in
the table's section as it would have indexed the table, each cell a word
apart. Above `SEARCHED_ROWS` rows it holds none: a year of posts in the
search index would be megabytes each visitor's browser downloads and indexes.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from markupsafe import Markup

from generator.pages.chunked_sanitizer import clean_page_in_slices

SEARCHED_ROWS = 200
# Characters of a table encoded at a time for its digest: no copy of it whole.
_DIGESTED_CHARS = 1 << 20
# The placeholder's text holds no tag, but Markdown would add some (<em>...) to
# a placeholder it took for a paragraph: up to the first </div> is still it.
_PLACEHOLDER = re.compile(r'<div data-plansite-fragment="([0-9a-f]+)">.*?</div>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# A block the search skips (Material's `data-search-exclude`: a post's media,
# media_html.py), none nested in another div: out of the placeholder's text too.
_UNSEARCHED = re.compile(r"<div [^>]*data-search-exclude[^>]*>.*?</div>", re.DOTALL)


def placeholder(key: str, html: str, rows: int) -> Markup:
    """What stands in the Markdown for the table `html` of `rows` rows: its text, if
    searched.

    Taking the tags out of markupsafe-escaped HTML leaves escaped text: every
    `<` in it starts a tag.
    """
    searched = _UNSEARCHED.sub(" ", html) if rows <= SEARCHED_ROWS else ""
    text = " ".join(_TAG.sub(" ", searched).split())
    return Markup(f'<div data-plansite-fragment="{key}">{text}</div>')


def keep_out(folder: Path, key: str, html: str) -> str:
    """Write one fragment into `folder`, sanitized; return a digest of it (what
    changed, for the preview).

    The preview renders every table again after each edit, mostly the same:
    a table whose HTML is the one `folder` already holds sanitized (its
    digest is written beside it) is not sanitized again. Sanitizing is
    deterministic, so the file is the one a fresh folder would get.
    """
    folder.mkdir(parents=True, exist_ok=True)
    digest = _digest(html)
    made_from = folder / f"{key}.sha256"
    if made_from.is_file() and made_from.read_text("ascii") == digest:
        return digest
    made_from.unlink(missing_ok=True)  # until the new fragment is written
    with (folder / f"{key}.html").open("wb") as fragment:  # bytes: a \r stays a \r
        for piece in clean_page_in_slices(html):
            fragment.write(piece.encode())
    made_from.write_text(digest, "ascii")
    return digest


def _digest(html: str) -> str:
    """The SHA-256 of `html` in UTF-8, encoded a slice at a time."""
    digest = hashlib.sha256()
    for start in range(0, len(html), _DIGESTED_CHARS):
        digest.update(html[start : start + _DIGESTED_CHARS].encode())
    return digest.hexdigest()


class TableStash:
    """The tables of one build kept out of its Markdown, one file each in `folder`.

    A 50k-post calendar's tables are tens of MB that need not stay in memory:
    the pages write them here as they are rendered, and the MkDocs hooks put
    them back into the finished pages. Each build makes its own; the preview
    keeps one folder from one rebuild to the next (see keep_out()).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep_out(self, key: str, html: str) -> str:
        """Keep the table `html` under `key`; a digest of it (what changed, for the preview)."""
        return keep_out(self.folder, key, html)

    def fill(self, html: str) -> str:
        """`html` with every placeholder replaced by its table."""
        if "data-plansite-fragment" not in html:
            return html
        return _PLACEHOLDER.sub(self._table, html)

    def _table(self, match: re.Match[str]) -> str:
        return (self.folder / f"{match.group(1)}.html").read_bytes().decode()
