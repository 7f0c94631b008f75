"""Figures and numbers for chapter 8, "Shock work and Stakhanovism".

Every function runs the model itself, so the figures follow the model's current calibration.
The chapter compares the economy of chapter 7 (no record campaign) with that of chapter 8
(bonuses for record reports, rigged by managers and chosen workers together).
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from antiplan import simulate
from antiplan.figures.ch01 import run
from antiplan.rules.records import RECORD_STEP

BONUSES = (0.0, 0.25, 0.5, 0.75, 1.0)
"""Values of ``record_bonus`` the sweep visits."""
COSTS = (0.0, 0.05, 0.1)
"""Values of ``record_cost`` compared in ``bonus_figure``."""


def _gap(series: pd.DataFrame) -> pd.Series:
    """Reported over actual output, minus 1, per quarter."""
    return series["reported_output"] / series["actual_output"] - 1.0


def records_run_figure(seed: int = 0) -> Figure:
    """One run of the chapter 8 economy beside the chapter 7 economy, same seed.

    Left: the reported record and actual output, each as an index (first quarter = 1).
    Right: how far reported output exceeds actual output, quarter by quarter, in both economies.
    """
    before, after = run("ch07", seed=seed), run("ch08", seed=seed)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    left.plot(after.index, after["records"] / after["records"].iloc[0], color="tab:red", lw=2, label="record (ch. 8)")
    left.plot(
        after.index,
        after["actual_output"] / after["actual_output"].iloc[0],
        color="tab:blue",
        label="actual output (ch. 8)",
    )
    left.plot(
        before.index,
        before["actual_output"] / before["actual_output"].iloc[0],
        color="0.5",
        ls="--",
        label="actual output (ch. 7, no campaign)",
    )
    left.set_xlabel("quarter")
    left.set_ylabel("index, first quarter = 1")
    left.set_title("Records and output")
    left.legend(frameon=False, fontsize=8)
    right.plot(before.index, 100 * _gap(before), color="0.5", ls="--", label="chapter 7: no campaign")
    right.plot(after.index, 100 * _gap(after), color="tab:red", label="chapter 8: record campaign")
    right.set_xlabel("quarter")
    right.set_ylabel("reported over actual output, % above")
    right.set_title("The statistics gap")
    right.legend(frameon=False, fontsize=8)
    return fig


def bonus_sweep(
    bonuses: Sequence[float] = BONUSES, costs: Sequence[float] = COSTS, seeds: Sequence[int] = (0, 1, 2)
) -> pd.DataFrame:
    """Records, output and the statistics gap of the chapter 8 economy by bonus and staging cost.

    Returns:
        A DataFrame with a row per (record_cost, record_bonus) and columns ``records`` (final
        index), ``usable_output``, ``reported_output`` and ``statistics_gap`` (means over seeds).
    """
    metrics = ("records", "usable_output", "reported_output", "statistics_gap")
    rows = []
    for cost in costs:
        for bonus in bonuses:
            runs = [simulate("ch08", seed=s, record_bonus=bonus, record_cost=cost).summary for s in seeds]
            rows.append(
                {
                    "record_cost": cost,
                    "record_bonus": bonus,
                    **{m: float(np.mean([r[m] for r in runs])) for m in metrics},
                }
            )
    return pd.DataFrame(rows).set_index(["record_cost", "record_bonus"])


def bonus_figure(seeds: Sequence[int] = (0, 1, 2)) -> Figure:
    """What a bigger record bonus buys: records, usable output and the statistics gap.

    Left: the record at the end of the run and usable output (relative to no bonus), against the
    bonus, one line per staging cost. Right: the statistics gap against the bonus.
    """
    table = bonus_sweep(seeds=seeds)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    styles = ("o:", "s-", "^--")
    first = table.loc[COSTS[0]]
    left.plot(first.index, first["records"], "D-", color="tab:red", lw=2, label="record at end (every cost)")
    for cost, style in zip(COSTS, styles, strict=True):
        part = table.loc[cost]
        rel = part["usable_output"] / part["usable_output"].iloc[0]
        left.plot(
            part.index, rel, style, color="tab:green", alpha=0.5 + cost * 5, label=f"usable output, cost {cost:g}"
        )
        right.plot(
            part.index,
            100 * part["statistics_gap"],
            style,
            color="tab:purple",
            alpha=0.5 + cost * 5,
            label=f"staging cost {cost:g}",
        )
    left.set_xlabel("record bonus")
    left.set_ylabel("index (no bonus = 1; record: start = 1)")
    left.set_title("Records climb, output does not")
    left.legend(frameon=False, fontsize=8)
    right.set_xlabel("record bonus")
    right.set_ylabel("reported over actual output, % above")
    right.set_title("The statistics gap")
    right.legend(frameon=False, fontsize=8)
    return fig


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures."""
    seven = simulate("ch07", seed=seed).summary
    eight = simulate("ch08", seed=seed).summary
    full = simulate("stakhanovite", seed=seed).summary
    command_no = simulate("stakhanovite", seed=seed, record_bonus=0.0).summary
    return {
        "ch08_record_step": float(RECORD_STEP),
        "ch08_records": eight["records"],
        "ch08_output_ratio": eight["actual_output"] / seven["actual_output"],
        "ch08_usable_ratio": eight["usable_output"] / seven["usable_output"],
        "ch08_gap7": seven["statistics_gap"],
        "ch08_gap8": eight["statistics_gap"],
        "ch08_stakh_records": full["records"],
        "ch08_stakh_usable_ratio": full["usable_output"] / command_no["usable_output"],
    }
