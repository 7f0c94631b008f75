"""Which submissions there are, and whether their notebooks can be read at all.

A notebook that is missing, renamed, empty or not valid JSON is found here, before grading, and the
submission fails with that reason: nbgrader itself would skip it and score it 0 without a word.

A submission is read as plain files: a symbolic link anywhere in it (the notebook, a data file, a
folder, the submission's folder itself) fails it with that reason, and is never followed (nbgrader
would copy what it points to: the instructor's notebook, another student's, the gradebook).
"""

from __future__ import annotations

import hashlib
import json
import os
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
        # a linked folder is listed too, to be refused with a reason rather than skipped in silence
    )


def links(course: Course, student: str, assignment: str) -> list[str]:
    """The symbolic links of a submission, each as "path -> target", relative to the submitted folder."""
    found: list[str] = []

    def describe(path: Path) -> str:
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"{path.relative_to(course.submitted)} -> {target}"

    for path in (course.submitted / student, course.submitted / student / assignment):
        if path.is_symlink():
            return [describe(path)]
    for folder, dirnames, filenames in os.walk(course.submitted / student / assignment):
        for name in sorted([*dirnames, *filenames]):
            path = Path(folder) / name
            if path.is_symlink():
                found.append(describe(path))
    return found


def _format_problem(name: str, data: dict) -> str | None:
    version = data.get("nbformat")
    if version == 4:
        return None
    if isinstance(version, int) and version < 4:
        return (
            f"{name} is in notebook format {version}, which is not supported: open it in Jupyter and save it "
            "(that writes format 4), or run: jupyter nbconvert --to notebook --inplace " + name
        )
    return f"{name} has notebook format {version!r}; only format 4 is supported"


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
    if isinstance(data, dict) and "nbformat" in data and (data.get("nbformat") != 4 or "cells" not in data):
        problem = _format_problem(name, data)
        if problem:
            return problem
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
    linked = links(course, student, assignment)
    if linked:
        shown = ", ".join(linked[:3]) + (f" and {len(linked) - 3} more" if len(linked) > 3 else "")
        submission.problems.append(
            f"the submission holds symbolic links ({shown}): a submission must be plain files; links are not followed"
        )
        submission.fingerprint = fingerprint(folder)
        return submission
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
    if folder.is_dir() and not folder.is_symlink():
        files = []
        for parent, dirnames, filenames in os.walk(folder):  # never into a linked folder
            files += [Path(parent) / name for name in [*dirnames, *filenames]]
        for path in sorted(files):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            if path.is_symlink():
                digest.update(b"<link>" + os.readlink(path).encode(errors="replace") + b"\0")
                continue
            if not path.is_file():
                continue
            try:
                with path.open("rb") as handle:
                    for block in iter(lambda h=handle: h.read(1 << 20), b""):
                        digest.update(block)
            except OSError:
                digest.update(b"<unreadable>")
            digest.update(b"\0")
    return digest.hexdigest()[:32]
