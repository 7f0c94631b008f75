"""Imports run one way: the model imports none of the course tooling and not the calibration (which
fits the model and sits above it), and the grading helpers import neither the variants nor the
grader, in their code or in a program they hold in a string."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "antiplan"
MODEL = [
    "rules",
    "engine",
    "parameters",
    "scenarios",
    "metrics",
    "simulate",
    "batch",
    "economy",
    "settings",
    "data",
    "recorded_fit",
]
TOOLING = {"widgets", "figures", "grading", "autograde", "variants", "build", "course", "cli"}


def _files(room: str) -> list[Path]:
    """The room's modules: a package's files and a module of the same name (``data.py`` sits beside
    the ``data/`` folder of figures, so both are looked at)."""
    folder, module = PACKAGE / room, PACKAGE / f"{room}.py"
    files = sorted(folder.rglob("*.py")) if folder.is_dir() else []
    return files + ([module] if module.is_file() else [])


def test_every_model_room_has_code():
    for room in MODEL:
        assert _files(room), f"{room} names no module of antiplan"


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


@pytest.mark.parametrize("room", MODEL)
def test_the_model_imports_no_calibration(room):
    for path in _files(room):
        assert "calibration" not in _imported_rooms(path), f"{path.relative_to(PACKAGE)} imports the calibration"


def test_running_the_model_loads_no_calibration():
    # The recorded fit is data the first-five-year-plan scenario reads; importing the model (and
    # running that scenario) must not load the package that fits it.
    program = (
        "import sys, antiplan; antiplan.simulate('first-five-year-plan', seed=1, periods=2, enterprises=4); "
        "loaded = sorted(m for m in sys.modules if m.startswith('antiplan.calibration')); print(loaded)"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_the_refit_command_starts_without_a_warning():
    # ``python -m antiplan.calibration.record`` used to find its own module already imported by the
    # model (a RuntimeWarning); with the model below it, running the module is its first import.
    program = (
        "import runpy, sys, warnings; warnings.simplefilter('error'); import antiplan; "
        "runpy.run_module('antiplan.calibration.record', run_name='not_main', alter_sys=True)"
    )
    subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)


def test_the_grading_helpers_import_neither_variants_nor_the_grader():
    for path in _files("grading"):
        found = _imported_rooms(path) & {"variants", "autograde", "build", "widgets", "figures"}
        assert not found, f"{path.relative_to(PACKAGE)} imports {found}"
