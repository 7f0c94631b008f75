"""Figures and numbers for chapter 9, "Hunger, resistance and terror".

Every function runs the model itself, so the figures follow the model's current calibration,
except ``ranges_figure``, which draws the historical estimates of forced labor and famine deaths
from the course's data file (``historical_ranges``, each with its source).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from antiplan import Batch, simulate
from antiplan.figures.ch01 import SEEDS, averaged, run
from antiplan.figures.claims import Claim, result, summary
from antiplan.rules.reporting import padding_share
from antiplan.rules.resistance import STRIKE_LOSS
from antiplan.scenarios import SCENARIOS

PENALTIES = (0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0)
"""Values of ``penalty`` the sweep visits."""
CONDITIONS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
"""Values of ``conditions`` the sweep visits."""

FAMINE_ITEMS = {
    "famine_deaths_ussr": "USSR",
    "famine_deaths_ukraine": "Ukraine",
    "famine_excess_deaths_ukraine": "Ukraine, excess deaths",
    "famine_deaths_kazakhstan": "Kazakhstan",
    "excess_deaths_famine_and_repression": "USSR, famine and repression",
}
"""Items of the data file on famine deaths, with the scope each counts (the years are each row's period)."""
TERROR_ITEMS = {"terror_arrests": "arrested", "terror_shot": "shot"}
"""Items of the data file on the terror of 1937-38, with what each counts."""
KIND_LABEL = {
    "archive": ("archival count", "tab:purple", "s"),
    "reconstruction": ("later recalculation or synthesis by historians", "tab:blue", "D"),
    "estimate": ("contemporary or pre-archival estimate, or a range of published ones", "tab:orange", "o"),
}
"""How each kind of historical figure is drawn in ``ranges_figure``: label, color, marker."""
YEARS_NEAR_1939 = (1938, 1941)
"""Years of the forced-labor figures set beside the archival counts of 1 January 1939 in ``ranges_figure``."""


def historical_ranges(data: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Forced-labor and famine figures from the course's data file, one row per source.

    The forced-labor rows come in two groups, each in order of year: first the figures for late 1938 to
    1941, the years around the archival counts of 1 January 1939, then those for other or unstated
    years, which the archival counts of 1939 do not measure.

    Args:
        data: the table of ``antiplan.data.load_fyp()`` (loaded when not given).

    Returns:
        ``{"forced_labor": ..., "famine": ..., "terror": ...}``, each a DataFrame with columns ``label`` (who,
        when, what scope), ``value``, ``low``, ``high``, ``kind``, ``source_key`` and ``note``; the
        forced-labor table also has ``near_1939`` (True for a figure of late 1938 to 1941).
    """
    if data is None:
        from antiplan.data import load_fyp

        data = load_fyp()
    labor = data[data["item"] == "forced_labor"].copy()
    labor["label"] = [
        f"{v} {p}" if p.startswith("(") else f"{v} ({p})"
        for v, p in zip(labor["variant"], labor["period"], strict=True)
    ]
    years = labor["period"].str.findall(r"\d{4}").map(lambda found: [int(y) for y in found])
    labor["near_1939"] = years.map(
        lambda ys: bool(ys) and all(YEARS_NEAR_1939[0] <= y <= YEARS_NEAR_1939[1] for y in ys)
    )
    labor["first_year"] = years.map(lambda ys: min(ys) if ys else 9999)
    labor = labor.sort_values(["near_1939", "first_year"], ascending=[False, True], kind="stable")
    famine = data[data["item"].isin(FAMINE_ITEMS)].copy()
    famine["label"] = famine["variant"] + ": " + famine["item"].map(FAMINE_ITEMS) + ", " + famine["period"]
    terror = data[data["item"].isin(TERROR_ITEMS)].copy()
    terror["order"] = terror["item"].map(list(TERROR_ITEMS).index)
    terror["size"] = terror["value"].fillna(terror["low"])  # a range sorts by its low end
    terror = terror.sort_values(["order", "size"], kind="stable")
    terror["label"] = terror["variant"] + ": " + terror["item"].map(TERROR_ITEMS) + ", " + terror["period"]
    for table in (labor, famine, terror):
        at_least = table["value"].isna() & table["low"].notna() & table["high"].isna()
        table.loc[at_least, "label"] += " (at least)"
        up_to = table["value"].isna() & table["low"].isna() & table["high"].notna()
        table.loc[up_to, "label"] += " (up to)"
    columns = ["label", "value", "low", "high", "kind", "source_key", "note"]
    return {
        "forced_labor": labor[[*columns, "near_1939"]].reset_index(drop=True),
        "famine": famine[columns].reset_index(drop=True),
        "terror": terror[columns].reset_index(drop=True),
    }


def _resistance(runs: Batch) -> dict[str, np.ndarray]:
    """Per run of a batch: the share of effort withheld (mean over the run), targets over actual
    output minus 1 (the whole run), and the share of a shortfall the padding rule pads."""
    c = runs.columns
    penalty, audit = (np.array([params[name] for params in runs.params]) for name in ("penalty", "audit"))
    return {
        "withheld": 1.0 - c["effort"].mean(axis=1),
        "shortfall": c["target"].sum(axis=1) / c["actual_output"].sum(axis=1) - 1.0,
        "padding": padding_share(penalty, audit),
    }


def penalty_sweep(values: Sequence[float] = PENALTIES, seeds: Sequence[int] = SEEDS, **fixed) -> pd.DataFrame:
    """Strikes, withheld effort, turnover, the statistics gap and output as the penalty varies.

    Returns:
        A DataFrame indexed by ``penalty`` with columns ``strikes`` (share of enterprises per
        quarter), ``withheld`` (share of effort withheld), ``turnover``, ``statistics_gap``,
        ``control``, ``usable_output`` (means over the run and ``seeds``), ``shortfall`` (targets
        over actual output, minus 1) and ``padding`` (the share of a shortfall the padding rule pads
        at this penalty, the part of the statistics gap that follows from the rule's definition).
    """
    table = averaged("ch09", {"penalty": values}, seeds=seeds, measures=_resistance, **fixed)
    columns = ["strikes", "turnover", "statistics_gap", "control", "usable_output", "withheld", "shortfall", "padding"]
    return table[columns]


def penalty_figure(seeds: Sequence[int] = SEEDS) -> Figure:
    """What terror breaks and what it does not, in the chapter 9 economy.

    Left: strikes (collective resistance) and withheld effort (atomized resistance) against the
    penalty. Right: the statistics gap and usable output (relative to no penalty), beside how far
    targets stand above actual output: the part of the gap's rise that comes from the plan's
    feedback, not from the padding rule's definition.
    """
    table = penalty_sweep(seeds=seeds)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    left.plot(table.index, 100 * table["strikes"], "o-", color="tab:red", label="strikes: % of enterprises a quarter")
    left.plot(table.index, 100 * table["withheld"], "s--", color="tab:brown", label="effort withheld, %")
    left.plot(table.index, 100 * table["turnover"], "^:", color="tab:purple", label="quitting: % a quarter")
    left.set_ylim(bottom=0)
    left.set_xlabel("penalty (price of defiance)")
    left.set_ylabel("%")
    left.set_title("Collective and atomized resistance")
    left.legend(frameon=False, fontsize=8)
    right.plot(table.index, 100 * table["statistics_gap"], "o-", color="tab:orange", label="statistics gap, %")
    rel = 100 * (table["usable_output"] / table["usable_output"].iloc[0] - 1.0)
    right.plot(table.index, rel, "s-", color="tab:green", label="usable output, % change from no penalty")
    right.plot(table.index, 100 * table["shortfall"], "--", color="tab:blue", label="targets above actual output, %")
    right.axhline(0, color="0.6", lw=0.8)
    right.set_xlabel("penalty (price of defiance)")
    right.set_ylabel("%")
    right.set_title("The figures and the goods")
    right.legend(frameon=False, fontsize=8)
    return fig


def conditions_sweep(
    values: Sequence[float] = CONDITIONS, penalties: Sequence[float] = (0.5, 5.0), seeds: Sequence[int] = SEEDS
) -> pd.DataFrame:
    """Strikes, withheld effort and usable output as conditions vary, at a mild and a harsh penalty.

    Returns:
        A DataFrame with a row per (penalty, conditions) and columns ``strikes``, ``withheld``
        and ``usable_output``.
    """
    table = averaged("ch09", {"penalty": penalties, "conditions": values}, seeds=seeds, measures=_resistance)
    return table[["strikes", "withheld", "usable_output"]]


def hunger_figure(seeds: Sequence[int] = SEEDS) -> Figure:
    """Hunger under a mild and under a harsh penalty: strikes, withheld effort, usable output.

    Left: strikes and withheld effort against conditions. Right: usable output.
    """
    table = conditions_sweep(seeds=seeds)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for penalty, style in zip((0.5, 5.0), ("-", "--"), strict=True):
        part = table.loc[penalty]
        left.plot(
            part.index, 100 * part["strikes"], "o" + style, color="tab:red", label=f"strikes, penalty {penalty:g}"
        )
        left.plot(
            part.index,
            100 * part["withheld"],
            "s" + style,
            color="tab:brown",
            label=f"effort withheld, penalty {penalty:g}",
        )
        right.plot(part.index, part["usable_output"], "o" + style, color="tab:green", label=f"penalty {penalty:g}")
    left.set_xlabel("conditions (0 = hunger, 1 = decent)")
    left.set_ylabel("%")
    left.set_title("Resistance")
    left.legend(frameon=False, fontsize=8)
    right.set_xlabel("conditions (0 = hunger, 1 = decent)")
    right.set_ylabel("mean usable output per enterprise")
    right.set_title("Usable output")
    right.legend(frameon=False, fontsize=8)
    return fig


def terror_run_figure(seed: int = 0) -> Figure:
    """The command economy and the ``terror`` scenario, same seed, quarter by quarter.

    Left: share of enterprises on strike. Right: reported and usable output.
    """
    calm, terror = run("command", seed=seed), run("terror", seed=seed)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    left.plot(calm.index, 100 * calm["strikes"], color="0.5", ls="--", label="command economy")
    left.plot(terror.index, 100 * terror["strikes"], color="tab:red", label="terror")
    left.set_xlabel("quarter")
    left.set_ylabel("enterprises on strike, %")
    left.set_title("Strikes")
    left.legend(frameon=False, fontsize=8)
    for s, ls, name in ((calm, "--", "command"), (terror, "-", "terror")):
        right.plot(s.index, s["reported_output"], color="tab:red", ls=ls, label=f"reported ({name})")
        right.plot(s.index, s["usable_output"], color="tab:green", ls=ls, label=f"usable ({name})")
    right.set_xlabel("quarter")
    right.set_ylabel("output per enterprise")
    right.set_title("Reported and usable output")
    right.legend(frameon=False, fontsize=8)
    return fig


def _ranges(ax, table: pd.DataFrame, seen: set) -> None:
    """Draw one row per source: a point for a single figure, a bar for a range, an arrow for a bound.

    A range whose source gives both ends is drawn as a bar alone, with no point inside it, even where
    the data row carries a central value; a point with a bar is a figure with one end of a range.
    """
    for y, row in enumerate(table.itertuples()):
        text, color, marker = KIND_LABEL.get(row.kind, KIND_LABEL["estimate"])
        label = None if row.kind in seen else text
        seen.add(row.kind)
        low = row.low if pd.notna(row.low) else row.value
        high = row.high if pd.notna(row.high) else row.value
        if pd.notna(low) and pd.notna(high) and low != high:
            ax.plot([low, high], [y, y], color=color, lw=6, alpha=0.5, solid_capstyle="butt")
        both_ends = pd.notna(row.low) and pd.notna(row.high)
        if pd.notna(row.value) and not both_ends:
            ax.plot(row.value, y, marker, color=color, ms=7, label=label)
        elif pd.isna(row.value) and pd.notna(row.low) != pd.notna(row.high):
            # A bound only: "more than" (low) points to higher values, "up to" (high) to lower ones.
            bound = row.low if pd.notna(row.low) else row.high
            ax.plot(bound, y, marker, color=color, ms=7, label=label)
            arrow = {"arrowstyle": "->", "color": color}
            end = 1.35 * bound if pd.notna(row.low) else 0.74 * bound
            ax.annotate("", xy=(end, y), xytext=(bound, y), arrowprops=arrow)
        else:
            ax.plot([], [], marker, color=color, label=label)
    ax.set_yticks(range(len(table)), table["label"], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    ax.grid(axis="x", color="0.9")


def ranges_figure(data: pd.DataFrame | None = None) -> Figure:
    """Who gives which figure: forced labor, deaths in the famines of 1930-34, and the terror of 1937-38.

    Top: people held in camps, colonies, prisons and special settlements (millions), one row per
    source. Middle: famine deaths (millions), one row per source and scope. Bottom: arrests and
    executions in 1937-38 (millions), one row per source. A point is a single
    figure, a bar a range (drawn without a point when the source gives both ends), an arrow a bound,
    to the right for a lower figure ("more than"), to the left for an upper one ("up to"); the marker
    says whether it is an archival count, a later recalculation or synthesis, or a contemporary or
    pre-archival estimate (or a range of published estimates). All figures come
    from the course's data file.

    Args:
        data: the table of ``antiplan.data.load_fyp()`` (loaded when not given).
    """
    tables = historical_ranges(data)
    sizes = [len(t) for t in tables.values()]
    fig, (top, bottom, purges) = plt.subplots(
        3, 1, figsize=(9, 2.0 + 0.32 * sum(sizes)), layout="constrained", height_ratios=[max(n, 1) for n in sizes]
    )
    seen: set = set()
    labor = tables["forced_labor"]
    _ranges(top, labor, seen)
    later = int(labor["near_1939"].sum())
    if 0 < later < len(labor):
        # Below the line: figures for other or unstated years, which the counts of 1939 do not measure.
        top.axhline(later - 0.5, color="0.4", ls="--", lw=0.8)
        top.text(
            0.01,
            later - 0.35,
            "below: other or unstated years (no archival count shown)",
            transform=top.get_yaxis_transform(),
            ha="left",
            va="top",
            fontsize=7,
            color="0.3",
        )
    top.set_title("Forced labor, late 1930s to early 1950s")
    top.set_xlabel("people held, millions")
    top.set_ylabel("source (year)")
    _ranges(bottom, tables["famine"], seen)
    bottom.set_title("Famine deaths")
    bottom.set_xlabel("deaths, millions")
    bottom.set_ylabel("source: scope")
    _ranges(purges, tables["terror"], seen)
    purges.set_title("The terror: arrests and executions (years in each row)")
    purges.set_xlabel("people, millions")
    purges.set_ylabel("source: count")
    axes = (top, bottom, purges)
    handles = [h for ax in axes for h in ax.get_legend_handles_labels()[0]]
    labels = [lab for ax in axes for lab in ax.get_legend_handles_labels()[1]]
    fig.legend(handles, labels, frameon=False, fontsize=8, loc="outside lower center", ncols=2)
    return fig


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures."""
    table = penalty_sweep(values=(0.0, 5.0), seeds=(seed,))
    mild, harsh = table.iloc[0], table.iloc[-1]
    hunger = conditions_sweep(values=(0.2, 0.8), penalties=(0.5, 5.0), seeds=(seed,))
    calm, terror = simulate("command", seed=seed).summary, simulate("terror", seed=seed).summary
    # The terror scenario changes three levers at once; each part alone, from the command economy.
    hungrier = simulate("command", seed=seed, conditions=SCENARIOS["terror"]["conditions"]).summary
    harsher = simulate(
        "command", seed=seed, penalty=SCENARIOS["terror"]["penalty"], audit=SCENARIOS["terror"]["audit"]
    ).summary
    quiet = penalty_sweep(values=(0.0, 5.0), seeds=(seed,), solidarity=0.0)["control"]
    return {
        "ch09_strike_loss": float(STRIKE_LOSS),
        "ch09_strikes_mild": float(mild["strikes"]),
        "ch09_strikes_harsh": float(harsh["strikes"]),
        "ch09_withheld_mild": float(mild["withheld"]),
        "ch09_withheld_harsh": float(harsh["withheld"]),
        "ch09_turnover_mild": float(mild["turnover"]),
        "ch09_turnover_harsh": float(harsh["turnover"]),
        "ch09_padding_harsh": float(harsh["padding"]),
        "ch09_shortfall_mild": float(mild["shortfall"]),
        "ch09_shortfall_harsh": float(harsh["shortfall"]),
        "ch09_hunger_usable_change": float(
            hunger.loc[(0.5, 0.8), "usable_output"] / hunger.loc[(0.5, 0.2), "usable_output"] - 1.0
        ),
        "ch09_hunger_penalty_change": float(
            hunger.loc[(5.0, 0.2), "usable_output"] / hunger.loc[(0.5, 0.2), "usable_output"] - 1.0
        ),
        "ch09_terror_strikes": terror["strikes"],
        "ch09_command_strikes": calm["strikes"],
        "ch09_gap_mild": float(mild["statistics_gap"]),
        "ch09_gap_harsh": float(harsh["statistics_gap"]),
        "ch09_usable_change": float(harsh["usable_output"] / mild["usable_output"] - 1.0),
        "ch09_actual_change": float(
            simulate("ch09", seed=seed, penalty=HARSH).summary["actual_output"]
            / simulate("ch09", seed=seed, penalty=MILD).summary["actual_output"]
            - 1.0
        ),
        "ch09_control_mild": float(mild["control"]),
        "ch09_control_harsh": float(harsh["control"]),
        "ch09_control_quiet_mild": float(quiet.iloc[0]),
        "ch09_control_quiet_harsh": float(quiet.iloc[-1]),
        "ch09_terror_gap": terror["statistics_gap"],
        "ch09_command_gap": calm["statistics_gap"],
        "ch09_terror_usable": terror["usable_output"] / calm["usable_output"],
        "ch09_terror_conditions": float(SCENARIOS["terror"]["conditions"]),
        "ch09_terror_penalty": float(SCENARIOS["terror"]["penalty"]),
        "ch09_terror_audit": float(SCENARIOS["terror"]["audit"]),
        "ch09_terror_usable_conditions_only": hungrier["usable_output"] / calm["usable_output"],
        "ch09_terror_usable_penalty_only": harsher["usable_output"] / calm["usable_output"],
    }


AROUND = ("conditions", "solidarity", "audit", "collusion", "tempo", "quit_sensitivity", "coordination")
"""Parameters moved to make the neighborhood in which the chapter's claims are checked."""
MILD, HARSH = 0.0, 5.0
"""The penalties the chapter compares: none, and the harshest allowed."""


def _by_penalty(metric: str, sign: float, scenario: str = "ch09", **fixed) -> Callable[[dict, int, int], float]:
    """Margin of ``sign * (harsh - mild)`` on ``metric``."""

    def margin(params: dict, seed: int, enterprises: int) -> float:
        mild = summary(scenario, params, seed, enterprises, **fixed, penalty=MILD)[metric]
        harsh = summary(scenario, params, seed, enterprises, **fixed, penalty=HARSH)[metric]
        return sign * (harsh - mild)

    return margin


def _shortfall(params: dict, seed: int, enterprises: int, penalty: float) -> float:
    """Targets over actual output, minus 1, over one run."""
    series = result("ch09", params, seed, enterprises, penalty=penalty).series
    return float(series["target"].sum() / series["actual_output"].sum() - 1.0)


def _shortfall_grows(params: dict, seed: int, enterprises: int) -> float:
    return _shortfall(params, seed, enterprises, HARSH) - _shortfall(params, seed, enterprises, MILD)


def _harsh_cuts_strikes_everywhere(params: dict, seed: int, enterprises: int) -> float:
    cuts = [
        summary("ch09", params, seed, enterprises, conditions=c, penalty=0.5)["strikes"]
        - summary("ch09", params, seed, enterprises, conditions=c, penalty=HARSH)["strikes"]
        for c in (0.1, 0.3, 0.5)
    ]
    return min(cuts)


def _conditions_matter_more(params: dict, seed: int, enterprises: int) -> float:
    def usable(**changes) -> float:
        return summary("ch09", params, seed, enterprises, **changes)["usable_output"]

    return (usable(conditions=0.8) - usable(conditions=0.2)) - abs(usable(penalty=HARSH) - usable(penalty=0.5))


def _terror(metric: str, sign: float) -> Callable[[dict, int, int], float]:
    """Margin of ``sign * (terror - command)`` on ``metric``."""

    def margin(params: dict, seed: int, enterprises: int) -> float:
        return sign * (
            summary("terror", params, seed, enterprises)[metric] - summary("command", params, seed, enterprises)[metric]
        )

    return margin


_TERROR_AROUND = ("solidarity", "collusion", "tempo", "quit_sensitivity", "coordination")


def _actual_barely_moves(params: dict, seed: int, enterprises: int) -> float:
    """Margin of 1 % over the relative change in actual output from the mild penalty to the harsh one."""
    mild = summary("ch09", params, seed, enterprises, penalty=MILD)["actual_output"]
    harsh = summary("ch09", params, seed, enterprises, penalty=HARSH)["actual_output"]
    return 0.01 - abs(harsh / mild - 1.0)


CLAIMS = {
    "strikes_fall": Claim("a harsher penalty makes strikes rarer", "ch09", AROUND, _by_penalty("strikes", -1)),
    "gap_rises": Claim("a harsher penalty widens the statistics gap", "ch09", AROUND, _by_penalty("statistics_gap", 1)),
    "no_output_bought": Claim(
        "a harsher penalty does not raise usable output", "ch09", AROUND, _by_penalty("usable_output", -1)
    ),
    "actual_barely_moves": Claim(
        "a harsher penalty moves actual output by less than 1 %", "ch09", AROUND, _actual_barely_moves
    ),
    "control_rises": Claim("with strikes, control rises with the penalty", "ch09", AROUND, _by_penalty("control", 1)),
    "control_falls_without_strikes": Claim(
        "without strikes, control falls as the penalty rises",
        "ch09",
        AROUND,
        _by_penalty("control", -1, solidarity=0.0),
    ),
    "harsh_cuts_strikes_everywhere": Claim(
        "the harsh penalty cuts strikes at every level of hunger",
        "ch09",
        AROUND,
        _harsh_cuts_strikes_everywhere,
    ),
    "shortfall_grows": Claim(
        "a harsher penalty raises targets further above actual output", "ch09", AROUND, _shortfall_grows
    ),
    "conditions_matter_more": Claim(
        "usable output depends on conditions more than on the penalty",
        "ch09",
        AROUND,
        _conditions_matter_more,
    ),
    "terror_fewer_strikes": Claim(
        "strikes are rarer under terror than in the command economy", "command", _TERROR_AROUND, _terror("strikes", -1)
    ),
    "terror_falser": Claim(
        "the statistics gap is wider under terror", "command", _TERROR_AROUND, _terror("statistics_gap", 1)
    ),
    "terror_poorer": Claim(
        "usable output is lower under terror", "command", _TERROR_AROUND, _terror("usable_output", -1)
    ),
}
"""What chapter 9 says the model does, each checked over seeds and around the defaults."""
