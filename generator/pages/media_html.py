"""A post's media as its card and its details show them.

An image is its thumbnail (model/media_addresses.py names the sizes;
site/media_copies.py makes them), its alt text the plan's. An image
without one gets `alt=""` and a visible "no description", so the gap shows
on the page the team reviews. A video is a badge with its length, linking
to the file. Every text of the plan is escaped by markupsafe.

A URL that the plan names is never put in an `<img>`: the stakeholder's
browser would fetch it from a server nobody vetted, which learns who opens
the plan's site and when (and could change the picture after review). It
is a link instead, which nobody follows without meaning to; the page
sanitizer (html_sanitizer.py) allows `<img>` only on the site's own media/.

The search index never holds a post's media: the block is marked
`data-search-exclude` (Material's search skips it), so neither an alt text,
a file name nor an address a confidential plan names (`private: true`)
reaches search/search_index.json, which anyone who opens the site can
download whole. Material does not index an image's alt text either.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import escape

from generator.i18n import Translator
from generator.model import entities as m
from generator.model.media import MediaFile, MediaItem
from generator.model.media_addresses import Thumbnail, published_path, thumbnails
from generator.pages.markdown_text import safe_href


def media_block(plan: m.Plan, post: m.Post, root: str, width: int, t: Translator) -> str:
    """The post's media, each shown `width` pixels wide at most; "" without any."""
    if not post.media:
        return ""
    items = "".join(media_item(plan, item, root, width, t) for item in post.media)
    return f'<div class="ps-media" data-search-exclude>{items}</div>'


def media_item(plan: m.Plan, item: MediaItem, root: str, width: int, t: Translator) -> str:
    if item.is_url:
        return _external(item, t)
    media = plan.media_file(item.file)
    if media is None:
        return (
            f'<span class="ps-media__missing">{escape(t("media_missing", file=item.file))}</span>'
        )
    if item.kind == "video" or not thumbnails(media):
        return _file_badge(item, media, root, t)
    image = image_tag(media, item.alt, root, width)
    href = escape(root + published_path(media))
    missing_alt = (
        ""
        if item.alt.strip()
        else f'<span class="ps-media__no-alt">{escape(t("media_no_alt"))}</span>'
    )
    return f'<a class="ps-media__item" href="{href}">{image}</a>{missing_alt}'


def image_tag(media: MediaFile, alt: str, root: str, width: int) -> str:
    """The thumbnail closest to `width` (never below), with the larger one for
    screens of twice the density when there is one."""
    sizes = sorted(thumbnails(media), key=lambda size: size.width)
    shown = next((size for size in sizes if size.width >= width), sizes[-1])
    larger = [size for size in sizes if size.width > shown.width]
    srcset = ""
    if larger:
        srcset = f' srcset="{_src(shown, root)} 1x, {_src(larger[0], root)} 2x"'
    return (
        f'<img src="{_src(shown, root)}"{srcset} alt="{escape(alt.strip())}" '
        f'width="{shown.width}" height="{shown.height}" loading="lazy">'
    )


def _src(size: Thumbnail, root: str) -> str:
    return str(escape(root + size.path))


def _file_badge(item: MediaItem, media: MediaFile, root: str, t: Translator) -> str:
    """A video (or an image no thumbnail is made of): a link to the file, its
    length when it is known."""
    label = t("media_video") if item.kind == "video" else t("media_image")
    if media.duration_seconds:
        minutes, seconds = divmod(round(media.duration_seconds), 60)
        label += f" · {minutes}:{seconds:02d}"
    href = escape(root + published_path(media))
    return (
        f'<a class="ps-media__badge ps-media__badge--{escape(item.kind)}" href="{href}">'
        f"{escape(label)}</a>"
    )


def _external(item: MediaItem, t: Translator) -> str:
    host = urlsplit(item.file).hostname or item.file
    label = t("media_external", host=host)
    return (
        f'<a class="ps-media__badge ps-media__badge--external" href="{safe_href(item.file)}" '
        f'rel="noopener noreferrer nofollow">{escape(label)}</a>'
    )
