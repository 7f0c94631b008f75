"""A class on JupyterHub, end to end in Chromium: ``antiplan classroom`` with two students.

The instructor releases ch01; each student logs in, fetches it in nbgrader's Assignment List,
answers (one right, one wrong), validates and submits there; the instructor collects, runs
``antiplan grade``, grades the written answer in formgrader, and releases feedback, which each student
fetches and reads. A per-student variant goes the same way. Then, typed in a terminal of a student's
own server, what she must not read. Answers are written on disk as the student (typing them is not
the point); logging in, fetching, validating, submitting, formgrader and fetching feedback go
through the browser.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from functools import partial
from pathlib import Path

import pytest
from assignment_list import fetch, fetch_feedback, submit, validate
from browser_support import CHROMIUM, CHROMIUM_FLAGS, require_chromium
from classroom_support import Classroom, appears, escaped, log_in, nbgrader_menu
from grading_support import ROOT, secrets, submission
from server_terminal import in_terminal

from antiplan.grading.notebook import nbgrader_meta, read

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("classroom")]

VARIANT = "ch01-per-student"
ACTIVATE = f"import antiplan.variants; antiplan.variants.activate({VARIANT!r})"


@pytest.fixture(scope="module")
def room():
    """A classroom of its own (own ports, users and folder), stopped whatever happens."""
    if os.geteuid() != 0:
        pytest.fail("the classroom test makes local users: run it as root (as make test does in CI)", pytrace=False)
    require_chromium()
    started = time.monotonic()
    classroom = Classroom.start(ROOT)
    print(f"\nclassroom ready in {time.monotonic() - started:.1f} s")
    try:
        yield classroom
    finally:
        classroom.stop()


@pytest.fixture(scope="module")
def pages(room):
    """A logged-in JupyterLab page per user, opened on first use."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        opened = {}

        def page_of(user: str):
            if user not in opened:
                opened[user] = log_in(browser, room, user)
            return opened[user]

        try:
            yield page_of
        finally:
            browser.close()


def gradebook_rows(room: Classroom, query: str, *params) -> list[tuple]:
    """Rows from the instructor's gradebook (read as root)."""
    with sqlite3.connect(room.course / "autograder" / "gradebook.db") as db:
        return db.execute(query, params).fetchall()


def code_score(room: Classroom, assignment: str, student: str) -> tuple[float, float]:
    """(autograded score, its maximum) of a student's submission."""
    rows = gradebook_rows(
        room,
        "SELECT SUM(COALESCE(g.manual_score, g.auto_score, 0)), SUM(gc.max_score) FROM grade g"
        " JOIN grade_cells gc ON g.cell_id = gc.id JOIN submitted_notebook sn ON g.notebook_id = sn.id"
        " JOIN submitted_assignment sa ON sn.assignment_id = sa.id JOIN assignment a ON sa.assignment_id = a.id"
        " WHERE a.name = ? AND sa.student_id = ? AND gc.cell_type = 'code'",
        assignment,
        student,
    )
    return rows[0]


def read_in_browser(page, room: Classroom, user: str, path: Path) -> str:
    """The text of a file of the student's, served by their own server."""
    relative = path.relative_to(room.home(user)).as_posix()
    response = page.goto(f"{room.url}/user/{user}/files/{relative}")
    assert response.status == 200, f"{relative}: HTTP {response.status}"
    text = page.content()
    back_to_lab(page, room, user)
    return text


def back_to_lab(page, room: Classroom, user: str) -> None:
    """Back to the user's JupyterLab from another page of their server."""
    page.goto(f"{room.url}/user/{user}/lab")
    page.wait_for_selector(".lm-MenuBar-itemLabel:text('Nbgrader')")


def answer(nb, grade_id: str, source: str) -> None:
    """Replace the answer in cell ``grade_id``."""
    cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    assert len(cells) == 1, grade_id
    cells[0].source = source


def test_students_have_no_instructor_tools(room, pages):
    student, instructor = pages(room.students[0]), pages(room.instructor)
    menu = nbgrader_menu(student)
    assert "Assignment List" in menu
    assert "Formgrader" not in menu and "Create assignment" not in menu
    assert "Formgrader" in nbgrader_menu(instructor) and "Create assignment" in nbgrader_menu(instructor)
    response = student.goto(f"{room.url}/user/{room.students[0]}/formgrader")
    assert response.status == 404
    back_to_lab(student, room, room.students[0])


def test_ch01_fetch_submit_grade_feedback(room, pages):
    room.run(room.instructor, "nbgrader", "generate_assignment", "ch01", "--force")
    room.run(room.instructor, "nbgrader", "release_assignment", "ch01")
    answers = dict(zip(room.students, ["right", "wrong"], strict=True))
    for student, kind in answers.items():
        page = pages(student)
        notebook = room.home(student) / "ch01" / "ch01.ipynb"
        fetch(page, "ch01", notebook)
        nb = submission("ch01", "solution", notebook)
        if kind == "wrong":  # question 1 answered with words: its visible test fails
            answer(nb, "q1_answer", 'growth_ch01 = "it grew"')
        room.write_as(student, notebook, nb)
        result = validate(page, "ch01")
        if kind == "right":
            assert "Success! Your notebook passes all the tests." in result
        else:
            assert "Success!" not in result and "failed" in result.lower(), result
        submit(page, "ch01", partial(room.submissions, student, "ch01"))

    room.run(room.instructor, "nbgrader", "collect", "ch01")
    graded = room.run(room.instructor, "antiplan", "grade", "ch01", "--quiet")
    assert "2 graded, 0 failed" in graded.stderr
    right, wrong = (code_score(room, "ch01", s) for s in room.students)
    assert right[0] == right[1] > 0  # every autograded point
    assert wrong[0] < wrong[1] == right[1]

    def written() -> list:
        return gradebook_rows(
            room,
            "SELECT g.manual_score FROM grade g JOIN base_cell bc ON g.cell_id = bc.id"
            " JOIN submitted_notebook sn ON g.notebook_id = sn.id JOIN submitted_assignment sa"
            " ON sn.assignment_id = sa.id WHERE bc.name = 'q5_answer' AND sa.student_id = ?",
            room.students[0],
        )

    instructor = pages(room.instructor)
    for _ in range(4):  # each try on a freshly loaded page; the gradebook says when one has worked
        instructor.goto(f"{room.url}/user/{room.instructor}/formgrader/gradebook/ch01/ch01")
        instructor.locator("td.name", has_text=room.students[0]).locator("a").first.click()
        # the score boxes are in the page before its script has bound them to the grades: typed earlier, lost
        bound = "() => window.formgrader && formgrader.grades && formgrader.grades.loaded"
        instructor.wait_for_function(bound, timeout=120_000)
        score = instructor.locator("input#q5_answer")
        score.fill("3")
        score.dispatch_event("change")  # what leaving the box fires, and what formgrader saves on
        if appears(lambda: written() == [(3.0,)]):
            break
    assert written() == [(3.0,)], f"formgrader's score of the written answer is not in the gradebook: {written()}"

    room.run(room.instructor, "nbgrader", "generate_feedback", "ch01")
    room.run(room.instructor, "nbgrader", "release_feedback", "ch01")
    hidden = secrets("ch01")
    most = sum(
        m.get("points", 0)
        for c in read(ROOT / "source" / "ch01" / "ch01.ipynb").cells
        if (m := nbgrader_meta(c)).get("grade")
    )
    for student, total in zip(room.students, [right[0] + 3, wrong[0]], strict=True):
        page = pages(student)
        feedback = fetch_feedback(page, "ch01", room.home(student) / "ch01" / "feedback")
        text = read_in_browser(page, room, student, feedback)
        assert re.search(rf"Score:\s*{total:g}(\.0)?\s*/\s*{most:g}(\.0)?\b", text), (
            f"{student}: no score {total} of {most:g}"
        )
        for what in ("hidden test", "mark scheme"):
            for line in hidden[what]:
                assert line not in text and escaped(line) not in text, f"{student} sees a {what}: {line}"
        assert "BEGIN HIDDEN TESTS" not in text


def test_per_student_variant_numbers_and_grades(room, pages):
    room.run(room.instructor, "antiplan", "variant", "build", f"autograder/variants/{VARIANT}.yml")
    room.run(room.instructor, "nbgrader", "generate_assignment", VARIANT, "--force")
    room.run(room.instructor, "nbgrader", "release_assignment", VARIANT)
    ana, ben = room.students
    economies = {}
    for student in room.students:
        params = room.run(room.instructor, "antiplan", "variant", "params", VARIANT, "--student", student, "--json")
        economies[student] = json.loads(params.stdout)
        page = pages(student)
        notebook = room.home(student) / VARIANT / f"{VARIANT}.ipynb"
        fetch(page, VARIANT, notebook)
        # The variant's locked first cell, run as the student in their environment (JUPYTERHUB_USER).
        shown = room.run(student, "sh", "-c", f"cd {VARIANT} && python -c {ACTIVATE!r}").stdout
        assert f"(student {student})" in shown, f"{student}'s notebook says it works for someone else: {shown}"
        for name, value in economies[student]["params"].items():
            assert f"{name}={value!r}" in shown, f"{student} does not see {name}={value!r}: {shown}"
    assert economies[ana]["params"] != economies[ben]["params"]

    # ana answers in her economy; ben hands in ana's number for question 1.
    folder = room.home(ana) / VARIANT
    code = (
        f"import antiplan, antiplan.variants; antiplan.variants.activate({VARIANT!r}, quiet=True); "
        "print(repr(float(antiplan.simulate('ch01', seed=1).summary['real_growth'])))"
    )
    anas_number = room.run(ana, "python", "-c", f"import os; os.chdir({str(folder)!r}); {code}").stdout.strip()
    for student in room.students:
        notebook = room.home(student) / VARIANT / f"{VARIANT}.ipynb"
        nb = submission("ch01", "solution", notebook)  # the variant keeps the base's answers and grade ids
        if student == ben:
            answer(nb, "q1_answer", f"growth_ch01 = {anas_number}")
        room.write_as(student, notebook, nb)
        page = pages(student)
        back_to_lab(page, room, student)
        submit(page, VARIANT, partial(room.submissions, student, VARIANT))
    room.run(room.instructor, "nbgrader", "collect", VARIANT)
    graded = room.run(room.instructor, "antiplan", "grade", VARIANT, "--quiet")
    assert "2 graded, 0 failed" in graded.stderr
    own, copied = code_score(room, VARIANT, ana), code_score(room, VARIANT, ben)
    assert own[0] == own[1] > 0  # every autograded point
    assert copied[0] < copied[1] == own[1]


def test_a_student_cannot_read_what_is_not_theirs(room, pages):
    ana, ben = room.students
    exchange = room.layout.exchange / "antiplan"
    course = room.course
    bens_notebook = room.home(ben) / "ch01" / "ch01.ipynb"
    if not (exchange / "outbound" / "ch01").exists():  # released by the ch01 test; run alone, released here
        room.run(room.instructor, "nbgrader", "generate_assignment", "ch01", "--force")
        room.run(room.instructor, "nbgrader", "release_assignment", "ch01")
    for student in room.students:  # fetched in the browser by the ch01 test; run alone, from the command line
        if not (room.home(student) / "ch01" / "ch01.ipynb").exists():
            room.run(student, "nbgrader", "fetch_assignment", "ch01")
    denied = [
        f"ls {exchange / 'inbound'}",  # everyone's submissions
        f"ls {exchange / 'feedback'}",  # everyone's feedback
        f"ls {room.home(ben)}",  # a classmate's files, feedback included
        f"cat {bens_notebook}",
        f"ls {course / 'source'}",
        f"cat {course / 'source' / 'ch01' / 'ch01.ipynb'}",
        f"cat {course / 'autograder' / 'gradebook.db'}",
        f"ls {course / 'autograder'}",  # collected submissions, grading's output
    ]
    if not (exchange / "feedback").exists():  # made by the first release of feedback (the ch01 test)
        denied.remove(f"ls {exchange / 'feedback'}")
    for command in denied:
        assert Path(command.split()[-1]).exists(), command
    # Typed in a terminal of ana's own server, as she would.
    own = f"ls {room.home(ana) / 'ch01'}"
    *refused, allowed = in_terminal(pages(ana), ana, [*denied, own])
    for command, (status, output) in zip(denied, refused, strict=True):
        assert status != 0 and "Permission denied" in output, f"{ana} could: {command}\n{output}"
    assert allowed[0] == 0 and "ch01.ipynb" in allowed[1], f"{ana} cannot read her own folder: {allowed[1]}"


def test_stop_removes_users_processes_ports_and_folder(room):
    import pwd

    from antiplan.classroom.hub import alive, port_in_use
    from antiplan.classroom.hubconfig import ports

    users = [room.instructor, *room.students]
    uids = {pwd.getpwnam(user).pw_uid for user in users}
    hub = room.layout.read_state().hub_pid
    done = room.stop()
    assert done.returncode == 0, done.stderr
    for user in users:
        with pytest.raises(KeyError):
            pwd.getpwnam(user)
    left = [p.name for p in Path("/proc").iterdir() if p.name.isdigit() and _owner(p) in uids]
    assert not left, f"processes of the classroom's users still run: {left}"
    assert not alive(hub)
    assert not [port for port in ports(room.port).values() if port_in_use(port)]
    assert not room.root.exists()
    assert room.stop().stdout.startswith("no classroom in")


def _owner(process: Path) -> int | None:
    try:
        return process.stat().st_uid
    except FileNotFoundError:  # ended while we looked
        return None
