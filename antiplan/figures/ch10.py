"""Figures and numbers for chapter 10, "What kind of society?".

Every function runs the model itself, so the figures follow the model's current calibration.
The chapter sets the command economy (``command``, every mechanism on) beside the democratic
mode (``democratic``: the same economy, same seed, with planners and implementers the same people).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from antiplan import BY_NAME, simulate
from antiplan.figures.ch01 import SEEDS, averaged, run
from antiplan.figures.claims import Claim, summary
from antiplan.scenarios import DEMOCRATIC_MODE

MODES = ("command", "democratic")
"""The two scenarios the chapter compares."""
COMPARED = {
    "statistics_gap": "statistics gap",
    "control": "control",
    "plan_fulfillment_actual": "plan fulfilled\n(actual)",
    "defect_share": "defect share",
    "turnover": "quitting\nper quarter",
    "strikes": "strikes",
}
"""Summary metrics (shares) shown side by side, with their labels."""
_LABELS = {
    "centralization": "targets from real capacity\n(centralization {})",
    "penalty": "no price of an honest\nshortfall (penalty {})",
    "collusion": "no effort withheld\n(collusion {})",
    "solidarity": "no strikes\n(solidarity {})",
    "record_bonus": "no rigged records\n(record bonus {})",
}
DEMOCRATIC_CHANGES = {_LABELS[name].format(f"{value:g}"): {name: value} for name, value in DEMOCRATIC_MODE.items()}
"""The changes the democratic mode makes (``antiplan.scenarios.DEMOCRATIC_MODE``), one by one."""
CONDITIONS = (0.1, 0.2, 0.4, 0.6, 0.8, 1.0)
"""Values of ``conditions`` the sweep visits."""


def side_by_side_figure(seed: int = 0) -> Figure:
    """The command economy and the democratic mode on the same economy and seed, per quarter.

    Each panel shows the target, reported output, actual output and usable output.
    """
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained", sharey=True)
    for ax, mode in zip(axes, MODES, strict=True):
        s = run(mode, seed=seed)
        ax.plot(s.index, s["target"], "k--", label="target")
        ax.plot(s.index, s["reported_output"], color="tab:red", lw=3, alpha=0.5, label="reported output")
        ax.plot(s.index, s["actual_output"], color="tab:blue", label="actual output")
        ax.plot(s.index, s["usable_output"], color="tab:green", label="usable output")
        ax.set_xlabel("quarter")
        ax.set_ylabel("output per enterprise")
        ax.set_title(f"{mode.capitalize()} mode" if mode == "democratic" else "Command economy")
    axes[0].legend(frameon=False, fontsize=8)
    return fig


def comparison(seeds: Sequence[int] = SEEDS) -> pd.DataFrame:
    """Summary metrics of both modes, averaged over ``seeds`` (a column per mode)."""
    return pd.DataFrame({mode: averaged(mode, seeds=seeds).iloc[0] for mode in MODES})


def metrics_figure(seeds: Sequence[int] = SEEDS) -> Figure:
    """The two modes side by side on the summary metrics that are shares (grouped bars)."""
    table = comparison(seeds).loc[list(COMPARED)]
    fig, ax = plt.subplots(figsize=(9, 3.6), layout="constrained")
    x = np.arange(len(table))
    width = 0.38
    ax.bar(x - width / 2, table["command"], width, color="tab:red", label="command economy")
    ax.bar(x + width / 2, table["democratic"], width, color="tab:green", label="democratic mode")
    ax.set_xticks(x, list(COMPARED.values()), fontsize=8)
    ax.set_ylabel("share (1 = 100 %)")
    ax.set_xlabel("summary metric")
    ax.legend(frameon=False, fontsize=8)
    return fig


def levers(seeds: Sequence[int] = SEEDS, **fixed: float) -> pd.DataFrame:
    """The command economy with each of the democratic mode's changes made alone, and all together.

    Returns:
        A DataFrame indexed by the change, with columns ``usable_output`` (relative to the command
        economy), ``statistics_gap`` and ``control``, means over ``seeds``; ``fixed`` settings
        apply to every run (the command economy's own settings otherwise).
    """
    variants = {"command economy": ("command", {})}
    variants.update({name: ("command", change) for name, change in DEMOCRATIC_CHANGES.items()})
    variants["all together\n(democratic mode)"] = ("democratic", {})
    metrics = ["usable_output", "statistics_gap", "control"]
    rows = {
        name: averaged(scenario, seeds=seeds, **{**fixed, **change}).iloc[0][metrics]
        for name, (scenario, change) in variants.items()
    }
    table = pd.DataFrame(rows).T
    table["usable_output"] = table["usable_output"] / table.loc["command economy", "usable_output"]
    return table


def levers_figure(seeds: Sequence[int] = SEEDS) -> Figure:
    """Which of the democratic mode's changes matters: each made alone in the command economy.

    Left: usable output relative to the command economy. Middle: the statistics gap. Right:
    control, which separates what setting targets from real capacity gives by the definition of
    control from what ending strikes gives.
    """
    table = levers(seeds)
    fig, (left, right, third) = plt.subplots(1, 3, figsize=(10, 4.2), layout="constrained", sharey=True)
    y = np.arange(len(table))
    colors = ["tab:red"] + ["tab:gray"] * (len(table) - 2) + ["tab:green"]
    left.barh(y, table["usable_output"], color=colors)
    left.axvline(1.0, color="0.3", lw=0.8, ls=":")
    left.set_yticks(y, table.index, fontsize=8)
    left.invert_yaxis()
    left.set_xlabel("usable output, command economy = 1")
    left.set_ylabel("change made")
    right.barh(y, 100 * table["statistics_gap"], color=colors)
    right.set_xlabel("statistics gap, %\n(reported over actual output)")
    right.set_ylabel("change made")
    third.barh(y, table["control"], color=colors)
    third.set_xlabel("control (share of output's\nvariation targets explain)")
    third.set_ylabel("change made")
    return fig


def conditions_sweep(values: Sequence[float] = CONDITIONS, seeds: Sequence[int] = SEEDS) -> pd.DataFrame:
    """Usable output and turnover of both modes as conditions vary.

    Returns:
        A DataFrame with a row per (mode, conditions) and columns ``usable_output`` and ``turnover``.
    """
    tables = {
        mode: averaged(mode, {"conditions": values}, seeds=seeds)[["usable_output", "turnover"]] for mode in MODES
    }
    return pd.concat(tables, names=["mode"])


def conditions_figure(seeds: Sequence[int] = SEEDS) -> Figure:
    """What the democratic mode changes and what it does not, as conditions vary.

    Left: usable output against conditions in both modes. Right: quits per quarter.
    """
    table = conditions_sweep(seeds=seeds)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for mode, color in zip(MODES, ("tab:red", "tab:green"), strict=True):
        part = table.loc[mode]
        left.plot(part.index, part["usable_output"], "o-", color=color, label=mode)
        right.plot(part.index, 100 * part["turnover"], "s-", color=color, label=mode)
    left.set_xlabel("conditions (0 = hunger, 1 = decent)")
    left.set_ylabel("mean usable output per enterprise")
    left.set_title("Usable output")
    left.legend(frameon=False, fontsize=8)
    right.set_xlabel("conditions (0 = hunger, 1 = decent)")
    right.set_ylabel("quitting, % of workforce a quarter")
    right.set_title("Turnover")
    right.legend(frameon=False, fontsize=8)
    return fig


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures."""
    c, d = (simulate(mode, seed=seed).summary for mode in MODES)
    hungry = {mode: simulate(mode, seed=seed, conditions=0.1).summary for mode in MODES}
    table = levers(seeds=(seed,))
    lever = table["usable_output"].to_numpy()
    gap, control = table["statistics_gap"].to_numpy(), table["control"].to_numpy()
    fast = simulate("democratic", seed=seed, tempo=float(BY_NAME["tempo"].max)).summary
    full_table = levers(seeds=(seed,), centralization=1.0)
    no_farm = {mode: simulate(mode, seed=seed, collectivization=0.0).summary for mode in MODES}
    full, full_control = full_table["usable_output"].to_numpy(), full_table["control"].to_numpy()
    return {
        "ch10_lever_penalty": float(lever[2]),
        "ch10_lever_centralization_full": float(full[1]),
        "ch10_lever_collusion_full": float(full[3]),
        "ch10_lever_penalty_full": float(full[2]),
        "ch10_lever_control_command_full": float(full_control[0]),
        "ch10_lever_control_penalty_full": float(full_control[2]),
        "ch10_lever_best_other": float(max(lever[2], lever[4], lever[5])),
        "ch10_lever_gap_centralization": float(gap[1]),
        "ch10_lever_gap_penalty": float(gap[2]),
        "ch10_lever_control_centralization": float(control[1]),
        "ch10_lever_control_penalty": float(control[2]),
        "ch10_lever_control_solidarity": float(control[4]),
        "ch10_lever_control_command": float(control[0]),
        "ch10_tempo_max": float(BY_NAME["tempo"].max),
        "ch10_tempo_change": fast["usable_output"] / d["usable_output"] - 1.0,
        "ch10_lever_centralization": float(lever[1]),
        "ch10_lever_collusion": float(lever[3]),
        "ch10_lever_all": float(lever[-1]),
        "ch10_gap_command": c["statistics_gap"],
        "ch10_gap_democratic": d["statistics_gap"],
        "ch10_control_command": c["control"],
        "ch10_control_democratic": d["control"],
        "ch10_fulfil_command": c["plan_fulfillment_actual"],
        "ch10_fulfil_democratic": d["plan_fulfillment_actual"],
        "ch10_fulfil_reported_command": c["plan_fulfillment_reported"],
        "ch10_usable_ratio": d["usable_output"] / c["usable_output"],
        "ch10_defects_command": c["defect_share"],
        "ch10_defects_democratic": d["defect_share"],
        "ch10_real_command": (1.0 + c["real_growth"]) ** 4 - 1.0,
        "ch10_real_democratic": (1.0 + d["real_growth"]) ** 4 - 1.0,
        "ch10_turnover_command": c["turnover"],
        "ch10_turnover_democratic": d["turnover"],
        "ch10_hungry_ratio": hungry["democratic"]["usable_output"] / d["usable_output"],
        "ch10_hungry_ratio_command": hungry["command"]["usable_output"] / c["usable_output"],
        "ch10_hungry_turnover_democratic": hungry["democratic"]["turnover"],
        "ch10_herd_command": c["livestock"],
        "ch10_herd_democratic": d["livestock"],
        "ch10_harvest_command": c["harvest"],
        "ch10_harvest_democratic": d["harvest"],
        "ch10_usable_ratio_no_farm": no_farm["democratic"]["usable_output"] / no_farm["command"]["usable_output"],
    }


AROUND = ("conditions", "tempo", "centralization", "penalty", "collusion", "solidarity", "record_bonus", "coordination")
"""Parameters moved to make the neighborhood in which the chapter's claims are checked."""


def _modes(metric: str, sign: float) -> Callable[[dict, int, int], float]:
    """Margin of ``sign * (democratic - command)`` on ``metric``."""

    def margin(params: dict, seed: int, enterprises: int) -> float:
        c = summary("command", params, seed, enterprises)[metric]
        d = summary("democratic", params, seed, enterprises)[metric]
        return sign * (d - c)

    return margin


def _lever(params: dict, seed: int, enterprises: int, name: str, metric: str = "usable_output") -> float:
    """``metric`` in the command economy with one of the democratic mode's changes made."""
    return summary("command", params, seed, enterprises, **{name: DEMOCRATIC_MODE[name]})[metric]


def _collusion_first(params: dict, seed: int, enterprises: int) -> float:
    usable = {name: _lever(params, seed, enterprises, name) for name in DEMOCRATIC_MODE}
    return usable["collusion"] - max(v for k, v in usable.items() if k != "collusion")


def _two_levers_lead(params: dict, seed: int, enterprises: int) -> float:
    """Ending withheld effort and targets from real capacity each beat every other single change."""
    usable = {name: _lever(params, seed, enterprises, name) for name in DEMOCRATIC_MODE}
    lead = min(usable["collusion"], usable["centralization"])
    return lead - max(v for k, v in usable.items() if k not in ("collusion", "centralization"))


def _centralization_raises(params: dict, seed: int, enterprises: int) -> float:
    return (
        _lever(params, seed, enterprises, "centralization")
        - summary("command", params, seed, enterprises)["usable_output"]
    )


def _lever_raises_control(name: str) -> Callable[[dict, int, int], float]:
    def margin(params: dict, seed: int, enterprises: int) -> float:
        before = summary("command", params, seed, enterprises)["control"]
        return _lever(params, seed, enterprises, name, "control") - before

    return margin


def _penalty_moves_control(sign: float, centralization: float | None = None) -> Callable[[dict, int, int], float]:
    """Margin of ``sign * (control without the penalty - control with it)``, at ``centralization`` if given."""

    def margin(params: dict, seed: int, enterprises: int) -> float:
        at = dict(params) if centralization is None else {**params, "centralization": centralization}
        before = summary("command", at, seed, enterprises)["control"]
        return sign * (_lever(at, seed, enterprises, "penalty", "control") - before)

    return margin


def _penalty_truest(params: dict, seed: int, enterprises: int) -> float:
    return _lever(params, seed, enterprises, "centralization", "statistics_gap") - _lever(
        params, seed, enterprises, "penalty", "statistics_gap"
    )


def _collusion_whatever_targets(params: dict, seed: int, enterprises: int) -> float:
    """Ending withheld effort raises usable output with central targets and with local ones."""
    gains = []
    for centralization in (None, 0.0):
        targets = {} if centralization is None else {"centralization": centralization}
        before = summary("command", params, seed, enterprises, **targets)["usable_output"]
        after = summary("command", params, seed, enterprises, **targets, collusion=0.0)["usable_output"]
        gains.append(after - before)
    return min(gains)


def _farm_share_of_gain(params: dict, seed: int, enterprises: int) -> float:
    """The democratic mode's usable-output ratio as it stands, less the ratio with no collectivization."""

    def ratio(**changes: float) -> float:
        d = summary("democratic", params, seed, enterprises, **changes)["usable_output"]
        return d / summary("command", params, seed, enterprises, **changes)["usable_output"]

    return ratio() - ratio(collectivization=0.0)


def _hunger_ratio(mode: str, params: dict, seed: int, enterprises: int, hungry: float) -> float:
    base = summary(mode, params, seed, enterprises)["usable_output"]
    return summary(mode, params, seed, enterprises, conditions=hungry)["usable_output"] / base


def _democratic_holds_up(params: dict, seed: int, enterprises: int) -> float:
    return _hunger_ratio("democratic", params, seed, enterprises, 0.1) - _hunger_ratio(
        "command", params, seed, enterprises, 0.1
    )


def _closest_when_decent(params: dict, seed: int, enterprises: int) -> float:
    def ratio(conditions: float) -> float:
        d = summary("democratic", params, seed, enterprises, conditions=conditions)["usable_output"]
        c = summary("command", params, seed, enterprises, conditions=conditions)["usable_output"]
        return d / c

    return ratio(0.1) - ratio(1.0)


def _hunger_quits(params: dict, seed: int, enterprises: int) -> float:
    hungry = summary("democratic", params, seed, enterprises, conditions=0.1)["turnover"]
    return hungry - summary("democratic", params, seed, enterprises)["turnover"]


CLAIMS = {
    "gap_smaller": Claim("the democratic mode's statistics are truer", "command", AROUND, _modes("statistics_gap", -1)),
    "control_higher": Claim("the democratic mode has more control", "command", AROUND, _modes("control", 1)),
    "defects_lower": Claim(
        "the democratic mode has a lower defect share", "command", AROUND, _modes("defect_share", -1)
    ),
    "fewer_quit": Claim("fewer workers quit in the democratic mode", "command", AROUND, _modes("turnover", -1)),
    "more_usable": Claim(
        "the democratic mode produces more usable output", "command", AROUND, _modes("usable_output", 1)
    ),
    "faster_real_growth": Claim(
        "usable output grows faster in the democratic mode", "command", AROUND, _modes("real_growth", 1)
    ),
    "procures_less": Claim(
        "the democratic mode procures a smaller share of the real harvest (harvest reports are honest)",
        "command",
        AROUND,
        _modes("squeeze", -1),
    ),
    "herd_larger": Claim(
        "the democratic mode ends the run with a larger herd", "command", AROUND, _modes("livestock", 1)
    ),
    "harvest_larger": Claim("the democratic mode has a larger mean harvest", "command", AROUND, _modes("harvest", 1)),
    "farm_part_of_gain": Claim(
        "part of the democratic mode's advantage in usable output comes through agriculture: the ratio is "
        "smaller with no collectivization",
        "command",
        AROUND,
        _farm_share_of_gain,
    ),
    "collusion_first_at_defaults": Claim(
        "at the default centralization, ending withheld effort raises usable output more than any other single change",
        "command",
        tuple(name for name in AROUND if name != "centralization"),
        _collusion_first,
    ),
    "two_levers_lead_at_defaults": Claim(
        "at the default centralization, ending withheld effort and targets from real capacity each raise usable "
        "output more than the other changes",
        "command",
        tuple(name for name in AROUND if name != "centralization"),
        _two_levers_lead,
    ),
    "centralization_raises": Claim(
        "targets from real capacity alone raise usable output", "command", AROUND, _centralization_raises
    ),
    "targets_raise_control": Claim(
        "targets from real capacity alone raise control", "command", AROUND, _lever_raises_control("centralization")
    ),
    "no_strikes_raise_control": Claim(
        "ending strikes alone raises control", "command", AROUND, _lever_raises_control("solidarity")
    ),
    "no_penalty_lowers_control_at_defaults": Claim(
        "at the default centralization, removing the penalty alone lowers control (strikes scatter output)",
        "command",
        tuple(name for name in AROUND if name != "centralization"),
        _penalty_moves_control(-1),
    ),
    "no_penalty_raises_control_when_central": Claim(
        "with a fully central plan, removing the penalty alone raises control (targets follow honest reports)",
        "command",
        tuple(name for name in AROUND if name != "centralization"),
        _penalty_moves_control(1, centralization=1.0),
    ),
    "penalty_truest": Claim(
        "no price of an honest shortfall leaves a smaller statistics gap than targets from real capacity",
        "command",
        AROUND,
        _penalty_truest,
    ),
    "collusion_whatever_targets": Claim(
        "ending withheld effort raises usable output whether targets are central or local",
        "command",
        AROUND,
        _collusion_whatever_targets,
    ),
    "democratic_holds_up": Claim(
        "hunger costs the democratic mode a smaller share of its output than the command economy",
        "command",
        AROUND,
        _democratic_holds_up,
    ),
    "closest_when_decent": Claim(
        "the two modes' usable output is closer at decent conditions than in hunger",
        "command",
        AROUND,
        _closest_when_decent,
    ),
    "hunger_quits": Claim("hunger still drives workers away in the democratic mode", "command", AROUND, _hunger_quits),
}
"""What chapter 10 says the model does, each checked over seeds and around the defaults."""
