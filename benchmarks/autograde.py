"""Autograding speed: ``antiplan grade --jobs 2`` against plain sequential ``nbgrader autograde``.

Builds the test suite's tiny course twice (``tests/autograde_course.py``), hands in the same N
submissions to each (100 by default; most right, some wrong), and times, in one run:

- **nbgrader**: one ``nbgrader autograde ps1`` command, grading the submissions one after another;
- **antiplan**: ``python -m antiplan.autograde ps1 --jobs 2`` (sandboxed when run as root);
- **floor**: the same notebooks (answers plus the instructor's tests, hidden ones included) executed
  bare with nbclient one after another, divided by the number of cores: what running them in
  parallel would cost with no grading around it at all.

Prints the figures; asserts nothing. Goals: antiplan at least 2.5x faster than nbgrader, and within
1.2x of the floor (it can beat the floor: its tests run in a clean process forked ready-made, and
compute the expected values there, where the bare run starts a process for each). The machine's load
average is printed too: the figures mean little on a busy one.

    .venv/bin/python benchmarks/autograde.py [--submissions 100] [--jobs 2]
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import autograde_course as tiny  # noqa: E402

WRONG = {"square": "def square(x):\n    return x + x\n"}


def build(root: Path, count: int) -> list[str]:
    """The course in ``root`` with ``count`` submissions: every fifth one gets ``square`` wrong."""
    tiny.build_course(root)
    students = [f"student{i:03d}" for i in range(count)]
    for i, student in enumerate(students):
        tiny.submit(root, student, WRONG if i % 5 == 4 else None)
    return students


def bare_notebook(root: Path, student: str) -> nbformat.NotebookNode:
    """What the grader executes: the student's answers in the instructor's notebook (tests included)."""
    source = nbformat.read(root / "source" / tiny.ASSIGNMENT / tiny.NOTEBOOK, as_version=4)
    submitted = nbformat.read(tiny.submission_folder(root, student) / tiny.NOTEBOOK, as_version=4)
    answers = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in submitted.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    nb = copy.deepcopy(source)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def time_floor(root: Path, students: list[str]) -> float:
    started = time.perf_counter()
    for student in students:
        nb = bare_notebook(root, student)
        folder = tiny.submission_folder(root, student)
        NotebookClient(
            nb, timeout=60, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(folder)}}
        ).execute()
    return time.perf_counter() - started


def time_command(command: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall-clock seconds, CPU seconds (the command and every process it started), and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--floor-of", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    students = [f"student{i:03d}" for i in range(args.submissions)]
    if args.floor_of:  # run in a process of its own, so that its CPU time is measured like the others'
        time_floor(args.floor_of, students)
        return
    cores = len(os.sched_getaffinity(0))
    bindir = os.path.dirname(sys.executable)
    os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    base = tiny.course_base()
    try:
        for_nbgrader, for_antiplan = base / "nbgrader", base / "antiplan"
        build(for_nbgrader, args.submissions)
        build(for_antiplan, args.submissions)
        print(f"{args.submissions} submissions, {cores} cores, load average before: {os.getloadavg()[0]:.2f}")

        bare_wall, bare_cpu, _ = time_command(
            [sys.executable, __file__, "--submissions", str(args.submissions), "--floor-of", str(for_antiplan)], base
        )
        floor = bare_wall / cores
        print(f"bare nbclient, one after another: {bare_wall:.1f} s ({bare_cpu:.1f} s of CPU)")

        nb_wall, nb_cpu, done = time_command([os.path.join(bindir, "nbgrader"), "autograde", "ps1"], for_nbgrader)
        graded = len(list((for_nbgrader / "autograder" / "autograded").glob("*/ps1/ps1.ipynb")))
        print(
            f"nbgrader autograde: {nb_wall:.1f} s ({nb_cpu:.1f} s of CPU), {graded} notebooks, exit {done.returncode}"
        )

        command = [sys.executable, "-m", "antiplan.autograde", "ps1", "--course", str(for_antiplan)]
        ours, ours_cpu, done = time_command([*command, "--jobs", str(args.jobs), "--quiet"], for_antiplan)
        sandbox = "on" if "sandbox on" in done.stderr else "off"
        lines = done.stderr.strip().splitlines()
        print(f"antiplan grade --jobs {args.jobs} (sandbox {sandbox}): {ours:.1f} s ({ours_cpu:.1f} s of CPU), "
              f"exit {done.returncode}; {lines[-1] if lines else ''}")  # fmt: skip

        print()
        print(f"{'':30}{'wall s':>9}{'per sub.':>10}{'CPU s':>9}")
        rows = [
            ("nbgrader (sequential)", nb_wall, nb_cpu),
            (f"antiplan --jobs {args.jobs}", ours, ours_cpu),
            (f"floor (bare / {cores} cores)", floor, bare_cpu),
        ]
        for name, seconds, cpu in rows:
            print(f"{name:30}{seconds:9.1f}{seconds / args.submissions:10.2f}{cpu:9.1f}")
        print(f"speed-up over nbgrader: {nb_wall / ours:.2f}x (goal: at least 2.5x)")
        print(f"antiplan / floor: {ours / floor:.2f} (goal: at most 1.2)")
        print(
            f"CPU: antiplan uses {ours_cpu / bare_cpu:.2f}x the CPU of bare execution, nbgrader "
            f"{nb_cpu / bare_cpu:.2f}x; on an otherwise idle machine antiplan / floor is about "
            f"{max(ours, ours_cpu / cores) / floor:.2f} at best"
        )
        print(f"load average after: {os.getloadavg()[0]:.2f} (anything else running skews the figures)")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
