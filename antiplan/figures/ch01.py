"""Figures and numbers for chapter 1, "Serge's black decade": the model's cast and one run end to end.

Every function runs the model itself, so the figures follow the model's current calibration.
The helpers ``run``, ``averaged`` and ``sweep`` and the seeds a figure averages over (``SEEDS``,
``seed_list``) are shared by the figures of later chapters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from antiplan import simulate, simulate_many
from antiplan.figures.claims import compare

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

    from antiplan import Batch

CHAPTER_SCENARIOS = tuple(f"ch{n:02d}" for n in range(1, 11))
"""The chapter scenarios, in the order the book switches mechanisms on."""


def seed_list(seed: int) -> tuple[int, ...]:
    """The seeds a figure averages over: ``seed`` and the two after it."""
    return (seed, seed + 1, seed + 2)


SEEDS = seed_list(0)
"""The seeds a figure averages over unless it is given others: 0, 1 and 2."""


def run(scenario: str = "ch01", *, seed: int = 0, **params: Any) -> pd.DataFrame:
    """The per-period series of one run (a row per quarter)."""
    return simulate(scenario, seed=seed, **params).series


def averaged(
    scenario: str,
    grid: Mapping[str, Sequence[Any]] | None = None,
    *,
    seeds: Sequence[int] = SEEDS,
    measures: Callable[[Batch], Mapping[str, np.ndarray]] | None = None,
    rules: Mapping[str, Callable] | None = None,
    **fixed: Any,
) -> pd.DataFrame:
    """Summary metrics of ``scenario`` at every point of ``grid``, averaged over ``seeds``.

    All the runs (every point of the grid with every seed) are made in one call of
    ``antiplan.simulate_many``.

    Args:
        scenario: a scenario name (``antiplan.SCENARIOS``).
        grid: parameter name to the values it takes; the points are every combination of the
            values, the last name varying fastest (without a grid, one point).
        seeds: random seeds to average over.
        measures: further measures: ``measures(batch)`` maps a name to a value per run of the
            batch (from ``batch.columns``, for instance), averaged like the summary metrics.
        rules: your own rules, by name, in every run.
        **fixed: other parameters held fixed.

    Returns:
        A DataFrame with a row per point of the grid, indexed by the grid's parameters (a level
        per parameter), and a column per summary metric (``antiplan.METRICS``), then per measure.
    """
    seeds = list(seeds)
    grid = {name: list(values) for name, values in (grid or {}).items()}
    batch = simulate_many(scenario, seeds=seeds, grid=grid, rules=rules, **fixed)
    table = batch.summary.reset_index(drop=True)
    if measures is not None:
        table = table.assign(**measures(batch))
    # The runs are the grid's points in order, each with every seed.
    means = table.to_numpy(dtype=float).reshape(-1, len(seeds), table.shape[1]).mean(axis=1)
    if len(grid) > 1:
        index = pd.MultiIndex.from_product(list(grid.values()), names=list(grid))
    else:
        index = next((pd.Index(values, name=name) for name, values in grid.items()), None)
    return pd.DataFrame(means, index=index, columns=table.columns)


def sweep(
    scenario: str,
    param: str,
    values: Iterable[float],
    metrics: Sequence[str],
    *,
    seeds: Sequence[int] = (0,),
    **fixed: Any,
) -> pd.DataFrame:
    """Summary metrics of ``scenario`` as one parameter varies, averaged over ``seeds``.

    Args:
        scenario: a scenario name (``antiplan.SCENARIOS``).
        param: the parameter to vary.
        values: the values it takes.
        metrics: names of summary metrics (``antiplan.METRICS``) to keep.
        seeds: random seeds to average over.
        **fixed: other parameters held fixed.

    Returns:
        A DataFrame indexed by the parameter's values, a column per metric.
    """
    return averaged(scenario, {param: list(values)}, seeds=seeds, **fixed)[list(metrics)]


def _box(ax, x, y, text, color, width=0.32):
    ax.add_patch(
        FancyBboxPatch((x - width / 2, y - 0.09), width, 0.18, boxstyle="round,pad=0.02", fc=color, ec="0.2", lw=1.0)
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=9)


def _arrow(ax, start, end, label, offset=(0.0, 0.0)):
    ax.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": "->", "lw": 1.3, "color": "0.25"})
    mid = ((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1])
    ax.text(*mid, label, ha="center", va="center", fontsize=8, style="italic", color="0.15")


def cast_figure() -> Figure:
    """A diagram of the model's cast and what passes between them.

    The center sends targets down and receives reports; the manager sees his enterprise's real
    capacity and the target; the workers give effort (and, in later chapters, quit). Each box
    says what that actor can see.
    """
    fig, ax = plt.subplots(figsize=(8, 4.2), layout="constrained")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    ax.set_title("Who sees what in the model")
    _box(ax, 0.5, 0.85, "The center\nsees: reports only", "#f2d7d5")
    _box(ax, 0.5, 0.5, "Manager (×200 enterprises)\nsees: target, real capacity", "#d6eaf8")
    _box(ax, 0.5, 0.15, "Workers\nsee: food, conditions", "#d5f5e3")
    _box(ax, 0.13, 0.5, "Capacity\n(machines, skill)", "#fcf3cf", width=0.22)
    _box(ax, 0.87, 0.5, "Construction\n(new capacity)", "#fcf3cf", width=0.22)
    _arrow(ax, (0.44, 0.76), (0.44, 0.59), "target", (-0.07, 0.0))
    _arrow(ax, (0.56, 0.59), (0.56, 0.76), "report", (0.07, 0.0))
    _arrow(ax, (0.5, 0.24), (0.5, 0.41), "effort", (0.06, 0.0))
    _arrow(ax, (0.26, 0.5), (0.32, 0.5), "", (0.0, 0.0))
    _arrow(ax, (0.68, 0.5), (0.74, 0.5), "", (0.0, 0.0))
    ax.text(0.87, 0.33, "a share of output\nbecomes capacity", ha="center", fontsize=8, color="0.3")
    return fig


def run_figure(seed: int = 0) -> Figure:
    """One run of the chapter 1 economy, end to end: targets, output and capacity per quarter.

    Left: the target the center sets, the output managers report and the output they make.
    Right: the capacity in use and the capacity still under construction.
    """
    s = run("ch01", seed=seed)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    left.plot(s.index, s["target"], "k--", label="target")
    left.plot(s.index, s["reported_output"], color="tab:red", lw=3, alpha=0.5, label="reported output")
    left.plot(s.index, s["actual_output"], color="tab:blue", label="actual output")
    left.set_xlabel("quarter")
    left.set_ylabel("output per enterprise (1 ≈ start)")
    left.set_title("Plan and output")
    left.legend(frameon=False)
    right.plot(s.index, s["capacity"], color="tab:green", label="capacity in use")
    right.plot(s.index, s["unfinished"], color="tab:orange", label="under construction")
    right.set_xlabel("quarter")
    right.set_ylabel("capacity per enterprise")
    right.set_title("Capacity")
    right.legend(frameon=False)
    return fig


def chapters_figure(seed: int = 0) -> Figure:
    """The economy as each chapter leaves it: reported, actual and usable output, chapter by chapter.

    Each point is one run of a chapter scenario (``ch01`` to ``ch10``), with the same seed.
    """
    rows = [simulate(name, seed=seed).summary for name in CHAPTER_SCENARIOS]
    chapters = range(1, len(rows) + 1)
    fig, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
    ax.plot(chapters, [r["reported_output"] for r in rows], "o-", color="tab:red", label="reported output")
    ax.plot(chapters, [r["actual_output"] for r in rows], "s-", color="tab:blue", label="actual output")
    ax.plot(chapters, [r["usable_output"] for r in rows], "^-", color="tab:green", label="usable output")
    ax.set_xticks(list(chapters))
    ax.set_xlabel("mechanisms switched on up to chapter")
    ax.set_ylabel("mean output per enterprise per quarter")
    ax.legend(frameon=False)
    return fig


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures."""
    result = simulate("ch01", seed=seed)
    s, m = result.series, result.summary
    last = simulate("ch10", seed=seed).summary
    return {
        "ch01_enterprises": result.enterprises,
        "ch01_periods": result.periods,
        "ch01_fulfillment": m["plan_fulfillment_actual"],
        "ch01_growth_quarter": m["real_growth"],
        "ch01_growth_year": (1.0 + m["real_growth"]) ** 4 - 1.0,
        "ch01_output_ratio": s["actual_output"].iloc[-1] / s["actual_output"].iloc[0],
        "ch01_gap": m["statistics_gap"],
        "ch01_control": m["control"],
        "ch10_gap": last["statistics_gap"],
        "ch10_usable_share": last["usable_output"] / last["reported_output"],
    }


def mechanisms_table(upto: int = 10) -> Styler:
    """The parameter table, chapter by chapter: what each chapter switches on.

    Shown whole (a DataFrame's display cuts each meaning at 50 characters) and with a header cell
    for every column; ``.data`` is the table as a DataFrame.
    """
    from antiplan import PARAMETERS

    rows = [
        {"chapter": p.chapter, "parameter": p.name, "meaning": p.meaning, "default": p.default, "off": p.off}
        for p in PARAMETERS
        if p.chapter <= upto
    ]
    shown = pd.DataFrame(rows).style.hide(axis="index").set_table_attributes('class="dataframe"')
    return shown.format(lambda v: f"{v:g}" if isinstance(v, float) else str(v))


# --- what the chapter says the model does -------------------------------------------------------

CLAIMS = {
    "actual_output_grows_over": compare(
        "actual output grows over the run",
        "ch01",
        ("invest_share", "capacity_noise"),
        "real_growth",
        {},
        {"invest_share": 0.0},
    ),
    "everything_on_reported_output": compare(
        "with everything on, reported output stays above actual output (fig-ch01-chapters)",
        "ch10",
        ("invest_share", "capacity_noise"),
        "statistics_gap",
        {},
    ),
    "usable_output_falls_furthest": compare(
        "usable output falls furthest below what is reported (fig-ch01-chapters)",
        "ch10",
        ("invest_share", "capacity_noise"),
        "usable_share",
        {"scenario": "ch01"},
        {},
    ),
}
"""What chapter 1 says the model does, each checked over seeds and around the defaults
(``antiplan.figures.claims``)."""
