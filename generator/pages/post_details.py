"""Each post's details, on the month page of its first date: what the grid's
publications link to.

A post is described once, however often it repeats and on however many
channels: the grid of every month it falls in links back here.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.media_addresses import DETAILS_WIDTH
from generator.pages.markdown_text import safe_href
from generator.pages.media_html import media_block
from generator.pages.post_results import details_results
from generator.pages.publication_attributes import publication_attributes
from generator.pages.site_map import SERVED, SiteAddresses


def _h(value: object) -> str:
    return str(escape(value))


class PostDetails:
    def __init__(self, plan: m.Plan, t: Translator, addresses: SiteAddresses = SERVED) -> None:
        self._plan = plan
        self._t = t
        self._addresses = addresses

    def of_posts(self, posts: Iterable[m.Post], root: str) -> Markup:
        """An article per post, its id the post's (the address the feeds give too)."""
        return Markup("".join(self._article(post, root) for post in posts))

    def _article(self, post: m.Post, root: str) -> str:
        t, plan = self._t, self._plan
        facts = [(t("date"), _h(self._when(post)))]
        channels = ", ".join(
            f'<a href="{self._link(root, "channels", c)}">{_h(c)}</a>' for c in post.channels
        )
        facts.append((t("channels"), channels))
        status = _h(post.status)
        facts.append(
            (
                t("status"),
                f'<span class="ps-badge ps-badge--{status}">{_h(t("status_" + status))}</span>',
            )
        )
        if post.type:
            facts.append((t("type"), _h(plan.content_type(post.type).name)))
        if post.campaign:
            name = _h(plan.campaign(post.campaign).name)
            campaign = self._link(root, "campaigns", post.campaign)
            facts.append((t("campaign"), f'<a href="{campaign}">{name}</a>'))
        if post.owner:
            facts.append((t("owner"), _h(post.owner)))
        if post.link:
            facts.append((t("link"), f'<a href="{safe_href(post.link)}">{_h(post.link)}</a>'))
        results = details_results(plan, post, t)
        if results:
            facts.append((t("post_results"), results))
        rows = "".join(f"<dt>{_h(label)}</dt><dd>{value}</dd>" for label, value in facts)
        copy = f'<p class="ps-post__copy">{_h(post.copy)}</p>' if post.copy else ""
        copy += media_block(plan, post, root, DETAILS_WIDTH, t)
        return (
            f'<article class="ps-post ps-occ--{status}" id="{_h(post.id)}"{self._attributes(post)}>'
            f'<h3 class="ps-post__title">{_h(post.title)}</h3>'
            f'<dl class="ps-post__facts">{rows}</dl>{copy}</article>\n'
        )

    def _link(self, root: str, folder: str, entity_id: str) -> str:
        """The href of an entity's page (its folder: channels, campaigns) from `root`."""
        return _h(root + self._addresses.address(f"{folder}/{entity_id}.md"))

    @staticmethod
    def _attributes(post: m.Post) -> str:
        """The contract's data-* attributes (publication_attributes.py), as the board's
        cards write them for a post: its first date, its channels space-separated."""
        return publication_attributes(post.date.isoformat(), " ".join(post.channels), post)

    def _when(self, post: m.Post) -> str:
        """Its first date and time, and how it repeats."""
        t = self._t
        when = t.date(post.date, "full")
        when += f", {post.time.strftime('%H:%M')}" if post.time else f", {t('all_day')}"
        repeat = post.repeat
        if repeat is None:
            return when
        every = repeat_wording(repeat, t)
        if repeat.until:
            every += " " + t("until", date=t.date(repeat.until))
        return f"{when} · {t('repeats_every', every=every)}"


def repeat_wording(repeat: m.Repeat, t: Translator) -> str:
    """How often a post comes back: "every week", "every 2 months"."""
    if repeat.interval == 1:
        return t(f"every_{repeat.every}")
    return t(f"every_n_{repeat.every}s", n=repeat.interval)
