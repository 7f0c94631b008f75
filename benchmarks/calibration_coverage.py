"""Coverage of the calibration's 95 % intervals on a synthetic economy, beside the time it takes.

Usage: python benchmarks/calibration_coverage.py [--fits N] [--rng-seed K]

The truth is the recorded calibration's values. Each of N trials (default 40) makes a synthetic
record (one run at the truth on a fresh seed, plus reading noise of the size the moments file
declares) and fits it as ``antiplan calibrate`` does (``antiplan.calibration.coverage``); each
parameter's interval (``Fit.intervals``, the sandwich formula with the seeds' noise) covers the truth
or not. Printed for two sizes of run: the default fit's (8 seeds, 200 enterprises, 20 quarters) and
the test's (2 seeds, 60 enterprises, 12 quarters), each with the share covered by parameter and
over all, and the time per fit, beside one default fit on the real record. Asserts nothing. The
share covered by N trials is itself uncertain: about +/- 2 * sqrt(0.95 * 0.05 / (4 N)) over all
four parameters (less if their coverage is correlated), +/- 3.4 points for N = 40.
"""

from __future__ import annotations

import argparse
import os
import time

from antiplan.calibration.coverage import coverage_rates, coverage_trials, default_truth
from antiplan.calibration.fit import calibrate
from antiplan.calibration.record import CALIBRATED_SCENARIO, FIT_PARAMS, FIT_SEEDS

SIZES = {
    "as the default fit": {"seeds": FIT_SEEDS, "enterprises": 200, "periods": 20},
    "as the test": {"seeds": 2, "enterprises": 60, "periods": 12},
}
"""The run sizes compared: the default fit's and the coverage test's."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fits", type=int, default=40, help="synthetic records fitted per size (default 40)")
    parser.add_argument("--rng-seed", type=int, default=0, help="seed of the reading noise (default 0)")
    args = parser.parse_args()
    truth = default_truth()
    print(f"load average {os.getloadavg()[0]:.1f}; truth: " + ", ".join(f"{k}={v:.4f}" for k, v in truth.items()))
    began = time.perf_counter()
    real = calibrate(CALIBRATED_SCENARIO, params=FIT_PARAMS, seeds=FIT_SEEDS)
    real_seconds = time.perf_counter() - began
    header = f"{'size':<20} {'seeds':>5} {'firms':>5} {'qtrs':>4} {'fits':>5} "
    header += " ".join(f"{name[:10]:>10}" for name in FIT_PARAMS) + f" {'all':>6} {'s/fit':>6} {'runs/fit':>8}"
    print("share of 95 % intervals covering the true value")
    print(header)
    for label, size in SIZES.items():
        trials = coverage_trials(truth, fits=args.fits, rng_seed=args.rng_seed, **size)
        rates = coverage_rates(trials)
        per_fit = trials.groupby(level="trial")[["seconds", "runs"]].first().mean()
        print(
            f"{label:<20} {size['seeds']:>5} {size['enterprises']:>5} {size['periods']:>4} {args.fits:>5} "
            + " ".join(f"{rates[name]:>10.1%}" for name in FIT_PARAMS)
            + f" {rates['all']:>6.1%} {per_fit['seconds']:>6.2f} {per_fit['runs']:>8.0f}"
        )
    print(
        f"{'default fit, record':<20} {FIT_SEEDS:>5} {200:>5} {20:>4} {1:>5} "
        + " ".join(f"{'':>10}" for _ in FIT_PARAMS)
        + f" {'':>6} {real_seconds:>6.2f} {real.runs:>8}"
    )
    print("goal: about 95 % covered; the coverage test accepts 80 % to 100 % over at least 40 fits")


if __name__ == "__main__":
    main()
