"""A Python-Markdown extension that keeps authored Markdown from carrying
script: links and images may only point to http(s), mailto or a relative
address. Plan bodies are written by many hands; stakeholders open the site.

MkDocs loads it by its import path (`generator.markdown_safety`), which is
how it reaches the Markdown of every page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("", "http", "https", "mailto")
URL_ATTRIBUTES = ("href", "src")


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative addresses (including #anchors)."""
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    cleaned = "".join(ch for ch in url if ch > " ").lower()
    try:
        return urlsplit(cleaned).scheme in SAFE_SCHEMES
    except ValueError:
        return False


class _UnsafeUrls(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in URL_ATTRIBUTES:
                url = element.get(attribute)
                if url is not None and not is_safe_url(url):
                    element.set(attribute, "#")


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # the name is Python-Markdown's API
        # After inline patterns have made the links, before serialisation.
        md.treeprocessors.register(_UnsafeUrls(md), "plansite_safe_links", 0)


def makeExtension(**kwargs: Any) -> SafeLinksExtension:
    return SafeLinksExtension(**kwargs)
