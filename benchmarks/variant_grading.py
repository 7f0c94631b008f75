"""Cost of variants in grading: the grader's fresh process (``antiplan.grading.asserts.model``).

Run with ``.venv/bin/python benchmarks/variant_grading.py``. Every hidden test that recomputes an
answer starts a fresh Python; with variants, the kernel hands that process the economy it runs in.
The script times ``model(...)`` computing one chapter-3 answer, in three settings, side by side:

- baseline: a bare fresh ``python -I`` running the same code, with no economy handed over;
- plain: as shipped, in a kernel in the base economy (an assignment that is not a variant);
- variant: as shipped, in a kernel that activated a per-student variant in its grading folder
  (``autograded/<student>/<id>/``).

It prints the median and 90th percentile of each, and each median as a ratio to the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

import antiplan
import antiplan.grading.asserts as asserts
from antiplan.variants import activate

CODE = "import antiplan\nresult = float(antiplan.simulate('ch03', penalty=5.0).summary['statistics_gap'])"
SPEC = {"base": "ch03", "id": "ch03-s", "params": {"tempo": 0.08, "audit": 0.05}, "per_student": True}
BARE = "import json, sys\nresult = None\nexec(sys.stdin.read())\nprint(json.dumps(result))"


def _bare() -> float:
    done = subprocess.run([sys.executable, "-I", "-c", BARE], input=CODE, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _time(count: int, run) -> list[float]:
    seconds = []
    for _ in range(count):
        start = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=15, help="calls per setting")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        course = Path(scratch)
        (course / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n")
        (course / "source" / "ch03-s").mkdir(parents=True)
        (course / "source" / "ch03-s" / "variant.yml").write_text(yaml.safe_dump({**SPEC, "seed": 0}))
        grading = course / "autograder" / "autograded" / "alice" / "ch03-s"
        plain = course / "autograder" / "autograded" / "alice" / "ch03"
        for folder in (grading, plain):
            folder.mkdir(parents=True)
        here = os.getcwd()
        results, answers = {}, {}
        try:
            for label, folder, run in (
                ("baseline", plain, _bare),
                ("plain", plain, lambda: asserts.model(CODE)),
                ("variant", grading, lambda: asserts.model(CODE)),
            ):
                os.chdir(folder)
                if label == "variant":
                    activate("ch03-s", quiet=True)  # what the variant's locked cell does in the kernel
                _time(2, run)  # warm the file cache
                results[label] = np.array(_time(args.count, run)) * 1000.0
                answers[label] = run()
        finally:
            antiplan.set_economy(antiplan.BASE)
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
