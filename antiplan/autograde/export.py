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


def handed_in(submitted: Path | None, assignment: str) -> set[str]:
    """The students with a folder for ``assignment`` in the ``submitted`` folder."""
    if submitted is None or not submitted.is_dir():
        return set()
    return {p.name for p in submitted.iterdir() if (p / assignment).is_dir()}


def status_rows(gradebook: Gradebook, submitted: Path | None, assignments=(), students=()) -> list[dict[str, object]]:
    """One row per assignment and student (all, or those named), each with its ``status`` and ``reason``.

    Students are the gradebook's, plus anyone with a failed or handed-in submission it does not know.
    """
    failures = _failures(gradebook.engine, gradebook.course_id)
    wanted_assignments = {str(a) for a in assignments}
    wanted_students = {str(s) for s in students}
    roster = list(gradebook.students)
    known = {s.id for s in roster}
    blank = {"last_name": "", "first_name": "", "email": ""}
    rows = []
    for assignment in gradebook.assignments:
        if wanted_assignments and assignment.name not in wanted_assignments:
            continue
        arrived = handed_in(submitted, assignment.name)
        others = {student for (name, student) in failures if name == assignment.name} | arrived
        everyone = [*roster, *(SimpleNamespace(id=s, **blank) for s in sorted(others - known))]
        for student in everyone:
            if not wanted_students or student.id in wanted_students:
                failed = failures.get((assignment.name, student.id))
                rows.append(_row(gradebook, assignment, student, failed, student.id in arrived))
    return rows


def write_csv(dest: Path, columns, rows, head_rows=()) -> None:
    """Write ``rows`` (dicts) under a header of ``columns`` to ``dest``, whole or not at all."""
    handle = tempfile.NamedTemporaryFile(
        "w", newline="", dir=dest.parent.resolve(), prefix=f".{dest.name}.", delete=False
    )
    try:
        with handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns))
            writer.writeheader()
            writer.writerows([*head_rows, *rows])
        os.replace(handle.name, dest)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


class StatusCsvExport(ExportPlugin):
    """CSV export with each submission's status; a failed or ungraded submission has no score, not 0."""

    def rows(self, gradebook: Gradebook) -> list[dict[str, object]]:
        """One row per assignment and student (as selected by ``--assignment`` and ``--student``)."""
        coursedir = getattr(self.parent, "coursedir", None)
        submitted = None if coursedir is None else Path(coursedir.root) / coursedir.submitted_directory
        return status_rows(gradebook, submitted, self.assignment, self.student)

    def export(self, gradebook: Gradebook) -> None:
        """Write the CSV to ``--to`` (default ``grades.csv``), whole or not at all."""
        dest = Path(self.to or "grades.csv")
        rows = self.rows(gradebook)
        self.log.info("Exporting grades, with each submission's status, to %s", dest)
        write_csv(dest, COLUMNS, rows)
        counts = {s: sum(r["status"] == s for r in rows) for s in ("failed", "not graded")}
        if any(counts.values()):
            self.log.warning(
                "%d failed and %d ungraded submissions have no score in %s: see the status and reason columns",
                counts["failed"],
                counts["not graded"],
                dest,
            )
