"""What both engines share: random draws, the stage layout, and agriculture's step.

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


def stacked_shocks(rngs: list[np.random.Generator], n: int, batch: bool) -> Shocks:
    """One period's random draws: each run's from its own generator, in a single run's order,
    with a row per run for a batch (plain arrays for one run).

    A batch draws each run's two normal and two uniform arrays in one call each, straight into
    the batch's rows: NumPy's generator gives the same numbers for one draw of ``2n`` as for two
    draws of ``n``, so the rows equal ``draw_shocks``.
    """
    if not batch:
        return draw_shocks(rngs[0], n)
    normal, uniform = np.empty((len(rngs), 2 * n)), np.empty((len(rngs), 2 * n))
    for rng, normal_row, uniform_row in zip(rngs, normal, uniform, strict=True):
        rng.standard_normal(out=normal_row)
        rng.random(out=uniform_row)
    return Shocks(normal[:, :n], normal[:, n:], uniform[:, :n], uniform[:, n:])


def stage_bounds(n: int, depth: int) -> list[tuple[int, int]]:
    """Enterprises ``start:end`` of each supply-chain stage, upstream first, in contiguous blocks."""
    cuts = [k * n // depth for k in range(depth + 1)]
    return [(cuts[k], cuts[k + 1]) for k in range(depth)]


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

    @classmethod
    def start(cls, runs: int | None = None) -> Farm:
        """The sector before collectivization: plain numbers for one run, or for a batch of
        ``runs`` a column per quantity (shape ``(runs, 1)``), one row per run."""
        farm = cls()
        if runs is None:
            return farm
        return cls(**{name: np.full((runs, 1), value) for name, value in vars(farm).items()})


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
    tractors = construction_per_enterprise * farm.diversion  # the diverted share, as capital_started leaves it
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
