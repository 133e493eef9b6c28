"""Reading a file plansite did not write: a regular file only, inside the folder
it belongs to when one is given, and never more than a size limit.

A plan repository takes pull requests from anyone and is built in CI, where
what lies around the checkout is worth stealing: the runner's home, /etc,
`.git/config` (which holds the token CI checked out with). A link committed
as `plan/goals/x.md` would have published one of those, or printed it in an
error message. So a file is read only when its real path (every link
followed) is inside its folder and outside hidden files and folders, and
that real path is then opened with O_NOFOLLOW, so that it cannot have
become a link since it was checked.

A FIFO, a socket or a device under a plan name must not hang the build or
be read from either: the file is opened without blocking (which is what
opening a FIFO would do) and the opened descriptor is checked with fstat,
so what is read is what was checked, with no window between the two.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# How large a plan file may be when site_config.yml's max_file_mb does not say.
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024


class Refused(Exception):
    """A file plansite will not read; says why (never what the file holds) and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message, hint)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


def real_folder(path: Path) -> Path:
    """The folder's real path (every link followed): the boundary of what is under it."""
    return Path(os.path.realpath(path))


def real_path_within(path: Path, folder: Path) -> Path:
    """`path` with every link followed, when it leads inside `folder` (a real path) to
    something that exists and is not hidden; Refused otherwise.

    Hidden files and folders are left out because plansite never reads one
    as part of a plan, and `.git` is one of them.
    """
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(folder):
        raise Refused(
            f"this link leads outside {_shown(folder)}",
            f"plansite reads only what is inside {_shown(folder)}; "
            "put the file itself there instead of a link",
        )
    if _hidden(real.relative_to(folder)):
        raise Refused(
            "this link leads to a hidden file or folder",
            "plansite reads nothing hidden (.git holds the credentials of a checkout); "
            "put the file itself here instead of a link",
        )
    try:
        os.stat(real)
    except OSError:
        raise Refused(
            "this link leads nowhere (its target does not exist)",
            "fix the link or remove it",
        ) from None
    return real


def read_file(path: Path, max_bytes: int, within: Path | None = None) -> bytes:
    """The bytes of the regular file at `path` (inside the real folder `within`, if
    given), at most `max_bytes` of them; Refused otherwise."""
    target = path if within is None else real_path_within(path, within)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    if within is not None:
        flags |= os.O_NOFOLLOW  # the real path was checked: a link there now is a swap
    try:
        descriptor = os.open(target, flags)
    except OSError as exc:
        raise _unopened(path, exc) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(
                f"this is {_kind(info.st_mode)}, not a regular file",
                "a plan holds only regular files; remove it or replace it by a file",
            )
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        raw = _read_at_most(descriptor, max_bytes + 1)  # a file that grew still stops
    finally:
        os.close(descriptor)
    if len(raw) > max_bytes:
        raise _too_large(len(raw), max_bytes)
    return raw


def _read_at_most(descriptor: int, size: int) -> bytes:
    pieces = []
    while size > 0:
        piece = os.read(descriptor, min(size, 1024 * 1024))
        if not piece:
            break
        pieces.append(piece)
        size -= len(piece)
    return b"".join(pieces)


def _unopened(path: Path, exc: OSError) -> Refused:
    if exc.errno == errno.ENXIO:  # what opening a socket gives
        return Refused(
            "this is a socket, not a regular file",
            "a plan holds only regular files; remove it",
        )
    if exc.errno == errno.ELOOP:
        return Refused(
            "this became a link while it was being read",
            "build again once nothing changes the plan folder",
        )
    if exc.errno == errno.ENOENT:
        return Refused("file not found", "check the path")
    return Refused(f"file cannot be read ({exc.strerror})", "check its permissions")


def _too_large(size: int, max_bytes: int) -> Refused:
    return Refused(
        f"file is too large ({size} bytes, the limit is {max_bytes})",
        "split it into several files",
    )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "a special file"


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _shown(folder: Path) -> str:
    """The folder as the person running plansite knows it (relative to here when below it)."""
    here = Path(os.path.realpath(Path.cwd()))
    if folder.is_relative_to(here) and folder != here:
        return f"{folder.relative_to(here)}/"
    return "the current folder" if folder == here else f"{folder}/"
