"""Step 5: the images and videos of each post, readable, described for screen
readers, and fit for every network the post goes to (model/network_media_rules.py).

Every finding sits at the post's media entry (file:line:col), with a hint that
says what would fit. A URL is judged only on its alt text: it is never fetched,
so its size and shape are unknown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.checks.registry import CheckContext, Finding, found, rule
from generator.diagnostics import Location, Severity
from generator.model.entities import Post
from generator.model.media import MEDIA_FOLDER, MediaFile, MediaItem
from generator.model.network_media_rules import NetworkMediaRules, media_rules_of


@dataclass(frozen=True)
class _Entry:
    """A post's media entry and what reading its file found (None for a URL or a
    file that is not there)."""

    post: Post
    item: MediaItem
    file: MediaFile | None

    @property
    def usable(self) -> MediaFile | None:
        return self.file if self.file is not None and self.file.problem is None else None


def _entries(ctx: CheckContext) -> Iterator[_Entry]:
    for post in ctx.plan.posts:
        for item in post.media:
            file = None if item.is_url else ctx.plan.media_file(item.file)
            yield _Entry(post, item, file)


@rule("PS520", 5, Severity.ERROR, "a media file that cannot be read")
def unreadable(ctx: CheckContext) -> Iterator[Finding]:
    """At the file, and at every post entry that shows it."""
    root = ctx.plan.source.path.parent
    for media in ctx.plan.media_files:
        if media.problem is not None:
            values = dict(media.problem.values)
            # Line 1: a media file has no lines, but every finding points at one.
            where = Location(root / media.path, 1, 1)
            yield found(where, media.problem.key, file=media.path, **values)
    for entry in _entries(ctx):
        if entry.file is not None and entry.file.problem is not None:
            yield found(entry.item.source, "PS520_used", post=entry.post.id, file=entry.item.file)


@rule("PS521", 5, Severity.ERROR, "a media file that is not in the plan's media/ folder")
def missing(ctx: CheckContext) -> Iterator[Finding]:
    known = [media.path for media in ctx.plan.media_files]
    for entry in _entries(ctx):
        if entry.item.is_url or entry.file is not None:
            continue
        written = entry.item.file
        parts = PurePosixPath(written.replace("\\", "/")).parts
        values = {"post": entry.post.id, "file": written}
        if len(parts) > 2 and parts[0] == "plan" and parts[1] == MEDIA_FOLDER:
            yield found(entry.item.source, "PS521_prefix", fix="/".join(parts[1:]), **values)
        elif not parts or parts[0] != MEDIA_FOLDER or ".." in parts or written.startswith("/"):
            name = PurePosixPath(written).name or "photo.jpg"
            yield found(entry.item.source, "PS521_outside", fix=f"{MEDIA_FOLDER}/{name}", **values)
        else:
            close = difflib.get_close_matches(written, sorted(known), n=1, cutoff=0.6)
            if close:
                yield found(entry.item.source, "PS521", close=close[0], **values)
            else:
                yield found(entry.item.source, "PS521_none", **values)


@rule("PS522", 5, Severity.WARNING, "an image without alt text")
def without_alt(ctx: CheckContext) -> Iterator[Finding]:
    """Empty, blank, or the file's own name: what a screen reader would say is no help."""
    for entry in _entries(ctx):
        if entry.item.kind != "image":
            continue
        alt = entry.item.alt.strip().casefold()
        name = PurePosixPath(entry.item.file).name.casefold()
        if not alt or alt in (name, Path(name).stem):
            yield found(entry.item.source, "PS522", post=entry.post.id, file=entry.item.file)


def _networks(ctx: CheckContext, post: Post) -> Iterator[NetworkMediaRules]:
    """The media rules of each network the post goes to, once a network."""
    seen: set[str] = set()
    for channel_id in post.channels:
        network = ctx.plan.channel(channel_id).network
        rules = media_rules_of(network)
        if rules is not None and network not in seen:
            seen.add(network)
            yield rules


def _kind_of(media: MediaFile) -> str:
    return "video" if media.is_video else "image"


@rule("PS523", 5, Severity.WARNING, "an image or video the network crops or refuses")
def wrong_shape(ctx: CheckContext) -> Iterator[Finding]:
    for entry in _entries(ctx):
        media = entry.usable
        if media is None or not media.width or not media.height:
            continue
        for rules in _networks(ctx, entry.post):
            kind = rules.of_kind(_kind_of(media))
            values = {"post": entry.post.id, "file": media.path, "network": rules.network}
            size = {"width": str(media.width), "height": str(media.height)}  # no digit grouping
            if kind.shapes is not None and not kind.shapes.fits(media.width, media.height):
                width, height, shape = kind.shapes.fitting_crop(media.width, media.height)
                yield found(
                    entry.item.source,
                    "PS523",
                    crop_width=str(width),
                    crop_height=str(height),
                    shape=shape.name,
                    **size,
                    **values,
                )
            elif kind.min_width is not None and media.width < kind.min_width:
                best = kind.shapes.best if kind.shapes is not None else None
                yield found(
                    entry.item.source,
                    "PS523_small",
                    least=str(kind.min_width),
                    best=f"{best.width} x {best.height} ({best.name})" if best else "",
                    **size,
                    **values,
                )


@rule("PS524", 5, Severity.ERROR, "more images or videos than the network takes in a post")
def too_many(ctx: CheckContext) -> Iterator[Finding]:
    for post in ctx.plan.posts:
        for rules in _networks(ctx, post):
            for kind in ("image", "video"):
                items = [item for item in post.media if item.kind == kind]
                most = rules.of_kind(kind).most
                if most is not None and len(items) > most:
                    key = "PS524" if kind == "image" else "PS524_video"
                    yield found(
                        items[most].source,
                        key,
                        post=post.id,
                        network=rules.network,
                        count=len(items),
                        most=most,
                    )


@rule("PS525", 5, Severity.ERROR, "a video longer or shorter than the network takes")
def wrong_length(ctx: CheckContext) -> Iterator[Finding]:
    for entry in _entries(ctx):
        media = entry.usable
        if media is None or media.duration_seconds is None:
            continue
        for rules in _networks(ctx, entry.post):
            video = rules.video
            values = {"post": entry.post.id, "file": media.path, "network": rules.network}
            length = _clock(media.duration_seconds)
            if video.max_seconds is not None and media.duration_seconds > video.max_seconds:
                yield found(
                    entry.item.source,
                    "PS525",
                    length=length,
                    limit=_clock(video.max_seconds),
                    **values,
                )
            elif video.min_seconds is not None and media.duration_seconds < video.min_seconds:
                yield found(
                    entry.item.source,
                    "PS525_short",
                    length=length,
                    limit=_clock(video.min_seconds),
                    **values,
                )


def _clock(seconds: float) -> str:
    """1:05 for 65 seconds, 0:02.5 for two and a half: how players show a length."""
    whole, tenth = divmod(round(seconds * 10), 10)
    shown = f"{whole // 60}:{whole % 60:02d}"
    return f"{shown}.{tenth}" if tenth else shown


@rule("PS526", 5, Severity.ERROR, "a media entry whose kind contradicts its file")
def wrong_kind(ctx: CheckContext) -> Iterator[Finding]:
    for entry in _entries(ctx):
        media = entry.usable
        if media is not None and entry.item.kind != _kind_of(media):
            yield found(
                entry.item.source,
                "PS526",
                post=entry.post.id,
                file=media.path,
                kind=entry.item.kind,
                actual=_kind_of(media),
                format=media.format,
            )


@rule("PS527", 5, Severity.ERROR, "a media file larger than the network takes")
def too_large(ctx: CheckContext) -> Iterator[Finding]:
    for entry in _entries(ctx):
        media = entry.usable
        if media is None:
            continue
        for rules in _networks(ctx, entry.post):
            limit = rules.of_kind(_kind_of(media)).max_bytes
            if limit is not None and media.size_bytes > limit:
                yield found(
                    entry.item.source,
                    "PS527",
                    post=entry.post.id,
                    file=media.path,
                    network=rules.network,
                    size=_megabytes(media.size_bytes),
                    limit=_megabytes(limit),
                )


def _megabytes(size: int) -> float:
    return round(size / (1024 * 1024), 1)


RULES = (
    unreadable,
    missing,
    without_alt,
    wrong_shape,
    too_many,
    wrong_length,
    wrong_kind,
    too_large,
)
