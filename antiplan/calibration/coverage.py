"""Do the fit's 95 % intervals cover the truth? Repeated fits of a synthetic economy with known values.

Each trial makes a history the way the real one is taken to arise: one run of the model at the true
values, on a seed no fit uses (history is one draw of the economy), plus reading noise on each
moment, normal with the standard deviation the moments file declares (its spread). The fit then
starts from the base scenario's values, on seeds of its own, as ``antiplan calibrate`` does, and
each parameter's interval (``Fit.intervals``) either covers the true value or not. Over many trials
the share covered should be near 95 %. ``benchmarks/calibration_coverage.py`` prints it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..recorded_fit import recorded_values
from .fit import Simulator, calibrate, check_params
from .moments import load_moments
from .record import BASE_SCENARIO, FIT_PARAMS

HISTORY_SEEDS = 10**6
"""The synthetic histories' seeds start here, far from the fits' own seeds."""


def synthetic_history(
    truth: Mapping[str, float],
    seed: int,
    rng: np.random.Generator,
    *,
    scenario: str = BASE_SCENARIO,
    periods: int = 20,
    enterprises: int = 200,
) -> dict[str, float]:
    """One synthetic record: each matched moment of one run at ``truth`` (on ``seed``), plus normal
    reading noise with the moment's declared spread as its standard deviation (moment units)."""
    matched = [m for m in load_moments().values() if m.matched]
    sim = Simulator(scenario, check_params(truth), matched, periods, enterprises)
    run = sim.per_seed([truth[n] for n in sim.params], [seed])[0]
    noise = rng.normal(0.0, [m.spread for m in matched])
    return {m.name: float(v) for m, v in zip(matched, run + noise, strict=True)}


def coverage_trials(
    truth: Mapping[str, float],
    fits: int = 40,
    seeds: int = 8,
    *,
    scenario: str = BASE_SCENARIO,
    periods: int = 20,
    enterprises: int = 200,
    rng_seed: int = 0,
) -> pd.DataFrame:
    """Fit ``fits`` synthetic histories made at ``truth`` and record whether each interval covers it.

    Args:
        truth: the true value of each fitted parameter (the fitted parameters are its keys, each
            within the parameter table's range).
        fits: the number of synthetic histories, each fitted once (>= 1).
        seeds: seeds per evaluation of each fit (1 to 64); trial ``k`` uses seeds ``k*seeds`` on.
        scenario, periods, enterprises: the economy the truth is set in and the size of each run.
        rng_seed: the seed of the reading noise.

    Returns:
        A row per (trial, parameter): ``truth``, ``fitted``, ``low`` and ``high`` of the 95 %
        interval, ``covered`` (bool), and the fit's ``seconds`` and ``runs``.
    """
    if isinstance(fits, bool) or not isinstance(fits, int) or fits < 1:
        raise ValueError(f"fits={fits!r} is not allowed: allowed is an integer of at least 1")
    rng = np.random.default_rng(rng_seed)
    params = check_params(truth)
    rows = []
    for trial in range(fits):
        size = {"scenario": scenario, "periods": periods, "enterprises": enterprises}
        history = synthetic_history(truth, HISTORY_SEEDS + trial, rng, **size)
        began = time.perf_counter()
        fit = calibrate(
            scenario,
            params=params,
            seeds=list(range(trial * seeds, (trial + 1) * seeds)),
            periods=periods,
            enterprises=enterprises,
            targets=history,
        )
        seconds = time.perf_counter() - began
        for name in params:
            low, high = fit.intervals[name]
            rows.append(
                {
                    "trial": trial,
                    "parameter": name,
                    "truth": float(truth[name]),
                    "fitted": fit.values[name],
                    "low": low,
                    "high": high,
                    "covered": bool(low <= truth[name] <= high),
                    "seconds": seconds,
                    "runs": fit.runs,
                }
            )
    return pd.DataFrame(rows).set_index(["trial", "parameter"])


def coverage_rates(trials: pd.DataFrame) -> pd.Series:
    """The share of intervals covering the truth, by parameter, and over all of them (``"all"``)."""
    rates = trials.groupby(level="parameter", sort=False)["covered"].mean()
    return pd.concat([rates, pd.Series({"all": trials["covered"].mean()})])


def default_truth(params: Sequence[str] = FIT_PARAMS) -> dict[str, float]:
    """The recorded calibration's values: a truth where the real fit lands."""
    values = recorded_values()
    return {name: float(values[name]) for name in params}
