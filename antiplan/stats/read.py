"""Gathers a graded class from the course: the gradebook's cells and scores, and the autograded notebooks.

The gradebook is read, never written: nbgrader's tables through its own models, and the status of
each submission from the table ``antiplan grade`` keeps beside them (``antiplan.autograde.gradebook``),
so a submission that could not be graded is counted as failed, not as a zero. A submission handed in
but absent from the gradebook is counted as not graded. Works with SQLite and PostgreSQL.

Which test cells are visible, hidden, or visible with hidden checks besides is read as
``antiplan.grading.notebook`` reads it, from the source of each cell that nbgrader saved in the
gradebook when the assignment was generated: the same text the autograder ran.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..grading.notebook import checks_only_at_grading, has_hidden_checks, question_of
from .outputs import UnreadableNotebookError, cell_errors
from .results import (
    BY_HAND,
    FAILED,
    GRADED,
    HIDDEN_TEST,
    MISSING,
    MIXED_TEST,
    NOT_GRADED,
    TEST,
    Cell,
    ClassResults,
    Submission,
)

BLANK_ERROR = "NotImplementedError"
"""What an answer cell raises as handed out (``raise NotImplementedError()``)."""


class StatsError(Exception):
    """Bad input (no gradebook, an assignment never graded, a missing notebook): a one-line message."""


def _address(db_url: str) -> str:
    """The gradebook's address without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an address SQLAlchemy cannot parse is shown as given
        return db_url


def _engine(course):
    """An engine on the course's gradebook; a missing SQLite file is an error, never created."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import ArgumentError

    gradebook = course.sqlite_file()
    if gradebook is not None and not gradebook.is_file():
        raise StatsError(f"no gradebook at {gradebook}: grade the assignment first (antiplan grade ASSIGNMENT)")
    try:
        if gradebook is not None:
            return create_engine(course.db_url, connect_args={"timeout": 60})
        return create_engine(course.db_url, pool_pre_ping=True)
    except (ArgumentError, ImportError) as error:  # not an address, or a database with no driver here
        raise StatsError(
            f"cannot open the gradebook at {_address(course.db_url)} ({type(error).__name__}: {error}): "
            "the address must be SQLite's (sqlite:///FILE) or PostgreSQL's (postgresql+psycopg2://...)"
        ) from None


def _failures(connection, course_id: str, assignment: str) -> dict[str, str]:
    """Student to the reason, for each submission ``antiplan grade`` recorded as failed."""
    from sqlalchemy import inspect, select

    from ..autograde.gradebook import TABLE, results_table

    if not inspect(connection).has_table(TABLE):
        return {}
    table = results_table.c
    query = select(table.student, table.reason).where(
        (table.course_id == course_id) & (table.assignment == assignment) & (table.status == FAILED)
    )
    return {row.student: row.reason or "" for row in connection.execute(query)}


def _handed_in(submitted: Path, assignment: str) -> set[str]:
    """The students with a folder for ``assignment`` in the ``submitted`` folder."""
    if not submitted.is_dir():
        return set()
    return {p.name for p in submitted.iterdir() if (p / assignment).is_dir()}


def _kind(cell_type: str, solution: bool, source: str) -> str:
    if cell_type == "markdown" or solution:  # nbgrader leaves a graded answer cell to a person
        return BY_HAND
    if checks_only_at_grading(source):
        return HIDDEN_TEST
    return MIXED_TEST if has_hidden_checks(source) else TEST


def _cells(session, assignment_id: str) -> tuple[list[Cell], dict[str, dict[str, str]]]:
    """The assignment's graded cells, and by notebook its answer (solution) cells: grade id to question."""
    from nbgrader.api import GradeCell, Notebook, SolutionCell, SourceCell

    notebooks = session.query(Notebook.name).filter(Notebook.assignment_id == assignment_id).all()
    several = len(notebooks) > 1

    def in_assignment(model):
        return (
            session.query(model.name, Notebook.name)
            .join(Notebook, model.notebook_id == Notebook.id)
            .filter(Notebook.assignment_id == assignment_id)
        )

    def label(notebook: str, name: str) -> str:
        question = question_of(name) or name
        return f"{notebook}: {question}" if several else question

    solutions = defaultdict(dict)
    for name, notebook in in_assignment(SolutionCell):
        solutions[notebook][name] = label(notebook, name)
    sources = {
        (notebook, name): source or ""
        for name, notebook, source in in_assignment(SourceCell).add_columns(SourceCell.source)
    }
    cells = []
    graded = in_assignment(GradeCell).add_columns(GradeCell.max_score, GradeCell.cell_type)
    for name, notebook, points, cell_type in graded:
        cells.append(
            Cell(
                notebook=notebook,
                grade_id=name,
                question=label(notebook, name),
                points=float(points),
                kind=_kind(cell_type, name in solutions[notebook], sources.get((notebook, name), "")),
            )
        )
    return cells, solutions


def _scores(session, assignment_id: str) -> dict[str, dict[tuple[str, str], float | None]]:
    """Student to each cell's score (nbgrader's: the hand-given score if any, else the autograder's,
    plus extra credit); ``None`` while a cell awaits hand grading."""
    from nbgrader.api import Grade, GradeCell, Notebook, SubmittedAssignment, SubmittedNotebook

    query = (
        session.query(
            SubmittedAssignment.student_id,
            Notebook.name,
            GradeCell.name,
            Grade.auto_score,
            Grade.manual_score,
            Grade.extra_credit,
        )
        .select_from(Grade)
        .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
        .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
        .join(GradeCell, Grade.cell_id == GradeCell.id)
        .filter(SubmittedAssignment.assignment_id == assignment_id)
    )
    scores: dict[str, dict] = defaultdict(dict)
    for student, notebook, name, auto, manual, extra in query:
        given = manual if manual is not None else auto
        scores[student][(notebook, name)] = None if given is None else float(given) + float(extra or 0.0)
    # A submission whose notebooks hold no graded cell still counts as graded.
    for (student,) in session.query(SubmittedAssignment.student_id).filter(
        SubmittedAssignment.assignment_id == assignment_id
    ):
        scores.setdefault(student, {})
    return scores


def _read_notebooks(
    course, assignment: str, student: str, cells: list[Cell], solutions: dict[str, dict[str, str]]
) -> tuple[dict[tuple[str, str], str], frozenset[str], list[tuple[str, str]]]:
    """The one-line errors of a graded submission's test cells, the questions it left blank, and the
    keys of its cells in the order its notebooks have them."""
    errors, blank, order = {}, set(), []
    for notebook in sorted({c.notebook for c in cells} | set(solutions)):
        path = course.autograded / student / assignment / f"{notebook}.ipynb"
        if not path.is_file():
            raise StatsError(
                f"no autograded notebook {path} for {student}'s graded {assignment}: "
                f"grade it again (antiplan grade {assignment})"
            )
        try:
            names, found = cell_errors(path)
        except UnreadableNotebookError as error:
            raise StatsError(str(error)) from None
        order += [(notebook, name) for name in names]
        for cell in cells:
            if cell.notebook == notebook and cell.autograded and cell.grade_id in found:
                errors[cell.key] = found[cell.grade_id][1]
        for name, question in solutions.get(notebook, {}).items():
            if found.get(name, ("",))[0] == BLANK_ERROR:
                blank.add(question)
    return errors, frozenset(blank), order


def _in_order(cells: list[Cell], order: list[tuple[str, str]]) -> list[Cell]:
    """``cells`` in the order of an autograded notebook (nbgrader's tables keep none); a cell it
    lacks goes last, by name."""
    place = {key: index for index, key in enumerate(order)}
    return sorted(cells, key=lambda c: (place.get(c.key, len(place)), c.notebook, c.grade_id))


def gather(course, assignment: str) -> ClassResults:
    """Every cell of ``assignment`` and every student's submission of it, from the ``course``
    (an ``antiplan.course.Course``). Raises ``StatsError`` on bad input."""
    from nbgrader.api import Assignment, Student
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    engine = _engine(course)
    address = _address(course.db_url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("assignment"):
                raise StatsError(f"the gradebook at {address} is empty (no nbgrader tables): grade an assignment first")
            failures = _failures(connection, course.course_id, assignment)
            with Session(bind=connection) as session:
                known = sorted(name for (name,) in session.query(Assignment.name))
                if not known:
                    raise StatsError(f"the gradebook at {address} holds no assignment: grade an assignment first")
                found = session.query(Assignment.id).filter(Assignment.name == assignment).one_or_none()
                if found is None:
                    raise StatsError(f"no assignment {assignment!r} in the gradebook; known: {', '.join(known)}")
                cells, solutions = _cells(session, found.id)
                scores = _scores(session, found.id)
                roster = {student for (student,) in session.query(Student.id)}
    except SQLAlchemyError as error:
        first = str(error.orig if getattr(error, "orig", None) is not None else error).strip().splitlines()
        raise StatsError(
            f"cannot read the gradebook at {address}: {first[0] if first else type(error).__name__}"
        ) from None
    finally:
        engine.dispose()

    graded = set(scores) - set(failures)
    if not graded:
        failed = f" ({len(failures)} could not be graded: see antiplan export)" if failures else ""
        raise StatsError(
            f"no submission of {assignment} is graded{failed}: grade it first (antiplan grade {assignment})"
        )
    handed_in = _handed_in(course.submitted, assignment)
    submissions, order = [], []
    for student in sorted(roster | set(scores) | set(failures) | handed_in):
        if student in failures:
            submissions.append(Submission(student, FAILED, reason=failures[student]))
        elif student in graded:
            errors, blank, seen = _read_notebooks(course, assignment, student, cells, solutions)
            order = order or seen
            submissions.append(Submission(student, GRADED, scores=scores[student], errors=errors, blank=blank))
        elif student in handed_in:
            submissions.append(Submission(student, NOT_GRADED, reason="handed in but not in the gradebook"))
        else:
            submissions.append(Submission(student, MISSING))
    return ClassResults(assignment=assignment, cells=_in_order(cells, order), submissions=submissions)
