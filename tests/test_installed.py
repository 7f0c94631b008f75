"""Installed from a built wheel, the course tools work in a copy of the course anywhere on disk.

How the fresh environment is made, offline and in seconds: ``pip wheel`` builds antiplan's wheel
from a copy of this repository's package (so the build leaves nothing in the working tree);
``python -m venv --without-pip`` makes an empty virtual environment; one ``.pth`` file in it puts
this repository's virtual environment's ``site-packages`` on the path, after the fresh one's own, for
the third-party packages only (a path in a ``.pth`` file is not scanned for ``.pth`` files, so the
editable install of antiplan there is not loaded); the one third-party command the tools run,
``alembic`` (nbgrader runs it to make a gradebook), is written beside the fresh Python, as installing
it would; and ``pip install --target`` puts the wheel in the fresh environment's ``site-packages``.
The fresh Python then imports antiplan from the wheel, never from this repository, and runs
``antiplan variant build``, ``antiplan check`` and ``antiplan grade`` (as ``python -m antiplan.cli``)
in a course copied away from the repository.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import autograde_course
import nbformat
import pytest
import yaml

from antiplan.course import Course
from antiplan.variants.check import solved_submission

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("autograde")]

ROOT = Path(__file__).resolve().parents[1]
SPEC = {"base": "ch01", "id": "ch01-w", "params": {"capital_ratio": 3.0}, "seed": 3}


def _fresh_environment(where: Path) -> Path:
    """A virtual environment in ``where`` with antiplan installed from its wheel; returns its Python."""
    wheels, project = where / "wheels", where / "project"
    shutil.copytree(ROOT / "antiplan", project / "antiplan", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(project), "--no-deps", "--quiet", "-w", str(wheels)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (wheel,) = wheels.glob("antiplan-*.whl")
    venv = where / "fresh"
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                        text=True).strip())  # fmt: skip
    (site / "zz-third-party.pth").write_text(sysconfig.get_path("purelib") + "\n")
    alembic = venv / "bin" / "alembic"
    alembic.write_text(f"#!{python}\nimport sys\nfrom alembic.config import main\nsys.exit(main())\n")
    alembic.chmod(0o755)
    install = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--target", str(site)]
    subprocess.run([*install, str(wheel)], check=True, capture_output=True, timeout=600)
    return python


def test_installed_from_a_wheel_grade_variant_build_and_check_work_in_a_course_anywhere(tmp_path):
    python = _fresh_environment(tmp_path)
    where = subprocess.run([python, "-I", "-c", "import antiplan; print(antiplan.__file__)"],
                           capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    assert where.startswith(str(tmp_path / "fresh")), where

    course = autograde_course.course_base() / "elsewhere" / "course"  # outside /tmp: the sandbox has its own
    try:
        shutil.copytree(ROOT / "source", course / "source")
        shutil.copy(ROOT / "nbgrader_config.py", course)
        (course / "spec.yml").write_text(yaml.safe_dump(SPEC))

        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # nothing of this repository's environment

        def antiplan(*args: str) -> subprocess.CompletedProcess:
            command = [python, "-m", "antiplan.cli", *args]
            return subprocess.run(command, cwd=course, capture_output=True, text=True, timeout=900, env=env)

        built = antiplan("variant", "build", "spec.yml")
        assert built.returncode == 0, built.stderr
        assert "wrote source/ch01-w/ and exercises/ch01-w/" in built.stdout
        home = Course.load(course)
        solved = solved_submission(home.release / "ch01-w" / "ch01-w.ipynb", home.source / "ch01-w" / "ch01-w.ipynb")
        nbformat.write(solved, str(course / "solved.ipynb"))
        shutil.copy(home.source / "ch01-w" / "variant.yml", course / "variant.yml")  # as beside a student's copy

        checked = antiplan("check", "solved.ipynb")
        assert checked.returncode == 0, checked.stdout + checked.stderr

        target = home.submitted / "alice" / "ch01-w" / "ch01-w.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(solved, str(target))
        graded = antiplan("grade", "ch01-w", "--jobs", "1", "--quiet", "--report", "report.json")
        assert graded.returncode == 0, graded.stderr[-3000:]
        (row,) = json.loads((course / "report.json").read_text())["students"]
        assert row["student"] == "alice" and row["status"] == "graded" and row["score"] > 0
    finally:
        shutil.rmtree(course.parent.parent, ignore_errors=True)
