"""A tiny nbgrader course for the autograder's tests and benchmark, built in any folder.

One assignment, ``ps1``, with one notebook, ``ps1.ipynb``: three answers and three test cells worth
2 + 1 + 1 points. The tests use the hardened helpers of ``antiplan.grading.asserts`` and carry hidden
tests. The folder names are not nbgrader's defaults (``exercises``, ``autograder/submitted``, ...),
so that the grader has to read them from ``nbgrader_config.py``.

``build_course(root)`` writes the course and runs ``generate_assignment`` (which fills the gradebook);
``submit(root, student, cells)`` hands in the student copy with the given answer cells.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat

ASSIGNMENT = "ps1"
NOTEBOOK = "ps1.ipynb"
MAX_SCORE = 4.0

CONFIG = """\
c = get_config()  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "tiny"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "autograder/submitted"
c.CourseDirectory.autograded_directory = "autograder/autograded"
c.CourseDirectory.feedback_directory = "autograder/feedback"
c.CourseDirectory.db_url = {db_url!r}
c.ExecutePreprocessor.timeout = {timeout}
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
c.ExportApp.plugin_class = "antiplan.autograde.export.StatusCsvExport"
"""

FRESH = 'import sys\nsys.modules.pop("antiplan.grading.asserts", None)\n'

SQUARE = """\
def square(x):
    ### BEGIN SOLUTION
    return x * x
    ### END SOLUTION
"""

TEST_SQUARE = (
    FRESH
    + """\
from antiplan.grading.asserts import call, expect_close
_ = expect_close(call(square, (3,), "square(3)"), 9.0, "square(3)")
### BEGIN HIDDEN TESTS
_ = expect_close(call(square, (-4,), "square(-4)"), 16.0, "square(-4)")
### END HIDDEN TESTS
"""
)

GAP = """\
import antiplan
### BEGIN SOLUTION
gap = float(antiplan.simulate("command", seed=1, periods=4, enterprises=20).summary["statistics_gap"])
### END SOLUTION
"""

TEST_GAP = (
    FRESH
    + """\
from antiplan.grading.asserts import expect_close, expect_number, model
_ = expect_number(gap, "gap")
### BEGIN HIDDEN TESTS
expected = model(
    "import antiplan\\n"
    "result = float(antiplan.simulate('command', seed=1, periods=4, enterprises=20).summary['statistics_gap'])"
)
_ = expect_close(gap, expected, "gap")
### END HIDDEN TESTS
"""
)

MEAN = """\
import numpy as np
values = [1.0, 2.0, 3.0, 6.0]
### BEGIN SOLUTION
mean = float(np.mean(values))
### END SOLUTION
"""

TEST_MEAN = (
    FRESH
    + """\
from antiplan.grading.asserts import expect_close
### BEGIN HIDDEN TESTS
_ = expect_close(mean, 3.0, "mean")
### END HIDDEN TESTS
"""
)

# The answers a good student writes, by grade id of the answer cell.
GOOD = {
    "square": "def square(x):\n    return x * x\n",
    "gap": GAP.replace("### BEGIN SOLUTION\n", "").replace("### END SOLUTION\n", ""),
    "mean": "import numpy as np\nvalues = [1.0, 2.0, 3.0, 6.0]\nmean = float(np.mean(values))\n",
}


def _cell(source: str, *, grade_id: str, solution: bool = False, points: float | None = None, kind="code"):
    maker = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = maker(source)
    meta = {"grade": points is not None, "grade_id": grade_id, "locked": not solution, "schema_version": 3}
    meta["solution"] = solution
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    return cell


def source_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        _cell("# Problem set 1\nAnswer each question in the cell below it.", grade_id="intro", kind="markdown"),
        _cell(SQUARE, grade_id="square", solution=True),
        _cell(TEST_SQUARE, grade_id="test_square", points=2),
        _cell(GAP, grade_id="gap", solution=True),
        _cell(TEST_GAP, grade_id="test_gap", points=1),
        _cell(MEAN, grade_id="mean", solution=True),
        _cell(TEST_MEAN, grade_id="test_mean", points=1),
    ]
    return nb


def build_course(root: Path, *, db_url: str | None = None, timeout: int = 30) -> Path:
    """Write the course in ``root`` and generate the student copy (filling the gradebook)."""

    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    from antiplan.course import ensure_tools_on_path

    ensure_tools_on_path()
    root = Path(root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    db_url = db_url or f"sqlite:///{root / 'gradebook.db'}"
    (root / "nbgrader_config.py").write_text(CONFIG.format(root=str(root), db_url=db_url, timeout=timeout))
    folder = root / "source" / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(source_notebook(), folder / NOTEBOOK)
    (folder / "data.csv").write_text("x\n1\n2\n")
    config = Config()
    exec(
        compile((root / "nbgrader_config.py").read_text(), "nbgrader_config.py", "exec"), {"get_config": lambda: config}
    )
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    result = api.generate_assignment(ASSIGNMENT, force=True)
    if not result["success"]:
        raise RuntimeError(result.get("log"))
    return root


def student_copy(root: Path) -> nbformat.NotebookNode:
    return nbformat.read(Path(root) / "exercises" / ASSIGNMENT / NOTEBOOK, as_version=4)


def answer(nb: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """Fill the answer cells named in ``answers`` (by grade id); the others keep the stub."""
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def submission_folder(root: Path, student: str) -> Path:
    return Path(root) / "autograder" / "submitted" / student / ASSIGNMENT


def submit(
    root: Path,
    student: str,
    answers: dict[str, str] | None = None,
    *,
    nb=None,
    raw: bytes | None = None,
    name: str = NOTEBOOK,
) -> Path:
    """Hand in a notebook for ``student``: good answers by default, or ``nb``, or ``raw`` bytes."""
    folder = submission_folder(root, student)
    folder.mkdir(parents=True, exist_ok=True)
    release = Path(root) / "exercises" / ASSIGNMENT
    for extra in release.iterdir():
        if extra.suffix != ".ipynb":
            shutil.copy(extra, folder / extra.name)
    path = folder / name
    if raw is not None:
        path.write_bytes(raw)
    else:
        if nb is None:
            nb = answer(student_copy(root), {**GOOD, **(answers or {})})
        nbformat.write(nb, path)
    (folder / "timestamp.txt").write_text("2026-11-01 12:00:00.000000 UTC")
    os.utime(path)
    return path


def read_report(path: Path) -> dict:
    report = json.loads(Path(path).read_text())
    report["by_student"] = {row["student"]: row for row in report["students"]}
    return report


def course_base() -> Path:
    """Where a test course lives: outside /tmp when sandboxing (the sandbox covers /tmp with its own)."""
    import tempfile

    if os.geteuid() == 0 and os.path.isdir("/srv"):
        return Path(tempfile.mkdtemp(prefix="antiplan-autograde-test-", dir="/srv"))
    return Path(tempfile.mkdtemp(prefix="antiplan-autograde-test-"))


def run_grader(root: Path, *args: str, timeout: float = 900, **popen):
    """Run ``python -m antiplan.autograde`` on the course in ``root``; returns the finished process."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "antiplan.autograde", ASSIGNMENT, "--course", str(root), "--quiet", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, **popen)


def gradebook_scores(root: Path, db_url: str | None = None) -> dict[str, float]:
    """Each student's score for ``ps1`` as nbgrader's gradebook has it, and how many submissions it holds."""
    from nbgrader.api import Gradebook

    db_url = db_url or f"sqlite:///{Path(root) / 'gradebook.db'}"
    with Gradebook(db_url, "tiny") as gb:
        assignment = gb.find_assignment(ASSIGNMENT)
        return {s.student.id: float(s.score) for s in assignment.submissions}
