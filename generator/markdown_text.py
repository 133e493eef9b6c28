"""Puts plan text into generated Markdown so it always shows as the text it is.

Plan fields are data, not markup: a title such as `<script>` or `[x](javascript:..)`
must reach the reader as those characters. Every value a template prints goes
through `finalize`, which HTML-escapes it (markupsafe) and backslash-escapes the
characters Markdown would interpret. Only values wrapped in `Markup` on purpose
(authored Markdown bodies, checked links) are printed as they are.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from generator.values import ValueProblem, check_link

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


def markdown_body(text: str) -> Markup:
    """An authored Markdown body, kept as Markdown but with raw HTML neutralised."""
    return Markup(text.replace("<", "&lt;"))
