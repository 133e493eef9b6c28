"""Renders the site's Markdown pages from the plan with Jinja2 templates.

Templates own all wording and layout; page_data.py chooses the data they
show, site_map.py which pages there are. The page count follows goals,
personas, channels and campaigns, never the number of posts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import yaml
from markupsafe import Markup

from generator.i18n import Translator
from generator.pages import long_lists
from generator.pages.calendar_views import CalendarViews
from generator.pages.html_rows import KeptCells, TableRows
from generator.pages.list_pages import LongLists
from generator.pages.page_context import PageContext
from generator.pages.page_data import PageData
from generator.pages.page_links import PageAddresses
from generator.pages.page_sources import edit_address, source_files
from generator.pages.page_templates import PageTemplates
from generator.pages.post_cards import PostCards
from generator.pages.site_map import (
    hidden_sidebars,
    pages_from_plan,
    titles_from_plan,
)
from generator.pages.table_stash import TableStash, placeholder

# The front matter's key for the address that edits a page's plan file.
EDIT_META = "plansite_edit_url"


@dataclass(frozen=True)
class Page:
    """A generated Markdown file, relative to the docs folder, with a digest of
    each large HTML table that stands outside its Markdown, kept in the build's
    table stash (table_stash.py)."""

    path: str
    text: str
    fragments: dict[str, str] = field(default_factory=dict)  # key: digest


@dataclass(frozen=True)
class PageRenderer:
    """What renders the pages besides the plan: where their long tables go, the
    compiled templates, and the cells of the rows as the last render made them.

    A build makes one; the preview keeps one from one rebuild to the next,
    with `kept_cells`, so that an edit renders again only what it changed.
    """

    stash: TableStash
    templates: PageTemplates = field(default_factory=PageTemplates)
    kept_cells: KeptCells | None = None
    # The most rows of a long list on one page (long_lists.py), read when the
    # renderer is made: a test sets a small budget for a plan of a few hundred posts.
    page_rows: int = field(default_factory=lambda: long_lists.PAGE_ROWS)


def render_pages(context: PageContext, renderer: PageRenderer) -> list[Page]:
    """Every page of the site as Markdown, in a stable order; the tables that grow
    with the posts are kept out of Markdown, in the renderer's stash."""
    plan, config = context.plan, context.config
    t = Translator(config.language)
    titles = titles_from_plan(plan, t)
    views = PageData(context, t)
    lists = LongLists(plan, views, t, renderer.page_rows)
    listed = list(lists.pages())
    shared: dict[str, Any] = {
        "plan": plan,
        "config": config,
        "t": t,
        "address": PageAddresses(context.feed_paths, config.site_url),
        "rows": TableRows(plan, config, t, renderer.kept_cells, context.addresses),
        "views": views,
        "cards": PostCards(
            plan,
            t,
            context.occurrences,
            context.today,
            views.calendar_month,
            config.timezone,
            context.addresses,
        ),
        "calendar": CalendarViews(context, t),
        "lists": lists,
        "page_paths": frozenset(titles) | {page.path for page in listed},
        "addresses": context.addresses,  # for the links the pages' own HTML writes
    }
    titles |= {page.path: page.title for page in listed}
    every = [*pages_from_plan(plan), *((p.path, p.template, p.variables) for p in listed)]
    sources = source_files(plan)
    pages = []
    for path, template, own in every:
        body, kept_out = _render_page(renderer, path, template, {**shared, **own})
        hidden = hidden_sidebars(path)
        edit = edit_address(config, sources[path]) if path in sources else ""
        pages.append(Page(path, _front_matter(titles[path], hidden, edit) + body, kept_out))
    return pages


def _render_page(
    renderer: PageRenderer, path: str, template: str, variables: dict[str, Any]
) -> tuple[str, dict[str, str]]:
    """The page's Markdown, and the digest of each table it kept out, by key."""
    kept_out: dict[str, str] = {}

    def out_of_markdown(html: str, rows: int) -> Markup:
        key = hashlib.sha256(f"{path}:{len(kept_out)}".encode()).hexdigest()[:16]
        kept_out[key] = renderer.stash.keep_out(key, html)
        return placeholder(key, html, rows)

    body = renderer.templates.render(
        template,
        {
            **variables,
            # The way from the page to the site's root, for its links to other pages.
            "root": Markup(variables["addresses"].root(path)),
            "out_of_markdown": out_of_markdown,
            "page_path": path,  # for the links of authored bodies (markdown_text.markdown_body)
        },
    )
    return body, kept_out


def _front_matter(title: str, hidden: list[str] | None = None, edit: str = "") -> str:
    """MkDocs metadata giving the page title as the plan has it, Material's
    `hide` of the sidebars a page needs the room of (site_map.hidden_sidebars),
    and the address that edits the page's plan file, for the footer
    (theme/partials/copyright.html).

    Material prints titles into HTML, some escaped and some not: the MkDocs
    hooks (site/hooks.py) hand them over escaped once, as markupsafe Markup.
    """
    meta: dict[str, object] = {"title": title}
    if hidden:
        meta["hide"] = hidden
    if edit:
        meta[EDIT_META] = edit
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n"
