"""Checking a built variant by grading it in a scratch copy of the course.

The instructor's solutions must earn full marks and the blank student copy zero (for two students
when the variant is per student); no line of a solution or hidden test may be in the student copy;
the base assignment's numbers, handed in as answers, must lose points; and for a per-student variant,
one student's numbers handed in by another must lose points.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from ..course import Course
from ..grading.handover import GRADING_ENV
from ..grading.notebook import answer_names, cells_by_grade_id, nbgrader_meta, read, secret_lines, solution_code
from .spec import base_notebook, course_spec

_DUMP = """
import json as _json
_out = {}
for _name in _NAMES:
    _value = globals().get(_name)
    if isinstance(_value, (bool, int, float, str)) or (
        isinstance(_value, list) and all(isinstance(v, (int, float)) for v in _value)
    ):
        _out[_name] = _value
print("<<answers>>" + _json.dumps(_out))
"""


def answers(notebook: Path, variant: str | None = None, student: str | None = None) -> dict[str, Any]:
    """The plain answers (numbers, strings, lists of numbers) the solutions in ``notebook`` give.

    Runs the notebook's first code cell and its solution cells in a fresh Python in the notebook's
    folder, in the economy of ``variant`` as ``student`` sees it (its spec beside the notebook), or in
    the base economy.
    """
    code, names = [], []
    for index, cell in enumerate(c for c in read(notebook).cells if c.cell_type == "code"):
        if index == 0:
            code.append(cell.source)
            if variant:
                code.append(f"import antiplan.variants\nantiplan.variants.activate({variant!r}, quiet=True)")
        elif nbgrader_meta(cell).get("solution"):
            body = solution_code(cell.source)
            code.append(body)
            names += answer_names(body)[0]
    program = "\n".join(code) + f"\n_NAMES = {names!r}\n" + _DUMP
    env = {k: v for k, v in os.environ.items() if k not in (GRADING_ENV, "ANTIPLAN_STUDENT")}
    if student:
        env["ANTIPLAN_STUDENT"] = student
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=notebook.parent, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or "<<answers>>" not in done.stdout:
        raise RuntimeError(f"running the solutions of {notebook.name} failed:\n{done.stderr}")
    return json.loads(done.stdout.rsplit("<<answers>>", 1)[1])


def frozen_submission(student_copy: Path, source: Path, values: dict[str, Any]):
    """The student copy answered with the solutions in ``source``, its plain answers then set to ``values``.

    A submission that copied its numbers (from the base assignment, or from another student).
    """
    cells = cells_by_grade_id(read(source))
    nb = read(student_copy)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and cell.cell_type == "code":
            body = solution_code(cells[meta["grade_id"]].source)
            pinned = [f"{n} = {values[n]!r}" for n in dict.fromkeys(answer_names(body)[0]) if n in values]
            cell.source = body + ("\n# copied numbers:\n" + "\n".join(pinned) if pinned else "")
    return nb


def solved_submission(student_copy: Path, source: Path):
    """The student copy answered with the instructor's solutions."""
    return frozen_submission(student_copy, source, {})


def leaks(source: Path, student_copy: Path) -> list[str]:
    """Lines of solutions and hidden tests in ``source`` that appear in ``student_copy``."""
    secret = secret_lines(read(source))
    shown = {line.strip() for c in read(student_copy).cells for line in c.source.split("\n")}
    return sorted((secret["solution"] | secret["hidden test"]) & shown)


def submit(course: Course, ident: str, student: str, nb) -> None:
    """Put ``nb`` where nbgrader expects ``student``'s submission of ``ident`` in ``course``."""
    import nbformat

    target = course.submitted / student / ident / f"{ident}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(target))


def code_scores(api, ident: str, student: str) -> tuple[float, float]:
    """(autograded score, autograded maximum) of ``student``'s graded submission of ``ident``."""
    from nbgrader.api import Gradebook

    with Gradebook(api.coursedir.db_url) as gradebook:
        nb = gradebook.find_submission_notebook(ident, ident, student)
        return nb.code_score, nb.max_code_score


def check(ident: str, course: Course, students: tuple[str, str] = ("student-a", "student-b")) -> list[str]:
    """Problems with the built variant ``ident`` in ``course``; empty when it is sound.

    Grades with ``nbgrader autograde`` in a scratch copy of the course (the course is not touched).
    Raises ``SpecError`` when ``ident`` is not a built variant.
    """

    spec = course_spec(course, ident)
    with warnings.catch_warnings():
        # nbgrader's gradebook warns about its own session handling on every autograde: not news.
        warnings.filterwarnings("ignore", module="nbgrader")
        warnings.filterwarnings("ignore", message=".*not in session.*")
        return _check(spec, ident, course, students)


def _check(spec: dict[str, Any], ident: str, home: Course, students: tuple[str, str]) -> list[str]:
    per_student = spec["per_student"]
    students = students if per_student else students[:1]
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="antiplan-variant-check-") as scratch:
        course = home.scratch(Path(scratch))
        for name in (ident, spec["base"]):
            shutil.copytree(home.source / name, course.source / name)
        api = course.nbgrader_api()
        outcome = api.generate_assignment(ident, force=True, create=True)
        if not outcome["success"]:
            return [f"nbgrader generate_assignment {ident} failed: {outcome.get('error', '')}"]
        source_nb = course.source / ident / f"{ident}.ipynb"
        copy_nb = course.release / ident / f"{ident}.ipynb"
        problems += [f"leak: {line}" for line in leaks(source_nb, copy_nb)]
        base_values = answers(base_notebook(course, spec["base"]))
        own = {s: answers(source_nb, ident, s) for s in students}
        if base_values == own[students[0]]:
            problems.append("the variant's answers are the base's: change parameters the questions depend on")
        jobs = []
        for s in students:
            submit(course, ident, s, solved_submission(copy_nb, source_nb))
            submit(course, ident, f"{s}-blank", read(copy_nb))
            submit(course, ident, f"{s}-base-numbers", frozen_submission(copy_nb, source_nb, base_values))
            jobs += [(s, "full", None), (f"{s}-blank", "zero", None), (f"{s}-base-numbers", "less", None)]
        if per_student:
            a, b = students
            if own[a] == own[b]:
                problems.append(f"students {a} and {b} get the same answers")
            jobs.append((b, "copied", frozen_submission(copy_nb, source_nb, own[a])))
        for student, want, replacement in jobs:
            if replacement is not None:  # a second hand-in by the same student, graded again
                submit(course, ident, student, replacement)
            outcome = api.autograde(ident, student, force=True, create=True)
            if not outcome["success"]:
                problems.append(f"autograde {student} failed: {outcome.get('error') or outcome.get('log')}")
                continue
            problems += _judge(student, want, *code_scores(api, ident, student))
    return problems


def _judge(student: str, want: str, score: float, top: float) -> list[str]:
    if want == "full" and score != top:
        return [f"{student}: the solutions earn {score:g} of {top:g} autograded points"]
    if want == "zero" and score != 0:
        return [f"{student}: the blank copy earns {score:g} points"]
    if want == "less" and not score < top:
        return [f"{student}: the base's numbers still earn all {top:g} points"]
    if want == "copied" and not score < top:
        return [f"{student}: another student's numbers still earn all {top:g} points"]
    return []
