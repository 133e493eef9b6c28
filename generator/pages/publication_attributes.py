"""The data-* attributes that mark a publication wherever a page shows one: the
calendar's grid, the board's cards, the overview's coming posts.

They are a public contract (docs/calendar.md): filters, tests and a team's own
CSS find posts by them, so they are written here only. An attribute the post
has no value for is written, empty.
"""

from __future__ import annotations

from typing import Protocol

from markupsafe import escape


class Published(Protocol):
    """A post, or what the board makes of one."""

    @property
    def campaign(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def owner(self) -> str: ...


def publication_attributes(day: str, channel: str, item: Published) -> str:
    """` data-date=... data-owner=...`: the whole contract, a space before each."""
    return f' data-date="{escape(day)}"' + attributes_after_date(channel, item)


def attributes_after_date(channel: str, item: Published) -> str:
    """Every attribute but the date: the same for all occurrences of a post on a
    channel, so that the grid writes them once for all of them."""
    values = (
        ("channel", channel),
        ("campaign", item.campaign),
        ("status", item.status),
        ("type", item.type),
        ("owner", item.owner),
    )
    return "".join(f' data-{name}="{escape(value)}"' for name, value in values)
