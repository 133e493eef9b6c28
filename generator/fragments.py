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

import re

INLINE_ROWS = 200
_PLACEHOLDER = re.compile(r"<!-- plansite-fragment ([0-9a-f]+) -->")

# Fragments of the build under way, by key; filled before MkDocs runs.
_pending: dict[str, str] = {}


def placeholder(key: str) -> str:
    return f"<!-- plansite-fragment {key} -->"


def register(fragments: dict[str, str]) -> None:
    _pending.clear()
    _pending.update(fragments)


def fill(html: str) -> str:
    """`html` with every placeholder replaced by its fragment."""
    if "plansite-fragment" not in html:
        return html
    return _PLACEHOLDER.sub(lambda match: _pending[match.group(1)], html)
