"""The measurement page's tagged links: counted by channel and campaign, and listed
on the page itself or, past the page budget, a page per month (long_lists.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from generator.model import entities as m
from generator.model.utm import utm_campaign
from generator.pages.long_lists import ListPart, parts_of


@dataclass(frozen=True)
class TaggedLink:
    """A row of the tagged links: a post with a link, on one of its channels."""

    post: m.Post
    channel: str


@dataclass(frozen=True)
class MonthOfLinks:
    """The tagged links of the posts first planned in a month, in pages."""

    first_day: date
    parts: list[ListPart[TaggedLink]]

    @property
    def count(self) -> int:
        return sum(len(part.items) for part in self.parts)


class TaggedLinkPages:
    """Every tagged link of the plan, and the pages they take past `rows` of them."""

    def __init__(self, plan: m.Plan, rows: int) -> None:
        self._plan = plan
        self._rows = rows
        self.links = [
            TaggedLink(post, channel)
            for post in plan.posts
            if post.link
            for channel in post.channels
        ]

    @property
    def paged(self) -> bool:
        """Whether the links leave the measurement page for pages of their own."""
        return len(self.links) > self._rows

    @cached_property
    def months(self) -> list[MonthOfLinks]:
        """Each month with tagged links, its links cut into parts; none when not paged."""
        if not self.paged:
            return []
        grouped: dict[date, list[TaggedLink]] = {}
        for link in self.links:
            grouped.setdefault(link.post.date.replace(day=1), []).append(link)
        return [
            MonthOfLinks(first, parts_of(f"measurement/{first:%Y-%m}", links, self._rows))
            for first, links in sorted(grouped.items())
        ]

    def by_channel(self) -> list[tuple[str, int]]:
        """How many tagged links each channel carries, in the plan's order of channels."""
        counts = Counter(link.channel for link in self.links)
        return [(c.id, counts[c.id]) for c in self._plan.channels if counts[c.id]]

    def by_campaign(self) -> list[tuple[str, int]]:
        """How many tagged links carry each `utm_campaign`, the most first."""
        counts = Counter(utm_campaign(self._plan, link.post) for link in self.links)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
