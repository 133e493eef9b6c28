"""Where the files that ship with plansite are, in a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # generator/


def theme_dir() -> Path:
    """The Material overrides folder.

    A wheel carries it inside the package (`generator/theme`); an editable
    install or a source checkout uses the repository's top-level `theme/`,
    which is where the wheel's copy comes from.
    """
    packaged = _PACKAGE / "theme"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "theme"
