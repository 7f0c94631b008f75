"""``antiplan stats ASSIGNMENT [--format html|json|csv] [--out PATH] [--course DIR] [--db URL]``.

Reads the course's gradebook and autograded notebooks and writes, per question, how the class did
(see ``antiplan.stats.summary``), then says on standard output what it wrote and which question
parts are flagged. Exit status: 0 written; 2 bad input (one line on stderr, nothing written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..one_line_parser import OneLineParser
from .report import FORMATS


def parser() -> argparse.ArgumentParser:
    """The command's options."""
    p = OneLineParser(
        prog="antiplan stats",
        description="Per question of a graded assignment: scores, discrimination, common wrong answers, "
        "and students who passed the visible tests but failed the hidden ones.",
        epilog="How to read it: the book's instructor's guide (instructor-grading).",
    )
    p.add_argument("assignment", metavar="ASSIGNMENT", help="the assignment, as in the gradebook (e.g. ch03)")
    p.add_argument("--format", default="html", choices=FORMATS, help="the report's format (default: html)")
    p.add_argument("--out", default=None, help="the file to write (default: stats-ASSIGNMENT.FORMAT; - for stdout)")
    p.add_course_options()
    return p


def _fail(message: str) -> int:
    return parser().fail(message)


def _destination(args) -> Path | None:
    """Where to write: ``None`` for standard output."""
    if args.out == "-":
        return None
    out = Path(args.out or f"stats-{args.assignment}.{args.format}")
    if out.is_dir():
        raise ValueError(f"--out {out} is a folder: name a file, e.g. {out / f'stats-{args.assignment}.{args.format}'}")
    if not out.parent.resolve().is_dir():
        raise ValueError(f"--out {out}: the folder {out.parent} does not exist")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``antiplan stats``; returns the exit status."""
    try:
        args = parser().parse_args(list(argv) if argv is not None else None)
    except SystemExit as done:  # --help, or bad options (one line already said): a status to return
        return int(done.code or 0)
    try:
        out = _destination(args)
    except ValueError as error:
        return _fail(str(error))
    if not args.course.is_dir():
        return _fail(f"--course {args.course}: no such folder")

    from ..course import Course
    from .read import StatsError, gather
    from .report import render, write
    from .summary import summarize

    try:
        course = Course.load(args.course, args.db)
    except Exception as error:  # noqa: BLE001 - a broken configuration, in one line
        return _fail(f"cannot read the course in {args.course}: {error}")
    try:
        results = gather(course, args.assignment)
    except StatsError as error:
        return _fail(str(error))
    report = summarize(results)
    write(render(report, args.format), out)

    # With the report on standard output, what would be said about it goes to stderr.
    said = sys.stdout if out is not None else sys.stderr
    n = report["submissions"]
    flagged = [q for q in report["questions"] if q["flags"]]
    where = out if out is not None else "standard output"
    print(
        f"antiplan stats: wrote {where} ({args.format}): {n['graded']} graded, {n['failed']} failed to grade, "
        f"{n['not graded']} not graded; {len(report['questions'])} question parts, {len(flagged)} flagged",
        file=said,
    )
    for q in flagged:
        for flag in q["flags"]:
            print(f"antiplan stats: {q['question']}, {q['part']}: {flag}", file=said)
    return 0
