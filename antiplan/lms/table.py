"""nbgrader's grades, one row per student: what each LMS file is laid out from.

A cell holds the score only when the submission was graded, or 0 when nothing was handed in;
a submission that failed or is not graded yet has an empty score, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCORED = ("graded", "missing")


@dataclass
class Cell:
    """One student's result on one assignment."""

    status: str
    score: object = ""
    reason: str = ""

    def note(self) -> str:
        """The status in words, for a feedback column."""
        return f"{self.status}: {self.reason}" if self.reason else self.status


@dataclass
class Table:
    """Assignments (with their maximum scores) and, per student, a cell per assignment."""

    assignments: list[str] = field(default_factory=list)
    max_scores: dict[str, object] = field(default_factory=dict)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # student id: (first, last)
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)

    def students(self) -> list[str]:
        """Student ids, sorted."""
        return sorted(self.cells)

    def mapped(self, accounts: dict) -> list[tuple[str, object, str, str]]:
        """(student, account, first name, last name) of each student with an LMS account in ``accounts``,
        sorted; students without one are left out (the export reports them)."""
        return [(s, accounts[s], *self.names.get(s, ("", ""))) for s in self.students() if s in accounts]

    def unscored(self) -> list[tuple[str, str, Cell]]:
        """(assignment, student, cell) of every submission that has no score: failed or not graded."""
        return [(a, s, c) for s in self.students() for a, c in self.cells[s].items() if c.status not in SCORED]


def table_from_rows(rows: list[dict[str, object]]) -> Table:
    """Pivot the status export's rows (``antiplan.autograde.export.status_rows``) into a ``Table``."""
    table = Table()
    for row in rows:
        assignment, student = str(row["assignment"]), str(row["student_id"])
        if assignment not in table.max_scores:
            table.assignments.append(assignment)
            table.max_scores[assignment] = row["max_score"]
        table.names.setdefault(student, (str(row["first_name"]), str(row["last_name"])))
        score = row["score"] if row["status"] in SCORED else ""
        table.cells.setdefault(student, {})[assignment] = Cell(str(row["status"]), score, str(row["reason"]))
    return table
