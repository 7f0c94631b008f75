"""A variant built in a course whose gradebook is PostgreSQL is recorded in that gradebook.

Uses the real PostgreSQL server of ``postgres`` (conftest.py); fails (does not skip) without it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from antiplan.autograde import discovery
from antiplan.course import Course

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("autograde")]

ROOT = Path(__file__).resolve().parents[1]
SPEC = {"base": "ch01", "id": "ch01-pg", "params": {"capital_ratio": 3.0}, "seed": 3}


def test_a_variant_is_recorded_in_the_courses_postgresql_gradebook(tmp_path, postgres):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "source", course / "source")
    config = (ROOT / "nbgrader_config.py").read_text()
    # A gradebook on a database server is shared by courses: each names itself (nbgrader's course_id).
    server = f"\nc.CourseDirectory.db_url = {postgres!r}\nc.CourseDirectory.course_id = 'antiplan'\n"
    (course / "nbgrader_config.py").write_text(config + server)
    (tmp_path / "spec.yml").write_text(yaml.safe_dump(SPEC))
    done = subprocess.run(
        [sys.executable, "-m", "antiplan.cli", "variant", "build", str(tmp_path / "spec.yml")],
        cwd=course, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = Course.load(course)
    assert found.db_url == postgres
    # What `antiplan grade ch01-pg` reads first: the assignment's notebooks, from the course's gradebook.
    assert discovery.expected_notebooks(found, "ch01-pg") == ["ch01-pg"]
    assert not list(course.rglob("*.db")), "a SQLite gradebook was written beside the PostgreSQL one"
