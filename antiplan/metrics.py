"""The summary metrics of a run, computed from its per-period series.

Levels are means per enterprise per period over the whole run; growth rates are per period
(a quarter), compound, between the mean of the first few periods and the mean of the last few.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

METRICS: dict[str, str] = {
    "target": "mean target per enterprise per period (output units)",
    "reported_output": "mean reported output per enterprise per period (output units)",
    "actual_output": "mean actual output per enterprise per period (output units)",
    "usable_output": "mean usable output (actual minus defective) per enterprise per period",
    "plan_fulfillment_reported": "reported output over target, the whole run",
    "plan_fulfillment_actual": "actual output over target, the whole run",
    "statistics_gap": "reported output over actual output, minus 1",
    "control": "share of the variance of enterprises' actual output explained by their targets (both in logs, "
    "relative to each enterprise's size at the start), mean over periods, in [0, 1]; spreads below a "
    "floor of 1e-8 (a 0.01 % difference) count as none, so an economy whose targets and output do not vary is "
    "fully controlled",
    "turnover": "mean share of the workforce quitting per period",
    "defect_share": "share of actual output that is defective",
    "paper_growth": "growth per period of paper output: reported output, plus construction put in place, "
    "plus finished plants standing idle counted at their capacity",
    "real_growth": "growth per period of usable output",
    "hidden_capacity": "share of potential output managers kept back",
    "strikes": "mean share of enterprises on strike per period",
    "records": "reported record at the end of the run (index, 1 at the start)",
    "skill": "mean skill of the workforce (share of full skill)",
    "harvest": "mean harvest (index, 1 before collectivization)",
    "livestock": "herd at the end of the run (index, 1 before collectivization)",
}
"""Every metric in ``Result.summary``, with its meaning and unit."""


def growth(levels: np.ndarray) -> np.ndarray:
    """Compound growth per period between the first and the last few periods of ``levels``.

    ``levels`` has a row per run and a column per period; the result has one value per run (0 for
    a run whose first or last levels are not positive, or too short to have both).
    """
    levels = np.asarray(levels, dtype=float)
    n = levels.shape[-1]
    k = max(1, min(4, n // 4))
    first, last = levels[..., :k].mean(axis=-1), levels[..., -k:].mean(axis=-1)
    if n <= k:
        return np.zeros_like(first)
    ok = (first > 0.0) & (last > 0.0)
    ratio = np.divide(last, first, out=np.ones_like(first), where=ok)
    return np.where(ok, ratio ** (1.0 / (n - k)) - 1.0, 0.0)


def _ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.divide(a, b, out=np.zeros_like(a), where=b > 0.0)


def summarize_many(series: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The summary metrics (see ``METRICS``) of many runs at once.

    ``series`` maps each column of ``Result.series`` to an array with a row per run and a column
    per period; the result maps each metric to an array with one value per run.
    """
    s = {name: np.asarray(values, dtype=float) for name, values in series.items()}
    mean = {name: values.mean(axis=-1) for name, values in s.items()}
    total = {name: values.sum(axis=-1) for name, values in s.items()}
    return {
        "target": mean["target"],
        "reported_output": mean["reported_output"],
        "actual_output": mean["actual_output"],
        "usable_output": mean["usable_output"],
        "plan_fulfillment_reported": _ratio(total["reported_output"], total["target"]),
        "plan_fulfillment_actual": _ratio(total["actual_output"], total["target"]),
        "statistics_gap": _ratio(total["reported_output"], total["actual_output"]) - 1.0,
        "control": mean["control"],
        "turnover": mean["turnover"],
        "defect_share": 1.0 - _ratio(total["usable_output"], total["actual_output"]),
        "paper_growth": growth(s["paper_output"]),
        "real_growth": growth(s["usable_output"]),
        "hidden_capacity": _ratio(total["hidden_capacity"], total["potential_output"]),
        "strikes": mean["strikes"],
        "records": s["records"][..., -1],
        "skill": mean["skill"],
        "harvest": mean["harvest"],
        "livestock": s["livestock"][..., -1],
    }


def summarize(series: Any) -> dict[str, float]:
    """The summary metrics (see ``METRICS``) of a run's series: ``Result.series`` (a DataFrame with a
    row per period), or the same columns as arrays (``Result.columns``)."""
    rows = summarize_many({name: np.asarray(series[name])[np.newaxis] for name in series.keys()})
    return {name: float(values[0]) for name, values in rows.items()}
