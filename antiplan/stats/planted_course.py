"""A planted class laid out as a graded nbgrader course, as ``antiplan grade`` would leave it, without
running a kernel: a gradebook written with nbgrader's own models, and an autograded notebook per
student with each failed test's one-line error under it.

A failed submission keeps nbgrader's rows, all zero, beside the grader's record of its failure (as a
grader that failed after nbgrader began can leave it), so a reader that counted those rows would
count a failure as a zero.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..grading.notebook import BEGIN_HIDDEN, END_HIDDEN, HIDDEN_MARK
from . import planted
from .planted import ANSWER
from .results import BY_HAND, FAILED, GRADED, HIDDEN_TEST, MISSING, MIXED_TEST, TEST

# A course id of its own: on PostgreSQL nbgrader's tables hold a course's assignments to it by a
# foreign key, which the empty default does not satisfy.
CONFIG = (
    "c = get_config()  # noqa: F821\n"
    'c.CourseDirectory.root = "."\n'
    'c.CourseDirectory.course_id = "planted"\n'
    'c.CourseDirectory.db_url = "sqlite:///gradebook.db"\n'
    'c.CourseDirectory.submitted_directory = "submitted"\n'
    'c.CourseDirectory.autograded_directory = "autograded"\n'
)


def _source(cell: planted.PlantedCell) -> str:
    if cell.kind == ANSWER:
        return f"### BEGIN SOLUTION\n{cell.name or 'answer'} = 0.25\n### END SOLUTION"
    if cell.kind == BY_HAND:
        return "YOUR ANSWER HERE"
    checks = f'"""{planted.question(cell.grade_id)}: a check."""\n'
    hidden = f"{BEGIN_HIDDEN}\nassert True\n{END_HIDDEN}"
    if cell.kind == HIDDEN_TEST:
        return f"{checks}{HIDDEN_MARK}: its checks run when your work is graded.\n{hidden}"
    return f"{checks}assert True\n{hidden}" if cell.kind == MIXED_TEST else f"{checks}assert True"


def _error_output(line: str) -> dict:
    ename, _, evalue = line.partition(": ")
    return {
        "output_type": "error",
        "ename": ename,
        "evalue": evalue,
        "traceback": [f"\x1b[0;31m{ename}\x1b[0m: {evalue}"],
    }


def _notebook(layout: list[planted.PlantedCell], student: planted.PlantedStudent) -> dict:
    """The student's autograded notebook: each cell with nbgrader's metadata, failed tests with their error."""
    _, errors = planted.outcomes(layout, student)
    cells = []
    for cell in layout:
        meta = {
            "grade": cell.kind != ANSWER,
            "solution": cell.kind in (ANSWER, BY_HAND),
            "grade_id": cell.grade_id,
            "locked": cell.kind in (TEST, HIDDEN_TEST, MIXED_TEST),
            "schema_version": 3,
            "task": False,
        }
        if cell.kind != ANSWER:
            meta["points"] = cell.points
        if cell.kind == BY_HAND:
            cells.append({"cell_type": "markdown", "metadata": {"nbgrader": meta}, "source": "An answer."})
            continue
        outputs = []
        if cell.kind == ANSWER and planted.question(cell.grade_id) in student.blank:
            outputs = [_error_output("NotImplementedError: ")]
        elif cell.grade_id in errors:
            outputs = [_error_output(errors[cell.grade_id])]
        cells.append(
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {"nbgrader": meta},
                "outputs": outputs,
                "source": _source(cell),
            }
        )
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _gradebook(
    course, assignment: str, layout: list[planted.PlantedCell], students: list[planted.PlantedStudent]
) -> None:
    """Write the class's gradebook with nbgrader's models, every submission in one transaction."""
    from ..course import ensure_tools_on_path

    ensure_tools_on_path()  # nbgrader reads its schema's version when it creates a gradebook
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url, course.course_id) as gradebook:
        gradebook.add_assignment(assignment)
        gradebook.add_notebook(assignment, assignment)
        for cell in layout:
            if cell.kind != ANSWER:
                kind = "markdown" if cell.kind == BY_HAND else "code"
                gradebook.add_grade_cell(cell.grade_id, assignment, assignment, max_score=cell.points, cell_type=kind)
            if cell.kind in (ANSWER, BY_HAND):
                gradebook.add_solution_cell(cell.grade_id, assignment, assignment)
            kind = "markdown" if cell.kind == BY_HAND else "code"
            gradebook.add_source_cell(
                cell.grade_id, assignment, assignment, cell_type=kind, locked=cell.kind != ANSWER, source=_source(cell)
            )
        notebook = gradebook.find_notebook(assignment, assignment)
        grade_cells = {c.name: c for c in notebook.grade_cells}
        session = gradebook.db
        # Flushing half-built submissions would warn; everything goes in at the commit.
        with session.no_autoflush:
            _submissions(session, notebook, grade_cells, layout, students)
        session.commit()


def _submissions(
    session, notebook, grade_cells: dict, layout: list[planted.PlantedCell], students: list[planted.PlantedStudent]
):
    """Add each student, and each graded or failed student's submission and grades, to ``session``."""
    from nbgrader.api import Grade, Student, SubmittedAssignment, SubmittedNotebook

    for student in students:
        session.add(Student(id=student.student))
        if student.status not in (GRADED, FAILED):
            continue
        submitted = SubmittedAssignment(assignment=notebook.assignment, student_id=student.student)
        submitted_notebook = SubmittedNotebook(assignment=submitted, notebook=notebook)
        # A failed submission may still have nbgrader's rows, all zero: they must not count.
        scores = planted.outcomes(layout, student)[0] if student.status == GRADED else {}
        for name, cell in grade_cells.items():
            score = scores.get(name, 0.0 if student.status == FAILED else None)
            by_hand = cell.cell_type == "markdown"
            session.add(
                Grade(
                    notebook=submitted_notebook,
                    cell=cell,
                    auto_score=None if by_hand else score,
                    manual_score=score if by_hand else None,
                    needs_manual_grade=by_hand and score is None,
                )
            )


def write(
    folder: Path,
    assignment: str,
    layout: list[planted.PlantedCell],
    students: list[planted.PlantedStudent],
    db_url: str | None = None,
):
    """Lay the planted class out as a graded course in the new folder ``folder``: its
    ``nbgrader_config.py``, ``submitted/``, ``autograded/`` and its gradebook, ``gradebook.db`` there
    or the empty database at ``db_url``. Returns its ``Course``."""
    from ..autograde.gradebook import Results
    from ..autograde.worker import Outcome
    from ..course import Course

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=False)
    (folder / "nbgrader_config.py").write_text(CONFIG)
    course = Course.load(folder, db_url)
    _gradebook(course, assignment, layout, students)
    for student in students:
        if student.status == MISSING:
            continue
        handed_in = course.submitted / student.student / assignment
        handed_in.mkdir(parents=True)
        notebook = json.dumps(_notebook(layout, student), indent=1)
        (handed_in / f"{assignment}.ipynb").write_text(notebook)
        if student.status == GRADED:
            graded = course.autograded / student.student / assignment
            graded.mkdir(parents=True)
            (graded / f"{assignment}.ipynb").write_text(notebook)
    failed = [s for s in students if s.status == FAILED]
    if failed:
        table = Results(course.db_url, course.course_id)
        try:
            for student in failed:
                table.save(assignment, Outcome(student.student, FAILED, student.reason or "the kernel died"), "")
        finally:
            table.close()
    return course
