"""Imports run one way: the model imports none of the course tooling, and the grading helpers import
neither the variants nor the grader, in their code or in a program they hold in a string."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "antiplan"
MODEL = ["rules", "engine", "parameters", "scenarios", "metrics", "simulate", "economy", "settings", "data"]
TOOLING = {"widgets", "figures", "grading", "autograde", "variants", "build", "course", "cli"}


def _files(room: str) -> list[Path]:
    folder = PACKAGE / room
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{room}.py"]


def _imported_rooms(path: Path) -> set[str]:
    """The rooms of ``antiplan`` that ``path`` imports, in its code or in the programs in its strings."""
    tree = ast.parse(path.read_text())
    rooms = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names = [node.module or ""]
            else:
                here = list(path.relative_to(PACKAGE).parts[:-1])
                base = here[: len(here) - (node.level - 1)] if node.level - 1 <= len(here) else []
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = ["antiplan." + ".".join(target)] if target else [f"antiplan.{a.name}" for a in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "import antiplan." in node.value:
            names = [w for w in node.value.replace(";", " ").split() if w.startswith("antiplan.")]
        for name in names:
            parts = name.split(".")
            if parts[0] == "antiplan" and len(parts) > 1:
                rooms.add(parts[1])
    return rooms


@pytest.mark.parametrize("room", MODEL)
def test_the_model_imports_no_course_tooling(room):
    for path in _files(room):
        assert not _imported_rooms(path) & TOOLING, f"{path.relative_to(PACKAGE)} imports course tooling"


def test_the_grading_helpers_import_neither_variants_nor_the_grader():
    for path in _files("grading"):
        found = _imported_rooms(path) & {"variants", "autograde", "build", "widgets", "figures"}
        assert not found, f"{path.relative_to(PACKAGE)} imports {found}"
