"""Figures and numbers for chapter 4, "Collectivization without tractors": agriculture and the plan."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from antiplan import Batch, simulate
from antiplan.figures.claims import compare

from .ch01 import averaged, run


def honest_harvest_report(actual_harvest, plan, padding, collectivization):
    """A replacement for the ``reported_harvest`` rule: every farm reports its real harvest."""
    return actual_harvest


def local_capacity_without_raw_materials(capacity, skill, effort, raw_materials):
    """A replacement for the ``local_capacity`` rule: industry does not depend on farm raw materials.

    With it a run shows what collectivization costs industry through tractor plants alone.
    """
    return capacity * skill * effort


def farm_figure(seed: int = 0) -> Figure:
    """The countryside in the chapter 4 economy, quarter by quarter.

    Left: the harvest in fact and as reported, the grain the state takes, and what is left in the
    village (all relative to the harvest before collectivization). Right: the herd, the share of
    collective land with machines, and the share of industrial construction diverted to tractors.
    """
    s = run("ch04", seed=seed)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8), layout="constrained")
    left.plot(s.index, s["harvest"], color="tab:green", label="harvest in fact")
    left.plot(s.index, s["reported_harvest"], color="tab:red", ls="--", label="harvest as reported")
    left.plot(s.index, s["grain"], color="0.2", label="grain procured")
    left.plot(s.index, s["harvest"] - s["grain"], color="tab:brown", ls=":", label="left in the village")
    left.set_xlabel("quarter")
    left.set_ylabel("grain (1 = harvest before)")
    left.set_ylim(0.0, 1.05)
    left.legend(frameon=False, fontsize=8)
    right.plot(s.index, s["livestock"], color="tab:brown", label="livestock")
    right.plot(s.index, s["mechanization"], color="tab:blue", label="collective land with machines")
    right.plot(s.index, s["diversion"], color="tab:orange", ls="--", label="construction diverted to tractors")
    right.set_xlabel("quarter")
    right.set_ylabel("index or share")
    right.set_ylim(0.0, 1.05)
    right.legend(frameon=False, fontsize=8)
    return fig


def tradeoff_figure(drives: Sequence[float] = (0.0, 0.3, 0.6), seed: int = 0) -> Figure:
    """Tractors against the industrial plan, as the share of land collectivized varies.

    Left: the mean harvest. Right: industrial capacity at the end of the plan, relative to a run
    with no collectivization. Each line is a tractor drive (how much construction goes to tractor
    plants per unit of collective land without machines).
    """
    shares = np.linspace(0.0, 1.0, 11)
    base = simulate("ch04", seed=seed, collectivization=0.0).series["capacity"].iloc[-1]
    table = averaged(
        "ch04",
        {"tractor_drive": drives, "collectivization": shares},
        seeds=(seed,),
        measures=lambda runs: {"end_capacity": runs.columns["capacity"][:, -1]},
    )
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for drive, marker in zip(drives, "os^d", strict=False):
        part = table.loc[drive]
        label = f"tractor drive {drive:g}"
        left.plot(shares, part["harvest"], marker=marker, label=label)
        right.plot(shares, part["end_capacity"] / base, marker=marker, label=label)
    left.set_xlabel("share of land collectivized")
    left.set_ylabel("mean harvest (1 = before)")
    left.legend(frameon=False, fontsize=8)
    right.set_xlabel("share of land collectivized")
    right.set_ylabel("industrial capacity at the end\n(1 = no collectivization)")
    return fig


def _herd_and_squeeze(runs: Batch) -> dict[str, np.ndarray]:
    """The herd in the last quarter and the share of the real harvest procured (mean over the run), per run."""
    c = runs.columns
    return {"end_livestock": c["livestock"][:, -1], "squeeze": (c["grain"] / c["harvest"]).mean(axis=1)}


def procurement_figure(seed: int = 0) -> Figure:
    """Procurement from reported harvests against procurement from real ones.

    Left: the herd at the end of the plan as the procurement share varies, when collective farms
    pad their harvest reports (the model's rule) and when they report honestly. Right: the share of
    the real harvest the state takes, for the same runs.
    """
    shares = np.linspace(0.1, 0.6, 11)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for label, rules, style in (
        ("padded reports", None, "-o"),
        ("honest reports", {"reported_harvest": honest_harvest_report}, "--s"),
    ):
        table = averaged("ch04", {"procurement": shares}, seeds=(seed,), rules=rules, measures=_herd_and_squeeze)
        left.plot(shares, table["end_livestock"], style, label=label)
        right.plot(shares, table["squeeze"], style, label=label)
    left.set_xlabel("procurement (share of the reported harvest)")
    left.set_ylabel("livestock at the end (1 = before)")
    left.legend(frameon=False, fontsize=8)
    right.set_xlabel("procurement (share of the reported harvest)")
    right.set_ylabel("share of the real harvest taken")
    right.legend(frameon=False, fontsize=8)
    return fig


def harvest_plan(result) -> np.ndarray:
    """The harvest plan each quarter of a run, replayed from its harvests and reports.

    The engine keeps the plan in the farm's state without recording it: it starts at the harvest
    before collectivization (1) and is then set each quarter by chapter 2's ``next_target``, with
    the industrial ``tempo``, ``ratchet`` and ``centralization``, the harvest just reported as the
    report and the harvest just gathered as what is known on the spot.

    Args:
        result: a run (``antiplan.Result``) with the agricultural sector switched on.
    """
    from antiplan.engine.shared import Farm
    from antiplan.rules.plan import next_target

    p, s = result.params, result.series
    plan, plans = Farm().plan, []
    for harvest, reported in zip(s["harvest"], s["reported_harvest"], strict=True):
        plans.append(plan)
        plan = next_target(plan, reported, harvest, p["tempo"], p["ratchet"], p["centralization"])
    return np.array(plans)


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures."""
    result = simulate("ch04", seed=seed)
    s, p, m = result.series, result.params, result.summary
    before = simulate("ch03", seed=seed)
    no_tractors = simulate("ch04", seed=seed, tractor_drive=0.0)
    no_raw = {"local_capacity": local_capacity_without_raw_materials}
    flat = simulate("ch04", seed=seed, collectivization=0.0)
    uncollectivized = flat.series["capacity"].iloc[-1]
    uncollectivized_no_raw = simulate("ch04", seed=seed, collectivization=0.0, rules=no_raw).series["capacity"]
    tractors_only = simulate("ch04", seed=seed, rules=no_raw).series["capacity"].iloc[-1]
    honest = simulate("ch04", seed=seed, rules={"reported_harvest": honest_harvest_report}).series
    plan = harvest_plan(result)
    plan_gap = plan / s["harvest"].to_numpy() - 1.0
    return {
        "ch04_plan_end": float(plan[-1]),
        "ch04_plan_gap_low": float(plan_gap.min()),
        "ch04_plan_gap_high": float(plan_gap.max()),
        "ch04_collectivization": p["collectivization"],
        "ch04_procurement": p["procurement"],
        "ch04_harvest_min": float(s["harvest"].min()),
        "ch04_harvest_mean": m["harvest"],
        "ch04_livestock_end": m["livestock"],
        "ch04_livestock_loss": 1.0 - m["livestock"],
        "ch04_mechanization_end": float(s["mechanization"].iloc[-1]),
        "ch04_overreport": float((s["reported_harvest"] / s["harvest"]).mean() - 1.0),
        "ch04_squeeze": float((s["grain"] / s["harvest"]).mean()),
        "ch04_village_before": 1.0 - float(before.series["grain"].iloc[0]),
        "ch04_village_mean": float((s["harvest"] - s["grain"]).mean()),
        "ch04_capacity_loss": 1.0 - s["capacity"].iloc[-1] / uncollectivized,
        "ch04_output_loss": 1.0 - m["actual_output"] / flat.summary["actual_output"],
        "ch04_no_tractor_harvest": no_tractors.summary["harvest"],
        "ch04_raw_materials_min": float(s["raw_materials"].min()),
        "ch04_no_tractor_capacity_loss": 1.0 - no_tractors.series["capacity"].iloc[-1] / uncollectivized,
        "ch04_tractor_only_capacity_loss": 1.0 - tractors_only / uncollectivized_no_raw.iloc[-1],
        "ch04_harvest_min_quarter": float(s["harvest"].idxmin()),
        "ch04_harvest_end": float(s["harvest"].iloc[-1]),
        "ch04_livestock_honest": float(honest["livestock"].iloc[-1]),
    }


# --- what the chapter says the model does -------------------------------------------------------

HONEST_HARVEST = {"reported_harvest": honest_harvest_report}
"""Honest harvest reports, as rules: the economy the padded reports are compared with."""

CLAIMS = {
    "without_tractors_collectivization_cuts": compare(
        "without tractors, collectivization cuts the harvest",
        "ch04",
        ("procurement", "collectivization"),
        "harvest",
        {"collectivization": 0.0},
        {},
        fixed={"tractor_drive": 0.0},
    ),
    "tractor_plants_save_part": compare(
        "tractor plants save part of the harvest (fig-ch04-tradeoff)",
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
        "harvest",
        {},
        {"tractor_drive": 0.0},
    ),
    "even_without_tractors_collectivization": compare(
        "even without tractors, collectivization costs industry capacity (raw materials; fig-ch04-tradeoff)",
        "ch04",
        ("procurement", "collectivization"),
        "end_capacity",
        {"collectivization": 0.0},
        {},
        fixed={"tractor_drive": 0.0},
    ),
    "tractor_plants_cost_industry": compare(
        "tractor plants cost industry capacity beyond that (fig-ch04-tradeoff)",
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
        "end_capacity",
        {"tractor_drive": 0.0},
        {},
    ),
    "collectivization_tractor_plants_lowers": compare(
        "collectivization with tractor plants lowers industrial capacity",
        "ch04",
        ("procurement", "tractor_drive"),
        "end_capacity",
        {"collectivization": 0.0},
        {},
    ),
    "harvest_reports_overstate_harvest": compare(
        "harvest reports overstate the harvest",
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
        "overreport",
        {},
    ),
    "state_takes_real_harvest": compare(
        "the state takes more of the real harvest than it asks for of the reported one (built in: reports are never "
        "below the harvest; the check guards the runs)",
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
        "squeeze",
        {},
        {"rules": HONEST_HARVEST},
    ),
    "herd_ends_smaller_padded": compare(
        "the herd ends smaller with padded harvest reports than with honest ones (fig-ch04-procurement)",
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
        "end_livestock",
        {"rules": HONEST_HARVEST},
        {},
    ),
    "less_grain_left_village": compare(
        "less grain is left in the village than before collectivization",
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
        "village",
        {"collectivization": 0.0, "procurement": 0.2, "tractor_drive": 0.0},
        {},
    ),
}
"""What chapter 4 says the model does, each checked over seeds and around the defaults
(``antiplan.figures.claims``)."""
