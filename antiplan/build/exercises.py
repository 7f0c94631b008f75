"""Generate the student copies in ``exercises/`` from the instructor's notebooks in ``source/``.

Runs the real ``nbgrader generate_assignment`` (in process, through ``NbGraderAPI``) for every
assignment, in a scratch copy of the course with its own gradebook, so building never touches the
instructor's gradebook; then replaces ``exercises/`` with the result. The same ``source/`` always
gives the same bytes.

    python -m antiplan.build.exercises            # regenerate exercises/
    python -m antiplan.build.exercises --check    # exit 1 if exercises/ is out of date
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository's top: the nbgrader course directory."""


def assignments(root: Path = ROOT) -> list[str]:
    """The assignment names (``ch01`` ...): the folders of ``source/`` holding a notebook."""
    return sorted(p.name for p in (root / "source").iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def _with_venv_on_path() -> None:
    # nbgrader runs the ``alembic`` command when it creates a gradebook: it must be on PATH.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def nbgrader_api(course: Path, **overrides):
    """An in-process ``NbGraderAPI`` for the course at ``course``, configured as ``nbgrader_config.py``."""
    _with_venv_on_path()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config, PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = f"sqlite:///{course / 'autograder' / 'gradebook.db'}"
    extra = Config()
    for section, values in overrides.items():
        for key, value in values.items():
            setattr(getattr(extra, section), key, value)
    config.merge(extra)
    (course / "autograder").mkdir(parents=True, exist_ok=True)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def generate(into: Path, root: Path = ROOT) -> Path:
    """Generate every assignment's student copy from ``root/source`` under ``into/exercises``."""
    shutil.copytree(root / "source", into / "source")
    api = nbgrader_api(into)
    for name in assignments(root):
        outcome = api.generate_assignment(name, force=True, create=True)
        if not outcome["success"]:
            raise RuntimeError(f"nbgrader generate_assignment {name} failed:\n{outcome.get('error', '')}")
    return into / "exercises"


def _files(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(built: Path, committed: Path) -> list[str]:
    """Paths that differ between two ``exercises/`` trees (missing, extra or changed)."""
    new, old = _files(built), _files(committed) if committed.exists() else {}
    out = [f"missing: {k}" for k in new if k not in old]
    out += [f"stale: {k}" for k in old if k not in new]
    out += [f"changed: {k}" for k in new if k in old and not filecmp.cmp(new[k], old[k], shallow=False)]
    return out


def build_exercises(root: Path = ROOT) -> Path:
    """Regenerate ``root/exercises`` from ``root/source``; return its path."""
    with tempfile.TemporaryDirectory(prefix="antiplan-exercises-") as scratch:
        built = generate(Path(scratch), root)
        target = root / "exercises"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(built, target)
    return target


def check_exercises(root: Path = ROOT) -> list[str]:
    """What regenerating would change in ``root/exercises`` (empty when it is up to date)."""
    with tempfile.TemporaryDirectory(prefix="antiplan-exercises-") as scratch:
        return differences(generate(Path(scratch), root), root / "exercises")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m antiplan.build.exercises", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report whether exercises/ is up to date")
    args = parser.parse_args(argv)
    if args.check:
        changes = check_exercises()
        for line in changes:
            print(line)
        print("exercises/ is up to date" if not changes else "exercises/ is out of date: run make book")
        return 1 if changes else 0
    print(f"wrote {build_exercises()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
