"""The docs name what exists: every test docs/security.md names, every module and
name the architecture page and the README's layout table point a reader to."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import REPO

# `test_x.py::test_name` (or `stage/test_x.py::...`), or `::test_name` for the
# file named last before it.
_REFERENCE = re.compile(r"`((?:[a-z]+/)?test_[a-z_]+\.py)?::(test_[a-z0-9_]+)`")


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_every_test_the_security_page_names_exists() -> None:
    text = (REPO / "docs" / "security.md").read_text("utf-8")
    named: list[tuple[str, str]] = []
    current = ""
    for match in _REFERENCE.finditer(text):
        current = match.group(1) or current
        assert current, f"{match.group(0)} names no file before it"
        named.append((current, match.group(2)))
    assert len(named) > 50  # the page lists the protections test by test
    missing = [
        f"{file}::{name}" for file, name in named if name not in functions_in(REPO / "tests" / file)
    ]
    assert not missing


PACKAGE = REPO / "generator"
COMMANDS = {"init", "new", "diff", "export", "serve", "check", "build", "schema"}
# `stage/module`, `module.Name`, `stage/module.Name.method`: code a page points to.
_CODE = re.compile(r"`((?:[a-z_]+/)?[a-z_]+)((?:\.[A-Za-z_]+)*)`")


def module_named(name: str) -> Path | None:
    """The module `name` (`module` or `stage/module`) of the package, if there is one."""
    found = [p for p in PACKAGE.rglob(f"{name.rsplit('/', 1)[-1]}.py") if "theme" not in p.parts]
    if "/" in name:
        found = [p for p in found if p.parent.name == name.split("/")[0]]
    return found[0] if len(found) == 1 else None


def names_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
    } | {
        t.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    }


def test_every_module_and_name_the_architecture_page_gives_exists() -> None:
    """A dotted name whose first part is one of our modules must name what that
    module defines; `stage/module` must be a module of that stage."""
    text = (REPO / "docs" / "architecture.md").read_text("utf-8")
    checked = 0
    for module, dotted in _CODE.findall(text):
        path = module_named(module)
        stage = module.split("/")[0] if "/" in module else ""
        if stage and (PACKAGE / stage).is_dir() and not (PACKAGE / module).is_dir():
            assert path is not None, module
        if path is None or dotted in {".yml", ".md", ".json", ".py", ".ics"}:
            continue
        for name in dotted.strip(".").split(".")[: 2 if dotted else 0]:
            assert name in names_in(path), f"{module}{dotted}"
        checked += 1
    assert checked >= 20  # the page points to the code all along


def test_every_module_the_readme_layout_table_names_exists() -> None:
    """Each name a stage's row gives is one of its modules or folders, or a function
    or class one of them defines."""
    readme = (REPO / "README.md").read_text("utf-8")
    rows = re.findall(r"^\| `generator/([a-z]+)/` \|(.*)\|$", readme, re.M)
    assert len(rows) >= 7
    for stage, described in rows:
        defined = set().union(*(names_in(p) for p in (PACKAGE / stage).glob("*.py")))
        for name in re.findall(r"`([a-z_]+)`", described):
            given = (PACKAGE / stage / f"{name}.py").exists() or (PACKAGE / stage / name).is_dir()
            assert given or name in defined or name in COMMANDS, (stage, name)
