"""MkDocs hooks of a plansite build (MkDocs loads this file by its path)."""

from __future__ import annotations

from typing import Any

from generator import search_index
from generator.fragments import fill
from generator.mkdocs_site import COMPILED_TEMPLATES
from generator.pages import section_index


def on_pre_build(config: Any) -> None:
    search_index.build_starts(config["site_dir"])


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = COMPILED_TEMPLATES
    return env


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    search_index.page_rendered(page.url)
    _place_in_section(page, nav)
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Put the large tables kept out of Markdown back into the finished page."""
    _take_out_of_section(page)
    return fill(output)


def on_post_build(config: Any) -> None:
    """After the search plugin's own (hooks run after plugins): complete its index."""
    search_index.build_ends(config["site_dir"])


# The page being rendered, if _place_in_section put it into a section. MkDocs
# loads this file again for each build, and renders one page at a time.
_placed: list[Any] = []


def _place_in_section(page: Any, nav: Any) -> None:
    """An entity's page, which the nav leaves out, shown in its section while it is
    rendered: the section open, the page under its index, the path above it.
    Its siblings are not there, so the page does not grow with their number."""
    index = section_index(page.file.src_uri)
    section = next((p.parent for p in nav.pages if p.file.src_uri == index), None)
    if page.parent is not None or section is None:
        return  # in the nav (a site's own nav setting), or no section to go to
    page.parent = section
    section.children.append(page)
    page.active = True  # and so is its section, now that it has one
    _placed.append(page)


def _take_out_of_section(page: Any) -> None:
    """The page rendered, its section's children are the nav's again. The page keeps
    its parent, so that MkDocs closes the section as it closes the page."""
    if page in _placed:
        _placed.remove(page)
        page.parent.children.remove(page)
