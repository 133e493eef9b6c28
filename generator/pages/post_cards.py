"""The coming posts of a channel or a campaign as cards that look like the network
will show them: the account's handle, the copy with its line breaks and
hashtags, the link, the date, and the length against the network's limit
(model/network_limits.py, the table the copy-length check uses too).

A page shows the next `CARDS` of them, from the plan's today, and links to the
calendar's month filtered on the channel or campaign for the rest: a channel
with a post a day for a year stays a page of a few kilobytes. Every text of the
plan is escaped by markupsafe; a card carries the calendar's data-* attributes
(publication_attributes.py) and links to the post's details.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from markupsafe import Markup, escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.media_addresses import CARD_WIDTH
from generator.model.network_limits import TextLength, length_on_network
from generator.model.occurrences import Occurrence
from generator.model.utm import post_link
from generator.pages.calendar_data_scripts import details_address
from generator.pages.calendar_months import MONTH_PATH
from generator.pages.markdown_text import safe_href
from generator.pages.media_html import media_block
from generator.pages.post_results import card_results
from generator.pages.publication_attributes import publication_attributes
from generator.pages.site_map import SiteAddresses

CARDS = 12
# A hashtag as the networks mark one: '#' and letters, digits or '_' (any
# script), not inside a word ('C#', 'page#anchor').
_HASHTAG = re.compile(r"(?<![\w#&])#\w+")


@dataclass(frozen=True)
class CardList:
    """The cards of a page, their number (what the search indexes or not) and
    where the calendar shows the rest."""

    html: Markup
    count: int


@dataclass(frozen=True)
class Publication:
    """One card: an occurrence of a post on one of its channels."""

    occurrence: Occurrence
    channel: m.Channel


class PostCards:
    """The cards of every channel and campaign page of one render."""

    def __init__(
        self,
        plan: m.Plan,
        t: Translator,
        occurrences: Sequence[Occurrence],
        today: date,
        fallback_month: str,
        timezone: str,
        addresses: SiteAddresses,
    ) -> None:
        self._plan = plan
        self._addresses = addresses
        self._t = t
        self._occurrences = occurrences
        self._first = bisect_left(occurrences, today, key=lambda occurrence: occurrence.day)
        self._fallback_month = fallback_month  # the calendar's month when nothing is coming
        self._timezone = timezone

    def for_channel(self, channel: m.Channel, root: str) -> CardList:
        found = self._coming(lambda post: channel.id in post.channels, (channel.id,))
        return self._card_list(found, root, "channel", channel.id)

    def for_campaign(self, campaign: m.Campaign, root: str) -> CardList:
        found = self._coming(lambda post: post.campaign == campaign.id, None)
        return self._card_list(found, root, "campaign", campaign.id)

    def _coming(
        self, keep: Callable[[m.Post], bool], channels: tuple[str, ...] | None
    ) -> tuple[list[Publication], date | None]:
        """The next CARDS publications from today (ideas and cancelled posts left out),
        and the day of the first one left out, if any."""
        found: list[Publication] = []
        for occurrence in self._occurrences[self._first :]:
            post = occurrence.post
            if post.hidden or not keep(post):
                continue
            for channel_id in channels or post.channels:
                if len(found) == CARDS:
                    return found, occurrence.day
                found.append(Publication(occurrence, self._plan.channel(channel_id)))
        return found, None

    def _card_list(
        self, coming: tuple[list[Publication], date | None], root: str, kind: str, value: str
    ) -> CardList:
        found, left_out = coming
        cards = "".join(self._card(publication, root) for publication in found)
        body = f'<div class="ps-post-cards">\n{cards}</div>\n' if found else ""
        if not found:
            body = f'<p class="ps-post-cards__none">{escape(self._t("no_posts"))}</p>\n'
        month = self._month_of(left_out or (found[0].occurrence.day if found else None))
        page = root + self._addresses.address(MONTH_PATH.format(month=month))
        href = f"{page}?{kind}={quote(value, safe='')}"
        label = self._t("cards_more_" + kind) if left_out else self._t("cards_all_" + kind)
        more = f'<p class="ps-post-cards__more"><a href="{escape(href)}">{escape(label)}</a></p>\n'
        return CardList(Markup(body + more), len(found))

    def _month_of(self, day: date | None) -> str:
        return f"{day:%Y-%m}" if day else self._fallback_month

    def _card(self, publication: Publication, root: str) -> str:
        occurrence, channel = publication.occurrence, publication.channel
        post = occurrence.post
        attributes = publication_attributes(occurrence.day.isoformat(), channel.id, post)
        details = escape(root + details_address(post, self._addresses))
        parts = [
            self._head(publication),
            f'<p class="ps-post-card__title"><a href="{details}">{escape(post.title)}</a></p>\n',
            _copy(post.copy),
            media_block(self._plan, post, root, CARD_WIDTH, self._t),
            self._link(post, channel.id),
            self._count(length_on_network(post, channel.network)),
            card_results(self._plan, post, channel.id, occurrence.day, self._t),
        ]
        return (
            f'<article class="ps-post-card" data-network="{escape(channel.network)}"{attributes}>\n'
            + "".join(parts)
            + "</article>\n"
        )

    def _head(self, publication: Publication) -> str:
        channel = publication.channel
        handle = self._plan.account(channel.account).handle if channel.account else ""
        shown = f'<span class="ps-post-card__handle">{escape(handle)}</span> ' if handle else ""
        return (
            f'<p class="ps-post-card__head"><span class="ps-post-card__network">'
            f"{escape(channel.network)}</span> {shown}{self._when(publication.occurrence)}</p>\n"
        )

    def _when(self, occurrence: Occurrence) -> str:
        day = self._t.date(occurrence.day, "EEE d MMM y")
        if occurrence.start is None:
            shown, stamp = f"{day}, {self._t('all_day')}", occurrence.day.isoformat()
        else:
            shown = f"{day}, {occurrence.start:%H:%M}"
            zone = occurrence.post.timezone.key
            if zone != self._timezone:
                shown += f" ({zone})"
            stamp = occurrence.start.isoformat()
        return f'<time class="ps-post-card__when" datetime="{escape(stamp)}">{escape(shown)}</time>'

    def _link(self, post: m.Post, channel_id: str) -> str:
        if not post.link:
            return ""
        tagged = post_link(self._plan, post, channel_id)
        return (
            f'<p class="ps-post-card__link"><a href="{safe_href(tagged)}">'
            f"{escape(post.link)}</a></p>\n"
        )

    def _count(self, measured: TextLength | None) -> str:
        """ "312 / 280: 32 over", in red past the limit; nothing where no limit is known."""
        if measured is None:
            return ""
        t = self._t
        values = {"length": t.number(measured.length), "limit": t.number(measured.limit)}
        if measured.over:
            text = t("count_over", over=t.number(measured.over), **values)
            modifier = " ps-post-card__count--over"
        else:
            text, modifier = t("count_within", **values), ""
        counted = escape(t("counted_" + measured.counts))
        return (
            f'<p class="ps-post-card__count{modifier}">'
            f'<span class="ps-post-card__counted">{counted}</span> {escape(text)}</p>\n'
        )


def _copy(copy: str) -> str:
    """The copy as the network shows it: its line breaks kept, its hashtags marked
    (as text: they link nowhere), every piece escaped."""
    if not copy.strip():
        return ""
    lines = "<br>\n".join("".join(_marked(line)) for line in copy.strip("\n").splitlines())
    return f'<p class="ps-post-card__copy">{lines}</p>\n'


def _marked(line: str) -> Iterator[str]:
    """The line's text escaped, each hashtag in a span of its own."""
    position = 0
    for found in _HASHTAG.finditer(line):
        yield str(escape(line[position : found.start()]))
        yield f'<span class="ps-hashtag">{escape(found.group())}</span>'
        position = found.end()
    yield str(escape(line[position:]))
