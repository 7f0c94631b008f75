"""``antiplan variant``: build, check and inspect assignment variants from the command line.

    antiplan variant build SPEC.yml [--force]
    antiplan variant check ID
    antiplan variant params ID --student NAME [--json]

Exit status: 0 done, 1 a check found problems, 2 a bad spec, id or argument (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..course import Course
from .build import build
from .check import check
from .spec import SpecError, course_spec, load_spec
from .students import student_params


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and status 2, as for a bad spec
        self.exit(2, f"{self.prog}: {message} (see antiplan variant --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="antiplan variant",
        description="Build, check and inspect assignment variants.",
        epilog="The spec's fields, and three worked variants: the book's instructor's guide (instructor-variants).",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    b = sub.add_parser("build", help="write source/<id>/ and exercises/<id>/ from a YAML spec")
    b.add_argument("spec", type=Path, help="the variant's YAML spec")
    b.add_argument("--force", action="store_true", help="overwrite an existing variant of that id")
    c = sub.add_parser("check", help="grade a variant's solutions and blank copy in a scratch course")
    c.add_argument("id")
    p = sub.add_parser("params", help="one student's parameters and seed")
    p.add_argument("id")
    p.add_argument("--student", required=True, help="the student's id, as in nbgrader")
    p.add_argument("--json", action="store_true", help="print JSON")
    for command in (b, c, p):
        command.add_argument("--course", type=Path, default=None, help="the course folder (default: here)")
    return parser


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """Run ``antiplan variant`` with ``argv``; returns the exit status.

    The course is ``--course``, else ``root``, else the current folder.
    """
    args = _parser().parse_args(argv)
    folder = (args.course or root or Path(".")).resolve()
    try:
        try:
            course = Course.load(folder)
        except Exception as error:  # noqa: BLE001 - a broken configuration, in one line
            raise SpecError(f"course: cannot read the course in {folder}: {error}") from None
        if not course.source.is_dir():
            raise SpecError(
                f"course: {folder} has no {course.source.name}/ folder: run in the course folder or give --course"
            )
        if args.command == "build":
            source, exercises = build(load_spec(args.spec, course), course, force=args.force)
            print(f"wrote {source.relative_to(course.root)}/ and {exercises.relative_to(course.root)}/")
            return 0
        spec = course_spec(course, args.id)
        if args.command == "params":
            values = student_params(spec, args.student)
            if args.json:
                print(json.dumps({"id": args.id, "student": args.student, **values}, sort_keys=True))
            else:
                shown = ", ".join(f"{k}={v!r}" for k, v in values["params"].items())
                print(f"{args.id} for {args.student}: {shown}; seed {values['seed']}")
            return 0
        problems = check(args.id, course)
        for line in problems:
            print(line)
        print(f"{args.id}: {'sound' if not problems else f'{len(problems)} problem(s)'}")
        return 1 if problems else 0
    except SpecError as error:
        print(f"antiplan variant: {error}", file=sys.stderr)
        return 2
