"""Where each page of the site sits: its path, its title, its section, the navigation."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.settings import SiteConfig
from generator.pages.calendar_months import month_firsts, month_path, posts_path

# The calendar's own page: the index of its section (Material's navigation.indexes),
# so that the menu shows "Calendar" once, not a section "Calendar" holding a page
# "Calendar".
CALENDAR_INDEX = "calendar/index.md"

# The pages every plan has, in the order they are rendered, with their template.
SECTION_PAGES = (
    ("index.md", "overview.md.j2"),
    ("goals/index.md", "goals.md.j2"),
    ("personas/index.md", "personas.md.j2"),
    ("audit.md", "audit.md.j2"),
    ("channels/index.md", "channels.md.j2"),
    ("content.md", "content.md.j2"),
    (CALENDAR_INDEX, "calendar.md.j2"),
    ("inspiration.md", "inspiration.md.j2"),
    ("measurement.md", "measurement.md.j2"),
    ("results.md", "results.md.j2"),
    ("health.md", "health.md.j2"),
)

# The pages of each plan entity, by folder, and the index page that lists them
# all. They stay out of MkDocs' nav: in Material's navigation, which shows the
# open section's pages on each of them, a section of 1,000 personas made each
# persona page carry 1,000 links (a 1,000-persona plan built 300 MB of pages).
SECTION_INDEXES = {
    "goals/": "goals/index.md",
    "personas/": "personas/index.md",
    "channels/": "channels/index.md",
    "campaigns/": CALENDAR_INDEX,
    # the board, the month pages and their posts
    "calendar/": CALENDAR_INDEX,
    # The pages of the long lists past the page budget (long_lists.py).
    "measurement/": "measurement.md",
    "health/": "health.md",
}
# The calendar's board: every post by its status, and the ideas without a date.
BOARD_PAGE = ("calendar/board.md", "calendar_board.md.j2")
# Pages laid out across the content's whole width (the month grids, the board's
# columns): Material's `hide` drops the navigation and table of contents beside them.
WIDE_PAGES = ("calendar/",)
# The pages whose tables are wider than the text beside a table of contents:
# Material leaves it out there (front matter `hide: [toc]`), and the table
# takes its place.
TABLE_PAGES = (
    "index.md",
    "audit.md",
    "goals/index.md",
    "measurement.md",
    "results.md",
    "content.md",
)


def hidden_sidebars(path: str) -> list[str]:
    """The sidebars Material hides beside the page at `path` (a docs path): both
    beside the wide pages, the table of contents beside pages of wide tables."""
    if path.startswith(WIDE_PAGES) and path != CALENDAR_INDEX:  # which keeps its sidebars
        return ["navigation", "toc"]
    return ["toc"] if path in TABLE_PAGES else []


def titles_from_plan(plan: m.Plan, t: Translator) -> dict[str, str]:
    """Each page's title by its docs path, for its front matter and for the navigation."""
    return {
        "index.md": plan.title,
        "goals/index.md": t("goals"),
        "personas/index.md": t("personas"),
        "audit.md": t("audit"),
        "channels/index.md": t("channels"),
        "content.md": t("content"),
        CALENDAR_INDEX: t("calendar"),
        "inspiration.md": t("inspiration"),
        "measurement.md": t("measurement"),
        "results.md": t("results"),
        "health.md": t("health"),
        BOARD_PAGE[0]: t("board"),
        **{f"goals/{g.id}.md": g.title for g in plan.goals},
        **{f"personas/{p.id}.md": p.name for p in plan.personas},
        **{f"channels/{c.id}.md": c.id for c in plan.channels},
        **{f"campaigns/{c.id}.md": c.name for c in plan.campaigns},
        **{
            month_path(first): t.date(first, "LLLL yyyy").capitalize()
            for first in month_firsts(plan)
        },
        **{
            posts_path(first): t("posts_of_month", month=t.date(first, "LLLL yyyy"))
            for first in months_with_posts(plan)
        },
    }


def address_from_path(path: str, directory_urls: bool = True) -> str:
    """The address of a docs page relative to the site's root, as MkDocs writes it.

    With directory URLs (a site on a server): `index.md` is ``, `goals/index.md`
    `goals/`, `goals/x.md` `goals/x/`. Without (a copy opened from files, whose
    folders would open as listings): `index.html`, `goals/index.html`, `goals/x.html`.
    """
    if not directory_urls:
        return path.removesuffix(".md") + ".html"
    folder, name = posixpath.split(path)
    stem = name.removesuffix(".md")
    parts = [folder] if stem == "index" else [folder, stem]
    return "".join(f"{part}/" for part in parts if part)


def root_from_path(path: str, directory_urls: bool = True) -> str:
    """The way from a page's address back to the site's root: `../` per folder."""
    return "../" * address_from_path(path, directory_urls).count("/")


@dataclass(frozen=True)
class SiteAddresses:
    """How the HTML that plansite writes itself links one page to another.

    Links in a page's Markdown name the docs path (`/goals/leads.md`) and
    MkDocs rewrites them; HTML it is handed (the long tables, the calendar's
    grid and board, the posts' details, authored bodies) it leaves alone, so
    every address in it is made here, the way MkDocs makes its own: with
    directory URLs for a site on a server, with `.html` files for a copy
    opened from a folder or a zip (`plansite build --offline`).
    """

    directory_urls: bool = True

    def address(self, path: str, fragment: str = "") -> str:
        """Docs page `path` (and its `#fragment`) from the site's root."""
        address = address_from_path(path, self.directory_urls)
        return f"{address}#{fragment}" if fragment else address

    def root(self, page: str) -> str:
        """The way back to the site's root from docs page `page`."""
        return root_from_path(page, self.directory_urls)

    def between(self, page: str, path: str, fragment: str = "") -> str:
        """Docs page `path` (and its `#fragment`) from docs page `page`, by the
        shortest way: the calendar's pages link to their neighbours thousands
        of times."""
        here = address_from_path(page, self.directory_urls)
        folders = here.split("/")[:-1]  # those the page's address opens in
        parts = address_from_path(path, self.directory_urls).split("/")
        shared = 0
        while shared < min(len(folders), len(parts) - 1) and folders[shared] == parts[shared]:
            shared += 1
        address = "../" * (len(folders) - shared) + "/".join(parts[shared:])
        address = address or "./"
        return f"{address}#{fragment}" if fragment else address


SERVED = SiteAddresses(directory_urls=True)  # a site on a server, as MkDocs makes it by default


def find_section_index(path: str) -> str | None:
    """The index page that lists the page at `path` (a docs path), if it is an
    entity's page; it is placed under that index's section as it is rendered."""
    for folder, index in SECTION_INDEXES.items():
        if path.startswith(folder) and path != index:
            return index
    return None


def navigation_from_plan(plan: m.Plan, config: SiteConfig) -> list[Any]:
    """MkDocs' `nav`: the six steps of the plan in reading order.

    A section holds its index page only: the pages of goals, personas,
    channels and campaigns are listed by their index (SECTION_INDEXES), so
    that no page's size grows with the number of its section's pages. Each
    is shown under its section while it is rendered (site/hooks.py).

    Every page is listed with its title (escaped by the MkDocs hooks, see
    render._front_matter): the preview's MkDocs reads only the pages that
    changed, and a page it does not read has no title of its own.
    """
    t = Translator(config.language)
    titles = titles_from_plan(plan, t)

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
        {t("calendar"): section(CALENDAR_INDEX)},
        {t("measurement"): "measurement.md"},
        {t("results"): "results.md"},
        {t("health"): "health.md"},
    ]


def pages_from_plan(plan: m.Plan) -> list[tuple[str, str, dict[str, Any]]]:
    """Every page of the site in a stable order: its docs path, its template and
    the entity it shows, by the name its template knows it by."""
    pages: list[tuple[str, str, dict[str, Any]]] = [(p, t, {}) for p, t in SECTION_PAGES]
    pages.append((*BOARD_PAGE, {}))
    pages += [(f"goals/{g.id}.md", "goal.md.j2", {"goal": g}) for g in plan.goals]
    pages += [(f"personas/{p.id}.md", "persona.md.j2", {"persona": p}) for p in plan.personas]
    pages += [(f"channels/{c.id}.md", "channel.md.j2", {"channel": c}) for c in plan.channels]
    pages += [(f"campaigns/{c.id}.md", "campaign.md.j2", {"campaign": c}) for c in plan.campaigns]
    pages += [
        (month_path(first), "calendar_month.md.j2", {"first_day": first})
        for first in month_firsts(plan)
    ]
    pages += [
        (posts_path(first), "calendar_posts.md.j2", {"first_day": first})
        for first in months_with_posts(plan)
    ]
    return pages


def months_with_posts(plan: m.Plan) -> list[date]:
    """The first day of each month in which a post is first planned: each has a page
    describing those posts, which the grids link to."""
    return sorted({post.date.replace(day=1) for post in plan.posts})
