"""The docs promise what the tests hold: every test docs/security.md names exists."""

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
