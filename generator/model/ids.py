"""Ids: the slugs that name plan entities, pages, feed files and calendar UIDs."""

from __future__ import annotations

import re
import unicodedata

# \Z, not $: Python's $ also matches before a final newline, and "spring\n"
# must not pass for a slug (the id pattern of common.schema.json says the same).
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def slugify(text: str, max_length: int = 48) -> str:
    """A slug from any text: accents dropped, everything else but letters and digits a dash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def post_id(item: object) -> str:
    """A post's own id, or one made of its date and title; empty when neither is usable.

    Derived ids are what calendar UIDs come from, so every place that needs a
    post's id (the loader, `plansite new`) derives it here.
    """
    if not isinstance(item, dict):
        return ""
    if isinstance(item.get("id"), str):
        return str(item["id"])
    day, title = item.get("date"), item.get("title")
    if "date" not in item and isinstance(title, str):  # an idea waiting for a date
        return f"idea-{slugify(title)}".rstrip("-")
    if isinstance(day, str) and isinstance(title, str):
        return f"{day}-{slugify(title)}".rstrip("-")
    return ""
