"""Figures and numbers for chapter 2, "Command documents": targets set from reports (the ratchet)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from antiplan import simulate, simulate_many
from antiplan.figures.claims import compare
from antiplan.rules.plan import next_target

from .ch01 import averaged, seed_list


def one_enterprise(
    report_share: float,
    *,
    periods: int = 20,
    growth: float = 0.03,
    tempo: float = 0.02,
    ratchet: float = 0.5,
) -> tuple[np.ndarray, np.ndarray]:
    """Target and potential of one enterprise under the ratchet rule alone.

    The enterprise's potential grows by ``growth`` each quarter. Its manager reports the target
    plus ``report_share`` of any capacity beyond it (1: everything; 0: just the target). The
    center sets the next target from the report with ``antiplan.rules.plan.next_target``, with
    full centralization.

    Returns:
        ``(targets, potentials)``, one value per quarter.
    """
    potential = 1.0 * (1.0 + growth) ** np.arange(periods)
    targets = np.empty(periods)
    target = 0.9
    for t in range(periods):
        targets[t] = target
        report = target + report_share * max(potential[t] - target, 0.0)
        target = next_target(target, report, potential[t], tempo, ratchet, 1.0)
    return targets, potential


def ratchet_figure(shares: Sequence[float] = (1.0, 0.5, 0.0)) -> Figure:
    """The ratchet in one enterprise: what honest reporting does to next quarter's target.

    Left: the target set for managers who report all, half or none of their spare capacity,
    against the capacity they really have. Right: the slack each keeps (capacity over target).
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    quarters = None
    for share, style in zip(shares, ("-", "--", ":"), strict=False):
        targets, potential = one_enterprise(share)
        quarters = np.arange(1, len(targets) + 1)
        label = f"reports {share:.0%} of spare capacity"
        left.plot(quarters, targets, style, color="tab:red", label=label)
        right.plot(quarters, potential / targets - 1.0, style, color="tab:red", label=label)
    left.plot(quarters, potential, color="tab:green", lw=2, label="real capacity")
    left.set_xlabel("quarter")
    left.set_ylabel("output (1 = capacity at start)")
    left.set_title("Targets set from reports")
    left.legend(frameon=False, fontsize=8)
    right.axhline(0.0, color="0.5", lw=0.8)
    right.set_xlabel("quarter")
    right.set_ylabel("slack: capacity / target − 1")
    right.set_title("The manager's safety margin")
    return fig


def drift_figure(tempos: Sequence[float] = (0.02, 0.04, 0.06, 0.08, 0.10), seed: int = 0) -> Figure:
    """Targets drift away from what enterprises can do: target over potential output, per quarter.

    Each line is a run of the chapter 2 economy with a different demanded tempo.
    """
    fig, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
    colors = plt.cm.viridis(np.linspace(0.0, 0.85, len(tempos)))
    runs = simulate_many("ch02", seeds=[seed], grid={"tempo": list(tempos)})
    for tempo, color, result in zip(tempos, colors, runs, strict=True):
        s = result.series
        ax.plot(s.index, s["target"] / s["potential_output"], color=color, label=f"tempo {tempo:.0%} a quarter")
    ax.axhline(1.0, color="0.4", lw=0.8, ls="--")
    ax.set_xlabel("quarter")
    ax.set_ylabel("target / potential output")
    ax.legend(frameon=False, fontsize=8, ncol=2)
    return fig


def weitzman_figure(
    tempos: Sequence[float] = (0.0, 0.02, 0.04), ratchets: Sequence[float] | None = None, seed: int = 0
) -> Figure:
    """Weitzman's ratchet in the whole economy: hidden capacity and real growth against lambda.

    Each point is a run of the chapter 2 economy at one ratchet weight; each line one tempo.
    """
    ratchets = np.linspace(0.0, 1.0, 11) if ratchets is None else ratchets
    tables = averaged("ch02", {"tempo": tempos, "ratchet": ratchets}, seeds=seed_list(seed))
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for tempo, marker in zip(tempos, "osd^v", strict=False):
        table = tables.loc[tempo]
        label = f"tempo {tempo:.0%} a quarter"
        left.plot(table.index, table["hidden_capacity"], marker=marker, label=label)
        right.plot(table.index, table["real_growth"], marker=marker, label=label)
    left.set_xlabel("ratchet weight λ (weight of the report)")
    left.set_ylabel("share of potential output hidden")
    left.legend(frameon=False, fontsize=8)
    right.set_xlabel("ratchet weight λ (weight of the report)")
    right.set_ylabel("growth of usable output per quarter")
    return fig


def key_numbers(seed: int = 0) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures."""
    honest, potential = one_enterprise(1.0)
    cautious, _ = one_enterprise(0.0)
    base = simulate("ch02", seed=seed)
    s = base.series
    slow = averaged("ch02", {"ratchet": [0.0, 1.0]}, seeds=seed_list(seed), tempo=0.02)
    fast = simulate("ch02", seed=seed, tempo=0.10).series
    return {
        "ch02_honest_slack": float(potential[-1] / honest[-1] - 1.0),
        "ch02_cautious_slack": float(potential[-1] / cautious[-1] - 1.0),
        "ch02_tempo": base.params["tempo"],
        "ch02_tempo_year": (1.0 + base.params["tempo"]) ** 4 - 1.0,
        "ch02_ratchet": base.params["ratchet"],
        "ch02_centralization": base.params["centralization"],
        "ch02_over_share": float((s["target"] > s["potential_output"]).mean()),
        "ch02_end_ratio": float(s["target"].iloc[-1] / s["potential_output"].iloc[-1]),
        "ch02_fast_end_ratio": float(fast["target"].iloc[-1] / fast["potential_output"].iloc[-1]),
        "ch02_hidden_lam0": float(slow.loc[0.0, "hidden_capacity"]),
        "ch02_hidden_lam1": float(slow.loc[1.0, "hidden_capacity"]),
        "ch02_growth_lam0": float(slow.loc[0.0, "real_growth"]),
        "ch02_growth_lam1": float(slow.loc[1.0, "real_growth"]),
    }


# --- what the chapter says the model does -------------------------------------------------------

CLAIMS = {
    "larger_ratchet_weight_potential": compare(
        "the larger the ratchet weight, the more potential output is hidden (low tempo)",
        "ch02",
        ("centralization", "capacity_noise"),
        "hidden_capacity",
        {"ratchet": 1.0},
        {"ratchet": 0.0},
        fixed={"tempo": 0.02},
    ),
    "larger_ratchet_weight_slower": compare(
        "the larger the ratchet weight, the slower usable output grows (low tempo)",
        "ch02",
        ("centralization", "capacity_noise"),
        "real_growth",
        {"ratchet": 0.0},
        {"ratchet": 1.0},
        fixed={"tempo": 0.02},
    ),
    "higher_tempo_further_targets": compare(
        "the higher the tempo, the further targets end above potential output (fig-ch02-drift)",
        "ch02",
        ("ratchet", "centralization"),
        "end_target_ratio",
        {"tempo": 0.1},
        {"tempo": 0.02},
    ),
    "high_tempo_managers_hide": compare(
        "at a high tempo managers hide less than at a low one",
        "ch02",
        ("ratchet", "centralization"),
        "hidden_capacity",
        {"tempo": 0.02},
        {"tempo": 0.1},
    ),
    "full_ratchet_weight_lower": compare(
        "at full ratchet weight, the lower the tempo the more is hidden (fig-ch02-weitzman)",
        "ch02",
        ("centralization", "capacity_noise"),
        "hidden_capacity",
        {"tempo": 0.0},
        {"tempo": 0.04},
        fixed={"ratchet": 1.0},
    ),
}
"""What chapter 2 says the model does, each checked over seeds and around the defaults
(``antiplan.figures.claims``)."""
