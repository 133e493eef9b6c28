"""How long a post may be on each network: one table, for the copy-length check
(PS507) and for the post cards of the channel and campaign pages.

Each limit counts one text of the post: its copy, or its title on YouTube,
where the title is what the network limits most (the description takes
5,000). The count is Python's: one per Unicode code point. The networks do
not all count that way, so a count near the limit is an estimate:

- X weighs each emoji and each CJK character as two and every link as 23,
  whatever its length (twitter-text);
- Bluesky counts graphemes, so a flag or a family emoji is one;
- Threads counts emoji in UTF-8 bytes.

Plain text in a Latin script counts the same everywhere. docs/plan-format.md
lists the limits and where each was read.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.entities import Post


@dataclass(frozen=True)
class NetworkLimit:
    """The most characters a network accepts, and which text of a post it counts."""

    characters: int
    counts: str = "copy"  # "copy" or "title"


NETWORK_LIMITS: dict[str, NetworkLimit] = {
    "x": NetworkLimit(280),
    "bluesky": NetworkLimit(300),
    "threads": NetworkLimit(500),
    "mastodon": NetworkLimit(500),  # the default of a Mastodon server; some allow more
    "pinterest": NetworkLimit(500),
    "snapchat": NetworkLimit(250),
    "instagram": NetworkLimit(2200),
    "tiktok": NetworkLimit(2200),
    "linkedin": NetworkLimit(3000),
    "facebook": NetworkLimit(63206),
    "youtube": NetworkLimit(100, counts="title"),
}


@dataclass(frozen=True)
class TextLength:
    """A post's counted text on one network against that network's limit."""

    counts: str  # "copy" or "title"
    length: int
    limit: int

    @property
    def over(self) -> int:
        """Characters beyond the limit; 0 when the text fits."""
        return max(self.length - self.limit, 0)


def length_on_network(post: Post, network: str) -> TextLength | None:
    """The length of what `network` counts of the post; None where no limit is known
    ("other", or a network the table does not list)."""
    limit = NETWORK_LIMITS.get(network)
    if limit is None:
        return None
    text = post.title if limit.counts == "title" else post.copy
    return TextLength(limit.counts, len(text), limit.characters)
