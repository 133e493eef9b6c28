"""The site's search index: what it finds, and what the preview keeps of it.

Material's search plugin writes the index, and the browser's lunr splits
both the index and what people type with one regular expression, the
plugin's `separator` (SEARCH_SEPARATOR). Ours splits where people do not
type: `@FjordFromage` is found by `fjordfromage`, `#lampe` by `lampe`, and
`https://www.x.com/name` by `x.com` (or `x`) and `name`. A name with dots
(`x.com`, `atelier.lumen`) and a number (`1.25`, `3,4`) stay whole.

lunr compares words as they are written, accents included. So that
`evenement` finds `événement`, each entry of the index gets a field of its
own (FOLDED_FIELD) listing its accented words without their accents. That
field is only matched, never shown; the entry's title and text stay as
written, and `événement` still finds them.

MkDocs' dirty build renders just the modified pages, and the search plugin
writes an index of what it rendered: after one edit the preview's search
would find one page. Before such a build the index on disk is read; after
it, the entries of the pages that were not rendered again are put back, in
their place, so the index is the one a full build would have written.
The MkDocs hooks (hooks.py) tell the build's SearchIndexMerge what happens.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"

# Between two words, for the index and for a query. JavaScript syntax, which
# Python's re reads alike: an HTML entity of the indexed text (`&amp;`, or
# `&` typed alone); the `www.` of an address; a run of spaces (no-break ones
# too), hyphens and dashes, the marks that join a handle, a hashtag or an
# address to its words (@ # / : ? = + _ ~ %), apostrophes and quotes
# (`l'atelier`), brackets and punctuation; or a full stop or comma that no
# letter or digit follows, so that `x.com`, `1.25` and `3,4` stay whole.
SEARCH_SEPARATOR = (
    r"&(?:[a-z]+;|#\d+;)?"
    r"|\bwww\."
    r"|[\s\-\u2010-\u2015_/\\:;!?\u00a1\u00bf@#=+*~^%|<>()\[\]{}\"'"
    r"\u2018-\u201e\u00ab\u00bb\u2039\u203a\u2026\u00b7\u2022]+"  # quotes, ellipsis, bullets
    r"|[.,](?![0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff])"
)
FOLDED_FIELD = "folded"  # the accented words of an entry, without their accents
_WORDS_APART = re.compile(SEARCH_SEPARATOR)
_TAG = re.compile(r"<[^>]*>")
# Letters that Unicode does not decompose into a base letter and an accent.
_NOT_DECOMPOSED = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})


def folded_words(text: str) -> str:
    """The words of `text` (HTML, as the index holds it) that carry an accent,
    lower-cased, without it, each once in the order they come."""
    words = _WORDS_APART.split(_TAG.sub(" ", text).lower())
    folded = (_without_accents(word) for word in words if not word.isascii())
    return " ".join(dict.fromkeys(word for word in folded if word.isascii() and word))


def _without_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.translate(_NOT_DECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def entry_with_folded_words(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry, with its accented words folded in FOLDED_FIELD when it has any."""
    words = folded_words(f"{entry.get('title', '')} {entry.get('text', '')}")
    rest = {key: value for key, value in entry.items() if key != FOLDED_FIELD}
    return {**rest, FOLDED_FIELD: words} if words else rest


class SearchIndexMerge:
    """One build's search index: merged with the one on disk for a dirty build
    (`merging`), its accented words folded in either way."""

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
        if not index.is_file():
            return
        written = json.loads(index.read_text("utf-8"))
        docs = written["docs"]
        if self.merging and self._before:
            docs = merge_entries(self._before, docs, self._rendered)
        written["docs"] = [entry_with_folded_words(entry) for entry in docs]
        # As UTF-8 rather than the search plugin's \u escapes: an accented
        # letter takes two bytes instead of six.
        text = json.dumps(written, ensure_ascii=False, separators=(",", ":"))
        index.write_text(text, "utf-8")


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
