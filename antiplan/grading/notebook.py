"""Reading an assignment notebook: its questions, test cells and stated points.

Cells follow one naming scheme (``nbgrader`` metadata ``grade_id``): ``q3_answer`` is question 3's
answer, ``q3_test_value`` one of its tests, ``q3_prompt`` its wording. A test cell whose code
holds ``# Hidden test`` is run at grading only: its checks are not in the student's copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nbformat

HIDDEN_MARK = "# Hidden test"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
_QUESTION = re.compile(r"^(q\d+)_")


@dataclass(frozen=True)
class TestCell:
    """One test cell of an assignment."""

    question: str
    grade_id: str
    points: float
    description: str
    source: str
    hidden: bool
    index: int


def nbgrader_meta(cell) -> dict:
    """The cell's nbgrader metadata (empty if it has none)."""
    return dict(cell.get("metadata", {}).get("nbgrader", {}))


def question_of(grade_id: str) -> str | None:
    """``"q3"`` for ``"q3_test_value"``; ``None`` for a cell outside any question."""
    match = _QUESTION.match(grade_id or "")
    return match.group(1) if match else None


def strip_hidden(source: str) -> str:
    """``source`` without its hidden-test regions (as in the student's copy)."""
    out, hidden = [], False
    for line in source.split("\n"):
        if BEGIN_HIDDEN in line:
            hidden = True
        elif END_HIDDEN in line:
            hidden = False
        elif not hidden:
            out.append(line)
    return "\n".join(out)


def docstring(source: str) -> str:
    """The first line of the test's docstring (what it checks), or an empty string."""
    match = re.search(r'"""(.*?)(?:"""|\n)', source)
    return match.group(1).strip() if match else ""


def test_cells(nb) -> list[TestCell]:
    """Every autograded test cell of the notebook ``nb``, in order."""
    tests = []
    for index, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        grade_id = meta.get("grade_id", "")
        source = cell.source
        tests.append(
            TestCell(
                question=question_of(grade_id) or grade_id,
                grade_id=grade_id,
                points=float(meta.get("points", 0)),
                description=docstring(source),
                source=strip_hidden(source),
                hidden=HIDDEN_MARK in source or BEGIN_HIDDEN in source,
                index=index,
            )
        )
    return tests


def read(path) -> nbformat.NotebookNode:
    """The notebook at ``path`` (nbformat 4)."""
    return nbformat.read(str(path), as_version=4)
