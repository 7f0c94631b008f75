"""A graded class as the statistics read it, whatever it was read from (a gradebook, or a planted class)."""

from __future__ import annotations

from dataclasses import dataclass, field

TEST = "test"
"""A visible test cell: no hidden region, so a student's self-check runs all of it."""
HIDDEN_TEST = "hidden test"
"""A hidden test cell (marked ``# Hidden test``): it checks nothing in the student's copy, and its
checks, in its hidden region, run only at grading."""
MIXED_TEST = "test with hidden checks"
"""A visible test cell that also holds a hidden region (``### BEGIN HIDDEN TESTS``): its visible
checks run in the student's copy, and again at grading with the hidden ones after them."""
BY_HAND = "by hand"
"""A cell graded by hand: a written answer, or code a grader reads."""
KINDS = (TEST, HIDDEN_TEST, MIXED_TEST, BY_HAND)

GRADED = "graded"
FAILED = "failed"
NOT_GRADED = "not graded"
MISSING = "missing"
STATUSES = (GRADED, FAILED, NOT_GRADED, MISSING)
"""A submission's status, as ``antiplan export`` names them: graded; failed (``antiplan grade``
could not grade it); not graded (handed in, not in the gradebook); missing (nothing handed in)."""


@dataclass(frozen=True)
class Cell:
    """One graded cell of the assignment."""

    notebook: str
    grade_id: str
    question: str
    points: float
    kind: str

    @property
    def key(self) -> tuple[str, str]:
        """The cell's name across the assignment's notebooks."""
        return (self.notebook, self.grade_id)

    @property
    def autograded(self) -> bool:
        """Whether the autograder gives this cell its score."""
        return self.kind != BY_HAND


@dataclass
class Submission:
    """One student's submission of the assignment."""

    student: str
    status: str
    reason: str = ""
    scores: dict[tuple[str, str], float | None] = field(default_factory=dict)
    """Each cell's score by its key; ``None`` while a hand-graded cell awaits its grader."""
    errors: dict[tuple[str, str], str] = field(default_factory=dict)
    """The one-line error of each failed test cell that shows one, by the cell's key."""
    blank: frozenset[str] = frozenset()
    """The questions whose answer cell still raises ``NotImplementedError``, as handed out."""


@dataclass
class ClassResults:
    """Every cell of one assignment and every student's submission of it."""

    assignment: str
    cells: list[Cell]
    submissions: list[Submission]

    def graded(self) -> list[Submission]:
        """The submissions with scores, in the order of their students' ids."""
        return sorted((s for s in self.submissions if s.status == GRADED), key=lambda s: s.student)

    def count(self, status: str) -> int:
        """How many submissions have ``status``."""
        return sum(s.status == status for s in self.submissions)
