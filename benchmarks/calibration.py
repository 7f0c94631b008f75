"""Calibration speed: prints figures, asserts nothing.

Usage: python benchmarks/calibration.py [--seeds N] [--grid K]

Fits the four parameters of the recorded First Five-Year Plan calibration on N seeds (default 8)
three ways and prints, for each, the model runs it needed, its wall and CPU time, the objective it
reached (measured on the same common seeds, so the three compare like with like) and how far its
values land from the common-random-numbers fit, as a share of each parameter's range:

- with common random numbers (the same seeds at every evaluation: what ``antiplan calibrate`` does),
  in one process and with the seeds shared by two worker processes (``--workers 2``);
- without them (fresh seeds at every evaluation, same optimizer and budget);
- a grid search of K values per parameter (default 3), every point on the same seeds.

The goal is the first under 60 s on a 2-core machine. The load average is printed beside the
times: other users of the machine slow every figure alike.
"""

from __future__ import annotations

import argparse
import itertools
import os
import time

import numpy as np

from antiplan import BY_NAME
from antiplan.calibration.fit import Simulator, calibrate
from antiplan.calibration.moments import load_moments
from antiplan.calibration.record import BASE_SCENARIO, CALIBRATED_SCENARIO, FIT_PARAMS


def _objective(sim: Simulator, values, seeds, matched) -> float:
    goal = np.array([m.value for m in matched])
    weights = np.array([m.weight for m in matched])
    spreads = np.array([m.spread for m in matched])
    deviation = (sim.moments(values, seeds) - goal) / spreads
    return float(np.sum(weights * deviation * deviation))


def _distance(values: dict, reference: dict) -> float:
    return max(abs(values[n] - reference[n]) / (BY_NAME[n].max - BY_NAME[n].min) for n in FIT_PARAMS)


def _timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--grid", type=int, default=3)
    args = parser.parse_args()
    seeds = tuple(range(args.seeds))
    matched = [m for m in load_moments().values() if m.matched]
    judge = Simulator(BASE_SCENARIO, FIT_PARAMS, matched, 20, 200)

    (_, per_run, _) = _timed(lambda: judge.moments([0.05, 0.4, 0.2, 0.35], seeds))
    print(
        f"load average {os.getloadavg()[0]:.1f}; one model run (200 enterprises, 20 quarters): "
        f"{1000 * per_run / len(seeds):.1f} ms"
    )
    print(f"{'method':<34} {'runs':>6} {'wall s':>8} {'cpu s':>7} {'objective':>10} {'off by':>7}")
    print("(cpu s: this process only, not its worker processes)")

    crn, wall, cpu = _timed(lambda: calibrate(CALIBRATED_SCENARIO, params=FIT_PARAMS, seeds=args.seeds))
    best = crn.values
    rows = [("common random numbers (Nelder-Mead)", crn.runs, wall, cpu, crn.objective, 0.0)]

    pair, wall, cpu = _timed(lambda: calibrate(CALIBRATED_SCENARIO, params=FIT_PARAMS, seeds=args.seeds, workers=2))
    rows.append(("  the same, 2 worker processes", pair.runs, wall, cpu, pair.objective, _distance(pair.values, best)))

    fresh, wall, cpu = _timed(
        lambda: calibrate(CALIBRATED_SCENARIO, params=FIT_PARAMS, seeds=args.seeds, common_random_numbers=False)
    )
    rows.append(
        (
            "fresh seeds each time (Nelder-Mead)",
            fresh.runs,
            wall,
            cpu,
            _objective(judge, [fresh.values[n] for n in FIT_PARAMS], seeds, matched),
            _distance(fresh.values, best),
        )
    )

    grids = [np.linspace(BY_NAME[n].min, BY_NAME[n].max, args.grid) for n in FIT_PARAMS]
    sim = Simulator(BASE_SCENARIO, FIT_PARAMS, matched, 20, 200)

    def search():
        return min(itertools.product(*grids), key=lambda point: _objective(sim, point, seeds, matched))

    point, wall, cpu = _timed(search)
    found = dict(zip(FIT_PARAMS, point, strict=True))
    rows.append(
        (
            f"grid search, {args.grid} values each",
            sim.runs,
            wall,
            cpu,
            _objective(judge, point, seeds, matched),
            _distance(found, best),
        )
    )
    for name, runs, wall, cpu, objective, off in rows:
        print(f"{name:<34} {runs:>6} {wall:>8.1f} {cpu:>7.1f} {objective:>10.3f} {off:>7.1%}")
    print("goal: common random numbers, 4 parameters on 8 seeds, under 60 s wall")
    print("fitted (common random numbers): " + ", ".join(f"{k}={v:.4f}" for k, v in best.items()))


if __name__ == "__main__":
    main()
