"""The vectorized engine: the reference engine's schedule with every enterprise at once, as NumPy arrays.

The same rules, in the same order, on whole arrays; only the supply chain's defects are passed
stage by stage. It holds no economics of its own, and keeps its record with ``record.Record``.

``run_many`` runs a batch of economies at once: every per-enterprise array gains a leading axis,
one row per run, and a parameter that differs between runs is a column (shape ``(runs, 1)``), so
each rule is called once per period for the whole batch. Each run draws its own random numbers from
its own seed, in the order a single run draws them, so row ``i`` of a batch is the run ``run`` makes
with the same seed and parameters. ``run`` is a batch of one with plain one-dimensional arrays, as
a student's rule expects them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .record import Record, stage_defect
from .shared import Farm, farm_step, initial_capacity, stacked_shocks, stage_bounds


def run(params: dict[str, Any], rules: dict, seed: int, periods: int, enterprises: int):
    """Run the model once; return ``(series, stage_defects)`` as dicts of per-period arrays."""
    return _run(params, rules, [np.random.default_rng(seed)], periods, enterprises, batch=False)


def run_many(params: Mapping[str, Any], rules: dict, seeds: Sequence[int], periods: int, enterprises: int):
    """Run one economy per seed at once; return ``(series, stage_defects)`` as dicts of arrays with a
    row per run and a column per period.

    ``params[name]`` is one value for every run, or a sequence with one value per run (a column of
    the batch). ``chain_depth`` must be the same in every run: it lays out the supply chain.

    Raises:
        ValueError: a per-run sequence whose length is not the number of seeds, or ``chain_depth``
            differing between runs.
    """
    runs = len(seeds)
    p = {}
    for name, value in params.items():
        if isinstance(value, (list, tuple, np.ndarray)):
            if len(value) != runs:
                raise ValueError(f"parameter {name!r} has {len(value)} values for {runs} runs")
            column = np.asarray(value)
            p[name] = column[0].item() if (column == column[0]).all() else column.reshape(runs, 1)
        else:
            p[name] = value
    if np.ndim(p["chain_depth"]):
        raise ValueError("chain_depth must be the same in every run of a batch: it lays out the supply chain")
    rngs = [np.random.default_rng(seed) for seed in seeds]
    return _run(p, rules, rngs, periods, enterprises, batch=True)


def _run(p: Mapping[str, Any], rule: dict, rngs: list, periods: int, n: int, *, batch: bool):
    capacity = _stack([initial_capacity(rng, n) for rng in rngs], batch)
    shape = capacity.shape  # (n,) for one run, (runs, n) for a batch
    skill, record = np.ones(shape), np.ones(shape)
    unfinished, idle, last_overload = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    target = reported = None
    stages = stage_bounds(n, p["chain_depth"])
    farm = Farm.start(len(rngs) if batch else None)
    padding = rule["padding_share"](p["penalty"], p["audit"])
    kept = Record(capacity, len(stages))

    for t in range(periods):
        # 1. Random draws for every enterprise.
        shock = stacked_shocks(rngs, n, batch)
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
        defect, upstream, stage_defects = np.empty(shape), 0.0, []
        for first, last in stages:
            defect[..., first:last] = rule["cascade"](own[..., first:last], upstream)
            upstream = stage_defect(defect[..., first:last], actual[..., first:last])
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
        diversion, farm = farm.diversion, farm_step(farm, p, rule, _row_mean(np.broadcast_to(built, shape), batch))
        kept.agriculture(diversion, farm)

    return kept.finish()


def _stack(rows: list[np.ndarray], batch: bool) -> np.ndarray:
    return np.stack(rows) if batch else rows[0]


def _row_mean(values: np.ndarray, batch: bool):
    """Each run's mean over its enterprises: a column for a batch, a float for one run."""
    return values.mean(axis=-1, keepdims=True) if batch else float(np.mean(values))
