"""``antiplan check PATH.ipynb``: run a notebook and its visible tests, and print each question's result.

The notebook runs top to bottom in a fresh kernel, with its hidden-test regions taken out, as a
student's copy has them, and its tests run as the grader runs them: not in that kernel, but in a
clean process on the answers the kernel hands over (``antiplan.grading.split``). Each test cell
passes when it runs without an error.

    python -m antiplan.grading.selfcheck exercises/ch03/ch03.ipynb
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .notebook import nbgrader_meta, question_of, read, strip_hidden, test_cells
from .split import SplitRun


class _CheckClient(SplitRun, NotebookClient):
    """nbclient's runner, with the test cells run in a clean process as the grader runs them."""

    def note(self, text: str) -> None:
        print(f"antiplan check: {text}", file=sys.stderr)


@dataclass(frozen=True)
class TestResult:
    """The outcome of one test cell."""

    question: str
    grade_id: str
    description: str
    points: float
    status: str  # "passed", "failed", "hidden" (run at grading) or "manual" (graded by hand)
    message: str = ""


def _error_message(cell) -> str | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            return "the test wrote to stderr: " + output.get("text", "").strip().splitlines()[-1]
    return None


def check_notebook(path, *, timeout: int = 120, kernel_name: str = "python3") -> list[TestResult]:
    """Run the notebook at ``path`` with its visible tests and return one ``TestResult`` per test cell.

    Args:
        path: an assignment notebook (a student's copy, or the instructor's source).
        timeout: seconds any one cell may run.
        kernel_name: the Jupyter kernel to run it with.
    """
    path = Path(path)
    nb = read(path)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = strip_hidden(cell.source)
    client = _CheckClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    try:
        client.execute()
    finally:
        client.close_clean_run()
    results = []
    for test in test_cells(nb):
        cell = nb.cells[test.index]
        if test.hidden:
            status, message = "hidden", ""
        else:
            message = _error_message(cell)
            status = "failed" if message else "passed"
        results.append(TestResult(test.question, test.grade_id, test.description, test.points, status, message or ""))
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and meta.get("solution"):
            grade_id = meta.get("grade_id", "")
            question = question_of(grade_id) or grade_id
            what = "written answer, graded by hand" if cell.cell_type == "markdown" else "graded by hand"
            if "YOUR ANSWER HERE" in cell.source or "YOUR CODE HERE" in cell.source:
                what += ": not answered yet"
            results.append(TestResult(question, grade_id, what, float(meta.get("points", 0)), "manual"))

    def question_number(result: TestResult) -> int:
        digits = result.question[1:]
        return int(digits) if result.question.startswith("q") and digits.isdigit() else 10**6

    return sorted(results, key=question_number)


def report(results: list[TestResult]) -> str:
    """The results as text, question by question."""
    lines, questions = [], []
    for result in results:
        if result.question not in questions:
            questions.append(result.question)
    for question in questions:
        mine = [r for r in results if r.question == question]
        visible = [r for r in mine if r.status in ("passed", "failed")]
        if not visible:
            lines.append(f"{question}: no visible tests")
        else:
            ok = all(r.status == "passed" for r in visible)
            lines.append(f"{question}: {'passes' if ok else 'FAILS'} its visible tests")
        for r in mine:
            mark = {"passed": "✓", "failed": "✗", "hidden": "?", "manual": "✎"}[r.status]
            note = {"hidden": " (hidden: checked when graded)", "manual": ""}.get(r.status, "")
            what = r.description.removeprefix(f"{question}: ") or r.grade_id
            lines.append(f"  {mark} {what} [{r.points:g} pt]{note}")
            if r.message:
                lines.append(f"      {r.message}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the report; exit status 0 when every visible test passes."""
    parser = argparse.ArgumentParser(prog="antiplan check", description=__doc__.splitlines()[0])
    parser.add_argument("notebook", help="the notebook to check, e.g. exercises/ch03/ch03.ipynb")
    parser.add_argument("--timeout", type=int, default=120, help="seconds any one cell may run")
    args = parser.parse_args(argv)
    if not Path(args.notebook).is_file():
        print(f"antiplan check: no such notebook: {args.notebook}", file=sys.stderr)
        return 2
    try:
        results = check_notebook(args.notebook, timeout=args.timeout)
    except nbformat.reader.NotJSONError:
        print(f"antiplan check: {args.notebook} is not a readable notebook", file=sys.stderr)
        return 2
    print(report(results))
    return 0 if all(r.status != "failed" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
