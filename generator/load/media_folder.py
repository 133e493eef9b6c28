"""Reads the plan's media/ folder: what each image or video is, read once per file
whatever posts use it, and never decoded here (Pillow reads the header only).

A media file comes from anyone's pull request, like the YAML beside it
(docs/security.md), and is read as carefully: only a regular file inside the
plan (load/confined_files.py: no link out of the repository, no FIFO), at
most MAX_MEDIA_BYTES, an image of at most MAX_IMAGE_PIXELS, in the format its
name says. A file that fails any of these is kept with its `problem`, which
the checks report at the file and at every post that shows it (PS520); it is
never shown, copied or decoded later.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from generator.load import control_characters
from generator.load.confined_files import Refused, read_file
from generator.load.video_headers import BrokenVideo, NotAVideo, video_header
from generator.model.media import MEDIA_FOLDER, MediaFile, MediaProblem

__all__ = ["MAX_MEDIA_BYTES", "MEDIA_FOLDER", "read_media_folder"]

# GitHub refuses a file over 100 MiB, so a plan repository holds nothing larger;
# distinct from the YAML limit (max_file_mb, 10 MB by default), which a single
# video passes easily.
MAX_MEDIA_BYTES = 100 * 1024 * 1024

# An image's pixels, from its header, beyond which it is refused before anything
# decodes it: a small file that says it is 50,000 x 50,000 would take gigabytes
# to decode (a decompression bomb). Pillow's own default, set here on purpose so
# that the thumbnails, which do decode, keep it whatever Pillow's version.
MAX_IMAGE_PIXELS = 89_478_485
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

# What each name's suffix promises: the formats Pillow may find in the file.
IMAGE_FORMATS = {
    ".jpg": ("JPEG", "MPO"),  # MPO: a phone's JPEG with a second picture appended
    ".jpeg": ("JPEG", "MPO"),
    ".png": ("PNG",),
    ".gif": ("GIF",),
    ".webp": ("WEBP",),
}
VIDEO_FORMATS = {".mp4": ("MP4", "MOV"), ".m4v": ("MP4",), ".mov": ("MOV", "MP4")}
VIDEO_FORMATS[".webm"] = ("WEBM",)
# How each format's bytes start: a file that starts right and still cannot be
# opened was cut short or damaged, rather than something else under that name.
SIGNATURES = {"JPEG": b"\xff\xd8\xff", "PNG": b"\x89PNG\r\n\x1a\n", "GIF": b"GIF8", "WEBP": b"RIFF"}
SUFFIX_OF_FORMAT = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
SUFFIX_OF_FORMAT.update({"MP4": ".mp4", "MOV": ".mov", "WEBM": ".webm"})


def read_media_folder(folder: Path, plan_root: Path, within: Path) -> list[MediaFile]:
    """Every file under `folder`, named as the plan names it (relative to
    `plan_root`: media/lamp.jpg), in name order; unusable ones with their problem."""
    return [
        media_from_path(path, path.relative_to(plan_root).as_posix(), within)
        for path in _media_paths(folder)
    ]


def _media_paths(folder: Path) -> list[Path]:
    """Every entry that is not a folder (links, FIFOs and the like included: reading
    them says what they are), hidden ones and a README left out."""
    found = []
    for here, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        linked = [name for name in folders if os.path.islink(os.path.join(here, name))]
        for name in [*files, *linked]:
            if not name.startswith(".") and Path(name).stem.upper() != "README":
                found.append(Path(here) / name)
    return sorted(found)


def media_from_path(path: Path, name: str, within: Path) -> MediaFile:
    """What the file at `path` is, read once; its problem when it cannot be used."""
    if control_characters.first_in_file_name(path.name) is not None:
        return _unusable(name, "PS520_name")
    suffix = path.suffix.lower()
    known = suffix in IMAGE_FORMATS or suffix in VIDEO_FORMATS
    if not known and not os.path.isdir(path):  # a link to a folder: say where it leads
        return _unusable(name, "PS520_suffix")
    try:
        data = read_file(path, MAX_MEDIA_BYTES, within)
    except Refused as exc:
        return _unusable(name, "PS520_refused", why=exc.message)
    if not known:
        return _unusable(name, "PS520_suffix")
    digest = hashlib.sha256(data).hexdigest()
    if suffix in VIDEO_FORMATS:
        return _video_file(name, digest, data, VIDEO_FORMATS[suffix])
    return _image_file(name, digest, data, IMAGE_FORMATS[suffix])


def _image_file(name: str, digest: str, data: bytes, expected: tuple[str, ...]) -> MediaFile:
    try:
        with warnings.catch_warnings():
            # Pillow only warns between one and two times its limit: refuse there too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                found, (width, height) = image.format or "", image.size
                frames = getattr(image, "n_frames", 1)
                if found == "PNG":
                    image.verify()  # walks every chunk's checksum, decodes nothing
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _unusable(name, "PS520_bomb", megapixels=str(MAX_IMAGE_PIXELS // 1_000_000))
    except UnidentifiedImageError:
        if data.startswith(SIGNATURES[expected[0]]):
            return _unusable(name, "PS520_broken")
        return _unusable(name, "PS520_not_media", expected=expected[0])
    except Exception:  # a hostile file may break a parser in any way: unreadable, all the same
        return _unusable(name, "PS520_broken")
    if width * height > MAX_IMAGE_PIXELS:  # whatever Image.MAX_IMAGE_PIXELS became since
        return _unusable(name, "PS520_bomb", megapixels=str(MAX_IMAGE_PIXELS // 1_000_000))
    if found not in expected:
        return _format_mismatch(name, found, expected)
    if found in ("JPEG", "MPO") and _jpeg_cut_short(data):
        return _unusable(name, "PS520_broken")
    return MediaFile(name, digest, len(data), found, width, height, None, frames)


def _video_file(name: str, digest: str, data: bytes, expected: tuple[str, ...]) -> MediaFile:
    try:
        header = video_header(data)
    except NotAVideo:
        return _unusable(name, "PS520_not_media", expected=expected[0])
    except BrokenVideo:
        return _unusable(name, "PS520_broken")
    if header.format not in expected:
        return _format_mismatch(name, header.format, expected)
    return MediaFile(
        name,
        digest,
        len(data),
        header.format,
        header.width,
        header.height,
        header.duration_seconds,
    )


def _jpeg_cut_short(data: bytes) -> bool:
    """True when the JPEG's last scan never ends (no end-of-image marker after it).

    The scan data cannot hold the marker bytes (the format escapes them), so a
    file cut anywhere after its header lacks the marker after its last scan.
    """
    if data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return False  # the usual case, seen without walking the file
    last_scan = data.rfind(b"\xff\xda")
    return last_scan < 0 or data.find(b"\xff\xd9", last_scan) < 0


def _format_mismatch(name: str, found: str, expected: tuple[str, ...]) -> MediaFile:
    return _unusable(
        name,
        "PS520_format",
        expected=expected[0],
        found=found,
        suffix=SUFFIX_OF_FORMAT.get(found, ""),
    )


def _unusable(name: str, key: str, **values: str) -> MediaFile:
    problem = MediaProblem(key, tuple(values.items()))
    return MediaFile(name, "", 0, "", problem=problem)
