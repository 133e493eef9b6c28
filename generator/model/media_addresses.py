"""Where the site publishes a post's media, and at what sizes: one rule that the
pages, the feeds, the exports and the site's build all follow.

An original is published under a name made of its content's digest
(`media/<16 hex digits>.<ext>`), so a file renamed in the plan keeps its
address and a rebuild finds what an earlier build already copied. A
thumbnail's name adds its width and the version of the recipe that made it
(THUMBNAIL_RECIPE): a new recipe makes new names rather than reusing old bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.media import MediaFile, MediaItem

MEDIA_SITE_FOLDER = "media"
THUMBNAIL_FOLDER = "media/thumbs"
THUMBNAIL_RECIPE = 1  # bump when thumbnails are made differently
CARD_WIDTH = 480  # a post card's column
DETAILS_WIDTH = 800  # a post's details on the calendar, and the card's 2x
THUMBNAIL_WIDTHS = (CARD_WIDTH, DETAILS_WIDTH)
# The formats Pillow decodes for a thumbnail; a video gets none (nothing decodes it).
THUMBNAIL_SOURCES = frozenset({"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF"})
_EXTENSIONS = {
    "JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "BMP": "bmp", "TIFF": "tif",
    "MP4": "mp4", "MOV": "mov", "WEBM": "webm",
}  # fmt: skip
_DIGEST_LENGTH = 16
# Past this many pixels an image is not decoded for a thumbnail (the checks say
# what is wrong with it); the page links to the original instead.
MAX_THUMBNAIL_PIXELS = 40_000_000


@dataclass(frozen=True)
class Thumbnail:
    """One size of an image as the site publishes it."""

    path: str  # relative to the site's root
    width: int
    height: int


def published_path(media: MediaFile) -> str:
    """The original's path in the site, named by its content."""
    extension = _EXTENSIONS.get(media.format, "bin")
    return f"{MEDIA_SITE_FOLDER}/{media.digest[:_DIGEST_LENGTH]}.{extension}"


def has_thumbnails(media: MediaFile) -> bool:
    if media.format not in THUMBNAIL_SOURCES or not media.width or not media.height:
        return False
    return media.width * media.height <= MAX_THUMBNAIL_PIXELS


def thumbnail(media: MediaFile, width: int) -> Thumbnail:
    """The thumbnail `width` wide at most (an image is never enlarged), height kept
    in proportion; JPEG whatever the original, first frame of an animation."""
    source_width, source_height = media.width or width, media.height or width
    shown = min(width, source_width)
    height = max(1, round(source_height * shown / source_width))
    name = f"{media.digest[:_DIGEST_LENGTH]}-{shown}w-r{THUMBNAIL_RECIPE}.jpg"
    return Thumbnail(f"{THUMBNAIL_FOLDER}/{name}", shown, height)


def thumbnails(media: MediaFile) -> tuple[Thumbnail, ...]:
    """Every size the site shows of an image, each once (a small image has one)."""
    if not has_thumbnails(media):
        return ()
    made = {thumbnail(media, width).path: thumbnail(media, width) for width in THUMBNAIL_WIDTHS}
    return tuple(made.values())


def public_url(site_url: str, item: MediaItem, media: MediaFile | None) -> str:
    """Where anyone can fetch the media: a URL as the plan gives it, a file where the
    site publishes it; "" for a file when the site has no address (or was not read)."""
    if item.is_url:
        return item.file
    if media is None or not site_url:
        return ""
    return f"{site_url.rstrip('/')}/{published_path(media)}"


def media_type(media: MediaFile | None) -> str:
    """The media's MIME type, from what reading it found; "" when unknown (a URL)."""
    if media is None:
        return ""
    return _MIME_TYPES.get(media.format, "")


_MIME_TYPES = {
    "JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp",
    "BMP": "image/bmp", "TIFF": "image/tiff", "MP4": "video/mp4", "MOV": "video/quicktime",
    "WEBM": "video/webm",
}  # fmt: skip
