"""The model's side of each moment: one number computed from a run's per-period series.

A run of twenty quarters stands for the plan's five economic years, October 1928 to September 1933:
its first quarter is the economy as the plan found it (1927/28), its last four quarters the plan's
last year. Each statistic takes the series as arrays (``antiplan.Result.series`` columns, or what
an engine returns) and the run's parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ..rules import DEFAULT_RULES

LAST_YEAR = 4
"""Quarters in the run's last year."""

Series = Mapping[str, np.ndarray]


def report_over_drafted_plan(series: Series, params: dict[str, Any]) -> float:
    """Reported output in the last year over the plan as drafted at the start.

    The drafted plan is the first quarter's target grown at the demanded ``tempo`` every quarter,
    never revised toward reports: the model's counterpart of a five-year plan's target for its last
    year. (The model's own ``target`` series is the plan as revised each quarter.)
    """
    reported = np.asarray(series["reported_output"], dtype=float)
    quarters = np.arange(len(reported))
    drafted = float(series["target"][0]) * (1.0 + params["tempo"]) ** quarters
    return float(np.mean(reported[-LAST_YEAR:] / drafted[-LAST_YEAR:]))


def harvest_overstatement(series: Series, params: dict[str, Any]) -> float:
    """How far the reported harvest of the last year exceeds the real one, as a share of the real one."""
    reported = float(np.sum(series["reported_harvest"][-LAST_YEAR:]))
    real = float(np.sum(series["harvest"][-LAST_YEAR:]))
    return reported / real - 1.0


def harvest_end(series: Series, params: dict[str, Any]) -> float:
    """The harvest in the last year, relative to the harvest before collectivization (1928's)."""
    return float(np.mean(series["harvest"][-LAST_YEAR:]))


def living_conditions(series: Series, params: dict[str, Any]) -> np.ndarray:
    """Conditions workers lived in each quarter (1 is decent), by the model's own rule.

    Each quarter's conditions use the food that reached the towns after the quarter before
    (full supply in the first quarter, as the run starts).
    """
    food = np.asarray(series["food"], dtype=float)
    food_before = np.concatenate(([1.0], food[:-1]))
    return np.asarray(DEFAULT_RULES["living_conditions"](params["conditions"], food_before), dtype=float)


def living_conditions_end(series: Series, params: dict[str, Any]) -> float:
    """Living conditions in the last year as a share of decent ones: the model's real wage, 1928 = 1.

    The model's conditions before chapter 6 switches them on are decent (1), the level of 1928.
    """
    return float(np.mean(living_conditions(series, params)[-LAST_YEAR:]))


def turnover_per_year(series: Series, params: dict[str, Any]) -> float:
    """Separations in a year as a share of the workforce: four times the mean quarterly quit share."""
    return 4.0 * float(np.mean(series["turnover"]))


def livestock_end(series: Series, params: dict[str, Any]) -> float:
    """The herd at the end of the run, relative to the herd before collectivization (1929's)."""
    return float(series["livestock"][-1])


STATISTICS: dict[str, Callable[[Series, dict[str, Any]], float]] = {
    "report_over_drafted_plan": report_over_drafted_plan,
    "harvest_overstatement": harvest_overstatement,
    "harvest_end": harvest_end,
    "living_conditions_end": living_conditions_end,
    "turnover_per_year": turnover_per_year,
    "livestock_end": livestock_end,
}
"""Every statistic a moment can be matched to, by name."""


def statistic(name: str) -> Callable[[Series, dict[str, Any]], float]:
    """The statistic called ``name``; raises ``ValueError`` naming the known ones."""
    if name not in STATISTICS:
        raise ValueError(f"unknown statistic {name!r}: known statistics are {', '.join(STATISTICS)}")
    return STATISTICS[name]
