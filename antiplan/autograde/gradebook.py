"""The results table, kept in the course's gradebook beside nbgrader's own tables.

nbgrader's tables say what each submission scored; they cannot say that a submission *failed* (it
shows as 0) or that it was graded completely. This table holds, per assignment and student, the
status (``graded`` or ``failed``), the reason in plain words, the score, and a fingerprint of the
files graded. A row is written only after nbgrader has saved the grades, in one transaction, so a
grader killed at any moment leaves either a finished row or none: the rerun grades exactly the
submissions without one (or whose files changed), and nbgrader's ``update_or_create`` keeps one
submission per student, so nothing is lost or counted twice.

Works with SQLite (the default) and PostgreSQL (``postgresql+psycopg2://...``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    select,
)

if TYPE_CHECKING:  # the worker imports the whole grader; reading the table needs none of it
    from .worker import Outcome

TABLE = "antiplan_autograde"

_metadata = MetaData()
results_table = Table(
    TABLE,
    _metadata,
    Column("course_id", String(128), primary_key=True),
    Column("assignment", String(128), primary_key=True),
    Column("student", String(128), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("score", Float),
    Column("max_score", Float),
    Column("fingerprint", String(64), nullable=False, default=""),
    Column("final", Boolean, nullable=False, default=True),
    Column("seconds", Float),
    Column("graded_at", DateTime),
)


@dataclass
class Row:
    student: str
    status: str
    reason: str
    score: float | None
    max_score: float | None
    fingerprint: str
    final: bool


def engine_for(db_url: str):
    if db_url.startswith("sqlite"):
        return create_engine(db_url, connect_args={"timeout": 60})
    return create_engine(db_url, pool_pre_ping=True)


def prepare_gradebook(db_url: str, course_id: str) -> None:
    """Make sure nbgrader's tables exist (nbgrader must create the database first), then close it."""
    from nbgrader.api import Gradebook

    gb = Gradebook(db_url, course_id)
    try:
        pass
    finally:
        gb.close()
        gb.engine.dispose()


class Results:
    def __init__(self, db_url: str, course_id: str):
        prepare_gradebook(db_url, course_id)
        self.course_id = course_id
        self.engine = engine_for(db_url)
        _metadata.create_all(self.engine)

    def load(self, assignment: str) -> dict[str, Row]:
        query = select(results_table).where(
            results_table.c.course_id == self.course_id, results_table.c.assignment == assignment
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return {
            row["student"]: Row(
                row["student"],
                row["status"],
                row["reason"] or "",
                row["score"],
                row["max_score"],
                row["fingerprint"],
                bool(row["final"]),
            )
            for row in rows
        }

    def save(self, assignment: str, outcome: Outcome, fingerprint: str) -> None:
        values = {
            "course_id": self.course_id,
            "assignment": assignment,
            "student": outcome.student,
            "status": outcome.status,
            "reason": outcome.reason or "",
            "score": outcome.score,
            "max_score": outcome.max_score,
            "fingerprint": fingerprint,
            "final": outcome.final,
            "seconds": outcome.seconds,
            "graded_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        }
        key = (
            (results_table.c.course_id == self.course_id)
            & (results_table.c.assignment == assignment)
            & (results_table.c.student == outcome.student)
        )
        with self.engine.begin() as connection:
            connection.execute(delete(results_table).where(key))
            connection.execute(results_table.insert().values(**values))

    def close(self) -> None:
        self.engine.dispose()
