"""The allow-lists that HTML made from plan text passes through before it is published.

A plan is edited by many hands and its site is opened by stakeholders: no
text from it may bring script onto a page. Markdown alone cannot promise
that (attribute lists add `onerror=`, character references hide a
`javascript:` scheme), so the HTML it produces is sanitized afterwards by
nh3, the binding to Rust's ammonia. Ammonia parses with html5ever, as a
browser does: character references are decoded and tabs dropped before a
link's scheme is judged, and anything not listed here is removed.

Three lists, from the narrowest:

- `clean_inline`: a line of HTML the footer shows (`copyright`).
- `clean_body`: what Markdown, its tables and admonitions make of an
  authored body (plan.md's summary, goals, personas, channels).
- `clean_page`: the last gate, every rendered page's content and the tables
  kept out of Markdown (table_stash.py), which also allows what our own
  templates write: inline SVG charts, badges, ids, data-* attributes and the
  feeds' webcal:// links.
"""

from __future__ import annotations

import re

import nh3

from generator.model.links import SAFE_LINK_SCHEMES, SITE_LINK_SCHEMES

_INLINE_TAGS = {"a", "b", "br", "code", "em", "i", "small", "span", "strong", "sub", "sup"}
_BODY_TAGS = _INLINE_TAGS | {
    "blockquote",
    "del",
    "details",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
# The charts of charts.py, drawn by the build.
_SVG_TAGS = {"svg", "title", "text", "rect", "line", "polyline", "circle", "path", "g"}
# The frame of every chart (chart_figure.py): a caption and its data table.
_FIGURE_TAGS = {"figure", "figcaption"}
# The calendar's month pages (calendar_grid.py, calendar_controls.py,
# post_details.py): its days, its filters, each post's details.
_CALENDAR_TAGS = {
    "article", "button", "dd", "dl", "dt", "fieldset", "form", "input", "label", "legend",
    "nav", "section", "time",
}  # fmt: skip
_PAGE_TAGS = _BODY_TAGS | _SVG_TAGS | _FIGURE_TAGS | _CALENDAR_TAGS

_BODY_ATTRIBUTES = {
    "*": {"class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "details": {"open"},
    "th": {"style"},  # the table extension aligns columns with text-align
    "td": {"style"},
}
_PAGE_ATTRIBUTES = {
    **_BODY_ATTRIBUTES,
    "*": {"class", "title", "id", "role", "aria-label", "hidden"},
    "span": {"style"},  # a progress bar's width (_macros.md.j2)
    "a": {"href", "rel"},
    # A post's media (media_html.py): only the site's own thumbnails, filtered below.
    "img": {"src", "srcset", "alt", "width", "height", "loading"},
    "th": {"style", "scope", "abbr"},
    "time": {"datetime"},
    # The calendar's filters and views: no `action` nor `formaction`, so that
    # nothing can send a form elsewhere; the calendar's script reads them.
    "input": {"type", "name", "value"},
    "button": {"type", "aria-pressed"},
    "p": {"aria-live"},
    "svg": {"viewBox", "width", "height", "xmlns"},
    "rect": {"x", "y", "width", "height"},
    "text": {"x", "y", "text-anchor"},
    "line": {"x1", "x2", "y1", "y2"},
    "polyline": {"points"},
    "circle": {"cx", "cy", "r"},
    "path": {"d"},
    "g": {"transform"},
}
# The only style properties the site writes: a table column's alignment and
# a progress bar's width. Any other (position, background: url(...)) could
# lay a fake page over the real one.
_STYLE_PROPERTIES = {"text-align", "width"}

# Material's classes that an authored body may use.
_MD_CLASSES = {"md-button", "md-button--primary"}

_INLINE = nh3.Cleaner(
    tags=_INLINE_TAGS,
    attributes={"a": {"href"}},
    url_schemes=set(SAFE_LINK_SCHEMES),
    link_rel=None,
)
_BODY = nh3.Cleaner(
    tags=_BODY_TAGS,
    attributes=_BODY_ATTRIBUTES,
    attribute_filter=lambda tag, name, value: _body_classes(value) if name == "class" else value,
    url_schemes=set(SAFE_LINK_SCHEMES),
    filter_style_properties=_STYLE_PROPERTIES,
    link_rel=None,  # nothing opens a new window: no target, no need for noopener
)
_PAGE = nh3.Cleaner(
    tags=_PAGE_TAGS,
    attributes=_PAGE_ATTRIBUTES,
    attribute_filter=lambda tag, name, value: _page_attribute(tag, name, value),
    generic_attribute_prefixes={"data-"},  # the contract with plansite.js, and placeholders
    url_schemes=set(SITE_LINK_SCHEMES),
    filter_style_properties=_STYLE_PROPERTIES,
    link_rel=None,
)


# Where a page's image may come from: a file the build published in the site's
# media/ folder (model/media_addresses.py), by a relative path. Nothing from
# another site (`//host`, `https:`), no `data:` nor `javascript:`, no `..`
# past media/.
_SITE_MEDIA = re.compile(
    r"(?:\.\./)*media/(?:thumbs/)?[0-9a-f]{16}[0-9a-z-]*\.(?:jpg|png|gif|webp)"
)
_IMAGE_FILTERS = {
    "src": lambda value: value if _SITE_MEDIA.fullmatch(value) else None,
    "srcset": lambda value: (
        value if all(_srcset_entry(part) for part in value.split(",")) else None
    ),
    "width": lambda value: value if value.isdigit() and value.isascii() else None,
    "height": lambda value: value if value.isdigit() and value.isascii() else None,
    "loading": lambda value: value if value == "lazy" else None,
}


def _page_attribute(tag: str, name: str, value: str) -> str | None:
    if _is_material_s(name, value):
        return None
    if tag == "img" and name in _IMAGE_FILTERS:
        return _IMAGE_FILTERS[name](value)
    return value


def _srcset_entry(entry: str) -> bool:
    """One `url density` of a srcset, the url one of the site's media."""
    parts = entry.split()
    return len(parts) == 2 and bool(_SITE_MEDIA.fullmatch(parts[0])) and parts[1] in ("1x", "2x")


def _body_classes(value: str) -> str | None:
    """The classes an author may set (`{: .md-button }`), without the rest of
    Material's: those lay out its header, drawer and dialogs, and could dress
    a body up as one."""
    kept = [name for name in value.split() if not name.startswith("md-") or name in _MD_CLASSES]
    return " ".join(kept) or None


def _is_material_s(name: str, value: str) -> bool:
    """An id or attribute Material's script finds its own parts by (`__config`,
    `__search`, `data-md-component`...): content that took one would be taken
    for that part, its text read as Material's settings. A heading titled
    "__config" gets that id from the table of contents."""
    return (name == "id" and value.startswith("__")) or name.startswith("data-md-")


def clean_inline(html: str) -> str:
    """A line of HTML with only text formatting and safe links left."""
    return _INLINE.clean(html)


def clean_body(html: str) -> str:
    """An authored body's HTML with only what Markdown, tables and admonitions make."""
    return _BODY.clean(html)


def clean_page(html: str) -> str:
    """A page's content (or a table kept out of it) with only what the site writes."""
    return _PAGE.clean(html)
