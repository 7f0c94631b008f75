"""A made-up graded class with known answers: to try ``antiplan stats``, to time it, and for the book.

A class is a layout of cells (answers, visible and hidden test cells, hand-graded answers) and a
list of students, each with the test cells their answers failed and the one-line error each showed,
the questions they left blank, and their hand-given points. ``results`` turns it into what the
statistics read, in memory; ``write`` lays it out as a graded nbgrader course (a gradebook written
with nbgrader's own models, and an autograded notebook per student with each failed test's error
under it), as ``antiplan grade`` would leave it, without running a kernel.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from ..grading.notebook import BEGIN_HIDDEN, END_HIDDEN, question_of
from .results import BY_HAND, FAILED, GRADED, HIDDEN_TEST, MISSING, TEST, Cell, ClassResults, Submission

ANSWER = "answer"
"""A code cell where a student writes an answer; graded through its test cells."""
CONFIG = (
    "c = get_config()  # noqa: F821\n"
    'c.CourseDirectory.root = "."\n'
    'c.CourseDirectory.db_url = "sqlite:///gradebook.db"\n'
    'c.CourseDirectory.submitted_directory = "submitted"\n'
    'c.CourseDirectory.autograded_directory = "autograded"\n'
)


@dataclass(frozen=True)
class PlantedCell:
    """One cell of a planted assignment: ``kind`` is ``ANSWER``, ``TEST``, ``HIDDEN_TEST`` or ``BY_HAND``."""

    grade_id: str
    kind: str
    points: float = 0.0
    name: str = ""
    """For an answer cell, the name it defines (a blank answer leaves it undefined)."""


@dataclass
class PlantedStudent:
    """One student of a planted class."""

    student: str
    status: str = GRADED
    failures: dict[str, str] = field(default_factory=dict)
    """Test cell to the one-line error it showed (``"Failed: ..."``); every other test cell passed."""
    blank: frozenset[str] = frozenset()
    """Questions left blank: the answer cell raises ``NotImplementedError``, every test of it fails."""
    by_hand: dict[str, float | None] = field(default_factory=dict)
    """Hand-graded cell to its points; ``None`` or absent: not graded yet."""
    reason: str = ""
    """Why a failed submission failed."""


def _question(grade_id: str) -> str:
    return question_of(grade_id) or grade_id


def _blank_error(layout: list[PlantedCell], question: str) -> str:
    names = [c.name for c in layout if c.kind == ANSWER and _question(c.grade_id) == question and c.name]
    return f"NameError: name '{names[0] if names else question}' is not defined"


def _outcomes(layout: list[PlantedCell], student: PlantedStudent) -> tuple[dict, dict]:
    """The student's score and one-line error of each graded cell, by grade id."""
    scores, errors = {}, {}
    for cell in layout:
        if cell.kind in (TEST, HIDDEN_TEST):
            if _question(cell.grade_id) in student.blank:
                errors[cell.grade_id] = _blank_error(layout, _question(cell.grade_id))
            elif cell.grade_id in student.failures:
                errors[cell.grade_id] = student.failures[cell.grade_id]
            scores[cell.grade_id] = 0.0 if cell.grade_id in errors else float(cell.points)
        elif cell.kind == BY_HAND:
            given = student.by_hand.get(cell.grade_id)
            scores[cell.grade_id] = None if given is None else float(given)
    return scores, errors


def results(assignment: str, layout: list[PlantedCell], students: list[PlantedStudent]) -> ClassResults:
    """The planted class as ``antiplan.stats.read.gather`` would read it from its course."""
    cells = [
        Cell(assignment, c.grade_id, _question(c.grade_id), float(c.points), c.kind) for c in layout if c.kind != ANSWER
    ]
    submissions = []
    for student in sorted(students, key=lambda s: s.student):
        if student.status != GRADED:
            submissions.append(Submission(student.student, student.status, reason=student.reason))
            continue
        scores, errors = _outcomes(layout, student)
        submissions.append(
            Submission(
                student.student,
                GRADED,
                scores={(assignment, k): v for k, v in scores.items()},
                errors={(assignment, k): v for k, v in errors.items()},
                blank=frozenset(student.blank),
            )
        )
    return ClassResults(assignment, cells, submissions)


def _source(cell: PlantedCell) -> str:
    if cell.kind == ANSWER:
        return f"### BEGIN SOLUTION\n{cell.name or 'answer'} = 0.25\n### END SOLUTION"
    if cell.kind == BY_HAND:
        return "YOUR ANSWER HERE"
    checks = f'"""{_question(cell.grade_id)}: a check."""\nassert True'
    return f"{checks}\n{BEGIN_HIDDEN}\nassert True\n{END_HIDDEN}" if cell.kind == HIDDEN_TEST else checks


def _error_output(line: str) -> dict:
    ename, _, evalue = line.partition(": ")
    return {
        "output_type": "error",
        "ename": ename,
        "evalue": evalue,
        "traceback": [f"\x1b[0;31m{ename}\x1b[0m: {evalue}"],
    }


def _notebook(layout: list[PlantedCell], student: PlantedStudent) -> dict:
    """The student's autograded notebook: each cell with nbgrader's metadata, failed tests with their error."""
    _, errors = _outcomes(layout, student)
    cells = []
    for cell in layout:
        meta = {
            "grade": cell.kind != ANSWER,
            "solution": cell.kind in (ANSWER, BY_HAND),
            "grade_id": cell.grade_id,
            "locked": cell.kind in (TEST, HIDDEN_TEST),
            "schema_version": 3,
            "task": False,
        }
        if cell.kind != ANSWER:
            meta["points"] = cell.points
        if cell.kind == BY_HAND:
            cells.append({"cell_type": "markdown", "metadata": {"nbgrader": meta}, "source": "An answer."})
            continue
        outputs = []
        if cell.kind == ANSWER and _question(cell.grade_id) in student.blank:
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


def _gradebook(course, assignment: str, layout: list[PlantedCell], students: list[PlantedStudent]) -> None:
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


def _submissions(session, notebook, grade_cells: dict, layout: list[PlantedCell], students: list[PlantedStudent]):
    """Add each student, and each graded or failed student's submission and grades, to ``session``."""
    from nbgrader.api import Grade, Student, SubmittedAssignment, SubmittedNotebook

    for student in students:
        session.add(Student(id=student.student))
        if student.status not in (GRADED, FAILED):
            continue
        submitted = SubmittedAssignment(assignment=notebook.assignment, student_id=student.student)
        submitted_notebook = SubmittedNotebook(assignment=submitted, notebook=notebook)
        # A failed submission may still have nbgrader's rows, all zero: they must not count.
        scores = _outcomes(layout, student)[0] if student.status == GRADED else {}
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


def write(folder: Path, assignment: str, layout: list[PlantedCell], students: list[PlantedStudent]):
    """Lay the planted class out as a graded course in the new folder ``folder``: its
    ``nbgrader_config.py``, ``gradebook.db``, ``submitted/`` and ``autograded/``. Returns its ``Course``."""
    from ..autograde.gradebook import Results
    from ..autograde.worker import Outcome
    from ..course import Course

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=False)
    (folder / "nbgrader_config.py").write_text(CONFIG)
    course = Course.load(folder)
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


SAMPLE_ASSIGNMENT = "ch03"
SAMPLE_LAYOUT = [
    PlantedCell("q1_answer", ANSWER, name="my_padding_share"),
    PlantedCell("q1_test_bounds", TEST, 1),
    PlantedCell("q1_test_properties", HIDDEN_TEST, 1),
    PlantedCell("q1_test_economy", TEST, 1),
    PlantedCell("q1_test_direction", HIDDEN_TEST, 1),
    PlantedCell("q1_explain", BY_HAND, 1),
    PlantedCell("q2_answer", ANSWER, name="grain_gap"),
    PlantedCell("q2_test_sign", TEST, 1),
    PlantedCell("q2_test_values", HIDDEN_TEST, 2),
    PlantedCell("q3_answer", ANSWER, name="control_curve"),
    PlantedCell("q3_test_shape", TEST, 1),
    PlantedCell("q3_test_values", HIDDEN_TEST, 2),
    PlantedCell("q4_answer", ANSWER, name="audit_half_gap"),
    PlantedCell("q4_test_holds", TEST, 2),
    PlantedCell("q4_test_near", HIDDEN_TEST, 1),
    PlantedCell("q5_answer", BY_HAND, 4),
]
"""An assignment laid out like chapter 3's: 18 points, 13 autograded and 5 by hand."""

# Each question's usual wrong answers: the test cells each fails, and the line they show. The first
# of question 3 passes its visible test: a self-check that lets a wrong answer through.
SAMPLE_WRONG = {
    "q1": [
        (("q1_test_bounds", "q1_test_economy"), "Failed: `my_padding_share(2.0, 0.5)` is 0, but padding pays there"),
        (("q1_test_properties",), "Failed: `my_padding_share` rises with audits at penalty 2.0"),
    ],
    "q2": [
        (("q2_test_sign",), "Failed: `grain_gap` is 24.6: a percentage, where a share was asked (0.1 is 10 %)"),
        (("q2_test_values",), "Failed: `grain_gap_range` is upside down: its first value must be the smaller"),
    ],
    "q3": [
        (("q3_test_values",), "Failed: control at centralization 0.2: the levels were sorted, not taken as given"),
        (("q3_test_shape", "q3_test_values"), "Failed: control_curve gives the statistics gap, not control"),
    ],
    "q4": [
        (("q4_test_holds", "q4_test_near"), "Failed: `audit_half_gap` is 25.0: the slider gives 0.25, not 25"),
        (("q4_test_near",), "Failed: `audit_half_gap` is not the smallest audit that halves the gap"),
    ],
}
SAMPLE_DIFFICULTY = {"q1": 0.55, "q2": 0.35, "q3": 0.45, "q4": 0.25}
"""How hard each autograded question is: the ability below which a student tends to get it wrong."""


def sample(students: int = 40, seed: int = 0) -> list[PlantedStudent]:
    """A class of ``students`` for ``SAMPLE_LAYOUT``, drawn at random from ``seed``: abler students
    get more right, wrong answers come from each question's usual ones, about one in twenty
    questions is left blank, and one submission in forty failed to grade."""
    rng = random.Random(seed)
    planted = []
    for index in range(students):
        name = f"student{index + 1:03d}"
        if index % 40 == 39:
            planted.append(PlantedStudent(name, FAILED, reason="the kernel died"))
            continue
        ability = rng.random()
        failures, blank = {}, set()
        for question, difficulty in SAMPLE_DIFFICULTY.items():
            if rng.random() < 0.05:
                blank.add(question)
            elif ability + rng.gauss(0, 0.2) < difficulty:
                cells, line = SAMPLE_WRONG[question][rng.random() < 0.35]
                failures.update(dict.fromkeys(cells, line))
        written = {
            "q1_explain": float(rng.random() < ability + 0.2),
            "q5_answer": float(max(0, min(4, round(4 * ability + rng.gauss(0, 0.8))))),
        }
        planted.append(PlantedStudent(name, failures=failures, blank=frozenset(blank), by_hand=written))
    return planted
