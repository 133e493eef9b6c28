"""MkDocs hooks of a plansite build (MkDocs loads this file by its path)."""

from __future__ import annotations

from typing import Any

from generator import search_index
from generator.fragments import fill
from generator.mkdocs_site import COMPILED_TEMPLATES


def on_pre_build(config: Any) -> None:
    search_index.build_starts(config["site_dir"])


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = COMPILED_TEMPLATES
    return env


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    search_index.page_rendered(page.url)
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Put the large tables kept out of Markdown back into the finished page."""
    return fill(output)


def on_post_build(config: Any) -> None:
    """After the search plugin's own (hooks run after plugins): complete its index."""
    search_index.build_ends(config["site_dir"])
