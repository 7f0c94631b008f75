"""Reading an assignment notebook: its questions, test cells, stated points, solutions and secrets.

Cells follow one naming scheme (``nbgrader`` metadata ``grade_id``): ``q3_answer`` is question 3's
answer, ``q3_test_value`` one of its tests, ``q3_prompt`` its wording. A test cell whose code
holds ``# Hidden test`` is run at grading only: its checks are not in the student's copy.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass

import nbformat

HIDDEN_MARK = "# Hidden test"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
_SOLUTION = re.compile(re.escape(BEGIN_SOLUTION) + r"\n(.*?)\n?" + re.escape(END_SOLUTION), re.S)
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
    """Run at grading only: the cell checks nothing in the student's copy (it holds ``# Hidden test``)."""
    index: int
    hidden_checks: bool = False
    """Holds checks that run at grading only (a hidden region), beside any it runs in the student's copy."""


def nbgrader_meta(cell) -> dict:
    """The cell's nbgrader metadata (empty if it has none)."""
    return dict(cell.get("metadata", {}).get("nbgrader", {}))


def question_of(grade_id: str) -> str | None:
    """``"q3"`` for ``"q3_test_value"``; ``None`` for a cell outside any question."""
    match = _QUESTION.match(grade_id or "")
    return match.group(1) if match else None


def _split_region(source: str, begin: str, end: str) -> tuple[list[str], list[str]]:
    """The lines of ``source`` inside the regions between ``begin`` and ``end`` marker lines, and the
    lines outside them (the marker lines themselves in neither)."""
    inside, outside, within = [], [], False
    for line in source.split("\n"):
        if begin in line:
            within = True
        elif end in line:
            within = False
        else:
            (inside if within else outside).append(line)
    return inside, outside


def strip_hidden(source: str) -> str:
    """``source`` without its hidden-test regions (as in the student's copy)."""
    return "\n".join(_split_region(source, BEGIN_HIDDEN, END_HIDDEN)[1])


def docstring(source: str) -> str:
    """The first line of the test's docstring (what it checks), or an empty string."""
    match = re.search(r'"""(.*?)(?:"""|\n)', source)
    return match.group(1).strip() if match else ""


def checks_only_at_grading(source: str) -> bool:
    """Whether a test cell's ``source`` checks nothing in the student's copy (it holds ``# Hidden test``)."""
    return HIDDEN_MARK in source


def has_hidden_checks(source: str) -> bool:
    """Whether a test cell's ``source`` holds checks that run at grading only (a hidden region, or all of it)."""
    return HIDDEN_MARK in source or BEGIN_HIDDEN in source


def is_test_cell(cell) -> bool:
    """Whether ``cell`` is an autograded test cell (nbgrader: a graded code cell that is not a solution)."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def test_cells(nb) -> list[TestCell]:
    """Every autograded test cell of the notebook ``nb``, in order."""
    tests = []
    for index, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if not is_test_cell(cell):
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
                hidden=checks_only_at_grading(source),
                index=index,
                hidden_checks=has_hidden_checks(source),
            )
        )
    return tests


def read(path) -> nbformat.NotebookNode:
    """The notebook at ``path`` (nbformat 4)."""
    return nbformat.read(str(path), as_version=4)


def cells_by_grade_id(nb) -> dict[str, nbformat.NotebookNode]:
    """The notebook's cells that have an nbgrader grade id, by that id."""
    return {nbgrader_meta(c)["grade_id"]: c for c in nb.cells if nbgrader_meta(c).get("grade_id")}


def solution_code(source: str) -> str:
    """The code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (all of ``source`` if none)."""
    match = _SOLUTION.search(source)
    return match.group(1) if match else source


def answer_names(code: str) -> tuple[list[str], dict[str, int]]:
    """Top-level assigned names and functions (with their number of arguments) of ``code``."""
    names, functions = [], {}
    for node in ast.parse(textwrap.dedent(code)).body:
        if isinstance(node, ast.FunctionDef):
            functions[node.name] = len(node.args.args)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
    return names, functions


def _region_lines(source: str, begin: str, end: str) -> list[str]:
    return [line.strip() for line in _split_region(source, begin, end)[0]]


def secret_lines(nb) -> dict[str, set[str]]:
    """The lines of an instructor's notebook that must never reach a student, by kind: ``solution``,
    ``hidden test`` and ``mark scheme``.

    Short or generic lines (under 16 characters) and lines that also appear outside the secret
    regions are left out: they give nothing away.
    """
    solution, hidden, scheme, public = set(), set(), set(), set()
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        text = cell.source
        if meta.get("solution") and cell.cell_type == "markdown":
            scheme.update(line.strip() for line in text.split("\n"))
            continue
        if meta.get("solution"):
            solution.update(_region_lines(text, BEGIN_SOLUTION, END_SOLUTION))
        hidden.update(_region_lines(text, BEGIN_HIDDEN, END_HIDDEN))
        outside = text
        for begin, end in ((BEGIN_SOLUTION, END_SOLUTION), (BEGIN_HIDDEN, END_HIDDEN)):
            outside = re.sub(re.escape(begin) + ".*?" + re.escape(end), "", outside, flags=re.S)
        public.update(line.strip() for line in outside.split("\n"))

    def keep(lines):
        return {line for line in lines if len(line) >= 16 and line not in public and "BEGIN" not in line}

    return {"solution": keep(solution), "hidden test": keep(hidden), "mark scheme": keep(scheme)}
