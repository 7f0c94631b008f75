"""Fast checks of the graded exercises: structure, points, leaks, the helpers and the self-check."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest
from grading_support import CHAPTERS, ROOT, read, secrets

from antiplan.grading import asserts as helpers
from antiplan.grading import notebook as notebook_cells
from antiplan.grading.notebook import nbgrader_meta

# ---------------------------------------------------------------- structure and points


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_points_are_stated_and_add_up(chapter):
    nb = read(ROOT / "source" / chapter / f"{chapter}.ipynb")
    graded = [nbgrader_meta(c) for c in nb.cells if nbgrader_meta(c).get("grade")]
    auto = sum(m["points"] for m in graded if not m.get("solution"))
    hand = sum(m["points"] for m in graded if m.get("solution"))
    header = nb.cells[0].source
    assert f"**Total: {auto + hand} points**: {auto} autograded" in header
    assert f"{hand} graded by hand" in header
    for cell in nb.cells:
        match = re.match(r"### Question (\d+).*\((\d+) points\)", cell.source)
        if match:
            q = f"q{match.group(1)}"
            stated = int(match.group(2))
            cells = [m for m in graded if m["grade_id"].startswith(q + "_")]
            assert sum(m["points"] for m in cells) == stated, (chapter, q)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_assignment_has_the_promised_questions(chapter):
    nb = read(ROOT / "source" / chapter / f"{chapter}.ipynb")
    tests = notebook_cells.test_cells(nb)
    questions = {t.question for t in tests}
    assert len(questions) >= 4  # three autograded questions and the dashboard question
    dashboard = [c for c in nb.cells if "dashboard(" in c.source and c.cell_type == "code"]
    assert len(dashboard) == 1 and not nbgrader_meta(dashboard[0]).get("grade")
    written = [c for c in nb.cells if c.cell_type == "markdown" and nbgrader_meta(c).get("grade")]
    assert written, f"{chapter} has no written answer"
    for cell in written:
        assert nbgrader_meta(cell).get("solution") and "### BEGIN MARK SCHEME" in cell.source
    for q in questions:
        mine = [t for t in tests if t.question == q]
        assert any(not t.hidden for t in mine), f"{chapter} {q} has no visible test"
        assert any(t.hidden_checks for t in mine), f"{chapter} {q} has no hidden test"
        assert all(t.description for t in mine), f"{chapter} {q}: a test without a docstring"


def test_exercises_are_up_to_date():
    """`exercises/` is exactly what `python -m antiplan.build.exercises` makes from `source/`."""
    from antiplan.build.exercises import check_exercises
    from antiplan.course import Course

    changes = check_exercises(Course.load(ROOT))
    assert not changes, "exercises/ is out of date; run `python -m antiplan.build.exercises`:\n" + "\n".join(changes)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_solution_hidden_test_or_mark_scheme_in_exercises(chapter):
    text = "\n".join(c.source for c in read(ROOT / "exercises" / chapter / f"{chapter}.ipynb").cells)
    for what, lines in secrets(chapter).items():
        assert lines, f"{chapter}: no {what} lines found in the source"
        for line in lines:
            assert line not in text, f"{chapter}: {what} in the student copy: {line}"
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME", "Model answer"):
        assert marker not in text


def test_nbgrader_config():
    config = (ROOT / "nbgrader_config.py").read_text()
    for line in (
        'c.CourseDirectory.source_directory = "source"',
        'c.CourseDirectory.release_directory = "exercises"',
        'c.CourseDirectory.submitted_directory = "autograder/submitted"',
        'c.CourseDirectory.autograded_directory = "autograder/autograded"',
        'c.CourseDirectory.feedback_directory = "autograder/feedback"',
        'c.CourseDirectory.db_url = "sqlite:///autograder/gradebook.db"',
        "c.OverwriteCells.add_missing_cells = True",
        '"antiplan.grading.hooks.StripHiddenTests"',
    ):
        assert line in config
    ignored = (ROOT / ".gitignore").read_text()
    for folder in ("autograder/submitted/", "autograder/autograded/", "autograder/feedback/", "autograder/*.db"):
        assert folder in ignored


# ---------------------------------------------------------------- the hardened helpers


class Anything(float):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __sub__(self, other):
        return Anything(0.0)

    def __abs__(self):
        return Anything(0.0)

    __hash__ = float.__hash__


class Everything:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class FakeNumpy(float):
    pass


FakeNumpy.__module__ = "numpy"
FakeNumpy.__name__ = "float64"


@pytest.mark.parametrize("cheat", [Anything(1.0), Everything(), FakeNumpy(1.0), True, np.array(1.0), "1.0"])
def test_answers_equal_to_everything_are_refused(cheat):
    with pytest.raises(helpers.Failed):
        helpers.expect_close(cheat, 1.0, "`x`")


@pytest.mark.parametrize("good", [1.0, 1, np.float64(1.0), np.float32(1.0), np.int64(1)])
def test_plain_numbers_are_accepted(good):
    helpers.expect_close(good, 1.0, "`x`")


def test_messages_are_written_for_the_student():
    with pytest.raises(helpers.Failed, match=r"^`gap` is 0.7, which is not the value asked for") as failed:
        helpers.expect_close(0.7, 0.5, "`gap`")
    assert "0.5" not in str(failed.value) and "e-0" not in str(failed.value)  # nor its size, by the tolerance
    with pytest.raises(helpers.Failed, match="should be a number .* but it is a str"):
        helpers.expect_number("0.5", "`gap`")
    with pytest.raises(helpers.Failed, match="should take exactly 2 arguments"):
        helpers.expect_function(lambda a: a, "`f`", nargs=2)
    with pytest.raises(helpers.Failed, match=r"f\(1\) raised ZeroDivisionError"):
        helpers.call(lambda a: a / 0, (1,), "f(1)")


def test_tolerances():
    helpers.expect_close(1.0 + 1e-9, 1.0, "`x`")
    with pytest.raises(helpers.Failed):
        helpers.expect_close(1.001, 1.0, "`x`")
    helpers.expect_close(1.001, 1.0, "`x`", rel=0.01)
    with pytest.raises(helpers.Failed):
        helpers.expect_number(float("nan"), "`x`")


def test_lists_and_choices():
    assert helpers.expect_numbers(np.array([1.0, 2.0]), "`xs`", length=2) == [1.0, 2.0]
    with pytest.raises(helpers.Failed, match="should have 3 numbers"):
        helpers.expect_numbers([1.0], "`xs`", length=3)
    with pytest.raises(helpers.Failed):
        helpers.expect_numbers([Anything(1.0)], "`xs`")
    with pytest.raises(helpers.Failed, match="should be one of"):
        helpers.expect_choice("capacity", ["target", "report"], "`who`")
    with pytest.raises(helpers.Failed):
        helpers.expect(1, "truthy is not True")


def test_model_runs_untouched_by_monkeypatching(monkeypatch):
    """Expected values come from a fresh process: patching antiplan, NumPy or subprocess here changes nothing."""
    import json
    import subprocess as sp

    import antiplan

    true_gap = antiplan.simulate("ch03").summary["statistics_gap"]
    monkeypatch.setattr(antiplan, "simulate", lambda *a, **k: None)
    monkeypatch.setattr(np, "isclose", lambda *a, **k: True)
    monkeypatch.setattr(sp, "run", lambda *a, **k: None)
    monkeypatch.setattr(json, "loads", lambda *a, **k: 0.0)
    got = helpers.model(
        "import antiplan\nresult = antiplan.simulate('ch03', audit=audit).summary['statistics_gap']", audit=0.1
    )
    assert got == true_gap


def test_model_reports_its_own_errors_as_the_graders():
    with pytest.raises(RuntimeError, match="the grader's own computation failed"):
        helpers.model("raise ValueError('oops')")


def test_test_cells_reload_the_helpers():
    """A student's change to the helper module is gone after the test cell's first line."""
    namespace = {}
    setup = "import antiplan.grading.asserts as h\nh.expect_close = lambda *a, **k: None\n"
    exec(setup, namespace)
    exec(
        'import sys; sys.modules.pop("antiplan.grading.asserts", None)\nfrom antiplan.grading.asserts import *\n',
        namespace,
    )
    with pytest.raises(AssertionError):
        namespace["expect_close"](2.0, 1.0, "`x`")


# ---------------------------------------------------------------- self-check


def test_inline_check_runs_the_visible_tests(capsys):
    """The solution's answers pass question 2's visible tests; a word where a number is asked fails them."""
    from antiplan.grading import check
    from antiplan.grading.notebook import answer_names, cells_by_grade_id

    path = str(ROOT / "exercises" / "ch03" / "ch03.ipynb")
    solution = notebook_cells.solution_code(
        cells_by_grade_id(read(ROOT / "source" / "ch03" / "ch03.ipynb"))["q2_answer"].source
    )
    namespace = {"check": check, "path": path}
    exec("import antiplan\nimport antiplan.data\n" + solution, namespace)
    exec("check('q2', path)", namespace)
    out = capsys.readouterr().out
    assert "✓" in out and "hidden" in out and "q2: all visible tests pass." in out
    namespace.update(dict.fromkeys(answer_names(solution)[0], "a lot"))
    exec("check('q2', path)", namespace)
    out = capsys.readouterr().out
    assert "should be a number" in out and "q2: some visible tests fail." in out


@pytest.mark.slow
def test_selfcheck_command_reports_each_question():
    student = ROOT / "exercises" / "ch03" / "ch03.ipynb"
    done = subprocess.run(
        [sys.executable, "-m", "antiplan.grading.selfcheck", str(student)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1
    assert "q1: FAILS its visible tests" in done.stdout and "NameError" in done.stdout
    assert "q5: no visible tests" in done.stdout
    source = ROOT / "source" / "ch03" / "ch03.ipynb"
    done = subprocess.run(
        [sys.executable, "-m", "antiplan.grading.selfcheck", str(source)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout
    assert "q4: passes its visible tests" in done.stdout


def test_inline_check_runs_nothing_while_the_notebook_is_graded(capsys, monkeypatch):
    """nbgrader (and ``antiplan grade``) set NBGRADER_EXECUTION: the grader runs the tests itself."""
    from antiplan.grading import check

    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    namespace = {"check": check, "path": str(ROOT / "exercises" / "ch03" / "ch03.ipynb")}
    exec("check('q2', path)", namespace)
    out = capsys.readouterr().out
    assert out.strip() == "check('q2') is not run while the notebook is graded: the grader runs every test itself."


def test_a_new_gradebook_records_the_schema_version_alembic_names(tmp_path):
    """nbgrader stamps a new gradebook with its schema's version: read in process, it is what the
    ``alembic heads`` command prints for nbgrader's migrations."""
    import sqlite3

    import nbgrader.api

    from antiplan.course import alembic_head, ensure_tools_on_path

    ensure_tools_on_path()
    with nbgrader.dbutil._temp_alembic_ini("sqlite:////tmp/gradebook.db") as ini:
        printed = subprocess.run(["alembic", "-c", ini, "heads"], capture_output=True, text=True, check=True)
    assert printed.stdout.split()[0] == alembic_head()
    nbgrader.api.Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}").close()
    with sqlite3.connect(tmp_path / "gradebook.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(alembic_head(),)]


def test_a_test_cell_calls_the_real_builtins_whatever_the_notebook_named_them():
    """A student's ``max = 61.04`` (the end of a range) cannot break a test, nor ``abs = lambda x: 0.0``
    pass one: every test cell's ``from antiplan.grading.asserts import *`` binds them afresh."""
    notebook = {"max": 61.04, "min": 50.96, "abs": lambda x: 0.0, "format": lambda *a, **k: "0"}
    prelude = "import sys\nsys.modules.pop('antiplan.grading.asserts', None)\nfrom antiplan.grading.asserts import *"
    exec(prelude, notebook)
    assert notebook["max"](1, 2) == 2 and notebook["min"](1, 2) == 1
    assert notebook["abs"](-3.0) == 3.0 and notebook["format"](0.5, ".2f") == "0.50"


def _bound_names(code: str) -> set[str]:
    """The names ``code`` assigns, defines or imports."""
    import ast

    bound = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return bound


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_answer_a_test_reads_is_defined_by_an_answer_cell(chapter):
    """The names the tests read are the answers the grader asks the student's kernel for: each must be
    one an answer cell defines."""
    from antiplan.grading.answers import answer_names

    nb = read(ROOT / "source" / chapter / f"{chapter}.ipynb")
    tests = [c.source for c in nb.cells if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")]
    defined: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and nbgrader_meta(cell).get("solution"):
            defined |= _bound_names("\n".join(line for line in cell.source.splitlines() if "### " not in line))
    answers = answer_names(tests)
    assert answers, chapter
    assert set(answers) <= defined, sorted(set(answers) - defined)
