"""Which submissions there are, and whether their notebooks can be read at all.

A notebook that is missing, renamed, empty or not valid JSON is found here, before grading, and the
submission fails with that reason: nbgrader itself would skip it and score it 0 without a word. So
is one that no later step could read safely: larger than ``Limits.notebook_size``, nested deeper
than ``MAX_DEPTH`` levels (checked on the text, so that no parser runs out of stack), with more than
``MAX_CELLS`` cells, or valid JSON whose cells are not cells. Whatever else goes wrong while
reading a submission fails that submission alone, with the error in one line.

A submission is read as plain files: a symbolic link anywhere in it (the notebook, a data file, a
folder, the submission's folder itself) fails it with that reason, and is never followed (nbgrader
would copy what it points to: the instructor's notebook, another student's, the gradebook).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import numpy as np

from ..course import Course
from .limits import MAX_CELLS, MAX_DEPTH, MB, Limits


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


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _depth(raw: bytes) -> int:
    """How deeply the JSON text ``raw`` nests (the notebook itself is level 1), without parsing it.

    Only for text that is valid JSON (every string closed): the strings are dropped, then the brackets counted.
    """
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    level = deepest = 0
    step = 1 << 22
    for start in range(0, len(brackets), step):
        chunk = np.frombuffer(brackets, dtype=np.uint8, count=min(step, len(brackets) - start), offset=start)
        levels = level + np.cumsum(np.where((chunk == ord("[")) | (chunk == ord("{")), 1, -1), dtype=np.int64)
        deepest, level = max(deepest, int(levels.max())), int(levels[-1])
    return deepest


def _kind(value) -> str:
    names = {str: "text", dict: "an object", list: "a list", bool: "true or false", type(None): "null"}
    return names.get(type(value), "a number")


def _shape_problem(data: dict) -> str | None:
    """Why the parsed JSON is not shaped like a notebook (cells, their sources, metadata), in words."""
    if not isinstance(data.get("metadata", {}), dict):
        return f"its metadata is {_kind(data['metadata'])}, not an object"
    cells = data["cells"]
    if not isinstance(cells, list):
        return f"its cells are {_kind(cells)}, not a list"
    if len(cells) > MAX_CELLS:
        return f"it has {len(cells):,} cells; the limit is {MAX_CELLS:,}"
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            return f"cell {number} is {_kind(cell)}, not a cell"
        kind = cell.get("cell_type")
        if kind not in ("code", "markdown", "raw"):
            shown = repr(kind)[:40] if isinstance(kind, str) else _kind(kind)
            return f"cell {number} has cell_type {shown}, not code, markdown or raw"
        source = cell.get("source", "")
        if not (isinstance(source, str) or isinstance(source, list) and all(isinstance(x, str) for x in source)):
            return f"the source of cell {number} is {_kind(source)}, not text"
        metadata = cell.get("metadata", {})
        if not isinstance(metadata, dict):
            return f"the metadata of cell {number} is {_kind(metadata)}, not an object"
        if not isinstance(metadata.get("nbgrader", {}), dict):
            return f"the nbgrader metadata of cell {number} is {_kind(metadata['nbgrader'])}, not an object"
    return None


def _amount(size: int) -> str:
    for unit, name in ((MB, "MB"), (1024, "KB")):
        if size >= unit:
            return f"{round(size / unit, 1):g} {name}"
    return f"{size} bytes"


def _problem(path: Path, limits: Limits | None = None) -> str | None:
    name = path.name
    limit = (limits or Limits()).notebook_size
    try:
        size = path.stat().st_size
        if size > limit:
            return f"{name} is {_amount(size)}; the limit is {_amount(limit)} per notebook"
        raw = path.read_bytes()
    except OSError as error:
        return f"{name} cannot be read ({error.strerror or error})"
    if len(raw) > limit:  # it grew since
        return f"{name} is {_amount(len(raw))}; the limit is {_amount(limit)} per notebook"
    if not raw.strip():
        return f"{name} is empty ({len(raw)} bytes)"
    deep = f"{name} is nested deeper than {MAX_DEPTH} levels (a notebook has about 10): it cannot be graded safely"
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        return f"{name} is not text (not UTF-8): it is not a notebook"
    except json.JSONDecodeError as error:
        return (
            f"{name} is not a notebook: it is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        )
    except RecursionError:
        return deep
    if _depth(raw) > MAX_DEPTH:
        return deep
    if isinstance(data, dict) and "nbformat" in data and (data.get("nbformat") != 4 or "cells" not in data):
        problem = _format_problem(name, data)
        if problem:
            return problem
    if not isinstance(data, dict) or "cells" not in data:
        return f"{name} is valid JSON but not a notebook (no list of cells)"
    shape = _shape_problem(data)
    if shape:
        return f"{name} is not a valid notebook: {shape}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat's advice on missing cell ids is not the student's problem
            nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
            nbformat.validate(nb)
    except Exception as error:  # nbformat raises several kinds; all mean the same to a student
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"{name} is not a valid notebook: {first}"
    return None


def inspect(
    course: Course, assignment: str, student: str, notebooks: list[str], limits: Limits | None = None
) -> Submission:
    """Look at one submission: are the expected notebooks there and readable?

    Never raises: whatever goes wrong reading it is a problem of this submission, in one line.
    """
    folder = course.submitted / student / assignment
    submission = Submission(student=student, assignment=assignment, folder=folder, notebooks=notebooks)
    try:
        _inspect(course, submission, limits)
    except Exception as error:  # noqa: BLE001 - one odd submission must not stop the batch
        submission.problems.append(f"the submission could not be read: {one_line(error)}")
    if not submission.fingerprint:
        try:
            submission.fingerprint = fingerprint(folder)
        except Exception:  # noqa: BLE001 - without one, a rerun reads it again
            submission.fingerprint = ""
    return submission


def one_line(error: BaseException) -> str:
    """``Type: message``, on one line and at most 300 characters."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}"[:300] if text else type(error).__name__


def _inspect(course: Course, submission: Submission, limits: Limits | None) -> None:
    folder, notebooks = submission.folder, submission.notebooks
    linked = links(course, submission.student, submission.assignment)
    if linked:
        shown = ", ".join(linked[:3]) + (f" and {len(linked) - 3} more" if len(linked) > 3 else "")
        submission.problems.append(
            f"the submission holds symbolic links ({shown}): a submission must be plain files; links are not followed"
        )
        submission.fingerprint = fingerprint(folder)
        return
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
        try:
            problem = _problem(path, limits)
        except Exception as error:  # noqa: BLE001 - e.g. out of memory: this notebook fails, not the batch
            problem = f"{path.name} could not be read: {one_line(error)}"
        if problem:
            submission.problems.append(problem)
    submission.fingerprint = fingerprint(folder)


def fingerprint(folder: Path) -> str:
    """A hash of every file in the submission: a rerun regrades a submission only when this changes."""
    digest = hashlib.sha256()
    if folder.is_dir() and not folder.is_symlink():
        files = []
        for parent, dirnames, filenames in os.walk(folder):  # never into a linked folder
            files += [Path(parent) / name for name in [*dirnames, *filenames]]
        for path in sorted(files):
            digest.update(os.fsencode(path.relative_to(folder)) + b"\0")  # any file name, UTF-8 or not
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
