"""Parallel grading against a real PostgreSQL server, started by the test on loopback.

The server binaries come from Debian's ``postgresql`` package. When they are missing the test fails
(it does not skip): install them with ``apt-get install postgresql``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import autograde_course as course
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("autograde")]


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail(
            f"PostgreSQL's {name} is missing: install the server with 'apt-get install postgresql' "
            "(the test starts its own server on loopback)"
        )
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="antiplan-pg-"))
    if os.geteuid() == 0:  # the server refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    port = _free_port()
    subprocess.run([*as_user, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
                   check=True, capture_output=True)  # fmt: skip
    try:
        import psycopg2

        for _ in range(50):
            try:
                connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
                break
            except psycopg2.OperationalError:
                time.sleep(0.2)
        connection.autocommit = True
        connection.cursor().execute("CREATE DATABASE gradebook")
        connection.close()
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


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
