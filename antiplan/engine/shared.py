"""What both engines share: random draws, stage layout, the democratic mode and agriculture.

Both engines draw the same random numbers in the same order, so the same seed gives the same run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

INITIAL_SPREAD = 0.25
"""Log standard deviation of enterprises' capacity at the start."""


@dataclass
class Shocks:
    """One period's random draws, one per enterprise."""

    capacity: np.ndarray  # standard normal: this period's capacity shock
    output: np.ndarray  # standard normal: this period's production shock
    audit: np.ndarray  # uniform [0, 1): an audit happens when below `audit`
    strike: np.ndarray  # uniform [0, 1): a strike happens when below the strike chance


def initial_capacity(rng: np.random.Generator, n: int) -> np.ndarray:
    """Capacity of ``n`` enterprises at the start (output units per period, mean about 1)."""
    return rng.lognormal(0.0, INITIAL_SPREAD, n)


def draw_shocks(rng: np.random.Generator, n: int) -> Shocks:
    """One period's random draws for ``n`` enterprises."""
    return Shocks(rng.standard_normal(n), rng.standard_normal(n), rng.random(n), rng.random(n))


def stage_bounds(n: int, depth: int) -> list[tuple[int, int]]:
    """Enterprises ``start:end`` of each supply-chain stage, upstream first, in contiguous blocks."""
    cuts = [k * n // depth for k in range(depth + 1)]
    return [(cuts[k], cuts[k + 1]) for k in range(depth)]


def effective_params(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as the rules see them.

    In the democratic mode planners and implementers are the same people (Weissman 1988, ¶5):
    targets come from real capacity (no centralization, so nobody hides capacity), reports are
    honest (no penalty), and with no antagonism between them nobody withholds effort, strikes
    or rigs records. The economy itself (conditions, construction, the supply chain) is unchanged.
    """
    p = dict(params)
    if p["democratic"]:
        p.update(centralization=0.0, penalty=0.0, collusion=0.0, solidarity=0.0, record_bonus=0.0)
    return p


@dataclass
class Farm:
    """The agricultural sector's state, aggregated over the whole country."""

    livestock: float = 1.0
    mechanization: float = 0.1
    plan: float = 1.0
    food: float = 1.0
    raw_materials: float = 1.0
    diversion: float = 0.0
    harvest: float = 1.0
    reported_harvest: float = 1.0
    grain: float = 0.2


def farm_step(farm: Farm, p: dict[str, Any], rules: dict, construction_per_enterprise: float) -> Farm:
    """One period of agriculture, given industry's construction this period.

    Tractor plants take the diverted share of this period's construction; the harvest is reported,
    procured from the report, and the peasants answer the squeeze; the food reaching the towns and
    next period's diversion follow.
    """
    r = rules
    collect = p["collectivization"]
    harvest = r["harvest"](farm.livestock, farm.mechanization, collect)
    padding = r["padding_share"](p["penalty"], p["audit"])
    reported = r["reported_harvest"](harvest, farm.plan, padding, collect)
    grain = r["procured"](reported, harvest, p["procurement"])
    tractors = construction_per_enterprise * farm.diversion
    mechanization = r["next_mechanization"](farm.mechanization, tractors, collect)
    return Farm(
        livestock=r["next_livestock"](farm.livestock, grain / harvest, collect),
        mechanization=mechanization,
        plan=r["next_target"](farm.plan, reported, harvest, p["tempo"], p["ratchet"], p["centralization"]),
        food=r["food_supply"](grain),
        raw_materials=r["raw_materials"](harvest, farm.livestock),
        diversion=r["diversion"](collect, mechanization, p["tractor_drive"]),
        harvest=harvest,
        reported_harvest=reported,
        grain=grain,
    )


def local_capacity(capacity, skill, effort, farm: Farm):
    """Output an enterprise can make at a normal pace, as known on the spot (units per period).

    Capacity, worked by a workforce of this skill and effort, with the agricultural raw materials
    that reach it.
    """
    return capacity * skill * effort * (0.8 + 0.2 * farm.raw_materials)


SPREAD_FLOOR = 1e-8
"""Variance (in squared log units: a spread of 0.01 %) below which differences between enterprises
count as no spread when control is measured."""


def r_squared(sxx: float, syy: float, sxy: float) -> float:
    """Share of the variance of y explained by x, from (co)variances, in [0, 1].

    The engines measure control with x the log of each enterprise's target and y the log of its
    actual output, both relative to the enterprise's capacity at the start: a plan that only knows
    which enterprises were big in 1928 does not control what they do now.

    Both variances carry a floor, ``SPREAD_FLOOR``, as if every economy also held a perfectly
    planned spread of that size: ``(sxy**2 + F**2) / ((sxx + F) * (syy + F))``. Where the spread
    is far above the floor this is the ordinary R² (to within about twice the floor over the
    variance: 2e-4 for a spread of 1 %, 5e-7 for one of 20 %); where it vanishes the value is stated rather
    than left to rounding: 1 when neither targets nor output vary (the plan is met everywhere),
    falling to 0 as output varies while targets do not. The floor also keeps the measure well
    conditioned: a change of ``d`` in any (co)variance moves it by at most ``d / SPREAD_FLOOR``.
    """
    floor = SPREAD_FLOOR
    value = (sxy * sxy + floor * floor) / ((sxx + floor) * (syy + floor))
    return min(1.0, max(0.0, value))


SERIES_COLUMNS = (
    "target",
    "reported_output",
    "actual_output",
    "usable_output",
    "potential_output",
    "hidden_capacity",
    "turnover",
    "skill",
    "effort",
    "strikes",
    "records",
    "construction",
    "paper_output",
    "capacity",
    "unfinished",
    "idle",
    "control",
    "diversion",
    "harvest",
    "reported_harvest",
    "grain",
    "livestock",
    "mechanization",
    "food",
    "raw_materials",
)
"""Per-period columns both engines fill: means per enterprise, shares, or indices."""

FARM_COLUMNS = ("harvest", "reported_harvest", "grain", "livestock", "mechanization", "food", "raw_materials")
"""Columns read from the farm sector after its step."""
