"""`antiplan export --format canvas|moodle|csv`: the files Canvas's and Moodle's grade imports accept.

The gradebook holds five students of one assignment worth 10 points: two graded, one whose
submission failed, one who handed in nothing, and one the roster does not map. The expected files are
laid out as the LMS documentation gives them (Canvas: the gradebook export's identity columns and its
"Points Possible" row; Moodle: user columns, then a grade and a feedback column per grade item).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from antiplan.autograde.gradebook import Results
from antiplan.autograde.worker import FAILED, Outcome
from antiplan.cli import main
from antiplan.course import ensure_tools_on_path

ROSTER = """student_id,login,sis_id,email,canvas_id,name,section
ada,ada.l,S001,ada@uni.example,1001,"Lovelace, Ada",Tue
ben,ben.k,,ben@uni.example,,,Tue
cai,,S003,cai@uni.example,,,Wed
dee,dee.m,,dee@uni.example,,,Wed
"""

# Canvas: "Student, ID, SIS User ID, SIS Login ID, Section", one column per assignment, and the
# "Points Possible" row; a failed submission's cell is empty (Canvas leaves that grade alone).
CANVAS = """Student,ID,SIS User ID,SIS Login ID,Section,ch01
Points Possible,,,,,10.0
"Lovelace, Ada",1001,S001,ada.l,Tue,7.0
"Babbage, Ben",,,ben.k,Tue,10.0
"Chen, Cai",,S003,,Wed,
"Dunn, Dee",,,dee.m,Wed,0.0
"""

# Moodle: the user is matched on username, ID number or email address; a grade and a feedback column.
MOODLE = """First name,Last name,Username,ID number,Email address,ch01,ch01 feedback
Ada,Lovelace,ada.l,S001,ada@uni.example,7.0,graded
Ben,Babbage,ben.k,,ben@uni.example,10.0,graded
Cai,Chen,,S003,cai@uni.example,,failed: the kernel died
Dee,Dunn,dee.m,,dee@uni.example,0.0,missing
"""

NAMES = {"ada": "Ada Lovelace", "ben": "Ben Babbage", "cai": "Cai Chen", "dee": "Dee Dunn", "eve": "Eve Ekwueme"}


CONFIG = 'c = get_config()\nc.CourseDirectory.root = "."\nc.CourseDirectory.db_url = "sqlite:///gradebook.db"\n'


@pytest.fixture(scope="module")
def gradebook_file(tmp_path_factory) -> Path:
    """A gradebook with ch01 (10 points) and five students, built once (nbgrader's set-up is slow)."""
    from nbgrader.api import Gradebook

    ensure_tools_on_path()  # nbgrader runs alembic, beside this Python, to create the gradebook
    path = tmp_path_factory.mktemp("gradebook") / "gradebook.db"
    url = f"sqlite:///{path}"
    with Gradebook(url, "") as gb:  # the course id nbgrader_config.py gives (none)
        gb.add_assignment("ch01")
        gb.add_notebook("ch01", "ch01")
        gb.add_grade_cell("q1", "ch01", "ch01", max_score=10, cell_type="code")
        gb.add_solution_cell("q1", "ch01", "ch01")
        for student, name in NAMES.items():
            first, last = name.split()
            gb.add_student(student, first_name=first, last_name=last)
        for student, score in {"ada": 7, "ben": 10, "eve": 4}.items():
            gb.add_submission("ch01", student)
            gb.find_grade("q1", "ch01", "ch01", student).auto_score = score
            gb.db.commit()
    results = Results(url, "")
    results.save("ch01", Outcome("cai", FAILED, "the kernel died"), "")
    results.close()
    return path


@pytest.fixture
def course(tmp_path, monkeypatch, gradebook_file):
    """A course folder with that gradebook and the roster; the current folder."""
    (tmp_path / "nbgrader_config.py").write_text(CONFIG)
    shutil.copy(gradebook_file, tmp_path / "gradebook.db")
    (tmp_path / "roster.csv").write_text(ROSTER)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args, capsys) -> tuple[int, str, str]:
    status = main(["export", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def problem_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("antiplan export: ")]


def test_canvas_file_has_canvas_columns_and_no_zero_for_a_failure(course, capsys):
    status, out, err = run(["ch01", "--format", "canvas", "--roster", "roster.csv", "--out", "canvas.csv"], capsys)
    assert status == 1
    assert (course / "canvas.csv").read_text() == CANVAS
    assert problem_lines(err) == [
        "antiplan export: ch01: cai's submission is failed (the kernel died): no score written",
        "antiplan export: eve is not in the roster roster.csv: left out of the file",
    ]
    assert "wrote canvas.csv (canvas): 4 students, 1 assignments; 2 problems above" in out


def test_canvas_file_reads_back_as_canvas_matches_students(course, capsys):
    """Read the file the way Canvas's import does: a student by ID, SIS User ID or SIS Login ID."""
    run(["--format", "canvas", "--roster", "roster.csv", "--out", "canvas.csv"], capsys)
    rows = list(csv.DictReader(io.StringIO((course / "canvas.csv").read_text())))
    assert rows[0]["Student"] == "Points Possible" and float(rows[0]["ch01"]) == 10
    found = {r["ID"] or r["SIS User ID"] or r["SIS Login ID"]: r["ch01"] for r in rows[1:]}
    assert found == {"1001": "7.0", "ben.k": "10.0", "S003": "", "dee.m": "0.0"}


def test_moodle_file_has_grade_and_feedback_columns(course, capsys):
    status, out, err = run(["--format", "moodle", "--roster", "roster.csv", "--out", "moodle.csv"], capsys)
    assert status == 1
    assert (course / "moodle.csv").read_text() == MOODLE
    assert len(problem_lines(err)) == 2
    by_email = {r["Email address"]: r for r in csv.DictReader(io.StringIO((course / "moodle.csv").read_text()))}
    assert by_email["cai@uni.example"]["ch01"] == ""  # never 0
    assert "eve" not in (course / "moodle.csv").read_text()


def test_without_a_roster_hub_names_are_logins(course, capsys):
    status, _, err = run(["--format", "canvas", "--out", "canvas.csv"], capsys)
    rows = list(csv.DictReader(io.StringIO((course / "canvas.csv").read_text())))
    assert {r["SIS Login ID"]: r["ch01"] for r in rows[1:]} == {
        "ada": "7.0", "ben": "10.0", "cai": "", "dee": "0.0", "eve": "4.0",
    }  # fmt: skip
    assert status == 1 and problem_lines(err) == [
        "antiplan export: ch01: cai's submission is failed (the kernel died): no score written"
    ]


def test_csv_format_is_the_status_export(course, capsys):
    status, _, _ = run(["--format", "csv", "--out", "grades.csv"], capsys)
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO((course / "grades.csv").read_text()))}
    assert status == 1
    assert rows["cai"]["status"] == "failed" and rows["cai"]["score"] == ""
    assert rows["dee"]["status"] == "missing" and float(rows["dee"]["score"]) == 0
    assert float(rows["eve"]["score"]) == 4


def test_a_student_canvas_cannot_identify_is_left_out_with_a_line(course, capsys):
    (course / "roster.csv").write_text(ROSTER + "eve,,,eve@uni.example,,,\n")
    status, _, err = run(["--format", "canvas", "--roster", "roster.csv", "--out", "c.csv"], capsys)
    assert status == 1
    assert "antiplan export: eve has no canvas id in the roster (needs a login, sis_id or canvas_id): left out" in err
    assert "eve" not in (course / "c.csv").read_text()


@pytest.mark.parametrize(
    ("args", "roster", "message"),
    [
        (["ch99", "--format", "canvas"], None, "no assignment 'ch99' in the gradebook; known: ch01"),
        (["--format", "blackboard"], None, "invalid choice: 'blackboard'"),
        (["--format", "canvas", "--roster", "roster.csv"], "student,login\nada,a\n", "unknown column 'student'"),
        (["--format", "canvas", "--roster", "roster.csv"], "student_id,login\nada,a\nada,b\n", "appears twice"),
        (["--format", "canvas", "--roster", "roster.csv"], "student_id,name\nada,Ada\n", "'ada' has none of login"),
        (["--format", "canvas", "--roster", "nowhere.csv"], None, "cannot read the roster nowhere.csv"),
        (["--format", "csv", "--roster", "roster.csv"], None, "--roster applies to --format canvas or moodle"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(course, capsys, args, roster, message):
    if roster is not None:
        (course / "roster.csv").write_text(roster)
    with pytest.raises(SystemExit) if "--format" in args and "blackboard" in args else _no_raise():
        status, _, err = run([*args, "--out", "out.csv"], capsys)
        assert status == 2
        assert len(err.strip().splitlines()) == 1 and message in err
    if "blackboard" in args:
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and message in err
    assert not Path(course / "out.csv").exists()


class _no_raise:  # noqa: N801 - used like pytest.raises
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_no_gradebook_is_one_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "nbgrader_config.py").write_text('c = get_config()\nc.CourseDirectory.db_url = "sqlite:///gb.db"\n')
    monkeypatch.chdir(tmp_path)
    status, _, err = run(["--format", "moodle"], capsys)
    assert status == 2 and "no gradebook at" in err and not (tmp_path / "gb.db").exists()
