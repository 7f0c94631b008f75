"""Cost of variants in grading: the grader's fresh process (``antiplan.grading.asserts.model``).

Run with ``.venv/bin/python benchmarks/variant_grading.py``. Every hidden test that recomputes an
answer starts a fresh Python; with variants, that process also looks for the economy it must run in.
The script times ``model(...)`` computing one chapter-3 answer, in three settings, side by side:

- baseline: the fresh process without the economy lookup (the program as it was before variants);
- plain: as shipped, in a folder of an assignment that is not a variant;
- variant: as shipped, in a per-student variant's grading folder (``autograded/<student>/<id>/``).

It prints the median and 90th percentile of each, and each median as a ratio to the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

import antiplan.grading.asserts as asserts

CODE = "import antiplan\nresult = float(antiplan.simulate('ch03', penalty=5.0).summary['statistics_gap'])"
SPEC = {"base": "ch03", "id": "ch03-s", "params": {"tempo": 0.08, "audit": 0.05}, "per_student": True}
BASELINE = asserts._PROGRAM.replace(
    "import antiplan.variants.economy  # an assignment variant's economy, when a variant is graded\n"
    "antiplan.variants.economy.activate_for_grading()\n",
    "",
)


def _time(count: int) -> list[float]:
    seconds = []
    for _ in range(count):
        start = time.perf_counter()
        asserts.model(CODE)
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=15, help="calls per setting")
    args = parser.parse_args()
    assert BASELINE != asserts._PROGRAM, "the economy lookup is no longer where this script expects it"
    shipped = asserts._PROGRAM
    with tempfile.TemporaryDirectory() as scratch:
        course = Path(scratch)
        (course / "source" / "ch03-s").mkdir(parents=True)
        (course / "source" / "ch03-s" / "variant.yml").write_text(yaml.safe_dump({**SPEC, "seed": 0}))
        grading = course / "autograder" / "autograded" / "alice" / "ch03-s"
        plain = course / "autograder" / "autograded" / "alice" / "ch03"
        for folder in (grading, plain):
            folder.mkdir(parents=True)
        here = os.getcwd()
        results, answers = {}, {}
        try:
            for label, folder, program in (
                ("baseline", plain, BASELINE),
                ("plain", plain, shipped),
                ("variant", grading, shipped),
            ):
                os.chdir(folder)
                asserts._PROGRAM = program
                _time(2)  # warm the file cache
                results[label] = np.array(_time(args.count)) * 1000.0
                answers[label] = asserts.model(CODE)
        finally:
            asserts._PROGRAM = shipped
            os.chdir(here)
    # The variant's folder must really run in the variant's economy, or the comparison means nothing.
    assert answers["baseline"] == answers["plain"] != answers["variant"], answers
    base = statistics.median(results["baseline"])
    print(f"model() in the grader's fresh process, {args.count} calls each (ms)")
    print(f"{'setting':10} {'median':>8} {'p90':>8} {'vs baseline':>12}")
    for label, ms in results.items():
        median = statistics.median(ms)
        print(f"{label:10} {median:8.0f} {np.percentile(ms, 90):8.0f} {median / base:11.2f}x")


if __name__ == "__main__":
    main()
