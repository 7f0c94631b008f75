"""Which submissions there are, and whether their notebooks can be read at all.

A notebook that is missing, renamed, empty or not valid JSON is found here, before grading, and the
submission fails with that reason: nbgrader itself would skip it and score it 0 without a word.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..course import Course


@dataclass
class Submission:
    student: str
    assignment: str
    folder: Path
    notebooks: list[str]
    problems: list[str] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def readable(self) -> bool:
        return not self.problems


def expected_notebooks(course: Course, assignment: str) -> list[str]:
    """The notebooks of ``assignment`` by name (no ``.ipynb``), from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(course.db_url, course.course_id) as gb:
        try:
            found = gb.find_assignment(assignment)
        except MissingEntry:
            raise LookupError(
                f"assignment {assignment!r} is not in the gradebook ({course.db_url}): "
                f"run 'nbgrader generate_assignment {assignment}' first"
            ) from None
        return sorted(notebook.name for notebook in found.notebooks)


def students(course: Course, assignment: str) -> list[str]:
    """Every student with a folder for ``assignment`` under the submitted folder."""
    if not course.submitted.is_dir():
        return []
    return sorted(
        child.name
        for child in course.submitted.iterdir()
        if child.is_dir() and not child.name.startswith(".") and (child / assignment).is_dir()
    )


def _problem(path: Path) -> str | None:
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as error:
        return f"{name} cannot be read ({error.strerror or error})"
    if not raw.strip():
        return f"{name} is empty ({len(raw)} bytes)"
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        return f"{name} is not text (not UTF-8): it is not a notebook"
    except json.JSONDecodeError as error:
        return (
            f"{name} is not a notebook: it is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        )
    if not isinstance(data, dict) or "cells" not in data:
        return f"{name} is valid JSON but not a notebook (no list of cells)"
    try:
        nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
        nbformat.validate(nb)
    except Exception as error:  # nbformat raises several kinds; all mean the same to a student
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"{name} is not a valid notebook: {first}"
    return None


def inspect(course: Course, assignment: str, student: str, notebooks: list[str]) -> Submission:
    """Look at one submission: are the expected notebooks there and readable?"""
    folder = course.submitted / student / assignment
    submission = Submission(student=student, assignment=assignment, folder=folder, notebooks=notebooks)
    present = {p.stem: p for p in folder.glob("*.ipynb") if p.is_file()} if folder.is_dir() else {}
    unknown = sorted(name for name in present if name not in notebooks)
    for name in notebooks:
        path = present.get(name)
        if path is None:
            if unknown:
                listed = ", ".join(f"{u}.ipynb" for u in unknown)
                submission.problems.append(
                    f"{name}.ipynb is missing; found {listed} instead (renamed? the notebook must keep its name)"
                )
            else:
                submission.problems.append(f"{name}.ipynb is missing from the submission")
            continue
        problem = _problem(path)
        if problem:
            submission.problems.append(problem)
    submission.fingerprint = fingerprint(folder)
    return submission


def fingerprint(folder: Path) -> str:
    """A hash of every file in the submission: a rerun regrades a submission only when this changes."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            try:
                with path.open("rb") as handle:
                    for block in iter(lambda h=handle: h.read(1 << 20), b""):
                        digest.update(block)
            except OSError:
                digest.update(b"<unreadable>")
            digest.update(b"\0")
    return digest.hexdigest()[:32]
