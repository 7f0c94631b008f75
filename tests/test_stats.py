"""`antiplan stats ASSIGNMENT`: per question, how a graded class did, on a planted class with known answers.

The class: 30 graded submissions of `hw1`, two that failed to grade (nbgrader's rows for them all
zero), one handed in but not graded, and one student who handed nothing in. Four groups answer alike:

| group | students | q1 (3: visible 1, hidden 2) | q2 (3: visible 1, both 2) | q3 (2) | q4 (1, hidden) | q5 by hand |
|---|---|---|---|---|---|---|
| A | 10 | right: 3 | right: 3 | right | wrong, all alike: 0 | 4 |
| B | 10 | a percentage, passes visible: 1 | reversed: 1 | right | right | 2 |
| C | 7 | left blank: 0 | too short, both fail: 0 | right | right | 0 |
| D | 3 | a wrong value each, its own: 0 | right: 3 | right | right | not graded yet |

Everyone gets q3 right (flagged); the abler students fail q4 (flagged: it discriminates negatively).
q2's second test cell checks visibly and hidden ("both"): B's failure there may be either.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from antiplan.cli import main
from antiplan.stats import planted, planted_course, summary
from antiplan.stats.planted import ANSWER, PlantedCell, PlantedStudent
from antiplan.stats.results import BY_HAND, FAILED, HIDDEN_TEST, MISSING, MIXED_TEST, NOT_GRADED, TEST

LAYOUT = [
    PlantedCell("q1_answer", ANSWER, name="share"),
    PlantedCell("q1_test_type", TEST, 1),
    PlantedCell("q1_test_value", HIDDEN_TEST, 2),
    PlantedCell("q2_answer", ANSWER, name="curve"),
    PlantedCell("q2_test_shape", TEST, 1),
    PlantedCell("q2_test_values", MIXED_TEST, 2),
    PlantedCell("q3_answer", ANSWER, name="easy"),
    PlantedCell("q3_test", TEST, 2),
    PlantedCell("q4_answer", ANSWER, name="rate"),
    PlantedCell("q4_test", HIDDEN_TEST, 1),
    PlantedCell("q5_answer", BY_HAND, 4),
]
PERCENTAGE = "Failed: `share` is 47.3: a percentage, where a share was asked"
REVERSED = "Failed: `curve` is in reverse order"
TOO_SHORT = "Failed: `curve` returns 2 values where 3 were asked"
ROUNDED = "Failed: `rate` is 0.31, the test wants 0.3"


def _class() -> list[PlantedStudent]:
    students = []
    for i in range(10):
        students.append(PlantedStudent(f"a{i:02d}", failures={"q4_test": ROUNDED}, by_hand={"q5_answer": 4}))
    for i in range(10):
        wrong = {"q1_test_value": PERCENTAGE, "q2_test_values": REVERSED}
        students.append(PlantedStudent(f"b{i:02d}", failures=wrong, by_hand={"q5_answer": 2}))
    for i in range(7):
        wrong = {"q2_test_shape": TOO_SHORT, "q2_test_values": TOO_SHORT}
        students.append(PlantedStudent(f"c{i:02d}", failures=wrong, blank=frozenset({"q1"}), by_hand={"q5_answer": 0}))
    for i, value in enumerate((-1.0, 2.0, 5.0)):
        own = f"Failed: `share` is {value}: a share is between 0 and 1"
        students.append(PlantedStudent(f"d{i:02d}", failures={"q1_test_type": own, "q1_test_value": own}))
    students += [
        PlantedStudent("f00", FAILED, reason="the kernel died"),
        PlantedStudent("f01", FAILED, reason="the notebook is not valid JSON"),
        PlantedStudent("late", NOT_GRADED),
        PlantedStudent("nobody", MISSING),
    ]
    return students


GROUPS = {"a": 10, "b": 10, "c": 7, "d": 3}
# Points per group and part, as the table above gives them (None: not graded yet).
POINTS = {
    ("q1", "autograded"): {"a": 3, "b": 1, "c": 0, "d": 0},
    ("q2", "autograded"): {"a": 3, "b": 1, "c": 0, "d": 3},
    ("q3", "autograded"): {"a": 2, "b": 2, "c": 2, "d": 2},
    ("q4", "autograded"): {"a": 0, "b": 1, "c": 1, "d": 1},
    ("q5", "by hand"): {"a": 4, "b": 2, "c": 0, "d": None},
}
OUT_OF = {"q1": 3, "q2": 3, "q3": 2, "q4": 1, "q5": 4}


def _column(part: tuple[str, str], students: str = "abcd") -> list[float]:
    """The part's shares, a value per student of ``students``' groups, in the groups' order."""
    return [POINTS[part][g] / OUT_OF[part[0]] for g in students for _ in range(GROUPS[g])]


def _rest(part: tuple[str, str], students: str = "abcd") -> list[float]:
    """The rest of the assignment: the other questions' parts every graded student has a score on
    (q5 is still being graded, so it is not one of them)."""
    others = [p for p in POINTS if p[0] != part[0] and p != ("q5", "by hand")]
    return [sum(POINTS[p][g] for p in others) for g in students for _ in range(GROUPS[g])]


@pytest.fixture(scope="module")
def course_folder(tmp_path_factory) -> Path:
    """The planted class as a graded course, written once; tests work on copies."""
    folder = tmp_path_factory.mktemp("stats") / "course"
    planted_course.write(folder, "hw1", LAYOUT, _class())
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}", "planted") as gradebook:
        gradebook.add_assignment("hw2")  # in the gradebook, never graded
    return folder


@pytest.fixture
def course(course_folder, tmp_path, monkeypatch) -> Path:
    """A copy of the course, as the current folder."""
    copy = tmp_path / "course"
    shutil.copytree(course_folder, copy)
    monkeypatch.chdir(copy)
    return copy


def stats(args, capsys) -> tuple[int, str, str]:
    status = main(["stats", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def report(course, capsys) -> dict:
    status, out, err = stats(["hw1", "--format", "json", "--out", "hw1.json"], capsys)
    assert status == 0, err
    return json.loads((course / "hw1.json").read_text())


def part(report: dict, question: str, which: str = "autograded") -> dict:
    return next(q for q in report["questions"] if q["question"] == question and q["part"] == which)


def test_failed_and_ungraded_submissions_are_counted_as_such_never_as_zero(report):
    assert report["submissions"] == {"graded": 30, "failed": 2, "not graded": 1, "missing": 1}
    assert report["failed"] == [
        {"student": "f00", "reason": "the kernel died"},
        {"student": "f01", "reason": "the notebook is not valid JSON"},
    ]
    assert report["not_graded"] == ["late"]
    q3 = part(report, "q3")
    # The failed submissions' zeros in nbgrader's tables would bring q3 below full marks.
    assert q3["graded"] == 30 and q3["mean"] == 1.0 and q3["full_marks"] == 1.0


def test_mean_spread_full_and_zero_marks_equal_those_computed_by_hand(report):
    q1 = part(report, "q1")
    assert q1["points"] == 3 and q1["graded"] == 30 and q1["left_blank"] == 7
    # 10 students with 3 of 3, 10 with 1 of 3, 10 with none.
    assert q1["mean"] == pytest.approx((10 * 1 + 10 / 3) / 30)
    assert q1["spread"] == pytest.approx(np.std(_column(("q1", "autograded"))))
    assert q1["full_marks"] == pytest.approx(10 / 30) and q1["zero_marks"] == pytest.approx(10 / 30)
    assert q1["distribution"] == [
        {"points": 0.0, "students": 10},
        {"points": 1.0, "students": 10},
        {"points": 3.0, "students": 10},
    ]
    q2 = part(report, "q2")
    assert q2["mean"] == pytest.approx((13 * 1 + 10 / 3) / 30)
    assert q2["zero_marks"] == pytest.approx(7 / 30) and q2["left_blank"] == 0


def test_hand_graded_distribution_counts_only_the_graded_and_says_how_many_wait(report):
    q5 = part(report, "q5", "by hand")
    assert q5["graded"] == 27 and q5["awaiting_hand_grading"] == 3
    assert q5["distribution"] == [
        {"points": 0.0, "students": 7},
        {"points": 2.0, "students": 10},
        {"points": 4.0, "students": 10},
    ]
    assert q5["mean"] == pytest.approx(15 / 27)
    assert "common_wrong_answers" not in q5 and "visible_hidden" not in q5


def test_discrimination_equals_the_correlation_and_thirds_computed_by_hand(report):
    for question, which in POINTS:
        row = part(report, question, which)
        students = "abc" if question == "q5" else "abcd"
        shares, rest = _column((question, which), students), _rest((question, which), students)
        if np.std(shares) == 0:
            assert row["item_rest_correlation"] is None, question
        else:
            assert row["item_rest_correlation"] == pytest.approx(np.corrcoef(shares, rest)[0, 1]), question
    # q1's rest (q2 + q3 + q4): D 6, A 5, B 4, C 3. A third is 10 students; ties join, so the upper
    # third is D and A (13 students), the lower C and B (17).
    assert part(report, "q1")["upper_minus_lower_third"] == pytest.approx(10 / 13 - (10 / 3) / 17)
    # q4's rest: A 8, D 5, B 4, C 2: upper A (none right), lower C and B (all right).
    assert part(report, "q4")["upper_minus_lower_third"] == pytest.approx(-1.0)
    # q5 over its 27 graded students; rest A 8, B 5, C 3: upper A (4 of 4), lower C and B (0 and 2 of 4).
    assert part(report, "q5", "by hand")["upper_minus_lower_third"] == pytest.approx(1 - 5 / 17)


def test_everyone_right_and_negative_discrimination_are_flagged_with_the_reason(report, course, capsys):
    flagged = {(q["question"], q["part"]): q["flags"] for q in report["questions"] if q["flags"]}
    assert set(flagged) == {("q3", "autograded"), ("q4", "autograded")}
    assert flagged[("q3", "autograded")] == ["every student graded earned full marks: it tells no student apart"]
    (reason,) = flagged[("q4", "autograded")]
    assert reason.startswith("discriminates negatively: students who did better on the rest of the assignment")
    assert "upper minus lower third -1.00" in reason and "item-rest correlation -" in reason
    status, out, _ = stats(["hw1", "--format", "csv"], capsys)
    assert status == 0
    assert out.splitlines() == [
        "antiplan stats: wrote stats-hw1.csv (csv): 30 graded, 2 failed to grade, 1 not graded; "
        "5 question parts, 2 flagged",
        "antiplan stats: q3, autograded: every student graded earned full marks: it tells no student apart",
        f"antiplan stats: q4, autograded: {reason}",
    ]


def test_shared_wrong_answers_are_grouped_and_counted(report):
    assert part(report, "q1")["common_wrong_answers"] == [
        {"message": PERCENTAGE, "students": 10, "cells": ["q1_test_value"]}
    ]  # the blanks are counted as left blank, and each D student's own value is shared by no one
    assert part(report, "q2")["common_wrong_answers"] == [
        {"message": REVERSED, "students": 10, "cells": ["q2_test_values"]},
        {"message": TOO_SHORT, "students": 7, "cells": ["q2_test_shape", "q2_test_values"]},
    ]
    assert part(report, "q3")["common_wrong_answers"] == []
    assert part(report, "q4")["common_wrong_answers"] == [{"message": ROUNDED, "students": 10, "cells": ["q4_test"]}]


def test_visible_against_hidden_counts_who_passed_the_visible_tests_and_failed_a_hidden_one(report):
    assert part(report, "q1")["visible_hidden"] == {"passed_visible": 20, "failed_hidden": 10, "unclear": 0}
    # A passed q2's both cells; B passed the visible one and failed the cell with hidden checks besides.
    assert part(report, "q2")["visible_hidden"] == {"passed_visible": 13, "failed_hidden": 0, "unclear": 10}
    assert part(report, "q3")["visible_hidden"] is None  # no hidden check
    assert part(report, "q4")["visible_hidden"] is None  # no visible check


def test_the_gradebook_and_notebooks_read_back_as_the_planted_class(report):
    assert report == json.loads(json.dumps(summary.summarize(planted.results("hw1", LAYOUT, _class()))))


def test_csv_has_a_row_per_question_part(course, capsys):
    import csv

    status, _, err = stats(["hw1", "--format", "csv", "--out", "hw1.csv"], capsys)
    assert status == 0, err
    rows = list(csv.DictReader((course / "hw1.csv").open()))
    assert [(r["question"], r["part"]) for r in rows] == list(POINTS)
    q1 = rows[0]
    assert (q1["graded"], q1["failed_submissions"], q1["not_graded_submissions"]) == ("30", "2", "1")
    assert (q1["passed_visible"], q1["then_failed_hidden"], q1["unclear_visible_or_hidden"]) == ("20", "10", "0")
    assert q1["common_wrong_answers"] == f"10 x {PERCENTAGE}"
    assert q1["distribution"] == "0: 10; 1: 10; 3: 10"


def test_html_page_stands_alone_and_is_marked_up_for_every_reader(course, capsys):
    from html.parser import HTMLParser

    status, out, err = stats(["hw1"], capsys)
    assert status == 0, err
    assert out.startswith("antiplan stats: wrote stats-hw1.html (html): 30 graded")
    text = (course / "stats-hw1.html").read_text()
    tags = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, dict(attrs)))

    Tags().feed(text)
    assert ("html", {"lang": "en"}) in tags
    assert not [t for t, _ in tags if t in ("script", "link", "iframe")], "nothing loaded from elsewhere"
    headers = [a for t, a in tags if t == "th"]
    assert headers and all(a.get("scope") in ("col", "row") for a in headers)
    images = [a for t, a in tags if t == "img"]
    assert len(images) == 5 and all(a["src"].startswith("data:image/svg+xml;base64,") for a in images)
    assert all(a["alt"].startswith("Bar chart of ") for a in images)
    assert "10 students earned 0 points, 10 students earned 1 point, 10 students earned 3 points" in images[0]["alt"]
    assert "Flagged:" in text and PERCENTAGE in text


@pytest.mark.parametrize(
    ("args", "prepare", "named"),
    [
        (["hw9"], None, "no assignment 'hw9' in the gradebook; known: hw1, hw2"),
        (["hw2"], None, "no submission of hw2 is graded: grade it first (antiplan grade hw2)"),
        (["hw1"], "no gradebook", "no gradebook at "),
        (["hw1"], "empty gradebook", "is empty (no nbgrader tables): grade an assignment first"),
        (["hw1"], "missing notebook", "no autograded notebook "),
        (["hw1"], "broken notebook", "not a notebook (JSON with cells)"),
        (["hw1", "--out", "nowhere/stats.html"], None, "--out nowhere/stats.html: the folder nowhere does not exist"),
        (["hw1", "--format", "pdf"], None, "argument --format: invalid choice: 'pdf'"),
        (["hw1", "--course", "elsewhere"], None, "--course elsewhere: no such folder"),
        (["hw1", "--db", "mysql://me@localhost/grades"], None, "the address must be SQLite's (sqlite:///FILE) or"),
        (["hw1", "--db", "a gradebook"], None, "cannot open the gradebook at a gradebook (ArgumentError: "),
    ],
)
def test_bad_input_exits_2_with_one_line_and_leaves_no_file(course, capsys, args, prepare, named):
    notebook = course / "autograded" / "b03" / "hw1" / "hw1.ipynb"
    if prepare == "no gradebook":
        (course / "gradebook.db").unlink()
    elif prepare == "empty gradebook":
        (course / "gradebook.db").write_bytes(b"")
    elif prepare == "missing notebook":
        notebook.unlink()
    elif prepare == "broken notebook":
        notebook.write_text('{"cells": ')
    (course / "stats-hw1.html").write_text("last week's report")
    before = sorted(p.name for p in course.iterdir())
    status, out, err = stats(args, capsys)
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], err
    assert lines[0].startswith("antiplan stats: error: ") and out == ""
    assert sorted(p.name for p in course.iterdir()) == before
    assert (course / "stats-hw1.html").read_text() == "last week's report"


def test_missing_notebook_line_names_the_student_and_the_way_out(course, capsys):
    (course / "autograded" / "b03" / "hw1" / "hw1.ipynb").unlink()
    _, _, err = stats(["hw1"], capsys)
    assert err.strip().endswith("for b03's graded hw1: grade it again (antiplan grade hw1)")


def test_a_gradebook_with_no_assignment_is_named_empty(course, capsys):
    (course / "gradebook.db").unlink()
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "planted"):
        pass
    status, _, err = stats(["hw1"], capsys)
    assert status == 2 and "holds no assignment: grade an assignment first" in err


def test_hand_grading_done_later_joins_the_rest_of_the_assignment(course, capsys):
    """Once q5 is graded for everyone, it is part of the other questions' rest of the assignment."""
    with sqlite3.connect(course / "gradebook.db") as db:
        db.execute(
            "UPDATE grade SET manual_score = 1.0, needs_manual_grade = 0"
            " WHERE manual_score IS NULL AND auto_score IS NULL"
        )
    stats(["hw1", "--format", "json", "--out", "hw1.json"], capsys)
    report = json.loads((course / "hw1.json").read_text())
    q5 = part(report, "q5", "by hand")
    assert q5["graded"] == 30 and q5["awaiting_hand_grading"] == 0
    shares = _column(("q1", "autograded"))
    rest = [r + q for r, q in zip(_rest(("q1", "autograded")), [4] * 10 + [2] * 10 + [0] * 7 + [1] * 3, strict=True)]
    assert part(report, "q1")["item_rest_correlation"] == pytest.approx(np.corrcoef(shares, rest)[0, 1])


def test_report_goes_to_standard_output_with_out_dash(course, capsys):
    status, out, err = stats(["hw1", "--format", "json", "--out", "-"], capsys)
    assert status == 0
    assert json.loads(out)["assignment"] == "hw1"
    assert err.startswith("antiplan stats: wrote standard output (json)")


@pytest.mark.slow
def test_html_page_passes_the_books_accessibility_check(course, capsys):
    """The page in Chromium on a desktop and a phone: no critical or serious axe violation (the book's
    check), AA contrast for every text, nothing wider than the phone's screen."""
    from axe_support import RUN_AXE, axe_script
    from browser_support import CHROMIUM, CHROMIUM_FLAGS, require_chromium
    from playwright.sync_api import sync_playwright

    require_chromium()
    axe = axe_script()
    contrast = (Path(__file__).with_name("contrast.js")).read_text(encoding="utf-8")
    assert stats(["hw1"], capsys)[0] == 0
    page_url = (course / "stats-hw1.html").as_uri()
    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            for width in (1366, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(page_url, wait_until="load")
                for text in page.evaluate(contrast, "main"):
                    if text["ratio"] < 4.5:
                        problems.append(f"{width} px: contrast {text['ratio']}:1 for {text['text']!r}")
                wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                if wide > 0:
                    problems.append(f"{width} px: the page is {wide} px wider than the screen")
                page.add_script_tag(content=axe)
                for violation in page.evaluate(RUN_AXE):
                    if violation["impact"] in ("critical", "serious"):
                        problems.append(f"{width} px: axe {violation['rule']} on {violation['nodes'][:3]}")
                page.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)


def test_the_books_example_class_says_what_its_page_says():
    """book/instructor-grading.md describes its planted class of 40: one submission failed, no part is
    flagged, and question 3's visible test lets a function right only at the chapter's settings through
    to the hidden test."""
    report = summary.summarize(planted.results(planted.SAMPLE_ASSIGNMENT, planted.SAMPLE_LAYOUT, planted.sample(40)))
    assert report["submissions"]["failed"] == 1
    assert not [q for q in report["questions"] if q["flags"]]
    q3 = part(report, "q3")
    assert q3["visible_hidden"]["failed_hidden"] > 0
    assert "holds only at the chapter's settings" in q3["common_wrong_answers"][0]["message"]
    assert q3["common_wrong_answers"][0]["students"] == q3["visible_hidden"]["failed_hidden"]


@pytest.mark.slow
@pytest.mark.xdist_group("autograde")
def test_a_postgresql_gradebook_gives_the_same_report(course_folder, postgres, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "course"
    planted_course.write(folder, "hw1", LAYOUT, _class(), db_url=postgres)
    monkeypatch.chdir(folder)
    status, _, err = stats(["hw1", "--db", postgres, "--format", "json", "--out", "hw1.json"], capsys)
    assert status == 0, err
    expected = summary.summarize(planted.results("hw1", LAYOUT, _class()))
    assert json.loads((folder / "hw1.json").read_text()) == json.loads(json.dumps(expected))
