"""Figures and numbers for chapter 8, "Shock work and Stakhanovism".

Every function runs the model itself, so the figures follow the model's current calibration.
The chapter compares the economy of chapter 7 (no record campaign) with that of chapter 8
(bonuses for record reports, rigged by managers and workers together).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from antiplan import BY_NAME, simulate
from antiplan.figures.ch01 import SEEDS, averaged, run
from antiplan.figures.claims import Claim, compare, summary
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

    Left: the reported record, an index whose level before the run is 1 (so it ends at the formula's
    (1 + s b)^T), and actual output in both economies, each over the chapter 7 economy's first
    quarter, so that the campaign's loss of level shows. Right: how far reported output exceeds
    actual output, quarter by quarter, in both economies.
    """
    before, after = run("ch07", seed=seed), run("ch08", seed=seed)
    base = before["actual_output"].iloc[0]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    quarters = [after.index[0] - 1, *after.index]
    left.plot(quarters, [1.0, *after["records"]], color="tab:red", lw=2, label="record (ch. 8; before the run = 1)")
    left.plot(after.index, after["actual_output"] / base, color="tab:blue", label="actual output (ch. 8)")
    left.plot(
        before.index, before["actual_output"] / base, color="0.5", ls="--", label="actual output (ch. 7, no campaign)"
    )
    left.set_xlabel("quarter")
    left.set_ylabel("index")
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
    bonuses: Sequence[float] = BONUSES, costs: Sequence[float] = COSTS, seeds: Sequence[int] = SEEDS
) -> pd.DataFrame:
    """Records, output and the statistics gap of the chapter 8 economy by bonus and staging cost.

    Returns:
        A DataFrame with a row per (record_cost, record_bonus) and columns ``records`` (final
        index), ``usable_output``, ``reported_output`` and ``statistics_gap`` (means over seeds).
    """
    table = averaged("ch08", {"record_cost": costs, "record_bonus": bonuses}, seeds=seeds)
    return table[["records", "usable_output", "reported_output", "statistics_gap"]]


def bonus_figure(seeds: Sequence[int] = SEEDS) -> Figure:
    """What a bigger record bonus buys: records, usable output and the statistics gap.

    Left: the record at the end of the run against the bonus (the same at every staging cost).
    Middle: usable output relative to no bonus, one line per staging cost. Right: the statistics gap
    against the bonus, one line per staging cost.
    """
    table = bonus_sweep(seeds=seeds)
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(11, 3.6), layout="constrained")
    styles = ("o:", "s-", "^--")
    first = table.loc[COSTS[0]]
    left.plot(first.index, first["records"], "D-", color="tab:red", lw=2, label="record at end (every cost)")
    for cost, style in zip(COSTS, styles, strict=True):
        part = table.loc[cost]
        rel = part["usable_output"] / part["usable_output"].iloc[0]
        middle.plot(part.index, rel, style, color="tab:green", alpha=0.5 + cost * 5, label=f"staging cost {cost:g}")
        right.plot(
            part.index,
            100 * part["statistics_gap"],
            style,
            color="tab:purple",
            alpha=0.5 + cost * 5,
            label=f"staging cost {cost:g}",
        )
    left.set_xlabel("record bonus")
    left.set_ylabel("record at the end (start = 1)")
    left.set_title("Records climb")
    left.legend(frameon=False, fontsize=8)
    middle.set_xlabel("record bonus")
    middle.set_ylabel("usable output (no bonus = 1)")
    middle.set_title("Usable output does not")
    middle.legend(frameon=False, fontsize=8)
    right.set_xlabel("record bonus")
    right.set_ylabel("reported over actual output, % above")
    right.set_title("The statistics gap")
    right.legend(frameon=False, fontsize=8)
    return fig


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures."""
    seven = simulate("ch07", seed=seed).summary  # also the chapter 8 economy without its campaign (NO_CAMPAIGN)
    eight_run = simulate("ch08", seed=seed)
    eight = eight_run.summary
    height = simulate("ch08", seed=seed, record_bonus=1.0, record_cost=float(max(COSTS))).summary
    stakh = simulate("stakhanovite", seed=seed).summary
    command_no = simulate("stakhanovite", seed=seed, record_bonus=0.0).summary
    periods = len(eight_run.series)
    bonus, cost = (float(BY_NAME[name].default) for name in ("record_bonus", "record_cost"))
    strongest = bonus_sweep(bonuses=(0.0, 1.0), costs=(max(COSTS),), seeds=(seed,)).loc[max(COSTS)]
    return {
        "ch08_periods": float(periods),
        "ch08_formula_records": (1.0 + RECORD_STEP * bonus) ** periods,
        "ch08_direct_cost": cost * bonus,
        "ch08_loss_default": 1.0 - eight["usable_output"] / seven["usable_output"],
        "ch08_max_cost": float(max(COSTS)),
        "ch08_direct_max": float(max(COSTS)),
        "ch08_loss_max": float(1.0 - strongest["usable_output"].iloc[-1] / strongest["usable_output"].iloc[0]),
        "ch08_record_step": float(RECORD_STEP),
        "ch08_bonus": bonus,
        "ch08_cost": cost,
        "ch08_alt_bonus": bonus / 2.0,
        "ch08_alt_cost": cost * 2.0,
        "ch08_records": eight["records"],
        "ch08_output_ratio": eight["actual_output"] / seven["actual_output"],
        "ch08_usable_ratio": eight["usable_output"] / seven["usable_output"],
        "ch08_gap7": seven["statistics_gap"],
        "ch08_gap8": eight["statistics_gap"],
        "ch08_height_records": height["records"],
        "ch08_height_usable_ratio": height["usable_output"] / seven["usable_output"],
        "ch08_stakh_records": stakh["records"],
        "ch08_stakh_usable_ratio": stakh["usable_output"] / command_no["usable_output"],
        **channels(seed),
    }


def channels(seed: int = 0) -> dict[str, float]:
    """Where the campaign's loss beyond its direct cost comes from: runs with parts of the model switched off.

    With and without the campaign, at the chapter's settings, with investment switched off
    (``invest_share=0``) and with the ratchet switched off (``ratchet=0``): the loss of actual and of
    usable output, the change in targets and reports, and the defect share.
    """

    def pair(**changes: float) -> tuple[dict, dict]:
        return (
            simulate("ch08", seed=seed, **NO_CAMPAIGN, **changes).summary,
            simulate("ch08", seed=seed, **changes).summary,
        )

    (without, with_), (no_invest, no_invest_c), (no_ratchet, no_ratchet_c) = (
        pair(),
        pair(invest_share=0.0),
        pair(ratchet=0.0),
    )
    return {
        "ch08_loss_actual": 1.0 - with_["actual_output"] / without["actual_output"],
        "ch08_target_fall": 1.0 - with_["target"] / without["target"],
        "ch08_defects7": without["defect_share"],
        "ch08_defects8": with_["defect_share"],
        "ch08_loss_actual_no_invest": 1.0 - no_invest_c["actual_output"] / no_invest["actual_output"],
        "ch08_loss_usable_no_invest": 1.0 - no_invest_c["usable_output"] / no_invest["usable_output"],
        "ch08_defects7_no_invest": no_invest["defect_share"],
        "ch08_defects8_no_invest": no_invest_c["defect_share"],
        "ch08_loss_usable_no_ratchet": 1.0 - no_ratchet_c["usable_output"] / no_ratchet["usable_output"],
        "ch08_target_fall_no_ratchet": 1.0 - no_ratchet_c["target"] / no_ratchet["target"],
        "ch08_defects7_no_ratchet": no_ratchet["defect_share"],
        "ch08_defects8_no_ratchet": no_ratchet_c["defect_share"],
    }


AROUND = ("record_bonus", "record_cost", "tempo", "conditions", "coordination", "penalty")
"""Parameters moved to make the neighborhood in which the chapter's claims are checked."""
NO_CAMPAIGN = {"record_bonus": 0.0}
"""The chapter 8 economy without its record campaign: the chapter 7 economy."""


def _campaign(metric: str, sign: float) -> Callable[[dict, int, int], float]:
    """Margin of ``sign * (with campaign - without)`` on ``metric``."""

    def margin(params: dict, seed: int, enterprises: int) -> float:
        with_ = summary("ch08", params, seed, enterprises)[metric]
        without = summary("ch08", params, seed, enterprises, **NO_CAMPAIGN)[metric]
        return sign * (with_ - without)

    return margin


def _beyond_direct(params: dict, seed: int, enterprises: int) -> float:
    """The campaign's loss of usable output beyond its direct staging cost (cost times bonus)."""
    with_ = summary("ch08", params, seed, enterprises)["usable_output"]
    without = summary("ch08", params, seed, enterprises, **NO_CAMPAIGN)["usable_output"]
    values = {**{name: BY_NAME[name].default for name in ("record_bonus", "record_cost")}, **params}
    return (1.0 - with_ / without) - values["record_cost"] * values["record_bonus"]


def _loss(metric: str, params: dict, seed: int, enterprises: int, **changes: float) -> float:
    """The campaign's loss of ``metric`` (1 - with / without), with ``changes`` applied to both runs."""
    with_ = summary("ch08", params, seed, enterprises, **changes)[metric]
    without = summary("ch08", params, seed, enterprises, **{**changes, **NO_CAMPAIGN})[metric]
    return 1.0 - with_ / without


def _investment_adds(params: dict, seed: int, enterprises: int) -> float:
    """How much more actual output the campaign costs with investment than with it switched off."""
    return _loss("actual_output", params, seed, enterprises) - _loss(
        "actual_output", params, seed, enterprises, invest_share=0.0
    )


def _ratchet_eases(params: dict, seed: int, enterprises: int) -> float:
    """How much more usable output the campaign costs with the ratchet switched off than with it."""
    return _loss("usable_output", params, seed, enterprises, ratchet=0.0) - _loss(
        "usable_output", params, seed, enterprises
    )


CLAIMS = {
    "output_falls": Claim("the campaign lowers actual output", "ch08", AROUND, _campaign("actual_output", -1)),
    "usable_falls": Claim("the campaign lowers usable output", "ch08", AROUND, _campaign("usable_output", -1)),
    "gap_widens": Claim("the campaign widens the statistics gap", "ch08", AROUND, _campaign("statistics_gap", 1)),
    "beyond_direct": Claim(
        "the campaign costs more usable output than its direct staging cost", "ch08", AROUND, _beyond_direct
    ),
    "investment_adds": Claim(
        "the campaign costs more actual output with investment than with investment switched off",
        "ch08",
        AROUND,
        _investment_adds,
    ),
    "targets_fall": Claim("the campaign lowers the targets", "ch08", AROUND, _campaign("target", -1)),
    "defects_ease": Claim("the campaign lowers the defect share", "ch08", AROUND, _campaign("defect_share", -1)),
    "ratchet_eases": Claim(
        "the campaign costs more usable output with the ratchet switched off than with it",
        "ch08",
        AROUND,
        _ratchet_eases,
    ),
    "usable_falls_with_bonus": compare(
        "a bigger bonus lowers usable output when staging costs anything",
        "ch08",
        AROUND,
        "usable_output",
        more={"record_bonus": 0.5},
        less={"record_bonus": 1.0},
    ),
    "gap_grows_with_bonus": compare(
        "a bigger bonus widens the statistics gap when staging costs anything",
        "ch08",
        AROUND,
        "statistics_gap",
        more={"record_bonus": 1.0},
        less={"record_bonus": 0.5},
    ),
    "gap_grows_with_cost": compare(
        "a higher staging cost widens the statistics gap",
        "ch08",
        AROUND,
        "statistics_gap",
        more={"record_cost": 0.1},
        less={"record_cost": 0.05},
    ),
}
"""What chapter 8 says the model does, each checked over seeds and around the defaults."""
