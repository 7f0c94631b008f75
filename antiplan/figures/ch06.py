"""Figures and numbers for chapter 6, "Labor: shortage, turnover, collusion".

Every function runs the model itself, so the figures follow the model's current calibration.
The chapter compares the economy of chapter 5 (no labor mechanisms) with that of chapter 6
(workers quit when conditions are bad, new hands are less skilled, and workers and managers
agree to withhold effort).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from antiplan import Batch, simulate, simulate_many
from antiplan.figures.ch01 import SEEDS, averaged, run
from antiplan.figures.claims import CLAIM_SEEDS, Claim, result, summary

CONDITIONS = tuple(np.round(np.linspace(0.1, 1.0, 10), 2))
"""Values of ``conditions`` the sweep visits (0.1 is near hunger, 1 decent)."""
NO_QUITS = {"base_quit": 0.0, "quit_sensitivity": 0.0}
"""Settings that switch turnover off: nobody quits, so skill stays full."""
NO_COLLUSION = {"collusion": 0.0}
"""Settings that switch withheld effort off."""
VARIANTS = {
    "chapter 5:\nno labor rules": {**NO_QUITS, **NO_COLLUSION},
    "turnover\nonly": NO_COLLUSION,
    "withheld effort\nonly": NO_QUITS,
    "both\n(chapter 6)": {},
}
"""The chapter 6 economy with its two labor mechanisms switched on one at a time.

With neither, the chapter 6 economy is the chapter 5 economy (conditions then touch nothing)."""
NO_PLAN = {"centralization": 0.0}
"""Settings that switch the plan's pressure off: targets are set from local knowledge alone."""
NO_GROWTH = {"invest_share": 0.0}
"""Settings that switch growth off: enterprises invest nothing, so capacity does not grow."""
AMPLIFIERS = {"both on (chapter 6)": {}, "no plan pressure": NO_PLAN, "no growth": NO_GROWTH,
              "neither": {**NO_PLAN, **NO_GROWTH}}  # fmt: skip
"""The two channels that can make the loss larger than skill times effort, switched off one at a time."""
LOW_PROCUREMENT = 0.2
"""A procurement share low enough for the towns' food to fall short in the collectivization scenario."""
AROUND = ("base_quit", "quit_sensitivity", "new_hand_skill", "learning", "collusion", "conditions", "tempo")
"""Parameters moved to make the neighborhood in which the chapter's claims are checked."""


def miners_turnover(data: pd.DataFrame | None = None) -> pd.Series:
    """Labor turnover among coal miners across the USSR, separations in a year as % of the average workforce.

    Read from the course's data file (item ``turnover_coal_miners``): the national series for the coal
    industry as Kuromiya (1998) quotes it in his book on the Donbas.

    Args:
        data: the table of ``antiplan.data.load_fyp()`` (loaded when not given).

    Returns:
        A Series indexed by year.
    """
    if data is None:
        from antiplan.data import load_fyp

        data = load_fyp()
    rows = data[data["item"] == "turnover_coal_miners"]
    return pd.Series(rows["value"].to_numpy(dtype=float), index=rows["period"].astype(str), name="turnover")


def _annual(quarterly: float) -> float:
    """Quarterly quit share as separations per year, in % of the workforce (four quarters)."""
    return 400.0 * quarterly


def turnover_run_figure(seed: int = 0) -> Figure:
    """One run of the chapter 6 economy beside the chapter 5 economy, same seed.

    Left: the share of the workforce quitting each quarter and the workforce's average skill.
    Right: usable output per enterprise in both economies.
    """
    before, after = run("ch05", seed=seed), run("ch06", seed=seed)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    left.plot(after.index, after["turnover"], color="tab:red", label="quitting this quarter")
    left.plot(after.index, after["skill"], color="tab:purple", label="average skill")
    left.plot(after.index, after["effort"], color="tab:brown", ls=":", label="effort given")
    left.set_ylim(0, 1.05)
    left.set_xlabel("quarter")
    left.set_ylabel("share of workforce / of full skill or effort")
    left.set_title("The workforce, chapter 6 economy")
    left.legend(frameon=False, fontsize=8)
    right.plot(before.index, before["usable_output"], color="0.5", ls="--", label="chapter 5: no labor rules")
    right.plot(after.index, after["usable_output"], color="tab:green", label="chapter 6: quits and collusion")
    right.set_xlabel("quarter")
    right.set_ylabel("usable output per enterprise")
    right.set_title("Usable output")
    right.legend(frameon=False, fontsize=8)
    return fig


def _effort_given(runs: Batch) -> dict[str, np.ndarray]:
    """The effort workers give, mean over the run, per run of a batch."""
    return {"effort": runs.columns["effort"].mean(axis=1)}


def conditions_sweep(seeds: Sequence[int] = SEEDS, values: Sequence[float] = CONDITIONS) -> pd.DataFrame:
    """Turnover, skill, effort and usable output of the chapter 6 economy as conditions vary.

    Returns:
        A DataFrame indexed by ``conditions`` with columns ``turnover`` (per quarter), ``skill``,
        ``effort`` and ``usable_output`` (means over the run and over ``seeds``).
    """
    grid = {"conditions": [float(value) for value in values]}
    table = averaged("ch06", grid, seeds=seeds, measures=_effort_given)
    return table[["turnover", "skill", "effort", "usable_output"]]


def conditions_figure(seeds: Sequence[int] = SEEDS) -> Figure:
    """How the chapter 6 economy answers worse food, housing and pay.

    Left: quits per quarter, skill and effort against ``conditions``. Right: usable output.
    Each point is the mean of one run per seed.
    """
    table = conditions_sweep(seeds)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    left.plot(table.index, table["turnover"], "o-", color="tab:red", label="quitting per quarter")
    left.plot(table.index, table["skill"], "s-", color="tab:purple", label="average skill")
    left.plot(table.index, table["effort"], "^:", color="tab:brown", label="effort given")
    left.set_ylim(0, 1.05)
    left.set_xlabel("conditions (0 = hunger, 1 = decent)")
    left.set_ylabel("share")
    left.set_title("The workforce")
    left.legend(frameon=False, fontsize=8)
    right.plot(table.index, table["usable_output"], "o-", color="tab:green")
    right.set_xlabel("conditions (0 = hunger, 1 = decent)")
    right.set_ylabel("mean usable output per enterprise")
    right.set_title("Usable output")
    return fig


def losses(params: dict | None = None, seed: int = 0, enterprises: int = 200) -> dict[str, float]:
    """Share of the chapter 5 economy's usable output lost to each labor mechanism, one run each.

    Args:
        params: settings applied over the chapter 6 economy's (for the claims' neighborhood).
        seed, enterprises: how the runs are made.

    Returns:
        ``turnover``, ``effort`` (each mechanism alone) and ``both`` (the chapter 6 economy), as
        shares of usable output, and ``usable_ratio``, ``skill`` and ``effort_given`` of the
        chapter 6 economy (the last two means over the run).
    """
    params = params or {}
    usable = [summary("ch06", params, seed, enterprises, **change)["usable_output"] for change in VARIANTS.values()]
    six = result("ch06", params, seed, enterprises)
    return _shares(*usable, six.summary["skill"], float(six.series["effort"].mean()))


def _shares(none, turnover, effort, both, skill, effort_given) -> dict:
    """``losses`` from the usable output of each variant (``VARIANTS``) and the chapter 6 economy's
    skill and effort: numbers for one run, or arrays with a value per seed."""
    return {
        "turnover": 1.0 - turnover / none,
        "effort": 1.0 - effort / none,
        "both": 1.0 - both / none,
        "usable_ratio": both / none,
        "skill": skill,
        "effort_given": effort_given,
    }


def _variants(seeds: Sequence[int]) -> tuple[pd.Series, pd.DataFrame]:
    """Usable output of each variant (``VARIANTS``) averaged over ``seeds``, and ``losses`` for each seed.

    Each variant's runs, one per seed, are made in one ``antiplan.simulate_many`` call.
    """
    runs = {name: simulate_many("ch06", seeds=list(seeds), **change) for name, change in VARIANTS.items()}
    usable = {name: batch.summary["usable_output"].to_numpy() for name, batch in runs.items()}
    six = runs[list(VARIANTS)[-1]]  # both mechanisms: the chapter 6 economy
    parts = _shares(*usable.values(), six.summary["skill"].to_numpy(), _effort_given(six)["effort"])
    means = pd.Series({name: np.mean(values) for name, values in usable.items()}, name="usable_output")
    return means, pd.DataFrame(parts)


def excess(params: dict, seed: int, enterprises: int = 200, **change) -> float:
    """How far usable output falls below skill times effort, in one run, as a share of chapter 5's.

    Skill times effort (means over the run) of the chapter 6 economy minus its usable output over
    that of the same economy without the labor rules; ``change`` applies to both runs.
    """
    six = summary("ch06", params, seed, enterprises, **change)
    five = summary("ch06", params, seed, enterprises, **NO_QUITS, **NO_COLLUSION, **change)
    effort = float(result("ch06", params, seed, enterprises, **change).series["effort"].mean())
    return six["skill"] * effort - six["usable_output"] / five["usable_output"]


def amplification(seeds: Sequence[int] = CLAIM_SEEDS) -> pd.DataFrame:
    """The excess loss (``excess``) with the plan's pressure and growth switched off one at a time.

    Returns:
        A DataFrame indexed by ``AMPLIFIERS`` with columns ``excess`` and ``end_capacity`` (the
        chapter 6 economy's capacity in the last quarter over the chapter 5 economy's), means over
        ``seeds``.
    """
    rows = {}
    for name, change in AMPLIFIERS.items():
        six = simulate_many("ch06", seeds=list(seeds), **change)
        five = simulate_many("ch06", seeds=list(seeds), **NO_QUITS, **NO_COLLUSION, **change)
        direct = six.summary["skill"].to_numpy() * _effort_given(six)["effort"]
        ratio = six.summary["usable_output"].to_numpy() / five.summary["usable_output"].to_numpy()
        capacity = six.columns["capacity"][:, -1] / five.columns["capacity"][:, -1]
        rows[name] = {"excess": float(np.mean(direct - ratio)), "end_capacity": float(np.mean(capacity))}
    return pd.DataFrame(rows).T


def decomposition(seeds: Sequence[int] = CLAIM_SEEDS) -> pd.Series:
    """Mean usable output with the chapter's two labor mechanisms switched on one at a time.

    Returns:
        A Series indexed by variant (``VARIANTS``): chapter 5 (neither), turnover only,
        collusion only, both (the chapter 6 economy), means over ``seeds``.
    """
    return _variants(seeds)[0]


def decomposition_figure(seeds: Sequence[int] = CLAIM_SEEDS) -> Figure:
    """Usable output lost to turnover, to withheld effort, and to both together (bars)."""
    values, parts = _variants(seeds)
    fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
    colors = ["0.6", "tab:red", "tab:brown", "tab:green"]
    ax.bar(range(len(values)), values.to_numpy(), color=colors)
    ax.set_xticks(range(len(values)), values.index, fontsize=8)
    ax.set_ylabel("mean usable output per enterprise")
    ax.set_xlabel("labor mechanisms switched on")
    for x, v in enumerate(values):
        ax.text(x, v, f"{v / values.iloc[0]:.0%}", ha="center", va="bottom", fontsize=8)
    none, turnover, effort, _ = values.to_numpy()
    added = none * (1.0 - (1.0 - turnover / none) - (1.0 - effort / none))
    direct = none * float(np.mean(parts["skill"] * parts["effort_given"]))
    ax.axhline(added, xmin=0.77, color="k", ls="--", lw=1, label="if the two losses added up")
    ax.axhline(direct, xmin=0.77, color="tab:blue", ls=":", lw=1.5, label="skill × effort alone (no plan, no growth)")
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    ax.set_title("Usable output, as a share of the chapter 5 economy's")
    return fig


def history_figure(
    scenarios: Sequence[str] = ("ch06", "first-five-year-plan"), seed: int = 0, data: pd.DataFrame | None = None
) -> Figure:
    """Coal miners' turnover across the USSR (Kuromiya 1998) beside the model's turnover, per year.

    The Great Soviet Encyclopedia's upper figure for all industry in the early 1930s (item
    ``turnover_industry``) is drawn as a grey line. The model's quarterly quit share is multiplied by
    four to compare with yearly separations.

    Args:
        scenarios: model scenarios drawn as horizontal lines.
        seed: the model runs' seed.
        data: the table of ``antiplan.data.load_fyp()`` (loaded when not given).
    """
    if data is None:
        from antiplan.data import load_fyp

        data = load_fyp()
    history = miners_turnover(data)
    industry = float(data.loc[data["item"] == "turnover_industry", "value"].astype(float).iloc[0])
    fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
    ax.bar(history.index, history.to_numpy(), color="tab:gray", label="coal miners, USSR (Kuromiya 1998)")
    ax.axhline(industry, color="0.3", ls="-", lw=1, label="all industry, early 1930s, upper figure (GSE)")
    styles = ["--", ":", "-."]
    for k, name in enumerate(scenarios):
        level = _annual(simulate(name, seed=seed).summary["turnover"])
        ax.axhline(level, color="tab:red", ls=styles[k % 3], label=f"model, scenario {name}")
    ax.set_xlabel("year")
    ax.set_ylabel("separations per year, % of workforce")
    ax.legend(frameon=False, fontsize=8)
    return fig


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures.

    Single-run numbers use ``seed``; the decomposition is the mean over ``CLAIM_SEEDS``.
    """
    five = simulate("ch05", seed=seed).summary
    six = simulate("ch06", seed=seed)
    m = six.summary
    parts = _variants(CLAIM_SEEDS)[1].mean()
    sweep = conditions_sweep(values=(0.2, 0.8))
    amplified = amplification()
    lowest_food = min(
        float(simulate(name, seed=seed).series["food"].min())
        for name in ("ch06", "command", "first-five-year-plan", "collectivization")
    )
    return {
        "ch06_turnover": m["turnover"],
        "ch06_turnover_year": _annual(m["turnover"]) / 100.0,
        "ch06_ffyp_year": _annual(simulate("first-five-year-plan", seed=seed).summary["turnover"]) / 100.0,
        "ch06_skill": m["skill"],
        "ch06_skill_end": float(six.series["skill"].iloc[-1]),
        "ch06_effort": float(six.series["effort"].mean()),
        "ch06_usable_ratio": m["usable_output"] / five["usable_output"],
        "ch06_usable_loss": 1.0 - m["usable_output"] / five["usable_output"],
        "ch06_loss_turnover": float(parts["turnover"]),
        "ch06_loss_effort": float(parts["effort"]),
        "ch06_loss_both": float(parts["both"]),
        "ch06_loss_sum": float(parts["turnover"] + parts["effort"]),
        "ch06_direct": float(parts["skill"] * parts["effort_given"]),
        "ch06_mean_ratio": float(parts["usable_ratio"]),
        "ch06_excess": float(amplified.loc["both on (chapter 6)", "excess"]),
        "ch06_excess_no_plan": float(amplified.loc["no plan pressure", "excess"]),
        "ch06_excess_no_growth": float(amplified.loc["no growth", "excess"]),
        "ch06_excess_neither": float(amplified.loc["neither", "excess"]),
        "ch06_end_capacity": float(amplified.loc["both on (chapter 6)", "end_capacity"]),
        "ch06_lowest_food": lowest_food,
        "ch06_low_procurement": LOW_PROCUREMENT,
        "ch06_food_low_procurement": float(
            simulate("collectivization", seed=seed, procurement=LOW_PROCUREMENT).series["food"].min()
        ),
        "ch06_claim_seeds": float(len(CLAIM_SEEDS)),
        "ch06_turnover_bad": float(sweep["turnover"].iloc[0]),
        "ch06_turnover_good": float(sweep["turnover"].iloc[1]),
        "ch06_gap5": five["statistics_gap"],
        "ch06_gap6": m["statistics_gap"],
        "ch06_defects5": five["defect_share"],
        "ch06_defects6": m["defect_share"],
    }


def _loss(key: str) -> Callable[[dict, int, int], float]:
    return lambda params, seed, enterprises: losses(params, seed, enterprises)[key]


def _both_beyond_either(params: dict, seed: int, enterprises: int) -> float:
    part = losses(params, seed, enterprises)
    return part["both"] - max(part["turnover"], part["effort"])


def _less_than_sum(params: dict, seed: int, enterprises: int) -> float:
    part = losses(params, seed, enterprises)
    return part["turnover"] + part["effort"] - part["both"]


def _beyond_direct(params: dict, seed: int, enterprises: int) -> float:
    part = losses(params, seed, enterprises)
    return part["skill"] * part["effort_given"] - part["usable_ratio"]


def _excess_with(change: dict) -> Callable[[dict, int, int], float]:
    return lambda params, seed, enterprises: excess(params, seed, enterprises, **change)


def _channel_adds(change: dict) -> Callable[[dict, int, int], float]:
    def margin(params: dict, seed: int, enterprises: int) -> float:
        return excess(params, seed, enterprises) - excess(params, seed, enterprises, **change)

    return margin


def _neither(params: dict, seed: int, enterprises: int) -> float:
    return 0.01 - abs(excess(params, seed, enterprises, **NO_PLAN, **NO_GROWTH))


def _capacity_lower(params: dict, seed: int, enterprises: int) -> float:
    six = summary("ch06", params, seed, enterprises)["end_capacity"]
    return summary("ch06", params, seed, enterprises, **NO_QUITS, **NO_COLLUSION)["end_capacity"] - six


def _rise(metric: str) -> Callable[[dict, int, int], float]:
    def margin(params: dict, seed: int, enterprises: int) -> float:
        six = summary("ch06", params, seed, enterprises)[metric]
        five = summary("ch06", params, seed, enterprises, **NO_QUITS, **NO_COLLUSION)[metric]
        return six - five

    return margin


def _with_conditions(metric: str, sign: float) -> Callable[[dict, int, int], float]:
    def margin(params: dict, seed: int, enterprises: int) -> float:
        bad = summary("ch06", params, seed, enterprises, conditions=0.2)[metric]
        good = summary("ch06", params, seed, enterprises, conditions=0.8)[metric]
        return sign * (good - bad)

    return margin


CLAIMS = {
    "turnover_costs": Claim("turnover alone lowers usable output", "ch06", AROUND, _loss("turnover")),
    "effort_costs": Claim("withheld effort alone lowers usable output", "ch06", AROUND, _loss("effort")),
    "both_beyond_either": Claim(
        "turnover and withheld effort together cost more than either alone", "ch06", AROUND, _both_beyond_either
    ),
    "less_than_sum": Claim(
        "together they cost less than the sum of their separate costs", "ch06", AROUND, _less_than_sum
    ),
    "beyond_direct": Claim(
        "the cut in usable output is larger than skill times effort alone would make it", "ch06", AROUND, _beyond_direct
    ),
    "excess_without_plan": Claim(
        "with the plan's pressure off (centralization 0), usable output still falls below skill times effort",
        "ch06",
        AROUND,
        _excess_with(NO_PLAN),
    ),
    "excess_without_growth": Claim(
        "with growth off (invest_share 0), usable output still falls below skill times effort",
        "ch06",
        AROUND,
        _excess_with(NO_GROWTH),
    ),
    "plan_adds_to_excess": Claim(
        "the plan's pressure adds to the shortfall below skill times effort", "ch06", AROUND, _channel_adds(NO_PLAN)
    ),
    "growth_adds_to_excess": Claim(
        "growth adds to the shortfall below skill times effort", "ch06", AROUND, _channel_adds(NO_GROWTH)
    ),
    "no_excess_without_either": Claim(
        "with both the plan's pressure and growth off, usable output is within a point of skill times effort",
        "ch06",
        AROUND,
        _neither,
    ),
    "capacity_lower": Claim(
        "the labor rules leave less capacity at the end of the run", "ch06", AROUND, _capacity_lower
    ),
    "defects_rise": Claim("the labor rules raise the defect share", "ch06", AROUND, _rise("defect_share")),
    "gap_rises": Claim("the labor rules widen the statistics gap", "ch06", AROUND, _rise("statistics_gap")),
    "turnover_falls_with_conditions": Claim(
        "turnover falls as conditions improve from 0.2 to 0.8",
        "ch06",
        AROUND,
        _with_conditions("turnover", -1),
    ),
    "usable_rises_with_conditions": Claim(
        "usable output rises as conditions improve from 0.2 to 0.8",
        "ch06",
        AROUND,
        _with_conditions("usable_output", 1),
    ),
}
"""What chapter 6 says the model does, each checked over seeds and around the defaults."""
