"""Grades one submission, in-process, with nbgrader's own ``Autograde`` converter.

This is what ``nbgrader autograde ASSIGNMENT --student STUDENT`` does, without starting the
``nbgrader`` command: the same sanitize steps (outputs cleared, locked and test cells restored from
the gradebook, deleted test cells put back), the same execution (here ``LimitedExecute``, in a
sandboxed kernel), the same saving of grades. A worker process calls ``grade`` for one submission
after another; only the kernel starts anew each time.
"""

from __future__ import annotations

import logging
import re
import time
import traceback
import warnings
from dataclasses import asdict, dataclass

from traitlets.config import Config

from ..course import Course
from ..variants.economy import grading_economy
from . import execute, sandbox
from .limits import Limits

GRADED = "graded"
FAILED = "failed"


@dataclass
class Outcome:
    student: str
    status: str
    reason: str = ""
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    final: bool = True
    """False when the grader itself failed (not the submission): a rerun tries again."""

    def to_dict(self) -> dict:
        return asdict(self)


def autograde_config(course: Course, limits: Limits) -> Config:
    """The course's nbgrader configuration with our execute step and limits in place of nbgrader's."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    config = Config()
    config.merge(course.config)
    config.Autograde.autograde_preprocessors = [
        execute.LimitedExecute,
        IgnorePattern,
        ClearMetadataPreprocessor,
        LimitOutput,
        SaveAutoGrades,
        AssignLatePenalties,
        CheckCellMetadata,
    ]
    config.OverwriteCells.add_missing_cells = True
    config.LimitedExecute.timeout = max(1, int(limits.cell_timeout))
    config.LimitedExecute.notebook_timeout = float(limits.notebook_timeout)
    config.LimitedExecute.output_limit = int(limits.output)
    config.LimitedExecute.iopub_timeout = max(1, int(limits.iopub_timeout))
    config.LimitedExecute.startup_timeout = max(1, int(limits.startup_timeout))
    config.LimitedExecute.interrupt_on_timeout = True
    config.LimitedExecute.raise_on_iopub_timeout = True
    # Every output is in by the time the kernel is stopped: waiting for it to exit on its own costs
    # a tenth of a short notebook's time, and the sandbox ends whatever it left running.
    config.LimitedExecute.shutdown_kernel = "immediate"
    return config


def _quiet_logging() -> logging.Logger:
    from traitlets.log import get_logger

    warnings.filterwarnings("ignore", module="nbgrader")
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    try:
        from sqlalchemy.exc import SAWarning

        warnings.filterwarnings("ignore", category=SAWarning)
    except ImportError:
        pass

    logger = get_logger()
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger


_ERROR_LINE = re.compile(r"^\[ERROR\] (.*)$", re.MULTILINE)
_EXCEPTION_LINE = re.compile(r"^\s*([A-Za-z_][\w.]*(?:Error|Exception|Warning)): (.*)$", re.MULTILINE)


def _reason_from_log(log: str, error: str) -> str:
    """The most telling line of nbgrader's log, for a failure we did not see ourselves."""
    exceptions = [m for m in _EXCEPTION_LINE.findall(log or "") if m[0].split(".")[-1] != "NbGraderException"]
    if exceptions:
        name, message = exceptions[-1]
        return f"nbgrader could not grade it: {name.split('.')[-1]}: {message.strip()}"
    lines = [line.strip() for line in _ERROR_LINE.findall(log or "")]
    lines = [line for line in lines if line and not line.startswith(("There was an error", "Please see", "Traceback"))]
    if lines:
        return f"nbgrader could not grade it: {lines[-1]}"
    tail = [line for line in (error or "").strip().splitlines() if line.strip()]
    return f"nbgrader could not grade it: {tail[-1] if tail else 'no message'}"


def read_score(course: Course, assignment: str, student: str) -> tuple[float | None, float | None]:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(course.db_url, course.course_id) as gb:
        try:
            found = gb.find_submission(assignment, student)
        except MissingEntry:
            return None, None
        return float(found.score), float(found.max_score)


def grade(course: Course, assignment: str, student: str, limits: Limits, slot: sandbox.Slot) -> Outcome:
    """Autograde one submission and say how it went."""
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log

    started = time.monotonic()
    execute.RECORD = execute.Record()
    sandbox.CURRENT = slot
    slot.stops = []
    # A variant's economy comes from the course's source/, by the submission's id: never from the notebook.
    economy = grading_economy(course.source, assignment, student)
    slot.economy = economy.to_dict() if economy is not None else None
    _quiet_logging()
    coursedir = course.coursedir(assignment, student)
    app = Autograde(coursedir=coursedir, config=autograde_config(course, limits))
    app.force = True
    app.create_student = True
    try:
        result = capture_log(app)
    finally:
        slot.clean()
    record = execute.RECORD
    seconds = time.monotonic() - started
    notes = "; ".join(record.notes)
    if slot.stops:  # the sandbox or the kernel's client saw why better than the steps that failed after it
        name = record.fatal.split(": ", 1)[0] + ": " if record.fatal and ": " in record.fatal else ""
        return Outcome(student, FAILED, name + slot.stops[0] + (f" ({notes})" if notes else ""), seconds=seconds)
    if record.fatal:
        return Outcome(student, FAILED, record.fatal + (f" ({notes})" if notes else ""), seconds=seconds)
    if not result["success"]:
        error = result.get("error", "")
        final = "OperationalError" not in error and "database" not in error.lower()
        return Outcome(student, FAILED, _reason_from_log(result.get("log", ""), error), seconds=seconds, final=final)
    try:
        score, max_score = read_score(course, assignment, student)
    except Exception as error:  # noqa: BLE001 - the database failed, not the submission
        return Outcome(student, FAILED, f"the gradebook could not be read: {error}", seconds=seconds, final=False)
    if score is None:
        return Outcome(student, FAILED, "nbgrader recorded no submission", seconds=seconds, final=False)
    return Outcome(student, GRADED, notes, score, max_score, seconds=seconds)


def grade_safely(course: Course, assignment: str, student: str, limits: Limits, slot: sandbox.Slot) -> Outcome:
    """``grade``, and whatever goes wrong grading a submission fails it alone, with the error in one line."""
    started = time.monotonic()
    try:
        return grade(course, assignment, student, limits, slot)
    except RecursionError:
        reason = "the grader ran out of stack on this submission (something in it is nested too deeply)"
        return Outcome(student, FAILED, reason, seconds=time.monotonic() - started)
    except MemoryError:
        reason = "the grader ran out of memory on this submission"
        return Outcome(student, FAILED, reason, seconds=time.monotonic() - started, final=False)
    except Exception:  # noqa: BLE001 - never let one submission stop the batch
        last = " ".join(traceback.format_exc().strip().splitlines()[-1].split())[:300]
        reason = f"the grader failed on this submission: {last}"
        return Outcome(student, FAILED, reason, seconds=time.monotonic() - started, final=False)
