"""Small media files the tests make themselves: images drawn with Pillow, and
MP4 files written box by box (nothing is downloaded)."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image

from generator.check import Inputs, check_plan
from generator.diagnostics import Diagnostic, PlanError


def image(width: int, height: int, kind: str = "PNG") -> bytes:
    """A flat-coloured picture of that size, saved as `kind` (PNG, JPEG, GIF, WEBP)."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, kind)
    return out.getvalue()


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


IDENTITY = (0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)
QUARTER_TURN = (0, 0x00010000, 0, -0x00010000, 0, 0, 0, 0, 0x40000000)


def mp4(
    seconds: float,
    width: int = 1080,
    height: int = 1920,
    *,
    timescale: int = 1000,
    brand: bytes = b"isom",
    matrix: tuple[int, ...] = IDENTITY,
    mdat: bytes = b"\x00" * 64,
    free: int = 0,
) -> bytes:
    """An MP4 with a movie header (`mvhd`, the length) and one video track (`tkhd`,
    the picture size): what a real file has, without any frame."""
    ftyp = box(b"ftyp", brand + struct.pack(">I", 0) + brand)
    mvhd = box(
        b"mvhd",
        struct.pack(">B3xIIII", 0, 0, 0, timescale, round(seconds * timescale)) + b"\x00" * 80,
    )
    tkhd = box(
        b"tkhd",
        struct.pack(">B3xIIIIIQhhhh", 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
        + struct.pack(">9i", *matrix)
        + struct.pack(">II", width << 16, height << 16),
    )
    padding = box(b"free", b"\x00" * free) if free else b""  # boxes a reader skips
    moov = box(b"moov", mvhd + box(b"trak", tkhd) + padding)
    return ftyp + moov + box(b"mdat", mdat)


def diagnostics(root: Path) -> list[Diagnostic]:
    """Every problem and finding of checking the plan under `root`."""
    try:
        checked = check_plan(Inputs(root / "plan", root / "site_config.yml"))
    except PlanError as error:
        return error.report.diagnostics
    return checked.report.diagnostics


def as_text(data: bytes) -> str:
    """Media bytes that a text-only plan fixture can write unchanged (ASCII only,
    and nothing that dedenting would touch)."""
    assert max(data) < 0x80 and b"\n" not in data, "not writable as text"
    return data.decode("ascii")


def gif(width: int, height: int, padding: int = 0) -> bytes:
    """A GIF of that size whose one pixel is drawn (no colour table: every byte is
    ASCII, so that text fixtures can hold it), then `padding` bytes after its end."""
    screen = b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0)
    frame = b"," + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return screen + frame + b";" + b"x" * padding
