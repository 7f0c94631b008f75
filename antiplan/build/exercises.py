"""Generate the student copies (the course's release folder, ``exercises/``) from the instructor's notebooks.

Runs the real ``nbgrader generate_assignment`` (in process, through ``NbGraderAPI``) for every
assignment, in a scratch copy of the course with its own gradebook (``Course.scratch``), so building
never touches the instructor's gradebook; then replaces the release folder with the result. The same
source folder always gives the same bytes. The course is the current folder, or ``--course``.

    python -m antiplan.build.exercises            # regenerate exercises/
    python -m antiplan.build.exercises --check    # exit 1 if exercises/ is out of date
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

from ..course import Course


def generate(into: Path, course: Course) -> Path:
    """Generate every assignment's student copy from ``course``'s source folder in a scratch copy of
    the course at ``into``; return the copy's release folder."""
    scratch = course.scratch(into)
    shutil.copytree(course.source, scratch.source)
    api = scratch.nbgrader_api()
    for name in course.assignments():
        outcome = api.generate_assignment(name, force=True, create=True)
        if not outcome["success"]:
            raise RuntimeError(f"nbgrader generate_assignment {name} failed:\n{outcome.get('error', '')}")
    return scratch.release


def _files(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(built: Path, committed: Path) -> list[str]:
    """Paths that differ between two release folders (missing, extra or changed)."""
    new, old = _files(built), _files(committed) if committed.exists() else {}
    out = [f"missing: {k}" for k in new if k not in old]
    out += [f"stale: {k}" for k in old if k not in new]
    out += [f"changed: {k}" for k in new if k in old and not filecmp.cmp(new[k], old[k], shallow=False)]
    return out


def build_exercises(course: Course) -> Path:
    """Regenerate ``course``'s release folder from its source folder; return its path."""
    with tempfile.TemporaryDirectory(prefix="antiplan-exercises-") as scratch:
        built = generate(Path(scratch), course)
        if course.release.exists():
            shutil.rmtree(course.release)
        shutil.copytree(built, course.release)
    return course.release


def check_exercises(course: Course) -> list[str]:
    """What regenerating would change in ``course``'s release folder (empty when it is up to date)."""
    with tempfile.TemporaryDirectory(prefix="antiplan-exercises-") as scratch:
        return differences(generate(Path(scratch), course), course.release)


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or ``--check``) the student copies of the course; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m antiplan.build.exercises", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report whether exercises/ is up to date")
    parser.add_argument("--course", type=Path, default=Path("."), help="the course folder (default: here)")
    args = parser.parse_args(argv)
    course = Course.load(args.course)
    if args.check:
        changes = check_exercises(course)
        for line in changes:
            print(line)
        name = course.release.name
        print(f"{name}/ is up to date" if not changes else f"{name}/ is out of date: run make book")
        return 1 if changes else 0
    print(f"wrote {build_exercises(course)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
