"""Puts plan text into generated Markdown so it always shows as the text it is.

Plan fields are data, not markup: a title such as `<script>` or `[x](javascript:..)`
must reach the reader as those characters. Every value a template prints goes
through `finalize`, which HTML-escapes it (markupsafe) and backslash-escapes the
characters Markdown would interpret. Only values wrapped in `Markup` on purpose
(authored Markdown bodies, rendered and sanitized; checked links) are printed
as they are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Set
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from generator.load.scalars import ValueProblem, check_link
from generator.pages.bodies import BodyRenderer
from generator.pages.html_sanitizer import clean_body
from generator.pages.site_map import SERVED, SiteAddresses

# Python-Markdown's escapable characters, plus the table extension's '|'.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
# Only the whitespace that breaks a Markdown line or table: no-break spaces
# (French « 8 450 ») must survive.
_WHITESPACE = re.compile(r"[ \t\r\n\f\v\u2028\u2029\x85]+")


def markdown_inline(value: object) -> Markup:
    """Text escaped for one line of Markdown (a table cell, a list item, a heading)."""
    text = _WHITESPACE.sub(" ", str(value)).strip()
    # Quotes need no escaping outside attributes, and escaped ones would reach
    # the table of contents as '&#39;'.
    escaped = html.escape(text, quote=False)
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", escaped))


def finalize(value: Any) -> Any:
    """Jinja's hook on every printed value: escape everything not marked safe."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return markdown_inline(value)
    return value


def safe_href(url: str) -> Markup:
    """An address fit for an href: http(s) or mailto only, quoted for an HTML attribute."""
    try:
        checked = check_link(url)
    except ValueProblem:
        return Markup("#")
    return Markup(str(escape(quote(checked, safe=":/?#[]@!$&'()*+,;=%~"))))


def markdown_body(
    renderer: BodyRenderer,
    text: str,
    page: str,
    pages: Set[str],
    addresses: SiteAddresses = SERVED,
) -> Markup:
    """An authored Markdown body, on docs page `page` among `pages`, as sanitized
    HTML for the page's Markdown, its links to pages written as `addresses` says.

    The body is rendered by its own Markdown (bodies.py) and sanitized
    (html_sanitizer.py); the page's Markdown gets it as raw HTML blocks,
    which it leaves alone, except for the body's top-level headings: those
    become the page's own Markdown headings (their text only), so they get
    an anchor and a permalink and are listed in the page's table of contents
    like every other heading.
    """
    return body_for_markdown(clean_body(renderer.render(text, page, pages, addresses)))


def body_for_markdown(body: str) -> Markup:
    """Sanitized body HTML as blocks of the page's Markdown: raw HTML and headings."""
    blocks: list[str] = []
    done = 0
    for start, end, level, text in top_level_headings(body):
        blocks.append(_raw_block(body[done:start]))
        if text.strip():
            blocks.append("#" * level + " " + markdown_inline(text))
        done = end
    blocks.append(_raw_block(body[done:]))
    return Markup("\n\n".join(block for block in blocks if block))


def _raw_block(html_text: str) -> str:
    """HTML that Markdown passes through as it is: one <div> starting a line."""
    inner = html_text.strip()
    return f'<div class="ps-body">\n{inner}\n</div>' if inner else ""


# Elements that have no end tag.
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
_HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}


def top_level_headings(fragment: str) -> list[tuple[int, int, int, str]]:
    """(start, end, level, text) of each heading of `fragment` that no other element holds.

    `fragment` is well-formed HTML, as a sanitizer writes it.
    """
    finder = _TopLevelHeadings(fragment)
    finder.feed(fragment)
    finder.close()
    return finder.found


class _TopLevelHeadings(HTMLParser):
    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", fragment)]
        self._depth = 0
        self._open: tuple[int, int, list[str]] | None = None  # start, level, text
        self.found: list[tuple[int, int, int, str]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth == 0 and tag in _HEADING_LEVELS:
            self._open = (self._offset(), _HEADING_LEVELS[tag], [])
        if tag not in _VOID:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        self._depth -= 1
        if self._depth == 0 and self._open is not None:
            start, level, text = self._open
            end = self._offset() + len(f"</{tag}>")
            self.found.append((start, end, level, "".join(text)))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[2].append(data)
