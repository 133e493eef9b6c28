"""Writes the site's Markdown pages from the plan with Jinja2 templates.

Templates own all wording and layout; this module only chooses which page
gets which data. The page count follows goals, personas, channels and
campaigns, never the number of posts.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from generator.diagnostics import Diagnostic
from generator.feeds.calendars import feed_paths
from generator.i18n import Translator
from generator.model import entities as m
from generator.model.content_mix import MixTable
from generator.model.occurrences import Occurrence, calendar_occurrences
from generator.pages.charts import bar_chart
from generator.pages.html_rows import KeptCells, TableRows
from generator.pages.markdown_text import finalize, markdown_body, markdown_inline, safe_href
from generator.pages.page_data import Views
from generator.pages.table_stash import keep_out, placeholder


@dataclass(frozen=True)
class Page:
    """A generated Markdown file, relative to the docs folder, with a digest of
    each large HTML table that stands outside its Markdown, written to the
    fragments folder (see fragments.py)."""

    path: str
    text: str
    fragments: dict[str, str] = field(default_factory=dict)  # key: digest


@functools.cache
def template_environment() -> jinja2.Environment:
    """One environment per process: it keeps the compiled templates, which the
    preview would otherwise compile again on every rebuild."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.pages", "templates"),
        autoescape=True,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["href"] = safe_href
    env.filters["body"] = markdown_body
    env.filters["h"] = lambda value: escape("" if value is None else value)
    return env


class _Links:
    """Markdown links to the pages of plan entities, checked by MkDocs at build time."""

    def __init__(self, plan: m.Plan, config: m.SiteConfig) -> None:
        self.plan = plan
        self.site_url = config.site_url
        self.feeds = feed_paths(plan, config)

    def goal(self, goal_id: str) -> Markup:
        return _link(self.plan.goal(goal_id).title, f"/goals/{goal_id}.md")

    def persona(self, persona_id: str) -> Markup:
        return _link(self.plan.persona(persona_id).name, f"/personas/{persona_id}.md")

    def channel(self, channel_id: str) -> Markup:
        return _link(channel_id, f"/channels/{channel_id}.md")

    def feed(self, key: str, label: str, button: bool = False) -> Markup:
        """Subscribe links to a feed: https (checked by MkDocs) and webcal:// when the
        site's address is known, since calendar apps subscribe through either."""
        path = self.feeds[key]
        links = [_link(label, f"/{path}") + (Markup("{ .md-button }") if button else "")]
        if self.site_url:
            webcal = "webcal://" + self.site_url.split("://", 1)[1].rstrip("/") + "/" + path
            links.append(Markup(f'<a href="{escape(webcal)}">webcal</a>'))
        return Markup(" · ").join(links)

    def campaign(self, campaign_id: str) -> Markup:
        return _link(self.plan.campaign(campaign_id).name, f"/campaigns/{campaign_id}.md")

    def external(self, text: str, url: str) -> Markup:
        if not url:
            return markdown_inline(text)
        return Markup(f'<a href="{safe_href(url)}">{markdown_inline(text)}</a>')


def _link(text: str, target: str) -> Markup:
    return Markup(f"[{markdown_inline(text)}]({target})")


def render_pages(
    plan: m.Plan,
    config: m.SiteConfig,
    findings: Sequence[Diagnostic] = (),
    mix: Sequence[MixTable] = (),
    today: date | None = None,
    occurrences: list[Occurrence] | None = None,
    *,
    fragments_folder: Path,
    kept_cells: KeptCells | None = None,
) -> list[Page]:
    """Every page of the site as Markdown, in a stable order; the tables that grow
    with the posts are kept out of Markdown, written to `fragments_folder` as
    they are made. The preview passes `kept_cells` from one render to the next."""
    env = template_environment()
    t = Translator(config.language)
    common: dict[str, Any] = {
        "plan": plan,
        "config": config,
        "t": t,
        "link": _Links(plan, config),
        "rows": TableRows(plan, config, t, kept_cells),
        "views": Views(
            plan,
            t,
            today or plan.today,
            occurrences if occurrences is not None else calendar_occurrences(plan),
        ),
    }

    titles = page_titles(plan, t)
    page_paths = frozenset(titles)

    def page(path: str, template: str, **context: Any) -> Page:
        title = titles[path]
        root = Markup("../" * _depth(path))  # from the page's URL to the site's root
        kept_out: dict[str, str] = {}

        def out_of_markdown(html: str, rows: int) -> Markup:
            key = hashlib.sha256(f"{path}:{len(kept_out)}".encode()).hexdigest()[:16]
            kept_out[key] = keep_out(fragments_folder, key, html)
            return placeholder(key, html, rows)

        body = env.get_template(template).render(
            **common,
            **context,
            root=root,
            out_of_markdown=out_of_markdown,
            page_path=path,  # for the links of authored bodies (markdown_text.markdown_body)
            page_paths=page_paths,
        )
        return Page(path, _front_matter(title) + body, kept_out)

    pages = [
        page("index.md", "overview.md.j2"),
        page("goals/index.md", "goals.md.j2"),
        page("personas/index.md", "personas.md.j2"),
        page("audit.md", "audit.md.j2"),
        page("channels/index.md", "channels.md.j2"),
        page("content.md", "content.md.j2"),
        page("calendar.md", "calendar.md.j2"),
        page("inspiration.md", "inspiration.md.j2"),
        page("measurement.md", "measurement.md.j2"),
        page(
            "health.md",
            "health.md.j2",
            findings_by_step=_by_step(findings),
            where=lambda d: (
                str(d.location).rsplit(":", 1)[0] if d.location.line else str(d.location)
            ),
            mix_tables=mix,
            mix_label=lambda label: _mix_label(plan, t, label),
            mix_chart=lambda table: bar_chart(
                [
                    (_mix_label(plan, t, line.label), line.target, line.actual)
                    for line in table.lines
                ],
                t("mix_chart", scope=table.scope or t("whole_plan")),
            ),
        ),
    ]
    pages += [page(f"goals/{g.id}.md", "goal.md.j2", goal=g) for g in plan.goals]
    pages += [page(f"personas/{p.id}.md", "persona.md.j2", persona=p) for p in plan.personas]
    pages += [page(f"channels/{c.id}.md", "channel.md.j2", channel=c) for c in plan.channels]
    pages += [page(f"campaigns/{c.id}.md", "campaign.md.j2", campaign=c) for c in plan.campaigns]
    return pages


def page_titles(plan: m.Plan, t: Translator) -> dict[str, str]:
    """Each page's title, for its front matter and for the navigation."""
    return {
        "index.md": plan.title,
        "goals/index.md": t("goals"),
        "personas/index.md": t("personas"),
        "audit.md": t("audit"),
        "channels/index.md": t("missions"),
        "content.md": t("content"),
        "calendar.md": t("calendar"),
        "inspiration.md": t("inspiration"),
        "measurement.md": t("measurement"),
        "health.md": t("health"),
        **{f"goals/{g.id}.md": g.title for g in plan.goals},
        **{f"personas/{p.id}.md": p.name for p in plan.personas},
        **{f"channels/{c.id}.md": c.id for c in plan.channels},
        **{f"campaigns/{c.id}.md": c.name for c in plan.campaigns},
    }


def _depth(path: str) -> int:
    """How many folders deep a page's URL is (with MkDocs' directory URLs)."""
    folders = path.count("/")
    return folders if path.endswith("index.md") else folders + 1


def _by_step(findings: Sequence[Diagnostic]) -> dict[int, list[Diagnostic]]:
    """Findings grouped by the step of the plan their rule belongs to, in file order."""
    grouped: dict[int, list[Diagnostic]] = {step: [] for step in range(1, 7)}
    ordered = sorted(findings, key=lambda d: (d.location, d.code, d.message))
    for finding in ordered:
        grouped[finding.step].append(finding)
    return grouped


def _mix_label(plan: m.Plan, t: Translator, label: str) -> str:
    """A mix line's name: the content type's name, or the translated group."""
    if plan.mix.rule == "custom":
        return plan.content_type(label).name
    return t("group_" + label)


def _front_matter(title: str) -> str:
    """MkDocs metadata giving the page title as the plan has it.

    Material prints titles into HTML, some escaped and some not: the MkDocs
    hooks (mkdocs_hooks.py) hand them over escaped once, as markupsafe Markup.
    """
    return "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True) + "---\n"


# The pages of each plan entity, by folder, and the index page that lists them
# all. They stay out of MkDocs' nav: in Material's navigation, which shows the
# open section's pages on each of them, a section of 1,000 personas made each
# persona page carry 1,000 links (a 1,000-persona plan built 300 MB of pages).
SECTION_INDEXES = {
    "goals/": "goals/index.md",
    "personas/": "personas/index.md",
    "channels/": "channels/index.md",
    "campaigns/": "calendar.md",
}


def section_index(path: str) -> str | None:
    """The index page that lists the page at `path` (a docs path), if it is an
    entity's page; it is placed under that index's section as it is rendered."""
    for folder, index in SECTION_INDEXES.items():
        if path.startswith(folder) and path != index:
            return index
    return None


def navigation(plan: m.Plan, config: m.SiteConfig) -> list[Any]:
    """MkDocs' `nav`: the six steps of the plan in reading order.

    A section holds its index page only: the pages of goals, personas,
    channels and campaigns are listed by their index (SECTION_INDEXES), so
    that no page's size grows with the number of its section's pages. Each
    is shown under its section while it is rendered (mkdocs_hooks).

    Every page is listed with its title (escaped by the MkDocs hooks, see
    _front_matter): the preview's MkDocs reads only the pages that changed,
    and a page it does not read has no title of its own.
    """
    t = Translator(config.language)
    titles = page_titles(plan, t)

    def section(index: str) -> list[dict[str, str]]:
        return [{titles[index]: index}]

    return [
        {t("overview"): "index.md"},
        {t("goals"): section("goals/index.md")},
        {t("personas"): section("personas/index.md")},
        {t("audit"): "audit.md"},
        {t("channels"): section("channels/index.md")},
        {t("inspiration"): "inspiration.md"},
        {t("content"): "content.md"},
        {t("calendar"): section("calendar.md")},
        {t("measurement"): "measurement.md"},
        {t("health"): "health.md"},
    ]
