"""``antiplan export [ASSIGNMENT...] --format canvas|moodle|csv [--roster FILE] [--out FILE]``.

Writes the grades of the named assignments (default: all) in the file an LMS imports. A student the
roster does not map, and a submission with no score (failed, or not graded yet), each get one line on
stderr; neither is ever written as a zero. Exit status: 0 all written, 1 written with some left out
or without a score (the lines say which), 2 bad input (nothing written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..one_line_parser import OneLineParser
from . import canvas, moodle
from .roster import Account, RosterError, read_roster
from .table import table_from_rows

FORMATS = {"canvas": canvas, "moodle": moodle, "csv": None}
DEFAULT_OUT = {"canvas": "grades-canvas.csv", "moodle": "grades-moodle.csv", "csv": "grades.csv"}


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="antiplan export",
        description="Write grades for an LMS: Canvas's gradebook import, Moodle's CSV grade import, or a status CSV.",
        epilog="The formats and the roster's columns: the book's instructor's guide (instructor-grading).",
    )
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignments to export (default: all)")
    p.add_argument("--format", required=True, choices=sorted(FORMATS), help="the file's layout")
    p.add_argument("--roster", type=Path, default=None, help="CSV mapping student_id to LMS ids (canvas, moodle)")
    p.add_argument("--out", type=Path, default=None, help="the file to write (default: grades-FORMAT.csv)")
    p.add_course_options()
    return p


def _fail(message: str) -> int:
    return parser().fail(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``antiplan export``; returns the exit status."""
    args = parser().parse_args(list(argv) if argv is not None else None)
    layout = FORMATS[args.format]
    if layout is None and args.roster is not None:
        return _fail("--roster applies to --format canvas or moodle; the csv format lists nbgrader's ids")
    try:
        accounts = read_roster(args.roster) if args.roster is not None else None
    except RosterError as error:
        return _fail(str(error))
    out = args.out or Path(DEFAULT_OUT[args.format])
    if not out.parent.resolve().is_dir():
        return _fail(f"--out {out}: the folder {out.parent} does not exist")

    from nbgrader.api import Gradebook

    from ..autograde.export import COLUMNS, status_rows, write_csv
    from ..course import Course

    try:
        course = Course.load(args.course, args.db)
    except Exception as error:  # noqa: BLE001 - a broken configuration, in one line
        return _fail(f"cannot read the course in {args.course}: {error}")
    gradebook_file = course.sqlite_file()
    if gradebook_file is not None and not gradebook_file.is_file():
        return _fail(f"no gradebook at {gradebook_file}: collect and grade first (antiplan grade ASSIGNMENT)")
    gradebook = Gradebook(course.db_url, course.course_id)
    try:
        known = [a.name for a in gradebook.assignments]
        unknown = [a for a in args.assignments if a not in known]
        if unknown:
            return _fail(f"no assignment {unknown[0]!r} in the gradebook; known: {', '.join(known) or 'none'}")
        rows = status_rows(gradebook, course.submitted, args.assignments)
    finally:
        gradebook.close()
        gradebook.engine.dispose()

    table = table_from_rows(rows)
    problems = []
    for assignment, student, cell in table.unscored():
        why = f" ({cell.reason})" if cell.reason else ""
        problems.append(f"{assignment}: {student}'s submission is {cell.status}{why}: no score written")
    if layout is None:
        write_csv(out, COLUMNS, rows)
        written = len(table.students())
    else:
        if accounts is None:  # no roster: the hub's user names are the LMS logins
            accounts = {s: Account(student_id=s, login=s) for s in table.students()}
        for student in table.students():
            account = accounts.get(student)
            if account is None:
                problems.append(f"{student} is not in the roster {args.roster}: left out of the file")
            elif not layout.identifies(account):
                problems.append(f"{student} has no {args.format} id in the roster (needs {layout.NEEDS}): left out")
                del accounts[student]
        for student in sorted(set(accounts) - set(table.students())):
            problems.append(f"{student} is in the roster but not in the gradebook: left out of the file")
        columns, head, body = layout.layout(table, accounts)
        write_csv(out, columns, body, head)
        written = len(body)
    for line in problems:
        print(f"antiplan export: {line}", file=sys.stderr)
    left = f"; {len(problems)} problems above" if problems else ""
    print(
        f"antiplan export: wrote {out} ({args.format}): {written} students, {len(table.assignments)} assignments{left}"
    )
    return 1 if problems else 0
