"""The lists that grow with the posts, cut into pages a browser opens at once.

A year of posts on twenty channels is 7,000 tagged links and as many
addresses to check; an overfull calendar raises a finding per post. Shown
whole, the measurement page of a 10k-post plan was 4 MB of HTML and the
health page 1.3 MB. A list longer than the page budget (`PAGE_ROWS` rows)
leaves its page for pages of its own: the tagged links a page per month,
the findings of a rule past the first few a page per rule, the addresses
a page per slice of the alphabet. A month or a rule that alone is over the
budget takes as many parts as it needs, so no page holds more than
`PAGE_ROWS` rows whatever the plan's size.

Each list's pages are named from its first page's docs path:
`measurement/2027-05.md`, then `measurement/2027-05-2.md`, `measurement/2027-05-3.md`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from markupsafe import Markup

Item = TypeVar("Item")

# The most rows of a long list one page holds: 1,000 rows of tagged links are
# some 600 kB of HTML, the longest rows plansite writes.
PAGE_ROWS = 1000


@dataclass(frozen=True)
class ListPart(Generic[Item]):
    """One page of a long list: which part of how many, and the items it holds."""

    base: str  # the docs path of the first part, without ".md"
    number: int  # from 1
    count: int
    items: Sequence[Item]

    @property
    def path(self) -> str:
        """This part's docs path."""
        return part_path(self.base, self.number)

    @property
    def docs_link(self) -> Markup:
        """This part as a Markdown link's target, which MkDocs checks and rewrites.
        Made of slugs and rule codes: nothing in it needs escaping."""
        return Markup(f"/{self.path}")

    def sibling_path(self, number: int) -> str:
        """The docs path of part `number` of the same list."""
        return part_path(self.base, number)

    @property
    def back_path(self) -> str:
        """The docs path of the page the list left: `measurement.md` for
        `measurement/2027-05`, `health.md` for `health/step-5-ps502`."""
        return f"{posixpath.dirname(self.base)}.md"

    @property
    def numbers(self) -> range:
        return range(1, self.count + 1)


def part_path(base: str, number: int) -> str:
    """The docs path of part `number` of the list whose first page is `base`.md."""
    return f"{base}.md" if number == 1 else f"{base}-{number}.md"


def parts_of(base: str, items: Sequence[Item], rows: int) -> list[ListPart[Item]]:
    """`items` cut into pages of at most `rows`, in their order; none for no items."""
    chunks = [items[start : start + rows] for start in range(0, len(items), rows)]
    return [ListPart(base, n, len(chunks), chunk) for n, chunk in enumerate(chunks, start=1)]
