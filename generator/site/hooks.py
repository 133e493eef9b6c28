"""The MkDocs hooks of a plansite build, as a plugin each build makes for itself.

Each build hands MkDocs a new PlansiteHooks (mkdocs_run.py), carrying what
that build works with: the tables kept out of its Markdown, its search
index, and the compiled theme templates the preview keeps. Nothing passes
from one build to the next but what the caller hands over.

Besides the search index and the tables kept out of Markdown, the hooks
guard what Material prints:

- Every value from the plan or site_config.yml that Material's templates
  print (site name, description, author, copyright, page and navigation
  titles, social links, palette labels) is handed over escaped once, as
  markupsafe `Markup`. Material prints some of them as they are and applies
  `|e` to others; `|e` leaves Markup alone, so each shows exactly as written.
- Every page's content is sanitized last (html_sanitizer.clean_page), after
  Markdown and before the search plugin reads it. site_config.yml can
  neither remove this plugin nor add its own (load/mkdocs_settings.py
  refuses `hooks` and `plugins`).
"""

from __future__ import annotations

import logging
import re

import jinja2
from markupsafe import Markup, escape
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.pages.html_sanitizer import clean_inline, clean_page
from generator.pages.site_map import find_section_index
from generator.pages.table_stash import TableStash
from generator.site.compiled_templates import CompiledTemplates
from generator.site.search_index import SearchIndexMerge

# Settings that Material prints, as text.
_TEXT_SETTINGS = ("site_name", "site_description", "site_author")
# A link to a page by its source file that was not rewritten to the page's
# address: an authored body's link to a file that is not a page of the site.
_LINK_TO_NO_PAGE = re.compile(r'href="([^":?#]+\.md)(?:#[^"]*)?"')
# MkDocs counts the warnings of its loggers for --strict (and its own logger,
# unlike get_plugin_logger's, adds no prefix to the message).
log = logging.getLogger("mkdocs.plugins.plansite")


class _NoOptions(Config):
    """The plugin takes no options: it is made by plansite, never named in settings."""


class PlansiteHooks(BasePlugin[_NoOptions]):
    """One build's hooks, with what they need from the build that made them."""

    def __init__(
        self, stash: TableStash, search_index: SearchIndexMerge, compiled: CompiledTemplates
    ) -> None:
        self.stash = stash
        self.search_index = search_index
        self.compiled = compiled
        # The entity's page being rendered, if _place_in_section put it into a
        # section; MkDocs renders one page at a time.
        self._placed: list[Page] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
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

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.search_index.build_starts(config["site_dir"])

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """Navigation titles (sections, and pages as nav lists them), escaped once."""
        items = list(nav.items)
        while items:
            item = items.pop()
            if item.title is not None:
                item.title = escape(item.title)
            items.extend(getattr(item, "children", None) or ())
        return nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """The page's title from its front matter, escaped once."""
        if "title" in page.meta:
            page.meta["title"] = escape(str(page.meta["title"]))
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """The page's content, sanitized; a warning for each link to a page that is not there."""
        cleaned = clean_page(html)
        for target in _LINK_TO_NO_PAGE.findall(cleaned):
            log.warning(
                "Doc file '%s' contains a link to '%s', which is not a page of the site.",
                page.file.src_uri,
                target,
            )
        return cleaned

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        env.bytecode_cache = self.compiled
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        self.search_index.page_rendered(page.url)
        self._place_in_section(page, nav)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Put the large tables kept out of Markdown back into the finished page."""
        self._take_out_of_section(page)
        return self.stash.fill(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """After the search plugin's own (this plugin comes after): complete its index."""
        self.search_index.build_ends(config["site_dir"])

    def _place_in_section(self, page: Page, nav: Navigation) -> None:
        """An entity's page, which the nav leaves out, shown in its section while it is
        rendered: the section open, the page under its index, the path above it.
        Its siblings are not there, so the page does not grow with their number."""
        index = find_section_index(page.file.src_uri)
        section = next((p.parent for p in nav.pages if p.file.src_uri == index), None)
        if page.parent is not None or section is None:
            return  # in the nav (a site's own nav setting), or no section to go to
        page.parent = section
        section.children.append(page)
        page.active = True  # and so is its section, now that it has one
        self._placed.append(page)

    def _take_out_of_section(self, page: Page) -> None:
        """The page rendered, its section's children are the nav's again. The page keeps
        its parent, so that MkDocs closes the section as it closes the page."""
        if page in self._placed:
            self._placed.remove(page)
            section = page.parent
            assert isinstance(section, Section)
            section.children.remove(page)
