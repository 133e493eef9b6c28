"""Which folder `plansite build` may replace: one it wrote itself, or an empty one.

A build swaps its new site in for the output folder whole, and the old one is
deleted. `--out plan`, `--out .` or `--out ~` once deleted the plan, the git
repository or a home folder. So a build refuses any output folder that is,
or holds, what a person keeps: the plan folder, the config file, the
repository they are in, the home folder or `/`; and it replaces a folder
that exists only when it is empty or carries the marker every build writes
(MARKER). Links and `..` in the path are resolved first: what is replaced
is the real folder, so that is the one checked.

A site built before the marker existed has none; it is refused with a hint
to delete it once. Nothing tells such a site from a folder that merely
looks like one, or from a site someone added their own files to, and a
build must never delete what it did not write.
"""

from __future__ import annotations

import os
from pathlib import Path

# Written into every site a build makes (hidden: it is not a page of the site);
# its presence is what allows the next build to replace the folder.
MARKER = ".plansite-site"
MARKER_TEXT = (
    b"plansite build wrote this folder and replaces it whole on the next build:\n"
    b"keep nothing else in it.\n"
)


class OutputRefused(Exception):
    """The output folder may not be replaced; the message says why, the hint what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message, hint)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


def check_output_folder(out: Path, plan_dir: Path, config_file: Path) -> Path:
    """The real path of `out` when a build may write it; OutputRefused otherwise."""
    real = Path(os.path.realpath(out))
    held = [
        (name, kept)
        for name, kept in _kept_places(plan_dir, config_file)
        if kept.is_relative_to(real)
    ]
    if held:
        exact = [(name, kept) for name, kept in held if kept == real]
        name, kept = (exact or held)[0]
        raise OutputRefused(
            f"the output folder {'is' if exact else 'holds'} {name} ({kept}); "
            "a build replaces it whole",
            "pick a folder of its own for the site, such as --out site",
        )
    plan = Path(os.path.realpath(plan_dir))
    if real.is_relative_to(plan):
        raise OutputRefused(
            f"the output folder is inside the plan folder ({plan})",
            "pick a folder outside the plan, such as --out site",
        )
    must_be_replaceable(real)
    return real


def must_be_replaceable(real: Path) -> None:
    """Refuse a folder holding anything when no build of plansite wrote it."""
    if not real.is_dir() or _marked(real) or not any(real.iterdir()):
        return
    raise OutputRefused(
        f"the output folder {real} holds files that plansite did not write "
        f"(it has no {MARKER} file); a build replaces it whole",
        "pick an empty or new folder; if it is a site an earlier plansite built, "
        f"delete it once (rm -r {real}) and build again",
    )


def mark(site: Path) -> None:
    """Sign a site that a build made, so that the next build may replace it."""
    (site / MARKER).write_bytes(MARKER_TEXT)


def _marked(folder: Path) -> bool:
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def _kept_places(plan_dir: Path, config_file: Path) -> list[tuple[str, Path]]:
    """What a person keeps, that no output folder may be or hold (real paths)."""
    here = Path(os.path.realpath(Path.cwd()))
    plan = Path(os.path.realpath(plan_dir))
    places = [
        ("the plan folder", plan),
        ("the config file", Path(os.path.realpath(config_file))),
        ("the current folder", here),
        ("the root folder", Path("/")),
    ]
    home = os.path.expanduser("~")
    if home != "~":  # no HOME and no user entry: there is none to keep
        places.append(("the home folder", Path(os.path.realpath(home))))
    for start in (plan, here):
        top = _repository_root(start)
        if top is not None:
            places.append(("a git repository", top))
    return places


def _repository_root(start: Path) -> Path | None:
    """The nearest folder from `start` up that holds `.git` (a folder, or a file in
    a worktree): what `git rev-parse --show-toplevel` gives, without git."""
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None
