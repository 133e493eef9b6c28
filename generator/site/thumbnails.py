"""The thumbnails of an image, every size from one decode.

Decoding is most of a thumbnail's cost, so an image is opened and decoded
once per build whatever sizes the pages need: JPEG's draft mode decodes it
straight at the smallest scale that still covers the largest size, and
each size is resized from that. Only the first frame of an animation is
used (a thumbnail does not move).

The bytes are the same for the same image on every build: no metadata is
written (no EXIF, no ICC profile, no timestamp), one encoder setting, and
a transparent image is laid on white before it becomes a JPEG.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image

from generator.model.media_addresses import Thumbnail

JPEG_QUALITY = 80
_BACKGROUND = (255, 255, 255)


class ThumbnailFailed(Exception):
    """The image could not be decoded after all (the checks report why)."""


def thumbnail_bytes(original: bytes, sizes: Sequence[Thumbnail]) -> dict[str, bytes]:
    """Each of `sizes` as JPEG bytes, by its path, from one decode of `original`."""
    if not sizes:
        return {}
    widest = max(sizes, key=lambda size: size.width)
    try:
        with Image.open(io.BytesIO(original)) as image:
            image.seek(0)
            if image.format == "JPEG":
                image.draft("RGB", (widest.width, widest.height))
            image.load()
            flat = _on_white(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ThumbnailFailed(str(exc)) from None
    return {size.path: _encoded(flat, size) for size in sizes}


def _on_white(image: Image.Image) -> Image.Image:
    """The image as RGB, what was transparent now white (JPEG has no transparency)."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, _BACKGROUND)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _encoded(image: Image.Image, size: Thumbnail) -> bytes:
    resized = image.resize((size.width, size.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    resized.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False)
    return out.getvalue()
