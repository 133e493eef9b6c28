"""The preview's search index, merged after a dirty build (site/search_index.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.site.search_index import INDEX, SearchIndexMerge, merge_entries


def entry(location: str, text: str = "") -> dict[str, Any]:
    return {"location": location, "title": location, "text": text}


def test_entries_of_pages_not_rendered_again_stay_in_their_place() -> None:
    before = [entry("", "home"), entry("a/"), entry("a/#one"), entry("b/"), entry("c/")]
    now = [entry("a/", "new"), entry("d/", "added")]
    merged = merge_entries(before, now, rendered={"a/", "c/", "d/"})
    assert merged == [entry("", "home"), entry("a/", "new"), entry("b/"), entry("d/", "added")]


def write_index(site: Path, docs: list[dict[str, Any]]) -> None:
    index = site / INDEX
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}), "utf-8")


def read_index(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / INDEX).read_text("utf-8"))
    return data


def test_a_dirty_build_s_index_is_completed_with_the_pages_it_skipped(tmp_path: Path) -> None:
    write_index(tmp_path, [entry(""), entry("a/", "old"), entry("b/")])
    index = SearchIndexMerge(merging=True)
    index.build_starts(str(tmp_path))
    write_index(tmp_path, [entry("a/", "new")])  # what the search plugin writes
    index.page_rendered("a/")
    index.build_ends(str(tmp_path))
    written = read_index(tmp_path)
    assert written["docs"] == [entry(""), entry("a/", "new"), entry("b/")]
    assert written["config"] == {"lang": ["en"]}


def test_a_clean_build_s_index_holds_what_the_search_plugin_wrote(tmp_path: Path) -> None:
    """The plugin's entries, in its order, nothing merged (the words without their
    accents are tested with the search, in test_search_browser.py)."""
    write_index(tmp_path, [entry(""), entry("a/", "old")])
    index = SearchIndexMerge(merging=False)
    index.build_starts(str(tmp_path))
    write_index(tmp_path, [entry("a/", "new"), entry("b/", "b")])
    index.page_rendered("a/")
    index.build_ends(str(tmp_path))
    assert read_index(tmp_path) == {
        "config": {"lang": ["en"]},
        "docs": [entry("a/", "new"), entry("b/", "b")],
    }


def test_each_build_s_merge_starts_empty(tmp_path: Path) -> None:
    """Nothing passes from one build's merge to the next's."""
    first, second = tmp_path / "first", tmp_path / "second"
    write_index(first, [entry("x/")])
    SearchIndexMerge(merging=True).build_starts(str(first))
    write_index(second, [entry("y/", "y")])
    index = SearchIndexMerge(merging=True)
    index.build_starts(str(tmp_path / "no-site-yet"))
    index.build_ends(str(second))
    assert read_index(second)["docs"] == [entry("y/", "y")]
