"""End to end through nbgrader (in process, through NbGraderAPI): every assignment graded for several
students in one gradebook; feedback generated and searched for anything a student must not see."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from concurrent.futures import ProcessPoolExecutor

import nbformat
import pytest
from grading_support import CHAPTERS, ROOT, read, secrets, submission

from antiplan.course import SCRATCH_GRADEBOOK, Course

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("nbgrader")]

KINDS = ["solution", "untouched", "wrong", "cheat", "planted"]


def _grade(course: str, jobs: list[tuple[str, str]]) -> list[str]:
    """Autograde ``jobs`` (assignment, student) in one process; return the failures."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    api = Course.load(ROOT).scratch(Path(course)).nbgrader_api()
    failures = []
    for chapter, student in jobs:
        outcome = api.autograde(chapter, student)
        if not outcome["success"]:
            failures.append(f"{chapter}/{student}: {outcome.get('error') or outcome.get('log')}")
    return failures


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A scratch course: source/, student copies generated into exercises/, and graded submissions."""
    start = time.perf_counter()
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "source", course / "source")
    api = Course.load(ROOT).scratch(course).nbgrader_api()
    for chapter in CHAPTERS:
        assert api.generate_assignment(chapter)["success"]
    students = {kind: [(chapter, kind) for chapter in CHAPTERS] for kind in KINDS}
    students["tampered"] = [("ch02", "tampered")]
    for kind, jobs in students.items():
        for chapter, _ in jobs:
            student_copy = course / "exercises" / chapter / f"{chapter}.ipynb"
            target = course / "autograder" / "submitted" / kind / chapter / f"{chapter}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(submission(chapter, kind, student_copy), str(target))
    jobs = [(chapter, kind) for kind, pairs in students.items() for chapter, _ in pairs]
    # Two worker processes, each with its own in-process NbGraderAPI, on the one SQLite gradebook.
    # The first assignment is graded alone first so that the gradebook's student rows exist.
    for chapter, kind in [job for job in jobs if job[0] == "ch01"]:
        _grade(str(course), [(chapter, kind)])
    rest = [job for job in jobs if job[0] != "ch01"]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        failures = [f for part in pool.map(_grade, [str(course)] * 2, [rest[0::2], rest[1::2]]) for f in part]
    assert not failures, failures
    for chapter in CHAPTERS:
        assert api.generate_feedback(chapter)["success"]
    print(f"\nnbgrader round trip: {time.perf_counter() - start:.0f} s")
    return course, api


def code_scores(api, chapter, student):
    from nbgrader.api import Gradebook

    with Gradebook(api.coursedir.db_url) as gradebook:
        nb = gradebook.find_submission_notebook(chapter, chapter, student)
        return nb.code_score, nb.max_code_score


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solutions_earn_every_autograded_point(course, chapter):
    score, top = code_scores(course[1], chapter, "solution")
    assert top >= 9 and score == top


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_untouched_copy_earns_nothing(course, chapter):
    assert code_scores(course[1], chapter, "untouched")[0] == 0


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_plausible_wrong_answer_earns_partial_credit(course, chapter):
    score, top = code_scores(course[1], chapter, "wrong")
    assert 0 < score < top


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_planted_wrong_answers_earn_at_most_a_tenth_of_each_question(course, chapter):
    """Graded by nbgrader itself, a submission answering every question with a planted wrong answer (the
    own rule with the model's rule typed again) earns at most a tenth of each question's autograded
    points, and at most one point of the own-rule question: the same verdict as the planted-answer
    harness of tests/test_assignments.py, which scores a test cell as nbgrader does."""
    from nbgrader.api import Gradebook
    from planted import planted

    from antiplan.grading.notebook import question_of

    own = planted(chapter).OWN_RULE["question"]
    earned: dict[str, list[float]] = {}
    with Gradebook(course[1].coursedir.db_url) as gradebook:
        for grade in gradebook.find_submission_notebook(chapter, chapter, "planted").grades:
            if grade.auto_score is not None and (question := question_of(grade.name)):
                totals = earned.setdefault(question, [0.0, 0.0])
                totals[0] += grade.score
                totals[1] += grade.max_score
    assert earned, f"{chapter}: no autograded question"
    for question, (score, top) in earned.items():
        limit = 1.0 if question == own else 0.1 * top
        assert score <= limit, f"{chapter} {question}: a planted wrong answer earns {score:g} of {top:g}"


def test_antiplan_grade_scores_every_kept_submission_as_nbgrader_did(course, tmp_path):
    """The class-scale grader (``antiplan grade``: sandboxed kernels, limits, in parallel), run again
    over the solutions, the untouched copies and the planted wrong answers of every assignment, gives
    each the autograded score nbgrader gave it in the round trip: full marks, zero, and the planted
    answers' few points."""
    import json
    import subprocess
    import sys

    course_dir, api = course
    copy = Course.load(ROOT).scratch(tmp_path / "again")
    shutil.copytree(course_dir / "source", copy.source)
    shutil.copytree(course_dir / "exercises", copy.release)
    shutil.copy(course_dir / SCRATCH_GRADEBOOK, copy.root / SCRATCH_GRADEBOOK)  # the assignments' rows
    kept = ("solution", "untouched", "planted")
    for kind in kept:
        shutil.copytree(course_dir / "autograder" / "submitted" / kind, copy.submitted / kind)
    differ = []
    for chapter in CHAPTERS:
        report = tmp_path / f"{chapter}.json"
        done = subprocess.run(
            [sys.executable, "-m", "antiplan.autograde", chapter, "--course", str(copy.root), "--force"]
            + ["--quiet", "--jobs", "2", "--report", str(report)],
            capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        rows = {row["student"]: row for row in json.loads(report.read_text())["students"]}
        for kind in kept:
            want = code_scores(api, chapter, kind)[0]
            if rows[kind]["status"] != "graded" or rows[kind]["score"] != want:
                differ.append(f"{chapter} {kind}: nbgrader {want:g}, antiplan grade {rows[kind]}")
    assert not differ, "\n".join(differ)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_cheating_earns_nothing(course, chapter):
    """Monkeypatched antiplan.simulate, NumPy and math comparisons and test helpers, and answers equal to
    everything: not one point."""
    assert code_scores(course[1], chapter, "cheat")[0] == 0


def test_deleted_test_cell_is_restored_and_edited_one_overwritten(course):
    """ch02 with question 1 unanswered, its first visible test deleted and its other tests replaced by
    `pass`: question 1 still earns nothing, everything else its full marks."""
    course_dir, api = course
    score, top = code_scores(api, "ch02", "tampered")
    autograded = read(course_dir / "autograder" / "autograded" / "tampered" / "ch02" / "ch02.ipynb")
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in autograded.cells]
    assert "q1_test_bounds" in ids
    hidden = autograded.cells[ids.index("q1_test_properties")]
    assert "BEGIN HIDDEN TESTS" in hidden.source
    question_1 = sum(
        c.metadata["nbgrader"]["points"]
        for c in autograded.cells
        if c.cell_type == "code" and (c.metadata.get("nbgrader", {}).get("grade_id") or "").startswith("q1_test")
    )
    assert question_1 > 0 and score == top - question_1


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_feedback_holds_no_hidden_test_or_mark_scheme(course, chapter):
    course_dir, _ = course
    secret = secrets(chapter)
    for kind in KINDS:
        html = (course_dir / "autograder" / "feedback" / kind / chapter / f"{chapter}.html").read_text()
        for what in ("hidden test", "mark scheme"):
            for line in secret[what]:
                assert _escaped(line) not in html and line not in html, f"{kind}: {what} leaked: {line}"
        assert "BEGIN HIDDEN TESTS" not in html


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_feedback_of_an_untouched_copy_holds_no_solution(course, chapter):
    course_dir, _ = course
    html = (course_dir / "autograder" / "feedback" / "untouched" / chapter / f"{chapter}.html").read_text()
    for line in secrets(chapter)["solution"]:
        assert _escaped(line) not in html and line not in html, f"solution leaked: {line}"


def _escaped(line: str) -> str:
    import html

    return html.escape(line, quote=True)


def test_export_gives_a_grades_csv(course, tmp_path):
    """`nbgrader export`, with the course's exporter, has a row per student and assignment, and a status."""
    import csv

    from nbgrader.api import Gradebook
    from nbgrader.apps.exportapp import ExportApp

    course_dir, api = course
    out = tmp_path / "grades.csv"
    app = ExportApp(coursedir=api.coursedir, config=api.config)
    app.init_plugin()  # the plugin class nbgrader_config.py chooses
    app.plugin_inst.to = str(out)
    with Gradebook(api.coursedir.db_url) as gradebook:
        app.plugin_inst.export(gradebook)
    rows = list(csv.DictReader(out.open()))
    students = {*KINDS, "tampered"}
    assert len(rows) == len(CHAPTERS) * len(students)  # every assignment for each student
    solution = [r for r in rows if r["student_id"] == "solution"]
    assert all(float(r["raw_score"]) > 0 and r["status"] == "graded" for r in solution)
