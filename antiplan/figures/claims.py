"""Claims a chapter makes about the model, and the check that they hold beyond one run.

A chapter's sentence such as "turnover falls as conditions improve" is declared once, in the
chapter's figure module, as a ``Claim``: a measure that is positive exactly when the sentence is
true of a run. ``check`` evaluates the measure on many seeds at the chapter's defaults and at a
neighborhood of perturbed settings around them, so a claim is tested as a property of the model,
not of one run. The tests (``tests/test_claims_ch06_10.py``) and the chapters read the same
declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from antiplan import simulate
from antiplan.parameters import BY_NAME
from antiplan.scenarios import scenario_params

CLAIM_SEEDS = tuple(range(20))
"""Seeds a claim is averaged over: at least 20, as the course's rule for claims requires."""
CLAIM_ENTERPRISES = 40
"""Enterprises per run when a claim is checked: small economies keep the check fast."""
STEP = 0.2
"""How far the neighborhood moves each parameter: up to a fifth of its value (or of its range at 0)."""
POINTS = 3
"""Settings in the neighborhood besides the defaults themselves."""
NEIGHBORHOOD_SEED = 14
"""Seed of the draws that place the neighborhood's settings."""

Measure = Callable[[Mapping[str, Any], int, int], float]
"""A claim's measure: ``measure(params, seed, enterprises)``, positive when the claim holds."""


@dataclass(frozen=True)
class Claim:
    """One sentence of a chapter about what the model does, as a number that must be positive.

    Attributes:
        text: the sentence's claim, in words (what a failing check reports).
        scenario: the economy whose settings the neighborhood is drawn around.
        around: the parameters moved to make the neighborhood; where the measure sets a parameter
            itself (to compare two values of it), its setting wins over the neighborhood's.
        measure: ``measure(params, seed, enterprises)``: the claim's margin in one run (or one
            comparison of runs) with ``params`` applied over every run's own settings; positive
            when the sentence is true.
    """

    text: str
    scenario: str
    around: tuple[str, ...]
    measure: Measure


@lru_cache(maxsize=8192)
def _cached(scenario: str, settings: tuple, seed: int, enterprises: int):
    return simulate(scenario, seed=seed, enterprises=enterprises, **dict(settings))


def result(scenario: str, params: Mapping[str, Any], seed: int, enterprises: int, **changes: Any):
    """One run (an ``antiplan.Result``): ``params`` (the neighborhood's point), then ``changes``.

    Runs are remembered, so claims that compare the same runs do not repeat them.
    """
    settings = tuple(sorted({**params, **changes}.items()))
    return _cached(scenario, settings, seed, enterprises)


def summary(scenario: str, params: Mapping[str, Any], seed: int, enterprises: int, **changes: Any) -> dict:
    """The summary metrics of one run (see ``result``)."""
    return result(scenario, params, seed, enterprises, **changes).summary


def neighborhood(
    scenario: str, names: Sequence[str], step: float = STEP, points: int = POINTS
) -> list[dict[str, float]]:
    """The scenario's own settings (``{}``), then ``points`` settings with all of ``names`` moved.

    Each moved setting draws every parameter in ``names`` uniformly within ``step`` times its value
    in the scenario (or ``step`` times its allowed range where that value is 0), inside its allowed
    range. The draws come from a fixed seed (``NEIGHBORHOOD_SEED``), so the neighborhood is the
    same every time.

    Raises:
        ValueError: a name that is not a numeric parameter, named with what is allowed.
    """
    values = scenario_params(scenario)
    for name in names:
        parameter = BY_NAME.get(name)
        if parameter is None or parameter.kind != "float":
            allowed = ", ".join(p for p, spec in BY_NAME.items() if spec.kind == "float")
            raise ValueError(f"cannot move {name!r} in a neighborhood: allowed are the numeric parameters {allowed}")
    rng = np.random.default_rng(NEIGHBORHOOD_SEED)
    out: list[dict[str, float]] = [{}]
    for _ in range(points):
        point = {}
        for name in names:
            parameter, base = BY_NAME[name], float(values[name])
            width = step * (abs(base) if base else parameter.max - parameter.min)
            point[name] = round(float(np.clip(base + rng.uniform(-width, width), parameter.min, parameter.max)), 4)
        out.append(point)
    return out


def check(
    claim: Claim,
    seeds: Sequence[int] = CLAIM_SEEDS,
    step: float = STEP,
    points: int = POINTS,
    enterprises: int = CLAIM_ENTERPRISES,
) -> pd.DataFrame:
    """The claim's margin, averaged over ``seeds``, at every point of its neighborhood.

    Returns:
        A DataFrame with a row per point (``point`` names the change, ``"defaults"`` for none)
        and columns ``mean`` (the mean margin), ``low`` (the smallest over the seeds) and
        ``holds`` (the mean is positive).
    """
    rows = []
    for point in neighborhood(claim.scenario, claim.around, step, points):
        margins = [float(claim.measure(point, seed, enterprises)) for seed in seeds]
        label = ", ".join(f"{k}={v:g}" for k, v in point.items()) or "defaults"
        mean = float(np.mean(margins))
        rows.append({"point": label, "mean": mean, "low": float(np.min(margins)), "holds": mean > 0})
    return pd.DataFrame(rows).set_index("point")


def failures(claims: Mapping[str, Claim], **options: Any) -> dict[str, str]:
    """Every claim that fails somewhere in its neighborhood, with where and by how much.

    Returns:
        Claim name to a one-line description of the points where its mean margin is not positive;
        empty when every claim holds everywhere.
    """
    out = {}
    for name, claim in claims.items():
        table = check(claim, **options)
        bad = table[~table["holds"]]
        if len(bad):
            where = "; ".join(f"{point}: mean margin {row['mean']:.4g}" for point, row in bad.iterrows())
            out[name] = f"{claim.text} -- fails at {where}"
    return out
