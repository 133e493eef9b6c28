"""MkDocs hooks of a plansite build (MkDocs loads this file by its path).

Besides the search index and the tables kept out of Markdown, they guard
what Material prints:

- Every value from the plan or site_config.yml that Material's templates
  print (site name, description, author, copyright, page and navigation
  titles, social links, palette labels) is handed over escaped once, as
  markupsafe `Markup`. Material prints some of them as they are and applies
  `|e` to others; `|e` leaves Markup alone, so each shows exactly as written.
- Every page's content is sanitized last (html_sanitizer.clean_page), after
  Markdown and before the search plugin reads it. site_config.yml cannot
  replace these hooks (mkdocs_passthrough.py refuses `hooks`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from markupsafe import Markup, escape

from generator.pages.html_sanitizer import clean_inline, clean_page
from generator.pages.render import section_index
from generator.pages.table_stash import fill
from generator.site import search_index
from generator.site.mkdocs_build import COMPILED_TEMPLATES

# Settings that Material prints, as text.
_TEXT_SETTINGS = ("site_name", "site_description", "site_author")
# A link to a page by its source file that was not rewritten to the page's
# address: an authored body's link to a file that is not a page of the site.
_LINK_TO_NO_PAGE = re.compile(r'href="([^":?#]+\.md)(?:#[^"]*)?"')
log = logging.getLogger(f"mkdocs.plugins.{__name__}")  # MkDocs counts it for --strict


def on_config(config: Any) -> Any:
    for key in _TEXT_SETTINGS:
        if config.get(key):
            config[key] = escape(config[key])
    if config.get("copyright"):
        config["copyright"] = Markup(clean_inline(config["copyright"]))
    for social in config["extra"].get("social") or ():
        social.update({key: escape(social[key]) for key in ("link", "name") if key in social})
    palette = config["theme"]["palette"] or []
    for option in [palette] if isinstance(palette, dict) else palette:
        toggle = option.get("toggle") or {}
        if "name" in toggle:
            toggle["name"] = escape(toggle["name"])
    return config


def on_pre_build(config: Any) -> None:
    search_index.build_starts(config["site_dir"])


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """Navigation titles (sections, and pages as nav lists them), escaped once."""
    items = list(nav.items)
    while items:
        item = items.pop()
        if item.title is not None:
            item.title = escape(item.title)
        items.extend(getattr(item, "children", None) or ())
    return nav


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """The page's title from its front matter, escaped once."""
    if "title" in page.meta:
        page.meta["title"] = escape(str(page.meta["title"]))
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The page's content, sanitized; a warning for each link to a page that is not there."""
    cleaned = clean_page(html)
    for target in _LINK_TO_NO_PAGE.findall(cleaned):
        log.warning(
            "Doc file '%s' contains a link to '%s', which is not a page of the site.",
            page.file.src_uri,
            target,
        )
    return cleaned


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
