"""The reference engine: the model as plain loops over one enterprise at a time.

This is the version to read first. Each period it walks the enterprises in supply-chain order and
applies the rules to plain Python floats; the vectorized engine does the same to whole arrays.
"""

from __future__ import annotations

import math
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


def _control(targets: list[float], actuals: list[float], sizes: list[float]) -> float:
    lt = [math.log(x / k) for x, k in zip(targets, sizes, strict=True)]
    la = [math.log(y / k) for y, k in zip(actuals, sizes, strict=True)]
    n = len(lt)
    mt, ma = sum(lt) / n, sum(la) / n
    sxx = sum((x - mt) ** 2 for x in lt) / n
    syy = sum((y - ma) ** 2 for y in la) / n
    sxy = sum((x - mt) * (y - ma) for x, y in zip(lt, la, strict=True)) / n
    return r_squared(sxx, syy, sxy)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def run(params: dict[str, Any], rules: dict, seed: int, periods: int, enterprises: int):
    """Run the model; return ``(series, stage_defects)`` as dicts of per-period lists."""
    p = effective_params(params)
    r = rules
    n = enterprises
    rng = np.random.default_rng(seed)
    capacity = initial_capacity(rng, n).tolist()
    size = list(capacity)
    skill = [1.0] * n
    record = [1.0] * n
    unfinished = [0.0] * n
    idle = [0.0] * n
    last_overload = [0.0] * n
    target = [0.0] * n
    reported_last = [0.0] * n
    bounds = stage_bounds(n, p["chain_depth"])
    farm = Farm()
    padding = r["padding_share"](p["penalty"], p["audit"])
    series = {c: [] for c in SERIES_COLUMNS}
    stages = {f"stage_{k + 1}": [] for k in range(len(bounds))}

    for t in range(periods):
        shock = draw_shocks(rng, n)
        cap_shock, out_shock = shock.capacity.tolist(), shock.output.tolist()
        audit_draw, strike_draw = shock.audit.tolist(), shock.strike.tolist()
        conditions = p["conditions"] * (0.5 + 0.5 * farm.food)
        effort = r["effort"](conditions, p["collusion"])
        strike_chance = r["strike_chance"](conditions, p["penalty"], p["solidarity"])
        rows = {
            c: [0.0] * n for c in ("reported", "actual", "usable", "potential", "hidden", "quit", "built", "capacity")
        }
        striking = [False] * n

        for k, (a, b) in enumerate(bounds):
            upstream = _stage_defect(stages, k - 1) if k > 0 else 0.0
            weighted, weight = 0.0, 0.0
            for i in range(a, b):
                quit = r["quit_rate"](conditions, last_overload[i], p["base_quit"], p["quit_sensitivity"])
                skill[i] = r["workforce_skill"](skill[i], quit, p["new_hand_skill"])
                local = local_capacity(capacity[i], skill[i], effort, farm)
                potential = local * math.exp(0.5 * p["capacity_noise"] * out_shock[i])
                # The center's figure comes from last period's report; local knowledge is today's.
                if t == 0:
                    target[i] = local
                else:
                    target[i] = r["next_target"](
                        target[i], reported_last[i], local, p["tempo"], p["ratchet"], p["centralization"]
                    )
                overload = r["overload"](target[i], potential)
                actual = r["production"](potential, target[i], p["ratchet"], p["centralization"], p["storming"])
                rows["hidden"][i] = max(potential - actual, 0.0)
                striking[i] = strike_draw[i] < strike_chance
                actual = r["strike_output"](actual, striking[i])
                actual = r["record_output"](actual, p["record_bonus"], p["record_cost"])
                record[i] = r["next_record"](record[i], p["record_bonus"])

                own = r["own_defect_share"](overload, p["base_defect"], p["defect_sensitivity"])
                defect = r["cascade"](own, upstream)
                weighted += defect * actual
                weight += actual

                reported = r["report"](actual, target[i], padding, audit_draw[i] < p["audit"])
                built = p["invest_share"] * actual
                started = built * (1.0 - farm.diversion) * (1.0 - defect) / p["capital_ratio"]
                unfinished[i], idle[i], ready = r["construction"](
                    unfinished[i], idle[i], started, p["build_periods"], p["coordination"]
                )
                reported_last[i] = reported
                rows["capacity"][i] = capacity[i]
                worn = r["capacity_wear"](overload, p["depreciation"], p["wear"])
                capacity[i] = capacity[i] * (1.0 - worn) * math.exp(p["capacity_noise"] * cap_shock[i]) + ready
                last_overload[i] = overload

                rows["reported"][i] = reported
                rows["actual"][i] = actual
                rows["usable"][i] = actual * (1.0 - defect)
                rows["potential"][i] = potential
                rows["quit"][i] = quit
                rows["built"][i] = built
            stages[f"stage_{k + 1}"].append(weighted / weight if weight > 0.0 else 0.0)

        row = series
        row["target"].append(_mean(target))
        row["reported_output"].append(_mean(rows["reported"]))
        row["actual_output"].append(_mean(rows["actual"]))
        row["usable_output"].append(_mean(rows["usable"]))
        row["potential_output"].append(_mean(rows["potential"]))
        row["hidden_capacity"].append(_mean(rows["hidden"]))
        row["turnover"].append(_mean(rows["quit"]))
        row["skill"].append(_mean(skill))
        row["effort"].append(float(effort))
        row["strikes"].append(sum(striking) / n)
        row["records"].append(_mean(record))
        row["construction"].append(_mean(rows["built"]))
        row["paper_output"].append(
            _mean([x + y + z for x, y, z in zip(rows["reported"], rows["built"], idle, strict=True)])
        )
        row["capacity"].append(_mean(rows["capacity"]))
        row["unfinished"].append(_mean(unfinished))
        row["idle"].append(_mean(idle))
        row["control"].append(_control(target, rows["actual"], size))

        skill = [r["learn"](s, p["learning"]) for s in skill]
        row["diversion"].append(farm.diversion)
        farm = farm_step(farm, p, r, _mean(rows["built"]))
        for column in FARM_COLUMNS:
            row[column].append(float(getattr(farm, column)))

    return series, stages


def _stage_defect(stages: dict[str, list[float]], k: int) -> float:
    return stages[f"stage_{k + 1}"][-1]
