"""A variant's economy in a running Python: the student's kernel and the grader's fresh processes.

The variant's locked cell calls ``activate(ID)``: the variant's parameters and seed become the
defaults of every later ``antiplan.simulate`` call (``antiplan.session``), and the variant is
recorded in ``ANTIPLAN_VARIANT`` so that the grader's fresh processes (``antiplan.grading.asserts.model``)
call ``activate_for_grading()`` and compute the expected answers in the same economy.

Whose economy, when grading: the submission's id, never what the notebook claims.

- ``antiplan grade`` resolves the economy from the course's ``source/<id>/variant.yml`` and the
  student's id before the kernel starts; sandboxed, it seals it in the kernel's private ``/tmp``
  (root's, read-only: ``SEALED``), which the student's code cannot change; without the sandbox it
  hands it over in ``ANTIPLAN_GRADING_ECONOMY``;
- ``nbgrader autograde`` runs the notebook in ``autograded/<student>/<id>/``: the student is that
  folder's name and the spec is the course's ``source/<id>/variant.yml``, not the copy beside the
  submission.

Outside grading, the spec is the ``variant.yml`` beside the notebook and the student is
``ANTIPLAN_STUDENT``, else ``JUPYTERHUB_USER``, else the login name.
"""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path
from typing import Any

import yaml

from ..session import set_defaults
from .spec import SPEC_FILE, economy_spec
from .students import student_params

ENV = "ANTIPLAN_VARIANT"
"""Set by ``activate``: ``{"id": ..., "student": ...}`` (JSON), read by the grader's fresh processes."""
GRADING_ENV = "ANTIPLAN_GRADING_ECONOMY"
"""Set by ``antiplan grade`` for the kernel: the economy the submission is graded in (JSON)."""
GRADING_FOLDERS = ("autograded", "submitted")
SEALED = Path("/tmp/antiplan-grading-economy.json")
"""Written by ``antiplan grade``'s sandbox, as root and read-only, in the kernel's private ``/tmp``:
the economy of the submission (``null`` when the assignment is no variant). Where it is, it decides."""


def _sealed() -> tuple[bool, dict[str, Any] | None]:
    """(whether a sealed economy is there, the economy or ``None``).

    Trusted only when root wrote it, nobody else can change it, and this process is not root (a
    sandboxed kernel never is; code running as root could have written it itself).
    """
    try:
        info = SEALED.stat()
    except OSError:
        return False, None
    if info.st_uid != 0 or info.st_mode & 0o222 or os.getuid() == 0:
        return False, None
    economy = json.loads(SEALED.read_text())
    return True, economy if isinstance(economy, dict) else None


def grading_economy(source: Path, ident: str, student: str) -> dict[str, Any] | None:
    """The economy ``student``'s submission of ``ident`` is graded in, or ``None`` if ``ident`` is no variant.

    Read by the grader from the course's source folder ``source`` (``source/<ident>/variant.yml``)
    before any of the student's code runs; raises ``SpecError`` if that spec is bad.
    """
    path = source / ident / SPEC_FILE
    if not path.is_file():
        return None
    spec = economy_spec(yaml.safe_load(path.read_text()), ident)
    return {"id": ident, "student": student, **student_params(spec, student)}


def _course_spec(ident: str, start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "source" / ident / SPEC_FILE
        if candidate.is_file():
            return candidate
    return None


def _grading_student(ident: str, cwd: Path) -> str | None:
    """The student whose submission nbgrader grades in ``cwd`` (``.../autograded/<student>/<ident>``)."""
    if cwd.name == ident and cwd.parent.parent.name in GRADING_FOLDERS:
        return cwd.parent.name
    return None


def _from_environment(name: str) -> dict[str, Any] | None:
    value = json.loads(os.environ.get(name) or "null")
    return value if isinstance(value, dict) and value.get("id") else None


def _apply(economy: dict[str, Any] | None) -> None:
    """Make ``economy``'s parameters and seed this process's defaults (``None``: leave them alone)."""
    if economy is not None:
        set_defaults(seed=economy["seed"], **economy["params"])


def _handed_over(ident: str) -> dict[str, Any] | None:
    sealed, economy = _sealed()
    if sealed:  # the grader's word, which the student's code cannot change
        if economy is not None and economy.get("id") == ident:
            return economy
        return {"id": ident, "student": None, "params": {}, "seed": 0}  # graded as no variant: the base's
    handed = _from_environment(GRADING_ENV)
    return handed if handed is not None and handed["id"] == ident else None


def resolve(ident: str, cwd: Path | None = None) -> dict[str, Any]:
    """The variant ``ident`` as a process at ``cwd`` sees it: ``{"id", "student", "params", "seed"}``.

    Raises ``RuntimeError`` (in words for a student) when the variant's spec cannot be found.
    """
    handed = _handed_over(ident)
    if handed is not None:
        return {"id": ident, "student": handed.get("student"), "params": handed["params"], "seed": handed["seed"]}
    cwd = Path.cwd() if cwd is None else cwd
    student = _grading_student(ident, cwd)
    path = _course_spec(ident, cwd) if student else None
    if path is None:
        local = cwd / SPEC_FILE
        path = local if local.is_file() else _course_spec(ident, cwd)
    if path is None:
        raise RuntimeError(f"variant {ident!r}: {SPEC_FILE} is missing next to the notebook; ask your instructor")
    spec = economy_spec(yaml.safe_load(path.read_text()), ident)
    if spec["per_student"] and student is None:
        student = os.environ.get("ANTIPLAN_STUDENT") or os.environ.get("JUPYTERHUB_USER") or getpass.getuser()
    return {"id": ident, "student": student if spec["per_student"] else None, **student_params(spec, student)}


def activate(ident: str, quiet: bool = False) -> dict[str, Any]:
    """Run this Python in the economy of variant ``ident`` (the variant's locked cell calls this).

    Prints the economy unless ``quiet``; returns what ``resolve`` gives.
    """
    state = resolve(ident)
    _apply(state)
    os.environ[ENV] = json.dumps({"id": ident, "student": state["student"]})
    if not quiet:
        shown = ", ".join(f"{k}={v!r}" for k, v in state["params"].items()) or "the base's parameters"
        who = f" (student {state['student']})" if state["student"] else ""
        print(f"This assignment's economy{who}: {shown}; runs without a seed use seed {state['seed']}.")
    return state


def activate_for_grading() -> None:
    """In a grader's fresh process: the economy of the submission being graded, if it is a variant's.

    The economy ``antiplan grade``'s sandbox sealed in ``/tmp`` decides where it is; then the one it
    handed over in the environment (no sandbox); then the nbgrader grading folder this process runs
    in; then the variant the kernel recorded (outside grading, with the kernel's student).
    """
    sealed, economy = _sealed()
    if sealed:
        _apply(economy)
        return
    handed = _from_environment(GRADING_ENV)
    if handed is not None:
        _apply(handed)
        return
    cwd = Path.cwd()
    if cwd.parent.parent.name in GRADING_FOLDERS and _course_spec(cwd.name, cwd) is not None:
        _apply(resolve(cwd.name, cwd))
        return
    recorded = _from_environment(ENV)
    if recorded is not None:
        if recorded.get("student"):
            os.environ.setdefault("ANTIPLAN_STUDENT", str(recorded["student"]))
        _apply(resolve(str(recorded["id"]), cwd))
