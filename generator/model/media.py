"""A post's media: the images and videos the audience sees, as the plan names them
and as their files turned out to be.

`MediaItem` is what a post's `media:` list says. `MediaFile` is what reading
the file found (load/ reads each file once, keyed by its content, however
many posts use it); the checks judge it against the post's networks and the
site shows it. A URL is named, shown, never fetched: it has no MediaFile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.diagnostics import Location

MEDIA_KINDS = ("image", "video")
# The plan's folder of media files; a post names a file relative to the plan folder.
MEDIA_FOLDER = "media"


@dataclass(frozen=True)
class MediaItem:
    """One entry of a post's `media`: a file of the plan repository (as written,
    relative to the repository) or an http(s) URL, with what a screen reader says."""

    file: str
    # Where the entry is written, for findings; not what it is: `plansite diff`
    # compares entries, and moving a post's lines changes no media.
    source: Location = field(compare=False)
    alt: str = ""
    kind: str = "image"
    cover: bool = False  # the video's cover image, or the post's first picture

    @property
    def is_url(self) -> bool:
        return self.file.startswith(("http://", "https://"))


@dataclass(frozen=True)
class MediaFile:
    """What reading a media file found. `digest` (sha256 of the bytes) names the
    file in the site, so that a rebuild copies nothing that did not change."""

    path: str  # as the plan writes it
    digest: str
    size_bytes: int
    format: str  # "PNG", "JPEG", "GIF", "WEBP", "MP4"...
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None  # a video's length, when it could be read
    frames: int = 1  # an animated image's frames
    # Why the file cannot be used (load/media_folder.py): the checks report it
    # (PS520) and nothing shows or copies it.
    problem: MediaProblem | None = None

    @property
    def is_video(self) -> bool:
        return self.format in VIDEO_FORMATS


# The containers load/video_headers.py recognises.
VIDEO_FORMATS = ("MP4", "MOV", "WEBM")


@dataclass(frozen=True)
class MediaProblem:
    """Why a media file cannot be used: a checks-catalogue key (`PS520_*`) and
    the values its words take, as (name, value) pairs."""

    key: str
    values: tuple[tuple[str, str], ...] = ()
