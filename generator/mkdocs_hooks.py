"""MkDocs hooks of a plansite build (MkDocs loads this file by its path)."""

from __future__ import annotations

from typing import Any

from generator.fragments import fill


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Put the large tables kept out of Markdown back into the finished page."""
    return fill(output)
