"""Builds the posts of the calendar files, each made once per document in the preview."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from generator.diagnostics import Report, did_you_mean
from generator.load.document_fields import given, list_at
from generator.load.kept_files import KeptFiles
from generator.load.marked_yaml import DataPath, SourceDoc
from generator.load.plan_documents import PlanDocuments
from generator.load.scalars import parse_date, parse_duration, parse_time, parse_timezone
from generator.model.entities import Post
from generator.model.ids import post_id
from generator.model.media import MediaItem
from generator.model.references import (
    Place,
    Reference,
    References,
    refer_item,
    references_of_item,
)
from generator.model.repeats import repeat_from_data
from generator.model.results import ExperimentArm, PublishedPlace


@dataclass(frozen=True)
class MadePost:
    """A post as made from its document, kept with the document for the next
    rebuild: the same object, which the pages and feeds recognise, and the
    references it makes (by data path: a Place would point back to the
    document, and keep an edited one alive)."""

    post: Post
    zone: ZoneInfo  # the site's, which a post without its own takes
    references: tuple[Reference, ...]


def posts_from_doc(
    doc: SourceDoc,
    documents: PlanDocuments,
    references: References,
    report: Report,
    zone: ZoneInfo,
    kept: KeptFiles | None,
) -> Iterator[Post]:
    """The valid posts of a calendar file (`zone` is the site's time zone); every
    post's id is defined, a broken post's too.

    The preview keeps each post made from a document with it, and an unchanged
    document gives the same posts again. A post that was refused is made
    again, to report why; so is one made for another site time zone.
    """
    made = kept.made_of(doc) if kept is not None else None
    for position, item in enumerate(list_at(doc.data, "posts")):
        if is_undated(item):
            continue  # an idea waiting for a date: model/backlog.py
        where = ("posts", position)
        derived = post_id(item)
        if derived:
            references.define("post", derived, Place(doc, where))
        if not documents.valid(doc, where):
            refer_item(references, documents, doc, "post", item, where)
            continue
        found = made.get((where, derived)) if made is not None else None
        if isinstance(found, MadePost) and found.zone == zone:
            references.add(doc, found.references)
            yield found.post
            continue
        post_references = tuple(references_of_item(documents, doc, "post", item, where))
        references.add(doc, post_references)
        problems_before = len(report.diagnostics)
        post = post_from_item(item, derived, doc, where, zone, report)
        if post is None:
            continue
        if made is not None and len(report.diagnostics) == problems_before:
            made[(where, derived)] = MadePost(post, zone, post_references)
        yield post


def is_undated(item: object) -> bool:
    """True for a calendar item written without a date: an idea, once its schema holds."""
    return isinstance(item, dict) and "date" not in item


def post_from_item(
    item: dict[str, Any],
    entity_id: str,
    doc: SourceDoc,
    where: DataPath,
    zone: ZoneInfo,
    report: Report,
) -> Post | None:
    """The post, in its own time zone or the site's `zone`; None after reporting a
    local time that does not exist."""
    if "timezone" in item:
        zone = parse_timezone(item["timezone"])
    day = parse_date(item["date"])
    at = parse_time(item["time"]) if "time" in item else None
    if at is not None and not _exists(datetime.combine(day, at, tzinfo=zone)):
        report.error(
            doc.locate((*where, "time")),
            f"{item['time']} does not exist on {day.isoformat()} in {zone.key}: "
            "clocks skip that hour",
            "pick a time outside the daylight-saving change",
        )
        return None
    channels = item["channel"]
    if not _published_channels_known(item, doc, where, report):
        return None
    duration = item.get("duration")
    return Post(
        id=entity_id,
        date=day,
        channels=(channels,) if isinstance(channels, str) else tuple(channels),
        title=item["title"],
        source=doc.locate(where),
        timezone=zone,
        time=at,
        duration=parse_duration(duration) if duration else None,
        repeat=repeat_from_data(item["repeat"], day, doc, (*where, "repeat"), report)
        if "repeat" in item
        else None,
        published=published_places(item.get("published")),
        experiment=ExperimentArm(**item["experiment"]) if "experiment" in item else None,
        media=tuple(
            MediaItem(
                entry["file"],
                doc.locate((*where, "media", n)),
                **given(entry, "alt", "kind", "cover"),
            )
            for n, entry in enumerate(item.get("media", ()))
        ),
        **given(item, "type", "copy", "link", "campaign", "owner", "status"),
    )


def published_places(data: dict[str, Any] | None) -> tuple[PublishedPlace, ...]:
    """`published: {url, id}` for every channel of the post, and `{<channel>: {url,
    id}}` for one; empty values are left out, as if not written."""
    if not data:
        return ()
    places = [PublishedPlace("", data.get("url") or "", data.get("id") or "")]
    places += [
        PublishedPlace(channel, where.get("url") or "", where.get("id") or "")
        for channel, where in data.items()
        if channel not in ("url", "id") and isinstance(where, dict)
    ]
    return tuple(place for place in places if place.url or place.id)


def _published_channels_known(
    item: dict[str, Any], doc: SourceDoc, where: DataPath, report: Report
) -> bool:
    """False after reporting a `published` entry under a channel the post is not
    on: results would be counted on a channel the post never went to."""
    on = [item["channel"]] if isinstance(item["channel"], str) else list(item["channel"])
    published = item.get("published") or {}
    unknown = [key for key in published if key not in ("url", "id") and key not in on]
    for key in unknown:
        close = did_you_mean(key, on)
        report.error(
            doc.locate((*where, "published", key)),
            f"'published' names channel '{key}', which the post is not on",
            f"{close + ' ' if close else ''}the post is on {', '.join(on)}: put the entry "
            f"under one of them, or add '{key}' to the post's 'channel'",
        )
    return not unknown


def post_order(post: Post) -> tuple[date, str, str]:
    """Posts by date, then by the moment they start (all-day posts first), then by id."""
    at = post.start
    clock = at.astimezone(UTC).isoformat() if at else ""
    return post.date, clock, post.id


def _exists(moment: datetime) -> bool:
    """False for a wall-clock time inside a daylight-saving gap."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)
