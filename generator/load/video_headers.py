"""What a video file is, read from its bytes without a video library: the container
(MP4, MOV, WebM) and, for MP4 and MOV, the picture size and the length.

MP4 and MOV are ISO base media files: a list of boxes (size, four-letter
type, body). The length is in the `mvhd` box of `moov` (a duration counted in
the file's own time scale), the picture size at the end of each track's
`tkhd` box, turned a quarter when the track's matrix says the phone was held
upright. That is about all a plan check needs, and it reads no frame, so a
hostile file costs no more than walking its boxes. WebM (Matroska) is
recognised by its EBML header; its length is not read (docs/media.md).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

EBML_MAGIC = b"\x1a\x45\xdf\xa3"
# Boxes a QuickTime file may start with when it has no `ftyp` (older MOV files).
QUICKTIME_FIRST_BOXES = (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")
# A real file has a handful of boxes at each level; a file of millions of empty
# boxes is built to make the walk slow.
MAX_BOXES = 10_000


class NotAVideo(Exception):
    """The bytes are not a video container plansite recognises."""


class BrokenVideo(Exception):
    """The bytes start as a video container but its boxes do not hold together
    (a truncated file, or one whose `moov` box is missing)."""


@dataclass(frozen=True)
class VideoHeader:
    format: str  # "MP4", "MOV" or "WEBM"
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None


def video_header(data: bytes) -> VideoHeader:
    """The container, size and length of a video file's bytes; NotAVideo or
    BrokenVideo when they cannot be read as one."""
    if data.startswith(EBML_MAGIC):
        if b"webm" not in data[:64]:
            raise NotAVideo("a Matroska file that is not WebM")
        return VideoHeader("WEBM")
    if len(data) < 8 or data[4:8] not in (b"ftyp", *QUICKTIME_FIRST_BOXES):
        raise NotAVideo("no MP4, MOV or WebM header")
    container = "MOV" if data[4:8] != b"ftyp" or data[8:12] == b"qt  " else "MP4"
    boxes = dict(_boxes(data, 0, len(data)))
    if b"moov" not in boxes:
        raise BrokenVideo("no moov box")
    start, end = boxes[b"moov"]
    inside = list(_boxes(data, start, end))
    width, height = _picture_size(data, inside)
    return VideoHeader(container, width, height, _duration(data, inside))


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, tuple[int, int]]]:
    """(type, (body start, body end)) of each box between `start` and `end`."""
    position = start
    for _ in range(MAX_BOXES):
        if position + 8 > end:
            return
        size, kind = struct.unpack_from(">I4s", data, position)
        header = 8
        if size == 1:  # a 64-bit size follows the type
            if position + 16 > end:
                raise BrokenVideo("cut inside a box header")
            (size,) = struct.unpack_from(">Q", data, position + 8)
            header = 16
        elif size == 0:  # the box runs to the end
            size = end - position
        if size < header or position + size > end:
            raise BrokenVideo(f"box {kind!r} runs past the end of the file")
        yield kind, (position + header, position + size)
        position += size
    raise BrokenVideo(f"more than {MAX_BOXES} boxes")


def _duration(data: bytes, moov: list[tuple[bytes, tuple[int, int]]]) -> float | None:
    for kind, (start, end) in moov:
        if kind != b"mvhd" or end - start < 20:
            continue
        version = data[start]
        if version == 1 and end - start >= 32:
            scale, duration = struct.unpack_from(">IQ", data, start + 20)
        else:
            scale, duration = struct.unpack_from(">II", data, start + 12)
        return duration / scale if scale else None
    return None


def _picture_size(
    data: bytes, moov: list[tuple[bytes, tuple[int, int]]]
) -> tuple[int | None, int | None]:
    """The largest track picture (the video track; sound tracks have none)."""
    best: tuple[int, int] | None = None
    for kind, (start, end) in moov:
        if kind != b"trak":
            continue
        for inner, (body, body_end) in _boxes(data, start, end):
            if inner == b"tkhd" and body_end - body >= 84:
                size = _track_size(data, body, body_end)
                if best is None or size[0] * size[1] > best[0] * best[1]:
                    best = size
    return best if best is not None and best[0] * best[1] > 0 else (None, None)


def _track_size(data: bytes, body: int, body_end: int) -> tuple[int, int]:
    """Width and height (16.16 fixed point) at the end of `tkhd`, swapped when the
    display matrix turns the picture a quarter (a phone video shot upright)."""
    width, height = struct.unpack_from(">II", data, body_end - 8)
    matrix = body_end - 8 - 36
    a, b = struct.unpack_from(">ii", data, matrix)
    turned = a == 0 and b != 0
    width, height = width >> 16, height >> 16
    return (height, width) if turned else (width, height)
