"""The autograder's parts that need no kernel: the course's folders, discovery, limits, the report."""

from __future__ import annotations

import json
import os
import shutil
import sys

import autograde_course as course
import pytest

from antiplan.autograde import discovery, report, sandbox
from antiplan.autograde.command import main
from antiplan.autograde.gradebook import Row
from antiplan.autograde.limits import MB, Limits
from antiplan.autograde.worker import _reason_from_log
from antiplan.course import Course


@pytest.fixture(scope="module")
def tiny():
    root = course.build_course(course.course_base())
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_folders_come_from_nbgrader_config(tiny):
    found = Course.load(tiny)
    assert found.submitted == tiny / "autograder" / "submitted"
    assert found.autograded == tiny / "autograder" / "autograded"
    assert found.release == tiny / "exercises"
    assert found.db_url == f"sqlite:///{tiny / 'gradebook.db'}"
    assert tiny / "gradebook.db" in found.secrets()
    assert found.source in found.secrets() and found.submitted in found.secrets()
    assert Course.load(tiny, "postgresql+psycopg2://u@h/db").db_url == "postgresql+psycopg2://u@h/db"


def test_relative_folders_are_taken_from_the_course_folder(tmp_path, monkeypatch):
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.root = "."\n'
        'c.CourseDirectory.submitted_directory = "autograder/submitted"\n'
        'c.CourseDirectory.db_url = "sqlite:///autograder/gradebook.db"\n'
    )
    monkeypatch.chdir(tmp_path)
    found = Course.load(folder)
    assert found.root == folder.resolve()
    assert found.submitted == folder.resolve() / "autograder" / "submitted"
    assert found.db_url == f"sqlite:///{folder.resolve() / 'autograder' / 'gradebook.db'}"
    assert found.sqlite_file() == folder.resolve() / "autograder" / "gradebook.db"


def test_unreadable_notebooks_are_found_before_grading(tiny):
    found = Course.load(tiny)
    notebooks = discovery.expected_notebooks(found, "ps1")
    assert notebooks == ["ps1"]
    course.submit(tiny, "fine")
    course.submit(tiny, "nojson", raw=b'{"cells": [')
    course.submit(tiny, "blank", raw=b"  \n")
    course.submit(tiny, "moved", name="final.ipynb")
    course.submit(tiny, "binary", raw=b"\xff\xfe\x00garbage")
    course.submit(tiny, "jsonlist", raw=b"[1, 2, 3]")
    (course.submission_folder(tiny, "none")).mkdir(parents=True, exist_ok=True)
    assert "fine" in discovery.students(found, "ps1")

    def problems(student):
        return " ".join(discovery.inspect(found, "ps1", student, notebooks).problems)

    assert problems("fine") == ""
    assert "not valid JSON" in problems("nojson")
    assert "empty" in problems("blank")
    assert "final.ipynb" in problems("moved") and "renamed" in problems("moved")
    assert "is not" in problems("binary")
    assert "not a notebook" in problems("jsonlist")
    assert "missing" in problems("none")


def test_an_unknown_assignment_is_a_usage_error(tiny, capsys):
    assert main(["nope", "--course", str(tiny), "--quiet", "--no-sandbox"]) == 2
    assert "not in the gradebook" in capsys.readouterr().err


def test_fingerprints_change_with_the_files(tmp_path):
    (tmp_path / "a.ipynb").write_text("{}")
    first = discovery.fingerprint(tmp_path)
    assert discovery.fingerprint(tmp_path) == first
    (tmp_path / "a.ipynb").write_text("{ }")
    assert discovery.fingerprint(tmp_path) != first


def test_limits_become_resource_limits():
    limits = Limits(memory=512 * MB, notebook_timeout=100)
    rlimits = limits.rlimits()
    assert rlimits["RLIMIT_AS"] == 512 * MB
    assert rlimits["RLIMIT_CORE"] == 0
    assert rlimits["RLIMIT_CPU"] > 100
    assert limits.hard_deadline(2) > 2 * 100
    assert "512 MB of memory" in limits.describe()


def test_report_has_the_promised_shape(tmp_path):
    rows = [
        Row("bob", "failed", "ps1.ipynb is empty (0 bytes)", None, 4.0, "x", True),
        Row("amy", "graded", "", 3.0, 4.0, "y", True),
    ]
    document = report.build("ps1", rows)
    assert document["assignment"] == "ps1"
    assert [s["student"] for s in document["students"]] == ["amy", "bob"]
    for row in document["students"]:
        assert set(row) == {"student", "status", "reason", "score", "max_score"}
    assert document["students"][1] == {
        "student": "bob",
        "status": "failed",
        "reason": "ps1.ipynb is empty (0 bytes)",
        "score": None,
        "max_score": 4.0,
    }
    report.write(tmp_path / "r.json", document)
    assert json.loads((tmp_path / "r.json").read_text()) == document
    text = report.summary(document, graded_now=2, skipped=0)
    assert "1 graded, 1 failed" in text and "FAILED bob: ps1.ipynb is empty" in text


def test_failure_reasons_name_the_error():
    log = "[INFO] Converting\n[ERROR] Traceback (most recent call last):\n    ValueError: bad cell type\n"
    assert _reason_from_log(log, "") == "nbgrader could not grade it: ValueError: bad cell type"
    assert "no message" in _reason_from_log("", "")


def test_without_root_the_grader_says_it_cannot_sandbox():
    plan = sandbox.plan([], sandbox=False)
    try:
        assert not plan.enabled
        assert "sandbox OFF" in plan.describe() and "your rights" in plan.describe()
    finally:
        sandbox.remove_workroot(plan)


def test_the_kernel_sees_the_package_and_python_but_not_the_folder_beside_the_package(tmp_path):
    seen = [os.path.realpath(p) for p in sandbox._readonly_paths(tmp_path)]
    package = os.path.realpath(sandbox.PACKAGE)
    assert any(package == p or package.startswith(p + os.sep) for p in seen), seen
    assert any(os.path.realpath(sys.prefix) == p or os.path.realpath(sys.prefix).startswith(p + os.sep) for p in seen)
    beside = os.path.realpath(sandbox.PACKAGE.parent)  # a source checkout: source/, .git
    assert beside not in seen and not any(beside.startswith(p + os.sep) for p in seen if p != "/"), seen


def test_notebooks_no_step_could_read_fail_before_grading(tiny):
    """Too deep, too large or oddly shaped: the submission fails with a plain reason, never the batch."""
    from hostile_code import DEEP_NOTEBOOK, WRONG_TYPES

    found = Course.load(tiny)
    notebooks = ["ps1"]
    shell = {"metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    cell = {"cell_type": "code", "execution_count": None, "outputs": [], "metadata": {}, "source": "x = 1"}
    submissions = {
        "deep": DEEP_NOTEBOOK,
        "deep_120": json.dumps({**shell, "cells": [{**cell, "metadata": {"x": json.loads("[" * 120 + "]" * 120)}}]}),
        "wrong_types": json.dumps(WRONG_TYPES),
        "cells_object": json.dumps({**shell, "cells": {"a": 1}}),
        "source_number": json.dumps({**shell, "cells": [{**cell, "source": 5}]}),
        "kind_unknown": json.dumps({**shell, "cells": [{**cell, "cell_type": "video"}]}),
        "nbgrader_text": json.dumps({**shell, "cells": [{**cell, "metadata": {"nbgrader": "yes"}}]}),
        "brackets_in_text": json.dumps({**shell, "cells": [{**cell, "source": "[" * 500 + '\\"{' * 200}]}),
        "many_cells": json.dumps({**shell, "cells": [{"cell_type": "raw", "source": "", "metadata": {}}] * 10_001}),
    }
    for student, text in submissions.items():
        course.submit(tiny, student, raw=text if isinstance(text, bytes) else text.encode())

    def problems(student, limits=None):
        return " ".join(discovery.inspect(found, "ps1", student, notebooks, limits).problems)

    assert "ps1.ipynb is nested deeper than 100 levels" in problems("deep")
    assert "ps1.ipynb is nested deeper than 100 levels" in problems("deep_120")
    assert problems("wrong_types") == "ps1.ipynb is not a valid notebook: cell 1 is a number, not a cell"
    assert "its cells are an object, not a list" in problems("cells_object")
    assert "the source of cell 1 is a number, not text" in problems("source_number")
    assert "cell 1 has cell_type 'video'" in problems("kind_unknown")
    assert "the nbgrader metadata of cell 1 is text, not an object" in problems("nbgrader_text")
    assert problems("brackets_in_text") == ""  # brackets inside text are text
    assert problems("many_cells") == "ps1.ipynb is not a valid notebook: it has 10,001 cells; the limit is 10,000"
    assert problems("deep", Limits(notebook_size=100)) == "ps1.ipynb is 195.5 KB; the limit is 100 bytes per notebook"
    large = tiny / "large.ipynb"
    with large.open("wb") as handle:
        handle.truncate(65 * MB)  # sparse: no disk used, and never read
    assert discovery._problem(large) == "large.ipynb is 65 MB; the limit is 64 MB per notebook"
    large.unlink()


def test_an_error_reading_a_submission_fails_that_submission_alone(tiny, monkeypatch):
    found = Course.load(tiny)
    course.submit(tiny, "fine")

    def explode(path, limits=None):
        raise RecursionError("maximum recursion depth exceeded\nwhile reading")

    monkeypatch.setattr(discovery, "_problem", explode)
    submission = discovery.inspect(found, "ps1", "fine", ["ps1"])
    assert submission.problems == [
        "ps1.ipynb could not be read: RecursionError: maximum recursion depth exceeded while reading"
    ]
    assert submission.fingerprint


def test_output_is_counted_as_it_lands_in_the_file():
    from antiplan.autograde.execute import _size
    from antiplan.autograde.limits import MAX_DEPTH

    one_line = _size({"name": "stdout", "text": "x" * 1000})
    assert 1000 < one_line < 1100
    many_lines = _size({"name": "stdout", "text": "\n" * 1000})  # a line of its own each, indented
    assert many_lines > 10 * 1000
    escaped = _size({"name": "stdout", "text": "\x00" * 1000})  # written as \u0000
    assert escaped > 6 * 1000
    wide = _size({"data": {"application/json": [[0] * 1000]}, "metadata": {}})
    assert wide > 1000 * 8  # each number on a line of its own
    deep: list = []
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    assert _size({"data": {"application/json": deep}, "metadata": {}}) > 1 << 60  # too deep to keep


def test_a_file_name_that_is_not_utf8_is_fingerprinted_not_fatal(tmp_path):
    (tmp_path / "a.ipynb").write_text("{}")
    first = discovery.fingerprint(tmp_path)
    with open(os.path.join(os.fsencode(tmp_path), b"\xff-data.csv"), "w") as handle:
        handle.write("x\n")
    assert discovery.fingerprint(tmp_path) != first
