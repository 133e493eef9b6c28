"""One post on one channel as an iCalendar event, before the stamps that depend on
what subscribers already have (published_events.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from icalendar import vCategory, vDDDTypes, vText, vUri

from generator.feeds.content_line_cache import ContentLineCache
from generator.i18n import Translator
from generator.model.entities import WEEKDAYS, Plan, Post
from generator.model.media_addresses import media_type, public_url
from generator.model.settings import SiteConfig
from generator.model.utm import post_link

STATUSES = {
    "scheduled": "CONFIRMED",
    "published": "CONFIRMED",
    "draft": "TENTATIVE",
    "cancelled": "CANCELLED",
    "idea": "TENTATIVE",
}
_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY"}
_BYDAY = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))


@dataclass(frozen=True)
class EventContext:
    """What the plan and the settings give every event of a build."""

    plan: Plan  # the names of content types and campaigns, and the links' tags
    translate: Translator  # the labels of the description
    host: str  # of the site: UIDs are <post>.<channel>@<host>
    site_url: str  # events link to their post on the site's calendar; none without it
    default_duration: timedelta  # of a post with a time and no duration
    lines: ContentLineCache = field(default_factory=ContentLineCache)


def context_from_plan(plan: Plan, config: SiteConfig) -> EventContext:
    return EventContext(
        plan=plan,
        translate=Translator(config.language),
        host=urlsplit(config.site_url).hostname or "plansite.invalid",
        site_url=config.site_url,
        default_duration=config.default_duration,
    )


def event_from_post(post: Post, channel_id: str, context: EventContext) -> icalendar.Event:
    """One post on one channel, without the stamps that depend on the previous feed.

    The common properties are given as icalendar's typed values: `add()` would
    look the same types up by name for each of the 10,000 events of a large
    plan; the rarer RRULE and EXDATE still go through it. A status or a set
    of categories many events share is one value, from the context's line
    cache, which then makes its content line once.
    """
    shared = context.lines.shared_value
    event = icalendar.Event()
    event["UID"] = vText(f"{post.id}.{channel_id}@{context.host}")
    event["SUMMARY"] = vText(post.title)
    start = post.start
    if start is None:
        event["DTSTART"] = vDDDTypes(post.date)
        end: date | datetime = post.date + timedelta(days=1)  # exclusive end of an all-day event
    else:
        event["DTSTART"] = vDDDTypes(start)
        end = start + (post.duration or context.default_duration)
    event["DTEND"] = vDDDTypes(end)
    if post.repeat is not None:
        event.add("RRULE", _rrule(post))
        for day in post.repeat.exceptions:
            event.add("EXDATE", _same_kind_as_start(post, day))
    event["STATUS"] = shared(vText, STATUSES[post.status])
    description = _description(post, channel_id, context)
    if description:
        event["DESCRIPTION"] = vText(description)
    plan = context.plan
    categories = (channel_id, plan.content_type(post.type).name) if post.type else (channel_id,)
    event["CATEGORIES"] = shared(vCategory, categories)
    if context.site_url:
        event["URL"] = vUri(f"{context.site_url.rstrip('/')}/{post.calendar_address}")
        _attach_media(event, post, context)
    return event


def _attach_media(event: icalendar.Event, post: Post, context: EventContext) -> None:
    """An ATTACH (RFC 5545, 3.8.1.1) per media file, at the address where the site
    publishes it, with its type. A URL the plan names is left out: nothing vetted
    it, and calendar apps may fetch attachments on their own."""
    for item in post.media:
        media = None if item.is_url else context.plan.media_file(item.file)
        if media is None:
            continue
        url = public_url(context.site_url, item, media)
        kind = media_type(media)
        event.add("ATTACH", vUri(url), parameters={"FMTTYPE": kind} if kind else {})


def _rrule(post: Post) -> dict[str, object]:
    repeat = post.repeat
    assert repeat is not None
    rule: dict[str, object] = {"FREQ": _FREQ[repeat.every]}
    if repeat.interval != 1:
        rule["INTERVAL"] = repeat.interval
    if repeat.on:
        rule["BYDAY"] = [_BYDAY[day] for day in repeat.on]
    if repeat.count is not None:
        rule["COUNT"] = repeat.count
    if repeat.until is not None:
        if post.time is None:
            rule["UNTIL"] = repeat.until
        else:  # RFC 5545: UNTIL of a zoned DTSTART is in UTC
            last = datetime.combine(repeat.until, post.time, tzinfo=post.timezone)
            rule["UNTIL"] = last.astimezone(UTC)
    return rule


def _same_kind_as_start(post: Post, day: date) -> date | datetime:
    """An EXDATE with the DTSTART's value type, time zone and time, as Google requires."""
    if post.time is None:
        return day
    return datetime.combine(day, post.time, tzinfo=post.timezone)


def _description(post: Post, channel_id: str, context: EventContext) -> str:
    plan, t = context.plan, context.translate
    lines = [post.copy.strip()] if post.copy.strip() else []
    facts = []
    link = post_link(plan, post, channel_id)
    if link:
        facts.append(t("label_value", label=t("link"), value=link))
    if post.owner:
        facts.append(t("label_value", label=t("owner"), value=post.owner))
    if post.type:
        facts.append(t("label_value", label=t("type"), value=plan.content_type(post.type).name))
    if post.campaign:
        name = plan.campaign(post.campaign).name
        facts.append(t("label_value", label=t("campaign"), value=name))
    if facts:
        lines.append("\n".join(facts))
    return "\n\n".join(lines)
