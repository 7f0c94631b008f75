"""A variant's economy: worked out from the course's spec, and put in place in the student's kernel.

The variant's locked cell calls ``activate(ID)``: the variant's economy (``antiplan.Economy``: its
parameters and seed) becomes the kernel's (``antiplan.set_economy``), so every later
``antiplan.simulate`` call that does not say otherwise runs in it, and the grader's fresh processes
(``antiplan.grading.asserts.model``) are handed the same economy.

Whose economy, when grading: the submission's id, never what the notebook claims.

- ``antiplan grade`` works out the economy from the course's ``source/<id>/variant.yml`` and the
  student's id before the kernel starts (``grading_economy``) and hands it over
  (``antiplan.grading.handover``): sealed where the student's code cannot change it, when sandboxed;
- ``nbgrader autograde`` runs the notebook in ``autograded/<student>/<id>/``: the student is that
  folder's name and the spec is the course's ``source/<id>/variant.yml``, not the copy beside the
  submission.

Outside grading, the spec is the ``variant.yml`` beside the notebook and the student is
``ANTIPLAN_STUDENT``, else ``JUPYTERHUB_USER``, else the login name.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import yaml

from ..course import CONFIG_NAME
from ..economy import Economy, set_economy
from ..grading import handover
from .spec import SPEC_FILE, economy_spec
from .students import student_params

GRADING_FOLDERS = ("autograded", "submitted")


def _economy(ident: str, student: str | None, values: dict) -> Economy:
    return Economy(ident, values["params"], values["seed"], student)


def grading_economy(source: Path, ident: str, student: str) -> Economy | None:
    """The economy ``student``'s submission of ``ident`` is graded in, or ``None`` if ``ident`` is no variant.

    Read by the grader from the course's source folder ``source`` (``source/<ident>/variant.yml``)
    before any of the student's code runs; raises ``SpecError`` if that spec is bad.
    """
    path = source / ident / SPEC_FILE
    if not path.is_file():
        return None
    spec = economy_spec(yaml.safe_load(path.read_text()), ident)
    return _economy(ident, student, student_params(spec, student))


def economy_for_nbgrader(ident: str, student: str, folder: Path) -> Economy | None:
    """The economy nbgrader grades ``student``'s ``ident`` in, worked out by the grader (not the kernel)
    from the course that ``folder`` (where nbgrader runs the notebook) lies in; ``None`` if no variant."""
    path = _course_spec(ident, folder)
    if path is None:
        return None
    return grading_economy(path.parent.parent, ident, student)


def _course_spec(ident: str, start: Path) -> Path | None:
    """The spec of ``ident`` in the source folder of the course ``start`` lies in, if any."""
    for folder in [start, *start.parents]:
        if (folder / CONFIG_NAME).is_file():
            from ..course import Course  # nbgrader's configuration: only when a course is found

            candidate = Course.load(folder).source / ident / SPEC_FILE
            if candidate.is_file():
                return candidate
    return None


def _grading_student(ident: str, cwd: Path) -> str | None:
    """The student whose submission nbgrader grades in ``cwd`` (``.../autograded/<student>/<ident>``)."""
    if cwd.name == ident and cwd.parent.parent.name in GRADING_FOLDERS:
        return cwd.parent.name
    return None


def _handed_over(ident: str) -> Economy | None:
    is_sealed, economy = handover.sealed()
    if is_sealed:  # the grader's word, which the student's code cannot change
        if economy is not None and economy.name == ident:
            return economy
        return Economy(ident)  # graded as no variant: the base's parameters and seed
    handed = handover.from_environment()
    return handed if handed is not None and handed.name == ident else None


def resolve(ident: str, cwd: Path | None = None) -> Economy:
    """The economy of variant ``ident`` as a process at ``cwd`` sees it.

    Raises ``RuntimeError`` (in words for a student) when the variant's spec cannot be found.
    """
    handed = _handed_over(ident)
    if handed is not None:
        return handed
    cwd = Path.cwd() if cwd is None else cwd
    student = _grading_student(ident, cwd)
    path = _course_spec(ident, cwd) if student else None
    if path is None:
        local = cwd / SPEC_FILE
        path = local if local.is_file() else _course_spec(ident, cwd)
    if path is None:
        raise RuntimeError(f"variant {ident!r}: {SPEC_FILE} is missing next to the notebook; ask your instructor")
    spec = economy_spec(yaml.safe_load(path.read_text()), ident)
    if not spec["per_student"]:
        return _economy(ident, None, student_params(spec, None))
    if student is None:
        student = os.environ.get("ANTIPLAN_STUDENT") or os.environ.get("JUPYTERHUB_USER") or getpass.getuser()
    return _economy(ident, student, student_params(spec, student))


def activate(ident: str, quiet: bool = False) -> Economy:
    """Run this kernel in the economy of variant ``ident`` (the variant's locked cell calls this).

    Prints the economy unless ``quiet``; returns it (what ``resolve`` gives).
    """
    economy = resolve(ident)
    set_economy(economy)
    if not quiet:
        shown = ", ".join(f"{k}={v!r}" for k, v in economy.params.items()) or "the base's parameters"
        who = f" (student {economy.student})" if economy.student else ""
        print(f"This assignment's economy{who}: {shown}; runs without a seed use seed {economy.seed}.")
    return economy
