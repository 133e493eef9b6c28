"""The posts' media in the site: each original once, named by its content, and its
thumbnails.

A build writes a new site in a scratch folder and swaps it in whole
(scratch_build.py), so nothing of the site it replaces survives by itself.
The published site is the cache: a file whose name (its content's digest,
model/media_addresses.py) is already in the output folder is hard-linked
into the new site (no byte copied, no image decoded), and the old folder
is deleted after the swap as before. Only new or changed media are read
from the plan, and a new image is decoded once for all its thumbnails.
Nothing is kept outside the site: a build into a new folder makes
everything again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.load.confined_files import Refused, read_file
from generator.model.entities import Plan
from generator.model.media import MediaFile
from generator.model.media_addresses import published_path, thumbnails
from generator.site.thumbnails import ThumbnailFailed, thumbnail_bytes


@dataclass(frozen=True)
class SiteMedia:
    """The media files a site publishes, and the plan folder their paths start from."""

    files: tuple[MediaFile, ...]
    plan_root: Path


@dataclass
class MediaCounts:
    """What a build did with the media: how many files it kept from the site it
    replaces, wrote anew (originals and thumbnails), and images it decoded."""

    kept: int = 0
    written: int = 0
    decoded: int = 0
    failed: list[str] = field(default_factory=list)


def media_of_plan(plan: Plan, plan_root: Path) -> SiteMedia:
    """The files the posts show, each once, in the order of their paths."""
    used = {item.file for post in plan.posts for item in post.media if not item.is_url}
    files = (plan.media_file(path) for path in sorted(used))
    return SiteMedia(tuple(media for media in files if media is not None), plan_root)


def publish_media(media: SiteMedia, site: Path, previous: Path) -> MediaCounts:
    """Put every original and thumbnail into `site`, taking what `previous` (the
    output folder the new site replaces) already holds."""
    counts = MediaCounts()
    root = Path(os.path.realpath(media.plan_root))
    for file in media.files:
        wanted = [published_path(file), *(size.path for size in thumbnails(file))]
        missing = [path for path in wanted if not _kept(path, site, previous)]
        counts.kept += len(wanted) - len(missing)
        if missing:
            _write_missing(file, missing, root, site, counts)
    return counts


def _kept(path: str, site: Path, previous: Path) -> bool:
    """Link the previous site's file into the new one, if it has it."""
    old, new = previous / path, site / path
    if new.is_file() and not new.is_symlink():  # the preview's dirty build copied it
        return True
    if old.is_symlink() or not old.is_file():
        return False
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old, new)
    except OSError:  # a file system without hard links: copy it
        shutil.copyfile(old, new)
    return True


def _write_missing(
    file: MediaFile, missing: Iterable[str], root: Path, site: Path, counts: MediaCounts
) -> None:
    try:
        original = read_file(root / file.path, file.size_bytes, root)
    except Refused:
        counts.failed.append(file.path)
        return
    if hashlib.sha256(original).hexdigest() != file.digest:
        counts.failed.append(file.path)  # changed since it was read: the next build has it
        return
    missing = set(missing)
    made: dict[str, bytes] = {}
    sizes = [size for size in thumbnails(file) if size.path in missing]
    if sizes:
        counts.decoded += 1
        try:
            made = thumbnail_bytes(original, sizes)
        except ThumbnailFailed:
            counts.failed.append(file.path)
    if published_path(file) in missing:
        made[published_path(file)] = original
    for path, body in sorted(made.items()):
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        counts.written += 1
