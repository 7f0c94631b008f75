"""Figures and numbers for chapter 5, "A march through conquered territory": speed-up, defects and wear."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from antiplan import BY_NAME, simulate, simulate_many
from antiplan.figures.claims import Claim, compare
from antiplan.figures.claims import result as claim_run
from antiplan.rules.defects import own_defect_share

from .ch01 import seed_list, sweep

TEMPOS = np.round(np.linspace(0.0, 0.15, 16), 3)
"""The tempos the chapter sweeps: from no demanded growth to the parameter's maximum."""

PLATEAU = 0.02
"""Usable output within this share of its best counts as the plateau of the tempo sweep."""


def plateau(usable) -> tuple[float, float]:
    """The lowest and highest tempo of ``TEMPOS`` whose usable output is within ``PLATEAU`` of the best.

    Args:
        usable: usable output at each tempo of ``TEMPOS`` (a Series indexed by tempo).
    """
    near = usable.index[usable.to_numpy() >= (1.0 - PLATEAU) * usable.max()]
    return float(near.min()), float(near.max())


def defect_rule_figure(sensitivities: Sequence[float] | None = None) -> Figure:
    """The enterprise's own defect share against overload, for several sensitivities.

    This plots the rule ``antiplan.rules.defects.own_defect_share`` itself at the default base
    defect share, not a run of the model. By default the sensitivities are half, once and twice the
    parameter's default.
    """
    default = BY_NAME["defect_sensitivity"].default
    sensitivities = (default / 2, default, 2 * default) if sensitivities is None else sensitivities
    base = BY_NAME["base_defect"].default
    overload = np.linspace(0.0, 1.0, 101)
    fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
    for value, style in zip(sensitivities, ("--", "-", ":"), strict=False):
        ax.plot(100 * overload, 100 * own_defect_share(overload, base, value), style, label=f"sensitivity {value:g}")
    ax.set_xlabel("overload: target above normal-pace output (%)")
    ax.set_ylabel("own defect share (%)")
    ax.legend(frameon=False, fontsize=8)
    return fig


def tempo_figure(seed: int = 0) -> Figure:
    """More pressure, less to use: output against the demanded tempo in the chapter 5 economy.

    Left: mean reported, actual and usable output over the plan. Right: the defect share and the
    growth of usable output per quarter.
    """
    table = sweep(
        "ch05",
        "tempo",
        TEMPOS,
        ("reported_output", "actual_output", "usable_output", "defect_share", "real_growth"),
        seeds=seed_list(seed),
    )
    x = 100 * table.index.to_numpy()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    left.plot(x, table["reported_output"], color="tab:red", label="reported")
    left.plot(x, table["actual_output"], color="tab:blue", label="actual")
    left.plot(x, table["usable_output"], color="tab:green", lw=2, label="usable")
    best = x[int(np.argmax(table["usable_output"].to_numpy()))]
    left.axvline(best, color="tab:green", ls=":", lw=1)
    left.set_xlabel("demanded tempo (% a quarter)")
    left.set_ylabel("mean output per enterprise")
    left.legend(frameon=False, fontsize=8)
    right.plot(x, 100 * table["defect_share"], color="tab:purple", label="defect share (%)")
    right.plot(x, 100 * table["real_growth"], color="tab:green", ls="--", label="usable growth (% a quarter)")
    right.axhline(0.0, color="0.5", lw=0.8)
    right.set_xlabel("demanded tempo (% a quarter)")
    right.set_ylabel("percent")
    right.legend(frameon=False, fontsize=8)
    return fig


def cascade_figure(depth: int = 8, tempos: Sequence[float] = (0.04, 0.08, 0.10), seed: int = 0) -> Figure:
    """Defects compound down the supply chain: defect share by stage, upstream to downstream.

    Each line is a run with ``depth`` stages at one tempo; the value is the stage's mean defect
    share over the last four quarters.
    """
    runs = simulate_many("ch05", seeds=[seed], grid={"tempo": list(tempos)}, chain_depth=depth)
    fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
    for tempo, marker, result in zip(tempos, "os^d", runs, strict=False):
        stages = result.stages
        shares = stages.iloc[-4:].mean().to_numpy()
        ax.plot(np.arange(1, len(shares) + 1), 100 * shares, marker=marker, label=f"tempo {tempo:.0%} a quarter")
    ax.set_xlabel("stage of the supply chain (1 = raw materials)")
    ax.set_ylabel("defective share of output (%)")
    ax.legend(frameon=False, fontsize=8)
    return fig


def wear_figure(wears: Sequence[float] | None = None, tempo: float = 0.10, seed: int = 0) -> Figure:
    """Machines worn by speed-up: capacity per quarter for several wear rates at a high tempo.

    By default the wear rates are none, the parameter's default, and four times the default.
    """
    default = BY_NAME["wear"].default
    wears = (0.0, default, 4 * default) if wears is None else wears
    runs = simulate_many("ch05", seeds=[seed], grid={"wear": list(wears)}, tempo=tempo)
    fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
    for wear, style, result in zip(wears, ("-", "--", ":"), runs, strict=False):
        s = result.series
        ax.plot(s.index, s["capacity"], style, color="tab:green", label=f"extra wear {wear:g}× per unit overload")
    ax.set_xlabel("quarter")
    ax.set_ylabel("capacity per enterprise")
    ax.legend(frameon=False, fontsize=8)
    return fig


def own_by_stage(stages) -> np.ndarray:
    """Each stage's own defect share over the last four quarters, backed out of the cascade.

    A stage's output is sound only if its inputs were sound and it made it well, so its own share is
    ``1 - (1 - d_k) / (1 - d_(k-1))`` from the stages' defect shares ``d`` (the first stage's is its
    defect share); the value is the mean over the last four quarters.

    Args:
        stages: ``Result.stages`` of a run (a DataFrame with a column per stage).
    """
    d = stages.to_numpy()[-4:]
    upstream = np.hstack([np.zeros((len(d), 1)), d[:, :-1]])
    return (1.0 - (1.0 - d) / (1.0 - upstream)).mean(axis=0)


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures."""
    table = sweep("ch05", "tempo", TEMPOS, ("usable_output", "actual_output", "defect_share"), seeds=seed_list(seed))
    base = simulate("ch05", seed=seed)
    deep_run = simulate("ch05", seed=seed, chain_depth=8, tempo=0.10)
    deep = deep_run.stages.iloc[-4:].mean()
    own = own_by_stage(deep_run.stages)
    flat = own_by_stage(simulate("ch05", seed=seed, chain_depth=8, tempo=0.10, invest_share=0.0).stages)
    low, high = plateau(table["usable_output"])
    fast = simulate("ch05", seed=seed, tempo=0.10).summary
    return {
        "ch05_best_tempo": float(table["usable_output"].idxmax()),
        "ch05_best_tempo_year": (1.0 + float(table["usable_output"].idxmax())) ** 4 - 1.0,
        "ch05_peak_actual_tempo": float(table["actual_output"].idxmax()),
        "ch05_plateau_low": low,
        "ch05_plateau_high": high,
        "ch05_plateau": PLATEAU,
        "ch05_top_usable_loss": 1.0 - float(table["usable_output"].iloc[-1] / table["usable_output"].max()),
        "ch05_tempo": base.params["tempo"],
        "ch05_defect": base.summary["defect_share"],
        "ch05_fast_defect": fast["defect_share"],
        "ch05_fast_growth": fast["real_growth"],
        "ch05_top_defect": float(table["defect_share"].iloc[-1]),
        "ch05_first_stage": float(deep.iloc[0]),
        "ch05_last_stage": float(deep.iloc[-1]),
        "ch05_own_first": float(own[0]),
        "ch05_own_last": float(own[-1]),
        "ch05_flat_own_first": float(flat[0]),
        "ch05_flat_own_last": float(flat[-1]),
        "ch05_depth": base.params["chain_depth"],
    }


def _own_rise(params, seed: int, enterprises: int) -> float:
    """The last stage's own defect share minus the first's (eight stages at 10 % a quarter)."""
    own = own_by_stage(claim_run("ch05", params, seed, enterprises, chain_depth=8, tempo=0.1).stages)
    return float(own[-1] - own[0])


def _own_rise_from_growth(params, seed: int, enterprises: int) -> float:
    """How much of that rise goes when enterprises invest nothing (so defects cannot slow growth)."""
    flat = own_by_stage(claim_run("ch05", params, seed, enterprises, chain_depth=8, tempo=0.1, invest_share=0.0).stages)
    return _own_rise(params, seed, enterprises) - float(flat[-1] - flat[0])


# --- what the chapter says the model does -------------------------------------------------------

CLAIMS = {
    "reported_output_keeps_rising": compare(
        "reported output keeps rising with the tempo (fig-ch05-tempo)",
        "ch05",
        ("storming", "defect_sensitivity", "wear"),
        "reported_output",
        {"tempo": 0.15},
        {"tempo": 0.08},
    ),
    "storming_actual_output_rise": compare(
        "storming makes actual output rise with the tempo at first (fig-ch05-tempo)",
        "ch05",
        ("storming", "defect_sensitivity", "wear"),
        "actual_output",
        {"tempo": 0.06},
        {"tempo": 0.0},
    ),
    "past_peak_actual_output": compare(
        "past its peak, actual output declines (fig-ch05-tempo)",
        "ch05",
        ("storming", "defect_sensitivity", "wear"),
        "actual_output",
        {"tempo": 0.08},
        {"tempo": 0.15},
    ),
    "beyond_plateau_pressure_yields": compare(
        "beyond the plateau, more pressure yields less usable output (fig-ch05-tempo)",
        "ch05",
        ("storming", "defect_sensitivity", "wear"),
        "usable_output",
        {"tempo": 0.04},
        {"tempo": 0.12},
    ),
    "defect_share_rises_tempo": compare(
        "the defect share rises with the tempo (fig-ch05-tempo)",
        "ch05",
        ("storming", "defect_sensitivity", "base_defect"),
        "defect_share",
        {"tempo": 0.1},
        {},
    ),
    "last_stage_chain_defective": compare(
        "the last stage of the chain is more defective than the first (fig-ch05-cascade)",
        "ch05",
        ("defect_sensitivity", "base_defect"),
        "cascade_rise",
        {},
        None,
        fixed={"chain_depth": 8, "tempo": 0.1},
    ),
    "downstream_own_defects_higher": Claim(
        "under speed-up, stages further down the chain make more defects of their own (fig-ch05-cascade)",
        "ch05",
        ("defect_sensitivity", "base_defect", "storming"),
        _own_rise,
    ),
    "own_rise_through_growth": Claim(
        "that rise is larger when defective materials slow the growth of capacity than with no investment",
        "ch05",
        ("defect_sensitivity", "base_defect", "storming"),
        _own_rise_from_growth,
    ),
    "under_speed_up_deeper": compare(
        "under speed-up, a deeper chain makes a larger share of output defective",
        "ch05",
        ("defect_sensitivity", "storming"),
        "defect_share",
        {"chain_depth": 8},
        {"chain_depth": 2},
        fixed={"tempo": 0.1},
    ),
    "overload_wears_machines_less": compare(
        "the more overload wears machines, the less capacity at the end (high tempo; fig-ch05-wear)",
        "ch05",
        ("defect_sensitivity", "storming"),
        "end_capacity",
        {},
        {"wear": 2.0},
        fixed={"tempo": 0.1},
    ),
    "extra_wear_less_capacity": compare(
        "with extra wear, less capacity at the end than with none (high tempo; fig-ch05-wear)",
        "ch05",
        ("defect_sensitivity", "storming"),
        "end_capacity",
        {"wear": 0.0},
        {},
        fixed={"tempo": 0.1},
    ),
}
"""What chapter 5 says the model does, each checked over seeds and around the defaults
(``antiplan.figures.claims``)."""
