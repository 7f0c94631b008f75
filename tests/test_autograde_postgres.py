"""Parallel grading against a real PostgreSQL server, started on loopback (``postgres`` in conftest.py).

The server binaries come from Debian's ``postgresql`` package. When they are missing the test fails
(it does not skip): install them with ``apt-get install postgresql``.
"""

from __future__ import annotations

import shutil

import autograde_course as course
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("autograde")]


def test_parallel_grading_into_postgresql(postgres):
    root = course.build_course(course.course_base(), db_url=postgres)
    try:
        for student in ("ann", "ben", "cat", "dan"):
            course.submit(root, student)
        course.submit(root, "eve", {"square": "def square(x):\n    return x + x\n"})
        course.submit(root, "fay", raw=b"")
        report_path = root / "report.json"
        done = course.run_grader(root, "--jobs", "2", "--db", postgres, "--report", str(report_path))
        assert done.returncode == 1, done.stderr[-3000:]
        report = course.read_report(report_path)["by_student"]
        assert {s: r["status"] for s, r in report.items()} == {
            "ann": "graded", "ben": "graded", "cat": "graded", "dan": "graded", "eve": "graded", "fay": "failed",
        }  # fmt: skip
        assert report["eve"]["score"] == 2.0 and report["ann"]["score"] == course.MAX_SCORE
        assert "empty" in report["fay"]["reason"]
        scores = course.gradebook_scores(root, postgres)
        assert scores["eve"] == 2.0
        assert all(scores[s] == course.MAX_SCORE for s in ("ann", "ben", "cat", "dan"))
        assert not (root / "gradebook.db").exists()

        again = course.run_grader(root, "--jobs", "2", "--db", postgres)
        assert "(0 graded in this run, 6 already done)" in again.stderr
    finally:
        shutil.rmtree(root, ignore_errors=True)
