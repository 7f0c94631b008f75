"""The summary metrics of a run, computed from its per-period series.

Levels are means per enterprise per period over the whole run; growth rates are per period
(a quarter), compound, between the mean of the first few periods and the mean of the last few.
"""

from __future__ import annotations

import pandas as pd

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


def growth(levels: pd.Series) -> float:
    """Compound growth per period between the first and the last few periods of ``levels``."""
    n = len(levels)
    k = max(1, min(4, n // 4))
    first, last = float(levels.iloc[:k].mean()), float(levels.iloc[-k:].mean())
    if n <= k or first <= 0.0 or last <= 0.0:
        return 0.0
    return (last / first) ** (1.0 / (n - k)) - 1.0


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b > 0.0 else 0.0


def summarize(series: pd.DataFrame) -> dict[str, float]:
    """The summary metrics (see ``METRICS``) of a run's series."""
    total = series.sum()
    return {
        "target": float(series["target"].mean()),
        "reported_output": float(series["reported_output"].mean()),
        "actual_output": float(series["actual_output"].mean()),
        "usable_output": float(series["usable_output"].mean()),
        "plan_fulfillment_reported": _ratio(total["reported_output"], total["target"]),
        "plan_fulfillment_actual": _ratio(total["actual_output"], total["target"]),
        "statistics_gap": _ratio(total["reported_output"], total["actual_output"]) - 1.0,
        "control": float(series["control"].mean()),
        "turnover": float(series["turnover"].mean()),
        "defect_share": 1.0 - _ratio(total["usable_output"], total["actual_output"]),
        "paper_growth": growth(series["paper_output"]),
        "real_growth": growth(series["usable_output"]),
        "hidden_capacity": _ratio(total["hidden_capacity"], total["potential_output"]),
        "strikes": float(series["strikes"].mean()),
        "records": float(series["records"].iloc[-1]),
        "skill": float(series["skill"].mean()),
        "harvest": float(series["harvest"].mean()),
        "livestock": float(series["livestock"].iloc[-1]),
    }
