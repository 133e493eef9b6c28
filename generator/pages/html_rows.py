"""The rows of the tables that grow with the posts, written here rather than by macros.

A year of daily posts on twenty channels puts 25,000 rows on the calendar
page, as many again on the campaign pages, and 10,000 tagged links on the
measurement page. Jinja macros spent most of the page rendering on them;
here each cell is escaped by markupsafe as the templates' `|h` would, and
the cells that depend only on the post are made once for all its
occurrences. The templates keep each table's frame and headings.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.occurrences import Occurrence
from generator.model.settings import SiteConfig
from generator.model.utm import post_link
from generator.pages.calendar_data_scripts import details_address
from generator.pages.markdown_text import safe_href
from generator.pages.publication_attributes import publication_attributes
from generator.pages.site_map import SERVED, SiteAddresses
from generator.pages.tagged_link_pages import TaggedLink, TaggedLinkPages


def _h(value: object) -> str:
    return str(escape(value))


class KeptCells:
    """The cells of each post as the last render made them, for the next one.

    The preview renders every page again after each edit; the posts of the
    files that did not change are the same objects from one rebuild to the
    next (model/posts.py), so their cells are reused when the names they show
    (content types, campaigns, the language) did not change either.
    """

    def __init__(self) -> None:
        self.names: object = None
        self.cells: dict[tuple[int, str], tuple[m.Post, str]] = {}


class TableRows:
    def __init__(
        self,
        plan: m.Plan,
        config: SiteConfig,
        t: Translator,
        kept: KeptCells | None = None,
        addresses: SiteAddresses = SERVED,
    ) -> None:
        """`root` in each method is the way from the page to the site's root;
        `addresses` how the links go on from there."""
        self._plan = plan
        self._addresses = addresses
        self._timezone = config.timezone
        self._t = t
        self._all_day = _h(t("all_day"))
        # This render's cells by (id of the post, root); each entry holds its
        # post, so that the id stays the post's.
        self._post_cells: dict[tuple[int, str], tuple[m.Post, str]] = {}
        self._before: dict[tuple[int, str], tuple[m.Post, str]] = {}
        if kept is not None:
            names = (
                t.language,
                addresses,
                tuple((kind.id, kind.name) for kind in plan.content_types),
                tuple((campaign.id, campaign.name) for campaign in plan.campaigns),
            )
            if kept.names == names:
                self._before = kept.cells
            kept.names, kept.cells = names, self._post_cells

    def occurrences(self, occurrences: Iterable[Occurrence], root: str) -> Markup:
        """One row per occurrence and channel, as the calendar places publications,
        each with the calendar's data-* attributes (publication_attributes.py)."""
        rows = []
        for occurrence in occurrences:
            post = occurrence.post
            day = _h(self._t.date(occurrence.day, "EEE d MMM"))
            iso_day = occurrence.day.isoformat()
            for channel_id in post.channels:
                rows.append(
                    f"<tr{publication_attributes(iso_day, channel_id, post)}>"
                    f"<td>{day}</td><td>{self._time(occurrence)}</td>"
                    f"<td>{self._channel_link(channel_id, root)}</td>"
                    f"{self._cells_of(post, root)}</tr>\n"
                )
        return Markup("".join(rows))

    def tagged_links(self, root: str, links: Iterable[TaggedLink] | None = None) -> Markup:
        """One row per post with a link and per channel it goes to, with its UTM link:
        `links`, or every one of the plan."""
        rows = []
        last: m.Post | None = None
        day = title = ""
        for link in TaggedLinkPages(self._plan, 0).links if links is None else links:
            post, channel_id = link.post, link.channel
            if post is not last:  # a post's channels are next to each other
                day, title = _h(self._t.date(post.date, "medium")), _h(post.title)
                last = post
            url = post_link(self._plan, post, channel_id)
            rows.append(
                f"<tr{publication_attributes(post.date.isoformat(), channel_id, post)}>"
                f"<td>{day}</td><td>{self._channel_link(channel_id, root)}</td>"
                f'<td class="ps-row__title">{title}</td>'
                f'<td class="ps-utm"><a href="{safe_href(url)}">{_h(url)}</a></td></tr>\n'
            )
        return Markup("".join(rows))

    def tagged_link_count(self) -> int:
        """The rows of tagged_links(): one per post with a link and per channel."""
        return sum(len(post.channels) for post in self._plan.posts if post.link)

    def _time(self, occurrence: Occurrence) -> str:
        if not occurrence.start:
            return self._all_day
        clock = _h(occurrence.start.strftime("%H:%M"))
        zone = occurrence.post.timezone.key
        return clock if zone == self._timezone else f"{clock} ({_h(zone)})"

    def _cells_of(self, post: m.Post, root: str) -> str:
        """The cells that depend only on the post (type, title, status, campaign), made
        once for all its occurrences and channels."""
        key = (id(post), root)
        made = self._post_cells.get(key) or self._before.get(key)
        if made is None or made[0] is not post:
            made = (post, self._make_cells(post, root))
        self._post_cells[key] = made
        return made[1]

    def _make_cells(self, post: m.Post, root: str) -> str:
        plan = self._plan
        kind = _h(plan.content_type(post.type).name) if post.type else ""
        campaign = ""
        if post.campaign:
            name = _h(plan.campaign(post.campaign).name)
            campaign = f'<a href="{self._link(root, "campaigns", post.campaign)}">{name}</a>'
        status = _h(post.status)
        return (
            f'<td>{kind}</td><td class="ps-row__title">'
            f'<a href="{_h(root + details_address(post, self._addresses))}">'
            f"{_h(post.title)}</a></td>"
            f'<td><span class="ps-badge ps-badge--{status}">'
            f"{_h(self._t('status_' + post.status))}</span></td><td>{campaign}</td>"
        )

    def _channel_link(self, channel_id: str, root: str) -> str:
        return f'<a href="{self._link(root, "channels", channel_id)}">{_h(channel_id)}</a>'

    def _link(self, root: str, folder: str, entity_id: str) -> str:
        """The href of an entity's page (its folder: channels, campaigns...)."""
        return _h(root + self._addresses.address(f"{folder}/{entity_id}.md"))
