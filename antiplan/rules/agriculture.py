"""Agriculture under forced collectivization: one aggregate sector.

ODD section 7 (submodels), chapter 4. "The kolkhoz (collective farm) without tractors made no sense"
(Weissman 1988, ¶10). The harvest is measured relative to the harvest before collectivization (1).
"""

from __future__ import annotations

from .formula import at_most, cases, formula, maximum, minimum
from .numeric import clip, positive, where

DISORGANIZATION = 0.3
"""Share of the harvest lost on collective land worked without machines."""
TOLERABLE_SQUEEZE = 0.25
"""Share of the harvest peasants give up without slaughtering livestock."""
TRACTOR_COST = 1.5
"""Construction per enterprise that mechanizes all collective land."""
BASE_GRAIN = 0.2
"""Grain procured before collectivization, as a share of that harvest."""


@formula(
    "H_t",
    lambda livestock, mechanization, collectivization, draft: (
        (0.6 + 0.4 * draft) * (1 - DISORGANIZATION * collectivization * (1 - mechanization))
    ),
    where={
        "draft": lambda livestock, mechanization, collectivization: (
            livestock + collectivization * mechanization * (1 - livestock)
        )
    },
    symbols={"draft": r"\mathrm{draft}_t"},
)
def harvest(livestock, mechanization, collectivization):
    """The harvest, relative to the harvest before collectivization.

    Draft animals pull the plough where there are no tractors; collective land without machines
    is worked badly.

    Args:
        livestock: herd relative to before collectivization, in [0, 1].
        mechanization: share of collective land with machines, in [0, 1].
        collectivization: share of land in collective farms, in [0, 1].

    Returns:
        Harvest index (1 = before collectivization), in (0, 1].
    """
    draft = livestock + collectivization * mechanization * (1.0 - livestock)
    return (0.6 + 0.4 * draft) * (1.0 - DISORGANIZATION * collectivization * (1.0 - mechanization))


@formula(
    "G_t",
    lambda reported_harvest, actual_harvest, procurement: minimum(procurement * reported_harvest, 0.8 * actual_harvest),
)
def procured(reported_harvest, actual_harvest, procurement):
    """Grain the state takes: a share of the *reported* harvest, at most 80 % of the real one.

    Args:
        reported_harvest: harvest as reported (index, > 0).
        actual_harvest: harvest in fact (index, > 0).
        procurement: share of the reported harvest demanded, in [0, 0.6].

    Returns:
        Grain procured (harvest index units).
    """
    demanded = procurement * reported_harvest
    ceiling = 0.8 * actual_harvest
    return where(demanded < ceiling, demanded, ceiling)


@formula(
    r"\ell_{t+1}",
    lambda livestock, squeeze, collectivization: minimum(
        maximum(
            livestock * (1 - collectivization * maximum(squeeze - TOLERABLE_SQUEEZE, 0)) + 0.05 * (1 - livestock), 0
        ),
        1,
    ),
)
def next_livestock(livestock, squeeze, collectivization):
    """The herd next period: peasants slaughter rather than surrender it, then it slowly regrows.

    Only peasants driven into collective farms slaughter: an individual peasant squeezed by
    procurement hoards grain instead.

    Args:
        livestock: herd relative to before collectivization, in [0, 1].
        squeeze: share of the real harvest taken, in [0, 0.8].
        collectivization: share of land in collective farms, in [0, 1].

    Returns:
        Herd next period, in [0, 1].
    """
    slaughter = positive(squeeze - TOLERABLE_SQUEEZE) * collectivization
    regrowth = 0.05 * (1.0 - livestock)
    return clip(livestock * (1.0 - slaughter) + regrowth, 0.0, 1.0)


@formula(
    "v_{t+1}",
    lambda collectivization, mechanization, tractor_drive: tractor_drive * collectivization * (1 - mechanization),
    symbols={"mechanization": "m_{t+1}"},
)
def diversion(collectivization, mechanization, tractor_drive):
    """Share of industrial construction diverted to tractor plants next period.

    The engines pass the mechanization this period's tractors have just brought, the one next
    period starts from.

    Args:
        collectivization: share of land in collective farms, in [0, 1].
        mechanization: share of collective land with machines after this period's tractors, in [0, 1].
        tractor_drive: diversion per unit of collective land without machines, in [0, 1].

    Returns:
        Diverted share of construction, in [0, 1].
    """
    return tractor_drive * collectivization * (1.0 - mechanization)


@formula(
    "m_{t+1}",
    lambda mechanization, tractors, collectivization: cases(
        (mechanization, at_most(collectivization, 0)),
        (minimum(maximum(mechanization + tractors / (TRACTOR_COST * collectivization), 0), 1), True),
    ),
)
def next_mechanization(mechanization, tractors, collectivization):
    """Share of collective land with machines after this period's tractors arrive.

    Args:
        mechanization: share of collective land with machines, in [0, 1].
        tractors: construction put into tractor plants, per enterprise (output units, >= 0).
        collectivization: share of land in collective farms, in [0, 1].

    Returns:
        Mechanization next period, in [0, 1].
    """
    # No collective land, no tractors to place: the share stays (and nothing is divided by zero).
    collective = where(collectivization > 0.0, collectivization, 1.0)
    placed = clip(mechanization + tractors / (TRACTOR_COST * collective), 0.0, 1.0)
    return where(collectivization > 0.0, placed, mechanization)


@formula(
    r"\tilde H_t",
    lambda actual_harvest, plan, padding, collectivization: (
        actual_harvest + collectivization * padding * maximum(plan - actual_harvest, 0)
    ),
)
def reported_harvest(actual_harvest, plan, padding, collectivization):
    """The harvest as reported to the center.

    Collective-farm chairmen pad their reports toward the plan as industrial managers do; the
    individual peasant reports nothing, so only the collective share is padded.

    Args:
        actual_harvest: harvest in fact (index, > 0).
        plan: the harvest plan (index, > 0).
        padding: share of a shortfall padded, in [0, 1].
        collectivization: share of land in collective farms, in [0, 1].

    Returns:
        Reported harvest (index, >= actual_harvest).
    """
    return actual_harvest + collectivization * padding * positive(plan - actual_harvest)


@formula("M_t", lambda harvest, livestock: minimum(maximum(0.5 * harvest + 0.5 * livestock, 0), 1))
def raw_materials(harvest, livestock):
    """Agricultural raw materials reaching industry (cotton, flax, leather, wool), relative to before.

    Args:
        harvest: harvest index (1 = before collectivization), in (0, 1].
        livestock: herd index (1 = before collectivization), in [0, 1].

    Returns:
        Raw-material supply index, in [0, 1].
    """
    return clip(0.5 * harvest + 0.5 * livestock, 0.0, 1.0)


@formula("F_t", lambda grain: minimum(maximum(grain / BASE_GRAIN, 0), 1))
def food_supply(grain):
    """Grain reaching the towns relative to what they had before collectivization.

    Args:
        grain: grain procured (harvest index units, >= 0).

    Returns:
        Food supply index, in [0, 1].
    """
    return clip(grain / BASE_GRAIN, 0.0, 1.0)
