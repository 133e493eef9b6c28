"""Renders an authored Markdown body (plan.md's summary, goals, personas,
channels) on its own, with raw HTML shown as the text it is.

Bodies are written by many hands. Each is rendered here rather than by the
site's Markdown, which must keep raw HTML for the templates' own tables and
charts: this instance has no raw-HTML block preprocessor and no raw-HTML
inline pattern, so `<script>` or `<a href=...>` in a body stays text (and a
code span shows `a < b`, not `a &lt; b`). What Markdown itself makes (links,
images, attribute lists) is then sanitized by html_sanitizer.clean_body.

Links to other pages of the site are written as MkDocs would have them in
the docs: by their source path, `/goals/leads.md` from the root of the plan
or `leads.md` from the body's own file. They are rewritten here to the
page's address, relative to the page the body is on, since MkDocs does not
rewrite the links of HTML it is handed. Any other address is kept as written
(a MkDocs hook warns about a `.md` link left so: it is not a page).
"""

from __future__ import annotations

import posixpath
from collections.abc import Set
from urllib.parse import urlsplit, urlunsplit
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from generator.pages.site_map import SERVED, SiteAddresses

# Those of the site (site/site_settings.py) that make sense in a body; no md_in_html
# (there is no HTML to put Markdown in) and no toc (the page's own Markdown
# makes the headings: markdown_text.markdown_body).
BODY_EXTENSIONS = ["tables", "attr_list", "admonition", "pymdownx.details", "pymdownx.superfences"]


class _PageLinks(Treeprocessor):
    """Rewrites links to the site's pages from their source path to their address."""

    page = "index.md"
    pages: Set[str] = frozenset()
    addresses = SERVED

    def run(self, root: Element) -> None:
        to_root = self.addresses.root(self.page)
        for element in root.iter("a"):
            href = element.get("href")
            target = self._page_of(href) if href else None
            if href and target is not None:
                parts = urlsplit(href)
                address = to_root + self.addresses.address(target)
                element.set("href", urlunsplit(("", "", address or "./", "", parts.fragment)))

    def _page_of(self, href: str) -> str | None:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
            return None
        if parts.path.startswith("/"):
            target = parts.path.lstrip("/")
        else:
            target = posixpath.join(posixpath.dirname(self.page), parts.path)
        target = posixpath.normpath(target)
        return target if target in self.pages else None


class BodyRenderer:
    """One Python-Markdown for every body of a render (it is reset between them)."""

    def __init__(self) -> None:
        self._md = Markdown(extensions=BODY_EXTENSIONS)
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._links = _PageLinks(self._md)
        # After the inline patterns have made the links.
        self._md.treeprocessors.register(self._links, "plansite_page_links", 0)

    def render(
        self, text: str, page: str, pages: Set[str], addresses: SiteAddresses = SERVED
    ) -> str:
        """The HTML of `text`, the body of docs page `page` among `pages`, its links
        written as `addresses` says; not sanitized."""
        self._links.page, self._links.pages = page, pages
        self._links.addresses = addresses
        return self._md.reset().convert(text)
