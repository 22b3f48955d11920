"""The tests' own rules, kept by a test (issue 22): nothing is imported from a conftest (its
values live in tests/fixed.py, its helpers in tests/pilots.py), and the screen is read in one
place, the toolbox."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
MODULES = sorted(TESTS.rglob("*.py"))


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name}


def test_nothing_is_imported_from_a_conftest():
    offenders = [
        str(path.relative_to(TESTS))
        for path in MODULES
        if any(name.split(".")[-1] == "conftest" for name in imported(path))
    ]
    assert offenders == []


def test_the_screen_is_read_in_the_toolbox_only():
    readers = [
        str(path.relative_to(TESTS))
        for path in MODULES
        if path.name != Path(__file__).name and "_compositor" in path.read_text(encoding="utf-8")
    ]
    assert readers == ["pilots.py"]
