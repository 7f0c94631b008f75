"""The vectorized engine: every enterprise at once, as NumPy arrays. Same rules as the reference."""

from __future__ import annotations

from typing import Any

import numpy as np

from .shared import (
    FARM_COLUMNS,
    SERIES_COLUMNS,
    Farm,
    draw_shocks,
    effective_params,
    farm_step,
    initial_capacity,
    local_capacity,
    r_squared,
    stage_bounds,
)


def _weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    total = float(weights.sum())
    return float((values * weights).sum()) / total if total > 0.0 else 0.0


def _control(target: np.ndarray, actual: np.ndarray, size: np.ndarray) -> float:
    lt, la = np.log(target / size), np.log(actual / size)
    dt, da = lt - lt.mean(), la - la.mean()
    return r_squared(float((dt * dt).mean()), float((da * da).mean()), float((dt * da).mean()))


def run(params: dict[str, Any], rules: dict, seed: int, periods: int, enterprises: int):
    """Run the model; return ``(series, stage_defects)`` as dicts of per-period lists."""
    p = effective_params(params)
    r = rules
    n = enterprises
    rng = np.random.default_rng(seed)
    capacity = initial_capacity(rng, n)
    size = capacity
    skill = np.ones(n)
    record = np.ones(n)
    unfinished = np.zeros(n)
    idle = np.zeros(n)
    last_overload = np.zeros(n)
    bounds = stage_bounds(n, p["chain_depth"])
    farm = Farm()
    target = reported = None
    padding = r["padding_share"](p["penalty"], p["audit"])
    series = {c: [] for c in SERIES_COLUMNS}
    stages = {f"stage_{k + 1}": [] for k in range(len(bounds))}

    for _ in range(periods):
        shock = draw_shocks(rng, n)
        conditions = p["conditions"] * (0.5 + 0.5 * farm.food)
        quit = r["quit_rate"](conditions, last_overload, p["base_quit"], p["quit_sensitivity"])
        skill = r["workforce_skill"](skill, quit, p["new_hand_skill"])
        effort = r["effort"](conditions, p["collusion"])
        local = local_capacity(capacity, skill, effort, farm)
        potential = local * np.exp(0.5 * p["capacity_noise"] * shock.output)
        # The center's figure comes from last period's report; local knowledge is today's.
        if target is None:
            target = local
        else:
            target = r["next_target"](target, reported, local, p["tempo"], p["ratchet"], p["centralization"])
        overload = r["overload"](target, potential)
        actual = r["production"](potential, target, p["ratchet"], p["centralization"], p["storming"])
        hidden = np.maximum(potential - actual, 0.0)
        striking = shock.strike < r["strike_chance"](conditions, p["penalty"], p["solidarity"])
        actual = r["strike_output"](actual, striking)
        actual = r["record_output"](actual, p["record_bonus"], p["record_cost"])
        record = r["next_record"](record, p["record_bonus"])

        own = r["own_defect_share"](overload, p["base_defect"], p["defect_sensitivity"])
        defect = np.empty(n)
        upstream = 0.0
        for k, (a, b) in enumerate(bounds):
            defect[a:b] = r["cascade"](own[a:b], upstream)
            upstream = _weighted_mean(defect[a:b], actual[a:b])
            stages[f"stage_{k + 1}"].append(upstream)

        reported = r["report"](actual, target, padding, shock.audit < p["audit"])
        usable = actual * (1.0 - defect)
        built = p["invest_share"] * actual
        started = built * (1.0 - farm.diversion) * (1.0 - defect) / p["capital_ratio"]
        unfinished, idle, ready = r["construction"](unfinished, idle, started, p["build_periods"], p["coordination"])

        row = series
        row["target"].append(float(target.mean()))
        row["reported_output"].append(float(reported.mean()))
        row["actual_output"].append(float(actual.mean()))
        row["usable_output"].append(float(usable.mean()))
        row["potential_output"].append(float(potential.mean()))
        row["hidden_capacity"].append(float(hidden.mean()))
        row["turnover"].append(float(np.broadcast_to(quit, (n,)).mean()))
        row["skill"].append(float(skill.mean()))
        row["effort"].append(float(np.broadcast_to(effort, (n,)).mean()))
        row["strikes"].append(float(striking.mean()))
        row["records"].append(float(np.broadcast_to(record, (n,)).mean()))
        row["construction"].append(float(built.mean()))
        row["paper_output"].append(float((reported + built + idle).mean()))
        row["capacity"].append(float(capacity.mean()))
        row["unfinished"].append(float(unfinished.mean()))
        row["idle"].append(float(idle.mean()))
        row["control"].append(_control(target, actual, size))

        worn = r["capacity_wear"](overload, p["depreciation"], p["wear"])
        capacity = capacity * (1.0 - worn) * np.exp(p["capacity_noise"] * shock.capacity) + ready
        skill = r["learn"](skill, p["learning"])
        last_overload = overload
        row["diversion"].append(farm.diversion)
        farm = farm_step(farm, p, r, float(built.mean()))
        for column in FARM_COLUMNS:
            row[column].append(float(getattr(farm, column)))

    return series, stages
