"""Time of ``antiplan stats`` on a class of 300 submissions (goal: under 10 s), beside reading its grades.

Run with ``.venv/bin/python benchmarks/stats.py``. It lays out a planted class of 300 submissions of
an assignment like chapter 3 (``antiplan.stats.planted``: a gradebook and an autograded notebook per
student, each notebook padded to the size of a graded chapter notebook), then times, each in a fresh
process as an instructor runs them:

- start-up: a Python that reads the course's configuration as every course tool does first (this
  imports nbgrader), and nothing else: the floor of any command here;
- baseline: ``antiplan export ch03 --format csv``, which reads the same gradebook for the grades alone;
- ``antiplan stats ch03`` in each format: the gradebook, every autograded notebook, the statistics,
  and for HTML a chart per question part.

It prints the median of ``--repeat`` runs of each, and each as a ratio to the baseline; then, in this
process, where the time of ``stats`` goes (reading, computing, writing).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from antiplan.stats import planted, planted_course

GOAL = 10.0
"""Seconds ``antiplan stats`` may take on 300 submissions."""
STARTUP = "from antiplan.course import Course; Course.load('.')"
"""What every course tool does first: nbgrader's configuration of the course (it imports nbgrader)."""


def _pad(course, kilobytes: int) -> None:
    """Give each autograded notebook cells of prose adding up to ``kilobytes``, half a kilobyte each:
    a graded chapter notebook's size, and its many small cells."""
    line = "The center sets targets from reports; managers pad reports and hide capacity. "
    cells = [
        {"cell_type": "markdown", "metadata": {"nbgrader": {"grade": False, "locked": True}}, "source": line * 6}
        for _ in range(kilobytes * 2)
    ]
    for path in course.autograded.glob("*/*/*.ipynb"):
        notebook = json.loads(path.read_text())
        notebook["cells"] = cells + notebook["cells"]
        path.write_text(json.dumps(notebook, indent=1))


def _run(folder: Path, args: list[str], repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, *(args if args[0] == "-c" else ["-m", "antiplan.cli", *args])],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):  # export says 1 when a submission failed to grade: expected here
            sys.exit(f"antiplan {' '.join(args)} failed: {done.stderr.strip()}")
    return seconds


def _in_process(course) -> dict[str, float]:
    """Where the time of ``stats`` goes, once everything is imported."""
    from antiplan.stats.read import gather
    from antiplan.stats.report import render
    from antiplan.stats.summary import summarize

    steps = {}
    start = time.perf_counter()
    results = gather(course, planted.SAMPLE_ASSIGNMENT)
    steps["read the gradebook and notebooks"] = time.perf_counter() - start
    start = time.perf_counter()
    report = summarize(results)
    steps["compute the statistics"] = time.perf_counter() - start
    start = time.perf_counter()
    render(report, "html")
    steps["render the HTML page (charts)"] = time.perf_counter() - start
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300, help="submissions in the class")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command")
    parser.add_argument("--notebook-kb", type=int, default=60, help="size of each autograded notebook")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="antiplan-stats-") as scratch:
        folder = Path(scratch) / "course"
        start = time.perf_counter()
        course = planted_course.write(
            folder, planted.SAMPLE_ASSIGNMENT, planted.SAMPLE_LAYOUT, planted.sample(args.students, seed=1)
        )
        _pad(course, args.notebook_kb)
        print(f"planted class: {args.students} submissions, laid out in {time.perf_counter() - start:.1f} s")
        runs = {
            "start-up: read the course's configuration": ["-c", STARTUP],
            "baseline: antiplan export ch03 --format csv": ["export", "ch03", "--format", "csv"],
        }
        for fmt in ("html", "json", "csv"):
            runs[f"antiplan stats ch03 --format {fmt}"] = ["stats", "ch03", "--format", fmt]
        medians = {name: statistics.median(_run(folder, command, args.repeat)) for name, command in runs.items()}
        baseline = medians["baseline: antiplan export ch03 --format csv"]
        width = max(len(name) for name in medians)
        print(f"median of {args.repeat} runs, each a fresh process:")
        for name, seconds in medians.items():
            print(f"  {name:<{width}}  {seconds:6.2f} s  {seconds / baseline:5.2f} x baseline")
        slowest = max(v for k, v in medians.items() if "stats" in k)
        verdict = "within" if slowest < GOAL else "over"
        print(f"slowest stats run {slowest:.2f} s: {verdict} the goal of {GOAL:.0f} s")
        print("in this process, once imported:")
        for step, seconds in _in_process(course).items():
            print(f"  {step:<{width}}  {seconds:6.2f} s")


if __name__ == "__main__":
    main()
