"""Builds the backlog: the ideas of the calendar files that wait for a date.

An idea may be written before anyone knows when it will go out. Such an
item is kept apart from the posts, as an `Idea`, so that every post keeps a
date and no stage that places posts in time (occurrences, the checks, the
feeds, the exports) has to ask whether it has one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.diagnostics import Location
from generator.load.document_fields import given, list_at
from generator.load.marked_yaml import SourceDoc
from generator.load.plan_documents import PlanDocuments
from generator.model.ids import post_id
from generator.model.posts import is_undated
from generator.model.references import Place, References, refer_item


@dataclass(frozen=True)
class Idea:
    """A post with `status: idea` and no date yet: on the board and in the
    backlog, never in the calendar, the feeds or the exports."""

    id: str
    title: str
    channels: tuple[str, ...]
    source: Location
    type: str = ""
    copy: str = ""
    link: str = ""
    campaign: str = ""
    owner: str = ""


def ideas_from_doc(
    doc: SourceDoc, documents: PlanDocuments, references: References
) -> Iterator[Idea]:
    """The valid undated ideas of a calendar file; each one's id is defined, a
    broken one's too, among the posts' ids (an idea becomes a post)."""
    for position, item in enumerate(list_at(doc.data, "posts")):
        if not is_undated(item):
            continue
        where = ("posts", position)
        derived = post_id(item)
        if derived:
            references.define("post", derived, Place(doc, where))
        refer_item(references, documents, doc, "post", item, where)
        if not documents.valid(doc, where):
            continue
        yield idea_from_item(item, derived, doc.locate(where))


def idea_from_item(item: dict[str, Any], idea_id: str, source: Location) -> Idea:
    channels = item["channel"]
    return Idea(
        id=idea_id,
        title=item["title"],
        channels=(channels,) if isinstance(channels, str) else tuple(channels),
        source=source,
        **given(item, "type", "copy", "link", "campaign", "owner"),
    )
