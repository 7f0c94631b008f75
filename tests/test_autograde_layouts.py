"""The sandboxed kernel sees nothing of the course, wherever the course and the package are installed.

The layouts a user has: the course is a git clone of a repository that also holds the package (as an
image built for Zero to JupyterHub does), and the package is installed from it editable, not
editable, or from a wheel. In each, a blank copy whose first cell looks for the instructor's
notebooks beside the package, in the course and in the course's git history, and runs their
solutions, earns nothing; the honest student gets full marks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import autograde_course as course
import pytest
from hostile_code import BLANK_ANSWERS, by_path_code

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("autograde")]

REPOSITORY = Path(__file__).resolve().parents[1]


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=instructor", "-c", "user.email=instructor@example.org", "-C", str(root), *args],
        check=True,
        capture_output=True,
    )


def _course_with_package(base: Path) -> Path:
    """A course folder that is a git clone of a repository holding the package beside ``source/``."""
    origin = base / "origin"
    course.build_course(origin, timeout=10)
    shutil.copytree(REPOSITORY / "antiplan", origin / "antiplan", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPOSITORY / "pyproject.toml", origin / "pyproject.toml")
    shutil.copy(REPOSITORY / "README.md", origin / "README.md")
    (origin / ".gitignore").write_text("gradebook.db\nautograder/\n")
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "course")
    clone = base / "course"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, capture_output=True)
    shutil.rmtree(origin)
    root = course.build_course(clone, timeout=10)  # the gradebook and student copy, in the clone
    return root


def _python_with_package(base: Path, root: Path, how: str) -> str:
    """A Python with the course's package installed ``how``, and this suite's packages beside it."""
    venv = base / f"venv-{how}"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    ours = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "suite-packages.pth").write_text(ours + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps"]
    pip += ["--no-build-isolation", "--no-index"]
    if how == "editable":
        subprocess.run([*pip, "-e", str(root)], check=True, capture_output=True)
    elif how == "copy":
        subprocess.run([*pip, str(root)], check=True, capture_output=True)
    else:
        wheels = base / "wheels"
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
             "-w", str(wheels), str(root)],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run([*pip, str(next(wheels.glob("antiplan-*.whl")))], check=True, capture_output=True)
    return str(python)


@pytest.mark.parametrize("how", ["editable", "copy", "wheel"])
def test_answers_cannot_be_reached_by_path_whatever_the_layout(how):
    if os.geteuid() != 0:
        pytest.fail("these tests check the sandbox, which needs root (run them as root, e.g. in CI)")
    base = course.course_base()
    try:
        root = _course_with_package(base)
        python = _python_with_package(base, root, how)
        # Run from a folder with no package in it: ``python -m`` puts the current folder first.
        where = subprocess.run(
            [python, "-c", "import antiplan; print(antiplan.__file__)"],
            check=True, capture_output=True, text=True, cwd=base,
        ).stdout.strip()  # fmt: skip
        inside = Path(where).is_relative_to(root)
        assert inside == (how == "editable"), where  # the layout is the one meant
        course.submit(root, "good")
        course.submit(root, "blank", {**BLANK_ANSWERS, "square": by_path_code(root)})
        report = root / "report.json"
        done = subprocess.run(
            [python, "-m", "antiplan.autograde", course.ASSIGNMENT, "--course", str(root), "--quiet",
             "--jobs", "2", "--report", str(report)],
            capture_output=True, text=True, timeout=600, cwd=base,
        )  # fmt: skip
        assert "sandbox on" in done.stderr, done.stderr[-3000:]
        rows = course.read_report(report)["by_student"]
        assert rows["good"]["score"] == course.MAX_SCORE, rows["good"]
        assert rows["blank"]["status"] == "graded" and rows["blank"]["score"] == 0.0, rows["blank"]
    finally:
        shutil.rmtree(base, ignore_errors=True)
