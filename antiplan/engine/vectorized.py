"""The vectorized engine: the reference engine's schedule with every enterprise at once, as NumPy arrays.

The same rules, in the same order, on whole arrays; only the supply chain's defects are passed
stage by stage. It holds no economics of its own, and keeps its record with ``record.Record``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .record import Record, stage_defect
from .shared import Farm, draw_shocks, farm_step, initial_capacity, stage_bounds


def run(params: dict[str, Any], rules: dict, seed: int, periods: int, enterprises: int):
    """Run the model; return ``(series, stage_defects)`` as dicts of per-period lists."""
    p, rule, n = params, rules, enterprises
    rng = np.random.default_rng(seed)
    capacity = initial_capacity(rng, n)
    skill, record = np.ones(n), np.ones(n)
    unfinished, idle, last_overload = np.zeros(n), np.zeros(n), np.zeros(n)
    target = reported = None
    stages = stage_bounds(n, p["chain_depth"])
    farm = Farm()
    padding = rule["padding_share"](p["penalty"], p["audit"])
    kept = Record(capacity, len(stages))

    for t in range(periods):
        # 1. Random draws for every enterprise.
        shock = draw_shocks(rng, n)
        # 2. Conditions, and the effort and the chance of a strike they fix.
        conditions = rule["living_conditions"](p["conditions"], farm.food)
        effort = rule["effort"](conditions, p["collusion"])
        strike_chance = rule["strike_chance"](conditions, p["penalty"], p["solidarity"])
        # 3. The enterprises act; only defects pass stage by stage, upstream first.
        quits = rule["quit_rate"](conditions, last_overload, p["base_quit"], p["quit_sensitivity"])
        skill = rule["workforce_skill"](skill, quits, p["new_hand_skill"])
        local = rule["local_capacity"](capacity, skill, effort, farm.raw_materials)
        potential = rule["potential_output"](local, p["capacity_noise"], shock.output)
        # The center's figure comes from last period's report; local knowledge is today's.
        plan = (target, reported, local, p["tempo"], p["ratchet"], p["centralization"])
        target = rule["next_target"](*plan) if t > 0 else local
        overload = rule["overload"](target, potential)
        made = rule["production"](potential, target, p["ratchet"], p["centralization"], p["storming"])
        hidden = rule["hidden_capacity"](potential, made)
        striking = shock.strike < strike_chance
        made = rule["strike_output"](made, striking)
        actual = rule["record_output"](made, p["record_bonus"], p["record_cost"])
        record = rule["next_record"](record, p["record_bonus"])
        own = rule["own_defect_share"](overload, p["base_defect"], p["defect_sensitivity"])
        defect, upstream, stage_defects = np.empty(n), 0.0, []
        for first, last in stages:
            defect[first:last] = rule["cascade"](own[first:last], upstream)
            upstream = stage_defect(defect[first:last], actual[first:last])
            stage_defects.append(upstream)
        reported = rule["report"](actual, target, padding, shock.audit < p["audit"])
        built = rule["investment"](actual, p["invest_share"])
        started = rule["capital_started"](built, farm.diversion, defect, p["capital_ratio"])
        unfinished, idle, ready = rule["construction"](unfinished, idle, started, p["build_periods"], p["coordination"])
        worn = rule["capacity_wear"](overload, p["depreciation"], p["wear"])
        start, capacity = capacity, rule["next_capacity"](capacity, worn, p["capacity_noise"], shock.capacity, ready)
        last_overload = overload
        # 4. The period's record.
        # fmt: off
        kept.industry(
            target=target, reported=reported, actual=actual, potential=potential, hidden=hidden, quit=quits,
            skill=skill, effort=effort, striking=striking, record=record, built=built, capacity=start,
            unfinished=unfinished, idle=idle, defect=defect, stage_defects=stage_defects,
        )
        # fmt: on
        # 5. Workers learn, and agriculture takes its step.
        skill = rule["learn"](skill, p["learning"])
        diversion, farm = farm.diversion, farm_step(farm, p, rule, float(np.mean(built)))
        kept.agriculture(diversion, farm)

    return kept.series, kept.stages
