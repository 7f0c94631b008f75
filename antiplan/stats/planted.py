"""A made-up graded class with known answers: to try ``antiplan stats``, to time it, and for the book.

A class is a layout of cells (answers, visible and hidden test cells, hand-graded answers) and a
list of students, each with the test cells their answers failed and the one-line error each showed,
the questions they left blank, and their hand-given points. ``results`` turns it into what the
statistics read, in memory; ``antiplan.stats.planted_course.write`` lays it out on disk as a graded
course. ``sample`` draws a class for an assignment laid out like chapter 3's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from ..grading.notebook import question_of
from .results import BY_HAND, FAILED, GRADED, HIDDEN_TEST, MIXED_TEST, TEST, Cell, ClassResults, Submission

ANSWER = "answer"
"""A code cell where a student writes an answer; graded through its test cells."""


@dataclass(frozen=True)
class PlantedCell:
    """One cell of a planted assignment: ``kind`` is ``ANSWER``, ``TEST``, ``HIDDEN_TEST``, ``MIXED_TEST``
    or ``BY_HAND``."""

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


def question(grade_id: str) -> str:
    """The question a cell belongs to (``q3`` of ``q3_test_value``), or its grade id if none."""
    return question_of(grade_id) or grade_id


def _blank_error(layout: list[PlantedCell], asked: str) -> str:
    names = [c.name for c in layout if c.kind == ANSWER and question(c.grade_id) == asked and c.name]
    return f"NameError: name '{names[0] if names else asked}' is not defined"


def outcomes(layout: list[PlantedCell], student: PlantedStudent) -> tuple[dict, dict]:
    """The student's score and one-line error of each graded cell, by grade id."""
    scores, errors = {}, {}
    for cell in layout:
        if cell.kind in (TEST, HIDDEN_TEST, MIXED_TEST):
            if question(cell.grade_id) in student.blank:
                errors[cell.grade_id] = _blank_error(layout, question(cell.grade_id))
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
        Cell(assignment, c.grade_id, question(c.grade_id), float(c.points), c.kind) for c in layout if c.kind != ANSWER
    ]
    submissions = []
    for student in sorted(students, key=lambda s: s.student):
        if student.status != GRADED:
            submissions.append(Submission(student.student, student.status, reason=student.reason))
            continue
        scores, errors = outcomes(layout, student)
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
    PlantedCell("q3_answer", ANSWER, name="control_fall"),
    PlantedCell("q3_test_shape", TEST, 1),
    PlantedCell("q3_test_values", HIDDEN_TEST, 2),
    PlantedCell("q4_answer", ANSWER, name="centralization_limit"),
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
        (("q3_test_values",), "Failed: `control_fall(0.09, 2.0)` holds only at the chapter's settings"),
        (("q3_test_shape", "q3_test_values"), "Failed: `control_fall` gives the gap's fall, not control's"),
    ],
    "q4": [
        (("q4_test_holds", "q4_test_near"), "Failed: `centralization_limit` is 78.0: a share, not a percentage"),
        (("q4_test_near",), "Failed: `centralization_limit` is not the largest that keeps the gap within 2 %"),
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
