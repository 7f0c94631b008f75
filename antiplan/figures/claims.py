"""Claims a chapter makes about the model, and the one check that they hold beyond one run.

A chapter's sentence such as "turnover falls as conditions improve" is declared once, in the
chapter's figure module (``CLAIMS`` in ``antiplan.figures.ch01`` to ``ch10``), as a ``Claim``: a
measure that is positive exactly when the sentence is true of a run. ``check`` evaluates the
measure on twenty seeds at the chapter's defaults and at a neighborhood of perturbed settings
around them, in the book's own economy (200 enterprises), so a claim is tested as a property of the
model, not of one run. ``compare`` declares the most common kind: a measure is larger under one
setting than under another. The tests (``tests/test_claims.py``) and the chapters read the same
declarations.

The runs a measure asks for are made for every seed of the check at once (``antiplan.simulate_many``)
and remembered, so claims comparing the same settings share their runs.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from antiplan import simulate_many
from antiplan.parameters import BY_NAME
from antiplan.scenarios import scenario_params
from antiplan.simulate import DEFAULT_ENTERPRISES, Result

CLAIM_SEEDS = tuple(range(20))
"""Seeds a claim is averaged over: at least 20, as the course's rule for claims requires."""
CLAIM_ENTERPRISES = DEFAULT_ENTERPRISES
"""Enterprises per run when a claim is checked: the economy the book's figures show."""
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


# --- the runs a measure reads --------------------------------------------------------------------

_SEEDS: contextvars.ContextVar[tuple[int, ...]] = contextvars.ContextVar("claim_seeds", default=CLAIM_SEEDS)
"""The seeds of the check under way: a measure's first run at a setting makes all of them at once."""


def _extra(columns: Mapping[str, np.ndarray], stages: Mapping[str, np.ndarray], summary: pd.DataFrame) -> dict:
    """Measures the chapters quote that are not in ``Result.summary``, one value per run."""
    last_stages = [values for values in stages.values() if not np.isnan(values).all()]
    tail = [values[:, -4:].mean(axis=1) for values in last_stages]
    c = columns
    return {
        "end_capacity": c["capacity"][:, -1],
        "end_livestock": c["livestock"][:, -1],
        "end_target_ratio": c["target"][:, -1] / c["potential_output"][:, -1],
        "squeeze": (c["grain"] / c["harvest"]).mean(axis=1),
        "overreport": (c["reported_harvest"] / c["harvest"]).mean(axis=1) - 1.0,
        "village": (c["harvest"] - c["grain"]).mean(axis=1),
        "cascade_rise": tail[-1] - tail[0],
        "usable_share": c["usable_output"].sum(axis=1) / c["reported_output"].sum(axis=1),
        "reported_minus_actual_fulfillment": (
            summary["plan_fulfillment_reported"] - summary["plan_fulfillment_actual"]
        ).to_numpy(),
    }


EXTRA_MEASURES = {
    "end_capacity": "capacity per enterprise in the last quarter",
    "end_livestock": "the herd in the last quarter (index, 1 before collectivization)",
    "end_target_ratio": "the last quarter's target over potential output",
    "squeeze": "share of the real harvest procured, mean over the run",
    "overreport": "reported over real harvest, minus 1, mean over the run",
    "village": "harvest less grain procured, mean over the run (harvest index units)",
    "cascade_rise": "the last stage's defect share over the last four quarters minus the first stage's",
    "usable_share": "usable output over reported output, the whole run",
    "reported_minus_actual_fulfillment": "reported minus actual plan fulfillment",
}
"""Measures a claim may compare besides the summary metrics (``antiplan.METRICS``)."""


@lru_cache(maxsize=2048)
def _runs(scenario: str, settings: tuple, seeds: tuple, enterprises: int, rules: tuple):
    batch = simulate_many(scenario, seeds=seeds, enterprises=enterprises, rules=dict(rules) or None, **dict(settings))
    measures = pd.concat(
        [batch.summary.reset_index(drop=True), pd.DataFrame(_extra(batch.columns, batch.stage_columns, batch.summary))],
        axis=1,
    )
    return batch, {seed: i for i, seed in enumerate(seeds)}, measures.to_dict("records")


def _lookup(scenario, params, seed, enterprises, rules, changes):
    settings = tuple(sorted({**params, **changes}.items()))
    seeds = _SEEDS.get()
    seeds = seeds if seed in seeds else (seed,)
    return _runs(scenario, settings, seeds, enterprises, tuple(sorted((rules or {}).items())))


def result(
    scenario: str,
    params: Mapping[str, Any],
    seed: int,
    enterprises: int = CLAIM_ENTERPRISES,
    rules: Mapping[str, Callable] | None = None,
    **changes: Any,
) -> Result:
    """One run (an ``antiplan.Result``): ``params`` (the neighborhood's point), then ``changes``.

    Runs are made for every seed of the check under way at once and remembered.
    """
    batch, row, _ = _lookup(scenario, params, seed, enterprises, rules, changes)
    return batch[row[seed]]


def summary(
    scenario: str,
    params: Mapping[str, Any],
    seed: int,
    enterprises: int = CLAIM_ENTERPRISES,
    rules: Mapping[str, Callable] | None = None,
    **changes: Any,
) -> dict[str, float]:
    """The summary metrics of one run (see ``result``), with the ``EXTRA_MEASURES``."""
    _, row, measures = _lookup(scenario, params, seed, enterprises, rules, changes)
    return measures[row[seed]]


def mean_measure(
    scenario: str,
    measure: str,
    *,
    seeds: Sequence[int] = CLAIM_SEEDS,
    enterprises: int = CLAIM_ENTERPRISES,
    rules: Mapping[str, Callable] | None = None,
    **params: Any,
) -> float:
    """A summary metric or an ``EXTRA_MEASURES`` of ``scenario`` with ``params``, averaged over ``seeds``."""
    token = _SEEDS.set(tuple(seeds))
    try:
        return float(np.mean([summary(scenario, params, s, enterprises, rules)[measure] for s in seeds]))
    finally:
        _SEEDS.reset(token)


# --- declaring claims ----------------------------------------------------------------------------


def compare(
    text: str,
    scenario: str,
    around: Sequence[str],
    measure: str,
    more: Mapping[str, Any],
    less: Mapping[str, Any] | None = None,
    fixed: Mapping[str, Any] | None = None,
) -> Claim:
    """A claim that ``measure`` is larger under the setting ``more`` than under ``less``.

    Args:
        text: the chapter's sentence.
        scenario: the economy both settings start from unless they name their own.
        around: the parameters the neighborhood moves.
        measure: a summary metric (``antiplan.METRICS``) or one of ``EXTRA_MEASURES``.
        more, less: parameters of each setting, with optionally ``scenario`` and ``rules`` (your
            own rules by name); ``less=None`` claims that the measure is positive under ``more``.
        fixed: parameters held at these values in both settings, over the neighborhood's.

    Raises:
        ValueError: an unknown measure, named with the known ones.
    """
    from antiplan import METRICS

    if measure not in METRICS and measure not in EXTRA_MEASURES:
        known = ", ".join([*METRICS, *EXTRA_MEASURES])
        raise ValueError(f"unknown measure {measure!r}: known are {known}")
    held = dict(fixed or {})

    def value(side: Mapping[str, Any], params: Mapping[str, Any], seed: int, enterprises: int) -> float:
        side = dict(side)
        where, rules = side.pop("scenario", scenario), side.pop("rules", None)
        return summary(where, {**params, **held}, seed, enterprises, rules, **side)[measure]

    def margin(params: Mapping[str, Any], seed: int, enterprises: int) -> float:
        more_value = value(more, params, seed, enterprises)
        return more_value if less is None else more_value - value(less, params, seed, enterprises)

    return Claim(text, scenario, tuple(around), margin)


# --- checking them -------------------------------------------------------------------------------


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
    token = _SEEDS.set(tuple(seeds))
    try:
        for point in neighborhood(claim.scenario, claim.around, step, points):
            margins = [float(claim.measure(point, seed, enterprises)) for seed in seeds]
            label = ", ".join(f"{k}={v:g}" for k, v in point.items()) or "defaults"
            mean = float(np.mean(margins))
            rows.append({"point": label, "mean": mean, "low": float(np.min(margins)), "holds": mean > 0})
    finally:
        _SEEDS.reset(token)
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
