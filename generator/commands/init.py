"""`plansite init`: a new plan repository that builds at once and passes its checks.

The starter files live in `generator/starter/` as plain files, so what a new
team receives can be read and edited without reading Python.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from generator.load.validation import write_schemas

# Where each starter file goes; dotfiles are stored without their dot so that
# packaging tools do not leave them out.
RENAMED = {"gitignore": ".gitignore", "github": ".github", "vscode": ".vscode"}
SCHEMAS_FOLDER = "schemas"  # where the starter's YAML files and .vscode point editors


class TargetExists(Exception):
    """Refusing to overwrite a file a team may already have written."""


def starter_files() -> dict[str, bytes]:
    """Relative path in the new repository to content, in a stable order."""
    found: dict[str, bytes] = {}

    def walk(entry: Traversable, prefix: str) -> None:
        for child in sorted(entry.iterdir(), key=lambda c: c.name):
            name = RENAMED.get(child.name, child.name) if not prefix else child.name
            if child.is_dir():
                walk(child, f"{prefix}{name}/")
            elif not child.name.startswith((".", "__")):
                found[f"{prefix}{name}"] = child.read_bytes()

    walk(resources.files("generator.commands") / "starter", "")
    return found


def init_repository(target: Path) -> list[Path]:
    """Write the starter plan into `target`; refuse when any of its files exists."""
    files = starter_files()
    clashes = [target / name for name in [*files, SCHEMAS_FOLDER] if (target / name).exists()]
    if clashes:
        shown = ", ".join(str(p) for p in clashes[:3])
        raise TargetExists(f"{shown} already exist{'s' if len(clashes) == 1 else ''}")
    written = []
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written + write_schemas(target / SCHEMAS_FOLDER)
