"""``antiplan grade ASSIGNMENT [--jobs N] [--db URL] [--report FILE] [--force]``: grade every submission.

Exit status: 0 when every submission is graded, 1 when any failed (after all the others are graded),
2 for bad input (no such assignment, no course here).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ..course import Course, ensure_tools_on_path
from ..one_line_parser import OneLineParser
from . import _startup, discovery, report, sandbox  # noqa: F401 - _startup first
from .limits import MB, Limits
from .scheduler import Pool, Task, cpu_count
from .worker import FAILED, GRADED, Outcome


def _positive_jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not allowed: a whole number of workers, 1 or more")
    return jobs


def parser() -> argparse.ArgumentParser:
    defaults = Limits()
    p = OneLineParser(
        prog="antiplan grade",
        description="Autograde every submission of an nbgrader assignment, in parallel, each in a sandboxed kernel.",
    )
    p.add_argument("assignment", help="the assignment's name, as in the gradebook (e.g. ch01)")
    p.add_argument(
        "--jobs", "-j", type=_positive_jobs, default=None, help="submissions graded at once (default: the cores)"
    )
    p.add_argument("--db", default=None, help="gradebook address, e.g. postgresql+psycopg2://user@host/db")
    p.add_argument("--report", type=Path, default=None, help="write the JSON report here")
    p.add_argument("--force", action="store_true", help="grade again what is already graded")
    p.add_argument("--course", type=Path, default=Path("."), help="the course folder (default: here)")
    p.add_argument("--cell-timeout", type=float, default=None, help="seconds per cell (default: nbgrader's)")
    p.add_argument(
        "--notebook-timeout",
        type=float,
        default=None,
        help=f"seconds per notebook (default: {defaults.notebook_timeout:g}, or twice the cell limit if more)",
    )
    p.add_argument("--memory", type=float, default=defaults.memory / MB, help="MB of memory per kernel")
    p.add_argument("--output", type=float, default=defaults.output / MB, help="MB of output kept per notebook")
    p.add_argument("--no-sandbox", action="store_true", help="run kernels as yourself, with the limits only")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    return p


def _limits(args, course: Course) -> Limits:
    defaults = Limits()
    cell = args.cell_timeout
    if cell is None:
        configured = course.config.get("ExecutePreprocessor", {}).get("timeout")
        configured = course.config.get("Execute", {}).get("timeout", configured)
        cell = float(configured) if configured else defaults.cell_timeout
    notebook = args.notebook_timeout or max(defaults.notebook_timeout, 2 * cell)
    return Limits(
        cell_timeout=cell,
        notebook_timeout=notebook,
        memory=int(args.memory * MB),
        output=int(args.output * MB),
    )


def _progress(total: int, assignment: str, quiet: bool):
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: workers are forked
    return tqdm(total=total, desc=f"grading {assignment}", unit="submission", file=sys.stderr, disable=quiet)


def _assignment_max_score(course: Course, assignment: str) -> float | None:
    from nbgrader.api import Gradebook

    gb = Gradebook(course.db_url, course.course_id)
    try:
        return float(gb.find_assignment(assignment).max_score)
    except Exception:  # noqa: BLE001 - only used to fill in the report
        return None
    finally:
        gb.close()
        gb.engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(list(argv) if argv is not None else None)
    ensure_tools_on_path()

    def say(*parts):
        print(*parts, file=sys.stderr, flush=True)

    try:
        course = Course.load(args.course, args.db)
    except Exception as error:  # noqa: BLE001 - a broken configuration, in one line
        print(f"antiplan grade: cannot read the course in {args.course}: {error}", file=sys.stderr)
        return 2
    limits = _limits(args, course)
    plan = sandbox.plan(course.secrets(), sandbox=not args.no_sandbox)
    say(plan.describe())
    say(f"limits: {limits.describe()}")
    jobs = args.jobs or cpu_count()
    pool = Pool(jobs, str(args.course.resolve()), args.db, plan, limits)
    pool.start()  # before this process opens the database: workers are forked
    try:
        return _grade(args, course, limits, plan, pool, say)
    except KeyboardInterrupt:
        pool.terminate()
        say("stopped: what was graded is saved; run the same command again to grade the rest")
        return 130
    finally:
        pool.close()
        sandbox.remove_workroot(plan)


def _grade(args, course: Course, limits: Limits, plan: sandbox.Plan, pool: Pool, say) -> int:
    from .gradebook import Results

    assignment = args.assignment
    try:
        notebooks = discovery.expected_notebooks(course, assignment)
    except LookupError as error:
        print(f"antiplan grade: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - e.g. the database server cannot be reached
        print(f"antiplan grade: cannot open the gradebook {course.db_url}: {error}", file=sys.stderr)
        return 2
    results = Results(course.db_url, course.course_id)
    try:
        done = results.load(assignment)
        found = discovery.students(course, assignment)
        say(f"{len(found)} submissions of {assignment} in {course.submitted}")
        fingerprints: dict[str, str] = {}
        counts = {"skipped": 0, "graded_now": 0, "queued": 0}
        started = time.monotonic()
        with _progress(len(found), assignment, args.quiet) as bar:

            def tasks():
                for student in found:
                    submission = discovery.inspect(course, assignment, student, notebooks, limits)
                    fingerprints[student] = submission.fingerprint
                    previous = done.get(student)
                    if (
                        not args.force
                        and previous is not None
                        and previous.final
                        and previous.fingerprint == submission.fingerprint
                    ):
                        counts["skipped"] += 1
                        bar.update(1)
                        continue
                    if not submission.readable:
                        on_done(Task(student, assignment, len(notebooks)),
                                Outcome(student, FAILED, "; ".join(submission.problems)))  # fmt: skip
                        continue
                    counts["queued"] += 1
                    yield Task(student, assignment, len(notebooks))

            def on_done(task: Task, outcome: Outcome) -> None:
                outcome.reason = " ".join(str(outcome.reason or "").split())  # one line, whatever it quotes
                results.save(assignment, outcome, fingerprints.get(task.student, ""))
                counts["graded_now"] += 1
                bar.update(1)
                if outcome.status != GRADED:
                    bar.write(f"failed: {task.student}: {outcome.reason}", file=sys.stderr)

            pool.run(tasks(), on_done)
        elapsed = time.monotonic() - started
        rows = [row for student, row in results.load(assignment).items() if student in fingerprints]
        max_score = _assignment_max_score(course, assignment)
        for row in rows:
            if row.max_score is None:
                row.max_score = max_score
        document = report.build(assignment, rows, sandbox=plan.describe(), limits=limits.to_dict())
        if args.report:
            report.write(args.report, document)
        say(report.summary(document, graded_now=counts["graded_now"], skipped=counts["skipped"]))
        if counts["queued"]:
            say(f"{counts['queued']} submissions run in {elapsed:.1f} s with {pool.jobs} workers")
        return 1 if any(s["status"] != GRADED for s in document["students"]) else 0
    finally:
        results.close()


if __name__ == "__main__":
    sys.exit(main())
