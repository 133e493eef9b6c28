"""Large HTML tables kept out of Markdown, put back into the finished pages.

A calendar of thousands of posts is thousands of table rows. Passed through
Markdown, each row is parsed again by Python-Markdown and then by the search
plugin, which made MkDocs most of a large build. A table above `INLINE_ROWS`
rows is therefore rendered to HTML by the templates (escaped by markupsafe),
replaced in the Markdown by a comment, and swapped back in by a MkDocs hook
(`mkdocs_hooks.py`) once the page is rendered. The cost: such a table is not
in the search index (its page still is, with everything else on it).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

INLINE_ROWS = 200
_PLACEHOLDER = re.compile(r"<!-- plansite-fragment ([0-9a-f]+) -->")

# Where the fragments of the build under way are, one file each: a 50k-post
# calendar's tables are tens of MB that need not stay in memory.
_folder: Path | None = None


def placeholder(key: str) -> str:
    return f"<!-- plansite-fragment {key} -->"


def keep_out(folder: Path, key: str, html: str) -> str:
    """Write one fragment into `folder`; return a digest of it (what changed, for the preview)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{key}.html").write_bytes(html.encode())  # bytes: a \r stays a \r
    return hashlib.sha256(html.encode()).hexdigest()


def use(folder: Path) -> None:
    """The folder this build's fragments were written to, for fill()."""
    global _folder
    _folder = folder


def fill(html: str) -> str:
    """`html` with every placeholder replaced by its fragment."""
    if "plansite-fragment" not in html:
        return html
    return _PLACEHOLDER.sub(_fragment, html)


def _fragment(match: re.Match[str]) -> str:
    assert _folder is not None, "fragments.use() runs before MkDocs"
    return (_folder / f"{match.group(1)}.html").read_bytes().decode()
