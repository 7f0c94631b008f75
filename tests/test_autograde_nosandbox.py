"""Without a sandbox (not root, or ``--no-sandbox``) the grader says so plainly and grades with the limits."""

from __future__ import annotations

import shutil

import autograde_course as course
import pytest
from hostile_code import BLANK_ANSWERS, SHADOWS

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("autograde")]


def test_grading_without_a_sandbox_says_so_and_keeps_the_limits():
    root = course.build_course(course.course_base(), timeout=10)
    try:
        course.submit(root, "good")
        course.submit(root, "loop", {"square": "while True:\n    pass\n"})
        course.submit(root, "shadow_cwd", {**BLANK_ANSWERS, "square": SHADOWS["shadow_cwd"]})
        report_path = root / "report.json"
        done = course.run_grader(root, "--no-sandbox", "--jobs", "2", "--report", str(report_path))
        assert done.returncode == 0, done.stderr[-3000:]
        assert "sandbox OFF" in done.stderr and "student code runs with your rights" in done.stderr
        for protection in ("no user of its own", "no network cut", "no size limit on the working folder"):
            assert protection in done.stderr, done.stderr[-3000:]
        report = course.read_report(report_path)
        assert "sandbox OFF" in report["sandbox"]
        assert report["by_student"]["good"]["score"] == course.MAX_SCORE
        loop = report["by_student"]["loop"]
        assert loop["status"] == "graded" and loop["score"] == 2.0 and "stopped after 10 s" in loop["reason"]
        # the test helpers still load from the installed package only
        assert report["by_student"]["shadow_cwd"]["score"] == 0.0, report["by_student"]["shadow_cwd"]
    finally:
        shutil.rmtree(root, ignore_errors=True)
