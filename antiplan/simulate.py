"""The one public entry point: run the model for a scenario and get its series and summary."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from .economy import BASE, Economy, current_economy
from .engine import ENGINES
from .metrics import summarize
from .parameters import check_params
from .rules import resolve_rules
from .scenarios import apply_mode, scenario_params
from .settings import check_setting

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_PERIODS = 20
"""Quarters in one five-year plan."""
DEFAULT_ENTERPRISES = 200


@dataclass(frozen=True)
class Result:
    """One run of the model.

    Attributes:
        scenario: the scenario's name.
        params: every parameter's value in this run.
        seed, periods, enterprises, engine: how the run was made.
        columns: each column of ``series`` as an array, one value per period.
        stage_columns: each column of ``stages`` as an array, one value per period.
        summary: metric name to float (see ``antiplan.metrics.METRICS``).
        economy: the economy the run was made in (``antiplan.Economy``; ``antiplan.economy.BASE``
            unless a variant's economy was in use).
        series: a DataFrame with a row per period (index ``period``, from 1) and a column per
            quantity (made when first read: a run whose summary is all that is wanted never
            imports pandas).
        stages: a DataFrame with a row per period and a column per supply-chain stage
            (``stage_1`` upstream): the defect share of that stage's output.
    """

    scenario: str
    params: dict[str, Any]
    seed: int
    periods: int
    enterprises: int
    engine: str
    columns: dict[str, np.ndarray] = field(repr=False)
    stage_columns: dict[str, np.ndarray] = field(repr=False)
    summary: dict[str, float] = field(repr=False)
    economy: Economy = BASE

    @cached_property
    def series(self) -> pd.DataFrame:
        """A row per period (index ``period``, from 1), a column per quantity."""
        return _table(self.columns, self.periods)

    @cached_property
    def stages(self) -> pd.DataFrame:
        """A row per period, a column per supply-chain stage (``stage_1`` upstream): its defect share."""
        return _table(self.stage_columns, self.periods)


def _table(columns: Mapping[str, np.ndarray], periods: int) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(dict(columns), index=pd.RangeIndex(1, periods + 1, name="period"))


def check_finite(series: Mapping[str, Any], rules: Mapping[str, Callable] | None) -> None:
    """Refuse a run whose series (column name to per-period values) hold NaN or infinite values,
    naming the columns and what to check."""
    bad = [c for c, values in series.items() if not np.isfinite(np.asarray(values)).all()]
    if bad:
        culprit = f"check your rules ({', '.join(rules)})" if rules else "please report this as a bug"
        raise ValueError(f"the run produced NaN or infinite values in {', '.join(bad)}: {culprit}")


def resolve_params(scenario: str = "command", **params: Any) -> dict[str, Any]:
    """Every parameter's value for ``scenario``: the scenario's, then the current economy's
    (``antiplan.economy``: an assignment variant's), then ``params`` (validated), then the
    democratic mode's settings where ``democratic`` is true (``antiplan.scenarios.DEMOCRATIC_MODE``)."""
    values = scenario_params(scenario)
    values.update(current_economy().params)
    values.update(check_params(params))
    return apply_mode(values)


def simulate(
    scenario: str = "command",
    *,
    seed: int | None = None,
    periods: int = DEFAULT_PERIODS,
    enterprises: int = DEFAULT_ENTERPRISES,
    engine: str = "vectorized",
    rules: Mapping[str, Callable] | None = None,
    **params: Any,
) -> Result:
    """Run the plan-and-falsification model.

    Args:
        scenario: a scenario name (``antiplan.SCENARIOS``): ``ch01`` to ``ch10``, ``command``,
            ``democratic``, ``first-five-year-plan``, ``collectivization``, ``stakhanovite``, ``terror``.
        seed: the random seed (an integer >= 0); the same seed gives the same run. Without one,
            the current economy's (``antiplan.economy``: an assignment variant's seed) or 0.
        periods: number of periods (quarters), 2 to 400.
        enterprises: number of enterprises, 2 to 1,000,000.
        engine: ``"vectorized"`` (fast) or ``"reference"`` (plain loops); both give the same result.
        rules: your own rules, by name, in place of the defaults (``antiplan.DEFAULT_RULES``).
        **params: parameter overrides (``antiplan.PARAMETERS``); they apply over the current
            economy's (``antiplan.use_economy``), which apply over the scenario's values.

    Returns:
        A ``Result`` with ``.series`` (a row per period) and ``.summary`` (metric name to float).

    Raises:
        ValueError: an unknown scenario, engine, parameter or rule, or a value out of range; the
            message names it and what is allowed.
    """
    economy = current_economy()  # read once: the whole run is in one economy
    values = resolve_params(scenario, **params)
    seed = check_setting("seed", economy.seed if seed is None else seed)
    periods = check_setting("periods", periods)
    enterprises = check_setting("enterprises", enterprises)
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: known engines are {', '.join(ENGINES)}")
    resolved_rules = resolve_rules(rules)
    columns, stage_columns = ENGINES[engine](values, resolved_rules, seed, periods, enterprises)
    check_finite(columns, rules)
    summary = summarize(columns)
    return Result(scenario, values, seed, periods, enterprises, engine, columns, stage_columns, summary, economy)
