"""A campaign's visuals together, as a mood board: a grid of its posts' images,
each linking to its post's details on the calendar.

What a campaign will look like is judged on the whole, not post by post.
An image that several posts share is shown once (for its first post), and
the board shows at most BOARD_IMAGES of them, in the order of the posts'
dates, so a long campaign stays a light page.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.model import entities as m
from generator.model.media_addresses import CARD_WIDTH, thumbnails
from generator.pages.calendar_data_scripts import details_address
from generator.pages.media_html import image_tag
from generator.pages.site_map import SiteAddresses

BOARD_IMAGES = 24


def mood_board(plan: m.Plan, campaign_id: str, root: str, addresses: SiteAddresses) -> Markup:
    """The campaign's images as a grid; empty Markup when it has none."""
    tiles: dict[str, str] = {}
    posts = sorted(
        (post for post in plan.posts if post.campaign == campaign_id and not post.hidden),
        key=lambda post: (post.date, post.id),
    )
    for post in posts:
        for item in post.media:
            media = None if item.is_url else plan.media_file(item.file)
            if media is None or media.digest in tiles or not thumbnails(media):
                continue
            details = escape(root + details_address(post, addresses))
            image = image_tag(media, item.alt, root, CARD_WIDTH)
            tiles[media.digest] = (
                f'<a class="ps-mood-board__tile" href="{details}" title="{escape(post.title)}">'
                f"{image}</a>"
            )
            if len(tiles) == BOARD_IMAGES:
                return _board(tiles)
    return _board(tiles)


def _board(tiles: dict[str, str]) -> Markup:
    if not tiles:
        return Markup("")
    return Markup(
        f'<div class="ps-mood-board" data-search-exclude>{"".join(tiles.values())}</div>\n'
    )


def campaigns_with_visuals(plan: m.Plan) -> list[m.Campaign]:
    """The campaigns whose posts show at least one image, in the plan's order."""
    shown = {
        post.campaign
        for post in plan.posts
        if post.campaign and not post.hidden and _has_image(plan, post)
    }
    return [campaign for campaign in plan.campaigns if campaign.id in shown]


def _has_image(plan: m.Plan, post: m.Post) -> bool:
    for item in post.media:
        media = None if item.is_url else plan.media_file(item.file)
        if media is not None and thumbnails(media):
            return True
    return False
