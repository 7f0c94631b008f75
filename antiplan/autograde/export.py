"""``nbgrader export`` that never turns a failure into a zero.

nbgrader's CSV export gives every student without a usable submission a score of 0: one who handed
in nothing, and one whose notebook could not be graded (unreadable, a kernel that died, a notebook
that hid its errors). This exporter writes nbgrader's columns plus ``status`` and ``reason``:

- ``graded``: the score is nbgrader's;
- ``failed``: ``antiplan grade`` could not grade it (``reason`` says why); the score is left empty;
- ``not graded``: a submission is in the submitted folder but not in the gradebook; score empty;
- ``missing``: nothing was handed in; the score is 0, as in nbgrader.

``nbgrader_config.py`` selects it (``c.ExportApp.plugin_class``), so ``nbgrader export`` uses it.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from types import SimpleNamespace

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin
from sqlalchemy import inspect, select

from .gradebook import TABLE, results_table

COLUMNS = (
    "assignment",
    "duedate",
    "timestamp",
    "student_id",
    "last_name",
    "first_name",
    "email",
    "raw_score",
    "late_submission_penalty",
    "score",
    "max_score",
    "status",
    "reason",
)


def _failures(engine, course_id: str) -> dict[tuple[str, str], str]:
    """(assignment, student) to the reason, for every submission ``antiplan grade`` recorded as failed."""
    if not inspect(engine).has_table(TABLE):
        return {}
    query = select(results_table).where((results_table.c.status == "failed") & (results_table.c.course_id == course_id))
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    return {(row["assignment"], row["student"]): row["reason"] or "" for row in rows}


def _row(gradebook: Gradebook, assignment, student, failed: str | None, handed_in: bool) -> dict[str, object]:
    """The CSV row of ``student``'s ``assignment``: nbgrader's columns, ``status`` and ``reason``."""
    row = {
        "assignment": assignment.name,
        "duedate": assignment.duedate or "",
        "student_id": student.id,
        "last_name": student.last_name or "",
        "first_name": student.first_name or "",
        "email": student.email or "",
        "max_score": assignment.max_score,
        "timestamp": "",
        "raw_score": "",
        "late_submission_penalty": "",
        "score": "",
        "reason": "",
    }
    try:
        submission = gradebook.find_submission(assignment.name, student.id)
    except MissingEntry:
        submission = None
    if failed is not None:
        row.update(status="failed", reason=failed)
    elif submission is not None:
        penalty = submission.late_submission_penalty or 0.0
        row.update(
            status="graded",
            timestamp=submission.timestamp or "",
            raw_score=submission.score,
            late_submission_penalty=penalty,
            score=max(0.0, submission.score - penalty),
        )
    elif handed_in:
        row.update(status="not graded", reason="handed in but not in the gradebook: grade it")
    else:
        row.update(status="missing", raw_score=0.0, late_submission_penalty=0.0, score=0.0)
    return row


class StatusCsvExport(ExportPlugin):
    """CSV export with each submission's status; a failed or ungraded submission has no score, not 0."""

    def _handed_in(self, assignment: str) -> set[str]:
        """The students with a folder for ``assignment`` in the submitted folder."""
        coursedir = getattr(self.parent, "coursedir", None)
        if coursedir is None:
            return set()
        folder = Path(coursedir.root) / coursedir.submitted_directory
        return {p.name for p in folder.iterdir() if (p / assignment).is_dir()} if folder.is_dir() else set()

    def rows(self, gradebook: Gradebook) -> list[dict[str, object]]:
        """One row per assignment and student (as selected by ``--assignment`` and ``--student``)."""
        failures = _failures(gradebook.engine, gradebook.course_id)
        wanted_assignments = {str(a) for a in self.assignment}
        wanted_students = {str(s) for s in self.student}
        roster = list(gradebook.students)
        known = {s.id for s in roster}
        blank = {"last_name": "", "first_name": "", "email": ""}
        rows = []
        for assignment in gradebook.assignments:
            if wanted_assignments and assignment.name not in wanted_assignments:
                continue
            handed_in = self._handed_in(assignment.name)
            others = {student for (name, student) in failures if name == assignment.name} | handed_in
            students = [*roster, *(SimpleNamespace(id=s, **blank) for s in sorted(others - known))]
            for student in students:
                if not wanted_students or student.id in wanted_students:
                    failed = failures.get((assignment.name, student.id))
                    rows.append(_row(gradebook, assignment, student, failed, student.id in handed_in))
        return rows

    def export(self, gradebook: Gradebook) -> None:
        """Write the CSV to ``--to`` (default ``grades.csv``), whole or not at all."""
        dest = Path(self.to or "grades.csv")
        rows = self.rows(gradebook)
        self.log.info("Exporting grades, with each submission's status, to %s", dest)
        handle = tempfile.NamedTemporaryFile(
            "w", newline="", dir=dest.parent.resolve(), prefix=f".{dest.name}.", delete=False
        )
        try:
            with handle:
                writer = csv.DictWriter(handle, fieldnames=COLUMNS)
                writer.writeheader()
                writer.writerows(rows)
            os.replace(handle.name, dest)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise
        counts = {s: sum(r["status"] == s for r in rows) for s in ("failed", "not graded")}
        if any(counts.values()):
            self.log.warning(
                "%d failed and %d ungraded submissions have no score in %s: see the status and reason columns",
                counts["failed"],
                counts["not graded"],
                dest,
            )
