"""What a safe link is: the one rule every place that puts an address on a page asks.

A plan is written by many hands and read in browsers; an address from it
may only lead to a web page, an e-mail, or somewhere on the site itself.
"""

from __future__ import annotations

import html
import re

# What a link made from plan text may point to, besides a relative address or
# an #anchor: every place that puts an address on a page asks link_scheme().
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# What the site's own pages link to as well: the feeds' webcal:// subscriptions.
SITE_LINK_SCHEMES = SAFE_LINK_SCHEMES | {"webcal"}
# What analytics can see, and so what UTM parameters are added to.
WEB_LINK_SCHEMES = frozenset({"http", "https"})
# A scheme as the URL standard reads one (WHATWG URL, "scheme state").
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers drop tabs and line breaks anywhere in an address, and controls
# and spaces around it, before they read the scheme ("java\tscript:").
_DROPPED_INSIDE = re.compile(r"[\t\n\r]")
_TRIMMED = "".join(chr(code) for code in range(0x21))


def link_scheme(url: str) -> str:
    """The scheme a browser would follow `url` with, lower-cased; "" for a relative
    address or an #anchor.

    Judged the way a browser reads it: character references decoded (an
    attribute's `&#x6a;avascript:` is `javascript:`), tabs and line breaks
    dropped, controls and spaces around it trimmed.
    """
    text = _DROPPED_INSIDE.sub("", html.unescape(url)).strip(_TRIMMED)
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else ""


def is_safe_link(url: str, schemes: frozenset[str] = SAFE_LINK_SCHEMES) -> bool:
    """True for an address with one of `schemes`, a relative address or an #anchor."""
    scheme = link_scheme(url)
    return scheme == "" or scheme in schemes


def is_web_link(url: str) -> bool:
    """True for an http(s) address, whatever its case: one analytics can follow."""
    return link_scheme(url) in WEB_LINK_SCHEMES
