"""Many runs in one call: ``simulate_many`` runs a scenario over many seeds, and optionally a grid
of parameter values, as one vectorized computation, and returns them as a ``Batch``.

A run costs about the same whatever the economy's size, because the time goes to calling each rule
once per period; a batch calls each rule once per period for all of its runs. Row ``i`` of a batch
equals ``antiplan.simulate`` with the same scenario, seed and parameters: each run draws its own
random numbers from its own seed (``tests/test_batch.py`` checks every scenario).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .economy import BASE, Economy, current_economy
from .engine import vectorized
from .metrics import summarize_many
from .parameters import BY_NAME
from .rules import DEFAULT_RULES, resolve_rules
from .settings import check_setting
from .simulate import DEFAULT_ENTERPRISES, DEFAULT_PERIODS, Result, check_finite, resolve_params, simulate


@dataclass(frozen=True)
class Batch:
    """Many runs of one scenario: a row per run, in the order ``simulate_many`` lists them.

    Attributes:
        scenario, periods, enterprises: as for every run of the batch.
        runs: a DataFrame with a row per run: the grid's parameters (if any), then ``seed``.
        params: every parameter's value in each run (a list, a dict per run).
        columns: each column of ``Result.series`` as an array, a row per run, a column per period.
        stage_columns: each column of ``Result.stages`` the same way.
        summary: a DataFrame with a row per run (indexed by the grid's parameters and ``seed``) and a
            column per summary metric (``antiplan.METRICS``).
        economy: the economy the runs were made in.
        engine: ``"vectorized"`` (one computation for the batch) or ``"loop"`` (one run at a time,
            for rules of your own).
    """

    scenario: str
    periods: int
    enterprises: int
    runs: pd.DataFrame
    params: list[dict[str, Any]] = field(repr=False)
    columns: dict[str, np.ndarray] = field(repr=False)
    stage_columns: dict[str, np.ndarray] = field(repr=False)
    summary: pd.DataFrame = field(repr=False)
    economy: Economy = BASE
    engine: str = "vectorized"

    def __len__(self) -> int:
        return len(self.runs)

    def __getitem__(self, i: int) -> Result:
        """Run ``i`` as an ``antiplan.Result``, equal to ``simulate`` with its seed and parameters."""
        if not -len(self) <= i < len(self):
            raise IndexError(f"run {i} is out of range: the batch has {len(self)} runs")
        i %= len(self)
        columns = {name: values[i] for name, values in self.columns.items()}
        # A batch mixing supply chains of different depths keeps NaN for a shallower chain's missing stages.
        stages = {name: values[i] for name, values in self.stage_columns.items() if not np.isnan(values[i]).all()}
        summary = {name: float(value) for name, value in self.summary.iloc[i].items()}
        seed = int(self.runs["seed"].iloc[i])
        return Result(
            self.scenario, self.params[i], seed, self.periods, self.enterprises, "vectorized", columns, stages,
            summary, self.economy,
        )  # fmt: skip

    def __iter__(self) -> Iterator[Result]:
        return (self[i] for i in range(len(self)))

    def series(self, column: str) -> pd.DataFrame:
        """One column of every run's series: a row per period, a column per run (``runs``' order).

        Raises:
            ValueError: an unknown column, named with the known ones.
        """
        if column not in self.columns:
            raise ValueError(f"unknown series column {column!r}: known are {', '.join(self.columns)}")
        index = pd.RangeIndex(1, self.periods + 1, name="period")
        return pd.DataFrame(self.columns[column].T, index=index, columns=self.summary.index)

    def mean(self) -> pd.DataFrame:
        """The summary metrics averaged over the seeds: a row per point of the grid (one row without a grid)."""
        grid = [name for name in self.runs.columns if name != "seed"]
        if not grid:
            return self.summary.mean().to_frame("mean").T
        return self.summary.groupby(level=grid, sort=False).mean()


def grid_points(grid: Mapping[str, Sequence[Any]] | None) -> list[dict[str, Any]]:
    """Every combination of the grid's values, the last name varying fastest (``[{}]`` without a grid).

    Raises:
        ValueError: an unknown parameter, or a name given no values.
    """
    if not grid:
        return [{}]
    for name, values in grid.items():
        if name not in BY_NAME:
            raise ValueError(f"unknown parameter {name!r} in the grid: known are {', '.join(BY_NAME)}")
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence | np.ndarray) or len(values) == 0:
            raise ValueError(f"grid parameter {name!r} needs a non-empty list of values, got {values!r}")
    names = list(grid)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(grid[n] for n in names))]


def simulate_many(
    scenario: str = "command",
    *,
    seeds: Sequence[int] | None = None,
    grid: Mapping[str, Sequence[Any]] | None = None,
    periods: int = DEFAULT_PERIODS,
    enterprises: int = DEFAULT_ENTERPRISES,
    rules: Mapping[str, Callable] | None = None,
    **params: Any,
) -> Batch:
    """Run ``scenario`` once per seed, at every point of ``grid``, in one vectorized computation.

    Args:
        scenario: a scenario name, as for ``antiplan.simulate``.
        seeds: the seeds (integers >= 0); without them, the current economy's seed (or 0).
        grid: parameter name to the values to try; the runs are every combination of the grid's
            values, each with every seed (``{"tempo": [0.02, 0.08]}`` with 20 seeds: 40 runs).
        periods: number of periods (quarters), 2 to 400.
        enterprises: number of enterprises per run, 2 to 1,000,000.
        rules: your own rules, by name, in place of the defaults. A rule of your own is written for
            one economy (its arrays have one value per enterprise), so with one the runs are made one
            at a time, with the same results.
        **params: parameter overrides for every run (``antiplan.PARAMETERS``), under the grid's values.

    Returns:
        A ``Batch``: ``.summary`` (a row per run), ``.runs`` (each run's seed and grid point),
        ``batch[i]`` (run ``i`` as an ``antiplan.Result``), ``.mean()`` (averaged over the seeds).

    Raises:
        ValueError: an unknown scenario, parameter or rule, a value out of range, an empty list of
            seeds or grid values; the message names it and what is allowed.
    """
    economy = current_economy()
    seeds = [economy.seed] if seeds is None else list(seeds)
    if not seeds:
        raise ValueError("seeds is empty: give at least one seed (an integer >= 0)")
    seeds = [check_setting("seed", seed) for seed in seeds]
    periods = check_setting("periods", periods)
    enterprises = check_setting("enterprises", enterprises)
    resolved = resolve_rules(rules)
    points = grid_points(grid)
    runs = [(point, seed) for point in points for seed in seeds]
    resolved_points = [resolve_params(scenario, **{**params, **point}) for point in points]
    values = [dict(resolved) for resolved in resolved_points for _ in seeds]
    names = list(points[0])
    table = pd.DataFrame({**{n: [point[n] for point, _ in runs] for n in names}, "seed": [s for _, s in runs]})

    own = {name for name, rule in resolved.items() if rule is not DEFAULT_RULES[name]}
    if own:
        # A student's rule may treat its arrays as one economy's (a loop over enterprises, a mean):
        # run one at a time, as it was written for.
        made = [
            simulate(scenario, seed=seed, periods=periods, enterprises=enterprises, rules=rules, **{**params, **point})
            for point, seed in runs
        ]
        columns = {name: np.stack([r.columns[name] for r in made]) for name in made[0].columns}
        stages = {name: np.stack([r.stage_columns[name] for r in made]) for name in made[0].stage_columns}
        engine = "loop"
    else:
        columns, stages = _run_grouped(values, resolved, [seed for _, seed in runs], periods, enterprises)
        engine = "vectorized"
    if not all(np.isfinite(column).all() for column in columns.values()):
        for i in range(len(runs)):
            check_finite({name: column[i] for name, column in columns.items()}, rules)
    if names:
        index = pd.MultiIndex.from_arrays([table[n].to_numpy() for n in table.columns], names=list(table.columns))
    else:
        index = pd.Index(table["seed"].to_numpy(), name="seed")
    summary = pd.DataFrame(summarize_many(columns), index=index)
    return Batch(scenario, periods, enterprises, table, values, columns, stages, summary, economy, engine)


def _run_grouped(values: list[dict], rules: dict, seeds: list[int], periods: int, enterprises: int):
    """Run the batch, one vectorized computation per supply-chain layout (``chain_depth``)."""
    groups: dict[Any, list[int]] = {}
    for i, v in enumerate(values):
        groups.setdefault(v["chain_depth"], []).append(i)
    columns: dict[str, np.ndarray] = {}
    stages: dict[str, np.ndarray] = {}
    depth = max(groups)
    for rows in groups.values():
        params = {name: [values[i][name] for i in rows] for name in values[rows[0]]}
        series, stage_series = vectorized.run_many(params, rules, [seeds[i] for i in rows], periods, enterprises)
        for name, block in series.items():
            columns.setdefault(name, np.empty((len(values), periods)))[rows] = block
        for k in range(depth):
            # A shallower chain has fewer stages: its missing ones are recorded as NaN.
            block = stage_series.get(f"stage_{k + 1}", np.full((len(rows), periods), np.nan))
            stages.setdefault(f"stage_{k + 1}", np.empty((len(values), periods)))[rows] = block
    return columns, stages
