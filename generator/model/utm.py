"""UTM-tagged links: how a post's clicks are traced back to its channel and campaign."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from generator.model.entities import Campaign, Plan, Post
from generator.model.links import is_web_link

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")


@lru_cache(maxsize=1 << 16)
def tag_link(link: str, source: str, medium: str, campaign: str, content: str) -> str:
    """`link` with UTM parameters set; its other query parameters are kept in order.

    mailto: links are returned as they are: analytics cannot see them. Kept
    for the next call: the preview tags every link again after each edit.
    """
    if not is_web_link(link):
        return link
    parts = urlsplit(link)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in UTM_KEYS]
    values = dict(zip(UTM_KEYS, (source, medium, campaign, content), strict=True))
    tags = [(key, value) for key, value in values.items() if value]
    return urlunsplit(parts._replace(query=urlencode(kept + tags)))


def post_link(plan: Plan, post: Post, channel_id: str) -> str:
    """The post's link tagged for one of its channels; empty when the post has no link."""
    if not post.link:
        return ""
    return tag_link(
        post.link,
        source=plan.channel(channel_id).network,
        medium=plan.utm_medium,
        campaign=utm_campaign(plan, post),
        content=post.id,
    )


def utm_campaign(plan: Plan, post: Post) -> str:
    """What analytics files the post's visits under: its campaign's `utm_campaign`
    (else the campaign's id), else the post's content type."""
    campaign = campaign_utm(plan.campaign(post.campaign)) if post.campaign else ""
    return campaign or post.type


def campaign_utm(campaign: Campaign) -> str:
    """The utm_campaign a campaign's links carry: its own, else its id."""
    return campaign.utm_campaign or campaign.id
