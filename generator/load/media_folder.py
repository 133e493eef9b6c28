"""Reads the plan's media/ folder: what each image or video is, read once per file
whatever posts use it, and never decoded here (Pillow reads the header only)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from generator.load.confined_files import Refused, read_file
from generator.model.media import MediaFile

MEDIA_FOLDER = "media"
VIDEO_FORMATS = {".mp4": "MP4", ".mov": "MOV", ".webm": "WEBM", ".m4v": "MP4"}


def read_media_folder(
    folder: Path, plan_root: Path, within: Path, max_bytes: int
) -> list[MediaFile]:
    """Every file under `folder`, as the plan names it (relative to `plan_root`),
    in name order."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        try:
            data = read_file(path, max_bytes, within)
        except Refused:
            continue
        media = _media_file(path.relative_to(plan_root).as_posix(), path, data)
        if media is not None:
            found.append(media)
    return found


def _media_file(name: str, path: Path, data: bytes) -> MediaFile | None:
    digest = hashlib.sha256(data).hexdigest()
    video = VIDEO_FORMATS.get(path.suffix.lower())
    if video:
        return MediaFile(name, digest, len(data), video)
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
            return MediaFile(name, digest, len(data), image.format or "", *image.size, None, frames)
    except (UnidentifiedImageError, OSError):
        return None
