"""The reference engine: the model as plain loops over one enterprise at a time.

This is the version to read first. It is the ODD protocol's schedule (appendix, section 3), its
five steps numbered as there: each period it walks the enterprises in supply-chain order and
applies the rules to plain Python floats. It holds no economics of its own: every formula is a rule
(``antiplan.DEFAULT_RULES``), and the record is kept by ``record.Record``. The vectorized engine
runs the same schedule over whole arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .record import Record, stage_defect
from .shared import Farm, draw_shocks, farm_step, initial_capacity, stage_bounds


def run(params: dict[str, Any], rules: dict, seed: int, periods: int, enterprises: int):
    """Run the model; return ``(series, stage_defects)`` as dicts of per-period arrays."""
    p, rule, n = params, rules, enterprises
    rng = np.random.default_rng(seed)
    capacity = initial_capacity(rng, n).tolist()
    skill, record = [1.0] * n, [1.0] * n
    unfinished, idle, last_overload = [0.0] * n, [0.0] * n, [0.0] * n
    target, reported = [0.0] * n, [0.0] * n
    stages = stage_bounds(n, p["chain_depth"])
    farm = Farm()
    padding = rule["padding_share"](p["penalty"], p["audit"])
    kept = Record(capacity, len(stages))

    for t in range(periods):
        # 1. Random draws for every enterprise.
        shock = draw_shocks(rng, n)
        cap_shock, out_shock = shock.capacity.tolist(), shock.output.tolist()
        audited, strike_draw = (shock.audit < p["audit"]).tolist(), shock.strike.tolist()
        # 2. Conditions, and the effort and the chance of a strike they fix.
        conditions = rule["living_conditions"](p["conditions"], farm.food)
        effort = rule["effort"](conditions, p["collusion"])
        strike_chance = rule["strike_chance"](conditions, p["penalty"], p["solidarity"])
        # 3. The enterprises act, stage by stage, upstream first.
        actual, potential, hidden, defect, quits, built, striking = ([0.0] * n for _ in range(7))
        start, next_capacity, upstream, stage_defects = list(capacity), list(capacity), 0.0, []
        for first, last in stages:
            for i in range(first, last):
                quits[i] = rule["quit_rate"](conditions, last_overload[i], p["base_quit"], p["quit_sensitivity"])
                skill[i] = rule["workforce_skill"](skill[i], quits[i], p["new_hand_skill"])
                local = rule["local_capacity"](capacity[i], skill[i], effort, farm.raw_materials)
                potential[i] = rule["potential_output"](local, p["capacity_noise"], out_shock[i])
                # The center's figure comes from last period's report; local knowledge is today's.
                plan = (target[i], reported[i], local, p["tempo"], p["ratchet"], p["centralization"])
                target[i] = rule["next_target"](*plan) if t > 0 else local
                overload = rule["overload"](target[i], potential[i])
                made = rule["production"](potential[i], target[i], p["ratchet"], p["centralization"], p["storming"])
                hidden[i] = rule["hidden_capacity"](potential[i], made)
                striking[i] = strike_draw[i] < strike_chance
                made = rule["strike_output"](made, striking[i])
                actual[i] = rule["record_output"](made, p["record_bonus"], p["record_cost"])
                record[i] = rule["next_record"](record[i], p["record_bonus"])
                own = rule["own_defect_share"](overload, p["base_defect"], p["defect_sensitivity"])
                defect[i] = rule["cascade"](own, upstream)
                reported[i] = rule["report"](actual[i], target[i], padding, audited[i])
                built[i] = rule["investment"](actual[i], p["invest_share"])
                started = rule["capital_started"](built[i], farm.diversion, defect[i], p["capital_ratio"])
                unfinished[i], idle[i], ready = rule["construction"](
                    unfinished[i], idle[i], started, p["build_periods"], p["coordination"]
                )
                worn = rule["capacity_wear"](overload, p["depreciation"], p["wear"])
                next_capacity[i] = rule["next_capacity"](capacity[i], worn, p["capacity_noise"], cap_shock[i], ready)
                last_overload[i] = overload
            upstream = stage_defect(defect[first:last], actual[first:last])
            stage_defects.append(upstream)
        capacity = next_capacity
        # 4. The period's record.
        # fmt: off
        kept.industry(
            target=target, reported=reported, actual=actual, potential=potential, hidden=hidden, quit=quits,
            skill=skill, effort=effort, striking=striking, record=record, built=built, capacity=start,
            unfinished=unfinished, idle=idle, defect=defect, stage_defects=stage_defects,
        )
        # fmt: on
        # 5. Workers learn, and agriculture takes its step.
        skill = [rule["learn"](s, p["learning"]) for s in skill]
        diversion, farm = farm.diversion, farm_step(farm, p, rule, float(np.mean(built)))
        kept.agriculture(diversion, farm)

    return kept.finish()
