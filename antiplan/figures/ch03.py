"""Figures and numbers for chapter 3, "Anti-planning": padded reports, audits, penalties and control."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from antiplan import resolve_params, simulate, simulate_many
from antiplan.figures.claims import compare
from antiplan.rules.plan import next_target, potential_output, production
from antiplan.rules.reporting import padding_share

from .ch01 import averaged, seed_list

HIGH_TEMPO = 0.09
"""The 'hard push' case: targets raised 9% a quarter (41% a year), well above the 3.8% a quarter of the
model's ``first-five-year-plan`` scenario (the recorded calibration; ``ch03_plan_tempo`` below)."""


def padding_figure(audits: Sequence[float] = (0.0, 0.1, 0.3, 0.6)) -> Figure:
    """The manager's padding rule: share of a shortfall padded, against the penalty, for several audit rates.

    This plots the rule ``antiplan.rules.reporting.padding_share`` itself, not a run of the model.
    """
    penalties = np.linspace(0.0, 5.0, 101)
    fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
    for audit, style in zip(audits, ("-", "--", "-.", ":"), strict=False):
        ax.plot(penalties, padding_share(penalties, audit), style, color="tab:red", label=f"audit chance {audit:.0%}")
    ax.set_xlabel("penalty on a reported shortfall (multiple of the shortfall)")
    ax.set_ylabel("share of the shortfall padded")
    ax.set_ylim(0.0, 1.0)
    ax.legend(frameon=False, fontsize=8)
    return fig


def fulfillment_figure(tempos: Sequence[float] = (None, HIGH_TEMPO), seed: int = 0) -> Figure:
    """Reported against actual plan fulfillment, quarter by quarter, at the default and a high tempo.

    ``None`` in ``tempos`` stands for the scenario's default tempo.
    """
    default = resolve_params("ch03")["tempo"]
    runs = simulate_many("ch03", seeds=[seed], grid={"tempo": [default if t is None else t for t in tempos]})
    fig, axes = plt.subplots(1, len(tempos), figsize=(9, 3.6), layout="constrained", sharey=True)
    for ax, result in zip(np.atleast_1d(axes), runs, strict=True):
        s = result.series
        ax.plot(s.index, s["reported_output"] / s["target"], color="tab:red", label="reported / target")
        ax.plot(s.index, s["actual_output"] / s["target"], color="tab:blue", label="actual / target")
        ax.axhline(1.0, color="0.5", lw=0.8, ls="--")
        ax.set_title(f"tempo {result.params['tempo']:.0%} a quarter")
        ax.set_xlabel("quarter")
        ax.set_ylabel("plan fulfillment")
        ax.legend(frameon=False, fontsize=8, loc="center right")
    return fig


def audit_figure(penalties: Sequence[float] = (1.0, 2.0, 5.0), tempo: float = HIGH_TEMPO, seed: int = 0) -> Figure:
    """The statistics gap (reported over actual output, minus 1) against the audit rate.

    Each line is a penalty; the runs use the chapter 3 economy at a high tempo, where managers
    have shortfalls to pad. The dotted line marks a gap of 5%.
    """
    audits = np.linspace(0.0, 1.0, 11)
    tables = averaged("ch03", {"penalty": penalties, "audit": audits}, seeds=seed_list(seed), tempo=tempo)
    fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
    for penalty, marker in zip(penalties, "os^d", strict=False):
        table = tables.loc[penalty]
        ax.plot(table.index, 100 * table["statistics_gap"], marker=marker, label=f"penalty {penalty:g}")
    ax.axhline(5.0, color="0.4", ls=":", lw=1)
    ax.set_xlabel("chance an audit checks a report (per quarter)")
    ax.set_ylabel("statistics gap (%)")
    ax.legend(frameon=False, fontsize=8)
    return fig


HONEST = {"penalty": 0.0}
"""The chapter 3 economy with honest reports: no price of a shortfall, so nothing is padded."""


def paradox_figure(tempos: Sequence[float] = (0.03, 0.06, HIGH_TEMPO), seed: int = 0) -> Figure:
    """The centralization paradox: statistics gap and control against centralization, per tempo.

    Left: how false the statistics are. Right: control, the share of the variation in enterprises'
    actual output (relative to their size at the start) that their targets explain. Dashed in
    both panels, the same economy at the high tempo with honest reports (``HONEST``): what is left
    of the paradox without padding follows from what centralization means, targets made from last
    quarter's figures instead of what is known on the spot today.
    """
    weights = np.linspace(0.0, 1.0, 11)
    tables = averaged("ch03", {"tempo": tempos, "centralization": weights}, seeds=seed_list(seed))
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for tempo, marker in zip(tempos, "os^d", strict=False):
        table = tables.loc[tempo]
        label = f"tempo {tempo:.0%} a quarter"
        left.plot(table.index, 100 * table["statistics_gap"], marker=marker, label=label)
        right.plot(table.index, table["control"], marker=marker, label=label)
    honest = averaged("ch03", {"centralization": weights}, seeds=seed_list(seed), tempo=max(tempos), **HONEST)
    label = f"tempo {max(tempos):.0%}, honest reports"
    left.plot(honest.index, 100 * honest["statistics_gap"], "k--", label=label)
    right.plot(honest.index, honest["control"], "k--", label=label)
    for ax in (left, right):
        ax.set_xlabel("centralization (weight of the center's figure)")
    left.set_ylabel("statistics gap (%)")
    right.set_ylabel("control (R² of output on target,\nboth relative to size at the start)")
    left.legend(frameon=False, fontsize=8)
    return fig


def shortfalls_from_local_targets(params: dict, draws: int = 200_000, seed: int = 0) -> tuple[float, float]:
    """Share of enterprise-quarters short of target, and their mean shortfall, when targets are local knowledge.

    At ``centralization`` 0 a target is what is known on the spot (``local``); the day's
    circumstances then move potential output above or below it. Computed with the model's own
    rules over ``draws`` production shocks, for an enterprise whose local figure is 1.
    """
    shock = np.random.default_rng(seed).standard_normal(draws)
    potential = potential_output(1.0, params["capacity_noise"], shock)
    target = next_target(1.0, 1.0, 1.0, params["tempo"], params["ratchet"], 0.0)
    actual = production(potential, target, params["ratchet"], 0.0, params["storming"])
    short = actual < target
    return float(short.mean()), float(np.mean(1.0 - actual[short] / target))


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures."""
    base = simulate("ch03", seed=seed)
    m, p = base.summary, base.params
    pushed = simulate("ch03", seed=seed, tempo=HIGH_TEMPO)
    hard = pushed.summary
    audits = averaged("ch03", {"audit": [0.0, 0.5]}, seeds=seed_list(seed), tempo=HIGH_TEMPO)["statistics_gap"]
    penalties = averaged("ch03", {"penalty": [5.0, 1.0]}, seeds=seed_list(seed), tempo=HIGH_TEMPO)["statistics_gap"]
    padded = averaged("ch03", {"centralization": [0.0, 0.9, 1.0]}, seeds=seed_list(seed), tempo=HIGH_TEMPO)
    honest = averaged("ch03", {"centralization": [0.0, 1.0]}, seeds=seed_list(seed), tempo=HIGH_TEMPO, **HONEST)
    loose, near, tight = padded.loc[0.0], padded.loc[0.9], padded.loc[1.0]
    honest_loose, honest_tight = honest.loc[0.0], honest.loc[1.0]
    fall = loose["control"] - tight["control"]
    honest_fall = honest_loose["control"] - honest_tight["control"]
    ch02 = simulate("ch02", seed=seed, tempo=HIGH_TEMPO).series
    ch03 = pushed.series
    plan_tempo = resolve_params("first-five-year-plan")["tempo"]
    short_share, shortfall = shortfalls_from_local_targets({**p, "tempo": HIGH_TEMPO}, seed=seed)
    return {
        "ch03_loose_short_share": short_share,
        "ch03_loose_shortfall": shortfall,
        "ch03_plan_tempo": plan_tempo,
        "ch03_plan_tempo_year": (1.0 + plan_tempo) ** 4 - 1.0,
        "ch03_penalty": p["penalty"],
        "ch03_audit": p["audit"],
        "ch03_padding": float(padding_share(p["penalty"], p["audit"])),
        "ch03_high_tempo": HIGH_TEMPO,
        "ch03_gap": m["statistics_gap"],
        "ch03_hard_gap": hard["statistics_gap"],
        "ch03_hard_reported": hard["plan_fulfillment_reported"],
        "ch03_hard_actual": hard["plan_fulfillment_actual"],
        "ch03_gap_no_audit": float(audits.loc[0.0]),
        "ch03_gap_half_audit": float(audits.loc[0.5]),
        "ch03_gap_loose": float(loose["statistics_gap"]),
        "ch03_gap_tight": float(tight["statistics_gap"]),
        "ch03_control_loose": float(loose["control"]),
        "ch03_control_tight": float(tight["control"]),
        "ch03_control_near": float(near["control"]),
        "ch03_gap_near": float(near["statistics_gap"]),
        "ch03_last_step_control_share": float((near["control"] - tight["control"]) / fall)
        if fall > 0.0
        else float("nan"),
        "ch03_control_tight_honest": float(honest_tight["control"]),
        "ch03_gap_tight_honest": float(honest_tight["statistics_gap"]),
        "ch03_fall_definition_share": float(honest_fall / fall) if fall > 0.0 else float("nan"),
        "ch03_high_tempo_year": (1.0 + HIGH_TEMPO) ** 4 - 1.0,
        "ch03_gap_penalty5": float(penalties.loc[5.0]),
        "ch03_gap_penalty1": float(penalties.loc[1.0]),
        "ch03_target_excess_ch02": float((ch02["target"] / ch02["potential_output"]).iloc[-1]),
        "ch03_target_excess_ch03": float((ch03["target"] / ch03["potential_output"]).iloc[-1]),
    }


# --- what the chapter says the model does -------------------------------------------------------

CLAIMS = {
    "pushed_hard_reported_fulfillment": compare(
        "pushed hard, reported fulfillment stays above actual fulfillment",
        "ch03",
        ("penalty", "audit", "centralization"),
        "reported_minus_actual_fulfillment",
        {"tempo": HIGH_TEMPO},
    ),
    "pushed_hard_statistics_gap": compare(
        "pushed hard, the statistics gap is larger than at the default tempo",
        "ch03",
        ("penalty", "audit", "centralization"),
        "statistics_gap",
        {"tempo": HIGH_TEMPO},
        {},
    ),
    "padding_pushes_targets_further": compare(
        "padding pushes targets further above potential than honest reports do (high tempo)",
        "ch03",
        ("penalty", "audit", "centralization"),
        "end_target_ratio",
        {},
        {"penalty": 0.0},
        fixed={"tempo": HIGH_TEMPO},
    ),
    "checking_half_reports_statistics": compare(
        "checking half the reports makes the statistics truer than no audits (fig-ch03-audit)",
        "ch03",
        ("penalty", "centralization"),
        "statistics_gap",
        {"audit": 0.0},
        {"audit": 0.5},
        fixed={"tempo": HIGH_TEMPO},
    ),
    "heavier_penalty_larger_gap": compare(
        "the heavier the penalty, the larger the gap at the same audit rate (fig-ch03-audit)",
        "ch03",
        ("audit", "centralization"),
        "statistics_gap",
        {"penalty": 5.0},
        {"penalty": 1.0},
        fixed={"tempo": HIGH_TEMPO},
    ),
    "centralizing_raises_statistics_gap": compare(
        "centralizing raises the statistics gap (high tempo; fig-ch03-paradox)",
        "ch03",
        ("penalty", "audit", "ratchet"),
        "statistics_gap",
        {"centralization": 1.0},
        {"centralization": 0.0},
        fixed={"tempo": HIGH_TEMPO},
    ),
    "centralizing_lowers_control": compare(
        "centralizing lowers control (high tempo; fig-ch03-paradox)",
        "ch03",
        ("penalty", "audit", "ratchet"),
        "control",
        {"centralization": 0.0},
        {"centralization": 1.0},
        fixed={"tempo": HIGH_TEMPO},
    ),
    "honest_reports_too_centralizing": compare(
        "with honest reports too, centralizing lowers control (the definition's part; fig-ch03-paradox)",
        "ch03",
        ("audit", "ratchet"),
        "control",
        {"centralization": 0.0},
        {"centralization": 1.0},
        fixed={"tempo": HIGH_TEMPO, "penalty": 0.0},
    ),
    "fully_centralized_padding_lowers": compare(
        "fully centralized, padding lowers control below the honest economy's (fig-ch03-paradox)",
        "ch03",
        ("audit", "ratchet"),
        "control",
        {"penalty": 0.0},
        {},
        fixed={"tempo": HIGH_TEMPO, "centralization": 1.0},
    ),
    "harder_push_larger_gap": compare(
        "the harder the push, the larger the gap when centralized (fig-ch03-paradox)",
        "ch03",
        ("penalty", "audit", "ratchet"),
        "statistics_gap",
        {"tempo": HIGH_TEMPO},
        {"tempo": 0.03},
        fixed={"centralization": 1.0},
    ),
}
"""What chapter 3 says the model does, each checked over seeds and around the defaults
(``antiplan.figures.claims``)."""
