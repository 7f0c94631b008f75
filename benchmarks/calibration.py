"""Calibration speed: prints figures, asserts nothing.

Usage: python benchmarks/calibration.py [--seeds N] [--grid K]

Fits the four parameters of the recorded First Five-Year Plan calibration on N seeds (default 8)
several ways and prints, for each, the model runs it needed, its wall and CPU time, the objective it
reached (measured on the same common seeds, so the methods compare like with like) and how far its
values land from the default fit, as a share of each parameter's range:

- the default fit (what ``antiplan calibrate`` does): common random numbers, each evaluation's seeds
  run in one vectorized call (``antiplan.simulate_many``);
- beside it, the earlier method: the same fit with one ``antiplan.simulate`` call per seed;
- the default with the seeds shared by two worker processes (``--workers 2``);
- without common random numbers (fresh seeds at every evaluation, same optimizer and budget);
- a grid search of K values per parameter (default 3), every point on the same seeds.

The goal is the default fit under 5 s on a 2-core machine. The load average is printed beside the
times: other users of the machine slow every figure alike.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import time

import numpy as np

import antiplan
from antiplan import BY_NAME
from antiplan.calibration import fit as fit_module
from antiplan.calibration.fit import Simulator, calibrate
from antiplan.calibration.moments import load_moments
from antiplan.calibration.record import BASE_SCENARIO, CALIBRATED_SCENARIO, FIT_PARAMS
from antiplan.calibration.statistics import STATISTICS


def _objective(sim: Simulator, values, seeds, matched) -> float:
    goal = np.array([m.value for m in matched])
    weights = np.array([m.weight for m in matched])
    spreads = np.array([m.spread for m in matched])
    deviation = (sim.moments(values, seeds) - goal) / spreads
    return float(np.sum(weights * deviation * deviation))


class OneRunPerSeed(Simulator):
    """The earlier way of evaluating: one ``antiplan.simulate`` call per seed (kept for comparison)."""

    def per_seed(self, values, seeds):
        point = dict(zip(self.params, (float(v) for v in values), strict=True))
        out = np.empty((len(seeds), len(self.statistics)))
        for k, seed in enumerate(seeds):
            run = antiplan.simulate(self.base, seed=seed, periods=self.periods, enterprises=self.enterprises, **point)
            out[k] = [STATISTICS[s](run.columns, run.params) for s in self.statistics]
        self.runs += len(seeds)
        return out[:, self.index]


@contextlib.contextmanager
def _one_run_per_seed():
    """Inside the block ``calibrate`` evaluates one seed at a time."""
    fit_module.Simulator = OneRunPerSeed
    try:
        yield
    finally:
        fit_module.Simulator = Simulator


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
    print(f"{'method':<36} {'runs':>6} {'wall s':>8} {'cpu s':>7} {'objective':>10} {'off by':>7}")
    print("(cpu s: this process only, not its worker processes)")

    crn, wall, cpu = _timed(lambda: calibrate(CALIBRATED_SCENARIO, params=FIT_PARAMS, seeds=args.seeds))
    best = crn.values
    rows = [("default: seeds in one call", crn.runs, wall, cpu, crn.objective, 0.0)]
    with _one_run_per_seed():
        old, wall, cpu = _timed(lambda: calibrate(CALIBRATED_SCENARIO, params=FIT_PARAMS, seeds=args.seeds))
    rows.append(("  earlier: one run per seed", old.runs, wall, cpu, old.objective, _distance(old.values, best)))

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
        print(f"{name:<36} {runs:>6} {wall:>8.1f} {cpu:>7.1f} {objective:>10.3f} {off:>7.1%}")
    print(f"default fit: {rows[0][2]:.1f} s wall, one run per seed: {rows[1][2]:.1f} s wall (same fit)")
    print("goal: the default fit, 4 parameters on 8 seeds, under 5 s wall")
    print("fitted (common random numbers): " + ", ".join(f"{k}={v:.4f}" for k, v in best.items()))


if __name__ == "__main__":
    main()
