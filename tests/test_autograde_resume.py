"""Kill the grader mid-batch (SIGKILL), run it again: no grade lost, none counted twice."""

from __future__ import annotations

import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import autograde_course as course
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("autograde")]

STUDENTS = [f"s{i}" for i in range(6)]


def _finished_rows(root) -> int:
    try:
        with sqlite3.connect(root / "gradebook.db", timeout=30) as db:
            return db.execute("SELECT count(*) FROM antiplan_autograde").fetchone()[0]
    except sqlite3.OperationalError:  # the table does not exist yet
        return 0


def _sandbox_processes() -> list[str]:
    listing = subprocess.run(["ps", "-e", "-o", "user:32=,pid=,args="], capture_output=True, text=True).stdout
    return [line for line in listing.splitlines() if line.strip().startswith("antiplan-sandbox-")]


def test_a_killed_batch_resumes_without_losing_or_doubling_grades():
    root = course.build_course(course.course_base())
    try:
        for student in STUDENTS:
            course.submit(
                root,
                student,
                {"square": "def square(x):\n    return x * x\n"}
                if student != "s5"
                else {"square": "def square(x):\n    return x + x\n"},
            )
        command = [sys.executable, "-m", "antiplan.autograde", "ps1", "--course", str(root), "--jobs", "2", "--quiet"]
        grader = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while _finished_rows(root) < 2 and grader.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert grader.poll() is None, "the grader finished before it could be killed: give it more submissions"
        grader.send_signal(signal.SIGKILL)
        grader.wait()
        finished = _finished_rows(root)
        assert 2 <= finished < len(STUDENTS)
        for _ in range(50):  # workers and kernels die with the grader
            if not _sandbox_processes():
                break
            time.sleep(0.2)
        assert not _sandbox_processes()

        report_path = root / "report.json"
        done = course.run_grader(root, "--jobs", "2", "--report", str(report_path))
        assert done.returncode == 0, done.stderr[-3000:]
        counts = re.search(r"\((\d+) graded in this run, (\d+) already done\)", done.stderr)
        assert counts, done.stderr
        assert int(counts.group(2)) >= finished
        assert int(counts.group(1)) + int(counts.group(2)) == len(STUDENTS)

        report = course.read_report(report_path)
        assert sorted(report["by_student"]) == STUDENTS
        assert len(report["students"]) == len(STUDENTS)
        expected = {s: (2.0 if s == "s5" else course.MAX_SCORE) for s in STUDENTS}
        assert {s: r["score"] for s, r in report["by_student"].items()} == expected
        assert course.gradebook_scores(root) == expected
        with sqlite3.connect(root / "gradebook.db") as db:
            assert db.execute("SELECT count(*) FROM submitted_assignment").fetchone()[0] == len(STUDENTS)
            assert db.execute("SELECT count(*) FROM antiplan_autograde").fetchone()[0] == len(STUDENTS)

        again = course.run_grader(root, "--jobs", "2")
        assert again.returncode == 0
        assert f"(0 graded in this run, {len(STUDENTS)} already done)" in again.stderr
    finally:
        shutil.rmtree(root, ignore_errors=True)
