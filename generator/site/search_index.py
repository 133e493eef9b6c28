"""Keeps the search index whole when the preview rebuilds only the pages that changed.

MkDocs' dirty build renders just the modified pages, and the search plugin
writes an index of what it rendered: after one edit the preview's search
would find one page. Before such a build the index on disk is read; after
it, the entries of the pages that were not rendered again are put back, in
their place, so the index is the one a full build would have written.
The MkDocs hooks (hooks.py) tell the build's SearchIndexMerge what happens.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"


class SearchIndexMerge:
    """One build's search index: merged with the one on disk for a dirty build
    (`merging`), left as the search plugin wrote it otherwise."""

    def __init__(self, merging: bool) -> None:
        self.merging = merging
        self._before: list[dict[str, Any]] = []
        self._rendered: set[str] = set()

    def build_starts(self, site_dir: str) -> None:
        index = Path(site_dir) / INDEX
        if self.merging and index.is_file():
            self._before = json.loads(index.read_text("utf-8"))["docs"]

    def page_rendered(self, url: str) -> None:
        self._rendered.add(url)

    def build_ends(self, site_dir: str) -> None:
        index = Path(site_dir) / INDEX
        if not self.merging or not self._before or not index.is_file():
            return
        written = json.loads(index.read_text("utf-8"))
        written["docs"] = merge_entries(self._before, written["docs"], self._rendered)
        index.write_text(json.dumps(written, separators=(",", ":")), "utf-8")


def merge_entries(
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
