"""The layout docs/architecture.md describes holds: stages as folders, each importing
only what it may, and no module, class or function grown past what a reader takes in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "generator"
STAGES = ("load", "model", "checks", "pages", "site", "feeds", "commands", "runtime")
# What may sit at the top of the package besides the stages.
TOP_LEVEL = {"__init__", "__main__", "cli", "check", "build", "diagnostics", "i18n"}
MAX_MODULE_LINES = 450
MAX_CLASS_LINES = 250
MAX_FUNCTION_LINES = 80

# The stages each stage may not import (docs/architecture.md).
FORBIDDEN = {
    "load": ("checks", "pages", "site", "feeds", "commands", "build"),
    "model": ("checks", "pages", "site", "feeds", "commands", "build", "check"),
    "checks": ("pages", "site", "feeds", "commands", "build"),
    "pages": ("checks", "site", "feeds", "commands", "build"),
    "feeds": ("checks", "pages", "site", "commands", "build"),
    "site": ("checks", "feeds", "commands", "build"),
    "runtime": (*STAGES[:-1], "build", "check", "cli"),
}
# Third-party libraries that only one stage may use.
ONLY_IN = {"mkdocs": "site", "material": "site", "icalendar": "feeds"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "theme" not in p.parts)


def stage_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else ""


def imported(path: Path) -> set[str]:
    """Every module `path` imports, as dotted names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_stays_small_enough_to_read(path: Path) -> None:
    text = path.read_text("utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno - node.lineno + 1 <= MAX_CLASS_LINES, node.name  # type: ignore[operator]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno - node.lineno + 1 <= MAX_FUNCTION_LINES, node.name  # type: ignore[operator]
        assert not isinstance(node, ast.Global), "module state is passed, not rebound"


def test_the_stages_are_folders_and_the_top_holds_only_the_pipeline() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top <= TOP_LEVEL
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert (docstring and "\n" not in docstring and "->" in docstring) or stage in (
            "commands",
            "runtime",
        ), stage


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_stage_imports_only_what_it_may(path: Path) -> None:
    stage = stage_of(path)
    names = imported(path)
    for other in FORBIDDEN.get(stage, ()):
        assert not any(
            n == f"generator.{other}" or n.startswith(f"generator.{other}.") for n in names
        ), other
    for library, owner in ONLY_IN.items():
        if stage != owner:
            assert not any(n == library or n.startswith(library + ".") for n in names), library


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_name_of_ours_is_imported_under_another(path: Path) -> None:
    """A renamed import hides a clash a reader then trips on: a module may be
    imported under a short name (`entities as m`), a function or class may not."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
            for alias in node.names:
                if alias.asname:
                    module = PACKAGE.parent / f"{node.module}.{alias.name}".replace(".", "/")
                    assert module.with_suffix(".py").exists() or module.is_dir(), alias.name
