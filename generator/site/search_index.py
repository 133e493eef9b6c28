"""Keeps the search index whole when the preview rebuilds only the pages that changed.

MkDocs' dirty build renders just the modified pages, and the search plugin
writes an index of what it rendered: after one edit the preview's search
would find one page. Before such a build the index on disk is read; after
it, the entries of the pages that were not rendered again are put back, in
their place, so the index is the one a full build would have written.
The MkDocs hooks (mkdocs_hooks.py) call these functions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"

_merging = False  # set for a dirty build by the preview
_before: list[dict[str, Any]] = []
_rendered: set[str] = set()


def merge_into_next_build(on: bool) -> None:
    """The next build is a dirty one: keep the entries of the pages it skips."""
    global _merging
    _merging = on


def build_starts(site_dir: str) -> None:
    _rendered.clear()
    _before.clear()
    index = Path(site_dir) / INDEX
    if _merging and index.is_file():
        _before.extend(json.loads(index.read_text("utf-8"))["docs"])


def page_rendered(url: str) -> None:
    _rendered.add(url)


def build_ends(site_dir: str) -> None:
    index = Path(site_dir) / INDEX
    if not _merging or not _before or not index.is_file():
        return
    written = json.loads(index.read_text("utf-8"))
    written["docs"] = _merged(_before, written["docs"], _rendered)
    index.write_text(json.dumps(written, separators=(",", ":")), "utf-8")


def _merged(
    before: list[dict[str, Any]], now: list[dict[str, Any]], rendered: set[str]
) -> list[dict[str, Any]]:
    """`before` with each rendered page's entries replaced by its new ones, in place."""
    new_entries: dict[str, list[dict[str, Any]]] = {}
    for entry in now:
        new_entries.setdefault(_page_of(entry), []).append(entry)
    merged: list[dict[str, Any]] = []
    for entry in before:
        page = _page_of(entry)
        if page not in rendered:
            merged.append(entry)
        elif page in new_entries:
            merged.extend(new_entries.pop(page))
    for entries in new_entries.values():  # a page the index did not have yet
        merged.extend(entries)
    return merged


def _page_of(entry: dict[str, Any]) -> str:
    return str(entry["location"]).split("#", 1)[0]
