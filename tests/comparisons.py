"""Claims the chapters make about the model, checked over many seeds and around the defaults.

A chapter that says "the gap rises" or "control falls" says it of the model in general, not of one
run. A ``Comparison`` states such a sentence as two settings of the model and a measure that should
be larger under the first; ``margins`` measures it, averaged over ``SEEDS``, at every setting of a
``neighborhood`` of the chapter's defaults. The claims tests assert that every margin is positive.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from antiplan import BY_NAME, simulate
from antiplan.scenarios import scenario_params

SEEDS = tuple(range(20))
"""The seeds every claim is averaged over."""

ENTERPRISES = 60
"""Economy size for the checks: small enough to be fast, large enough for a stable mean."""

SCALE = 0.25
"""How far a neighborhood moves each parameter: a quarter of its value, up and down."""


PATTERNS = ((-1, -1, -1, -1), (1, 1, 1, 1), (1, -1, 1, -1), (-1, 1, -1, 1))
"""How a neighborhood moves the varied parameters (down -1, up +1): all down, all up, and two
alternations, so that every parameter moves both ways, with and against each of the others."""


def neighborhood(scenario: str, names: Sequence[str], *, scale: float = SCALE, **fixed: Any) -> list[dict[str, Any]]:
    """Settings around a scenario's defaults: the defaults, then the ``names`` moved together.

    Each setting after the first multiplies every named parameter by ``1 - scale`` or ``1 + scale``
    following one of ``PATTERNS`` (rounded for an integer parameter, kept inside its allowed
    range); the others stay at the scenario's values updated with ``fixed``.

    Raises:
        ValueError: a name that is not a parameter, one held in ``fixed`` as well, or more names
            than a pattern has places.
    """
    for name in names:
        if name not in BY_NAME:
            raise ValueError(f"unknown parameter {name!r} in a neighborhood: known are {', '.join(BY_NAME)}")
        if name in fixed:
            raise ValueError(f"parameter {name!r} is both varied and fixed in a neighborhood")
    if len(names) > len(PATTERNS[0]):
        raise ValueError(f"a neighborhood varies at most {len(PATTERNS[0])} parameters, not {len(names)}")
    base = {**scenario_params(scenario), **fixed}
    settings = [dict(fixed)]
    for pattern in PATTERNS:
        setting = dict(fixed)
        for name, sign in zip(names, pattern, strict=False):
            p = BY_NAME[name]
            value = min(p.max, max(p.min, base[name] * (1.0 + sign * scale)))
            setting[name] = round(value) if p.kind == "int" else value
        if setting not in settings:
            settings.append(setting)
    return settings


@lru_cache(maxsize=4096)
def _summary(scenario: str, seed: int, items: tuple, rules: tuple) -> dict[str, float]:
    result = simulate(scenario, seed=seed, enterprises=ENTERPRISES, rules=dict(rules) or None, **dict(items))
    return {**result.summary, **_extra(result)}


def _extra(result) -> dict[str, float]:
    """Measures the chapters quote that are not in ``Result.summary``."""
    s = result.series
    stages = result.stages.iloc[-4:].mean().to_numpy()
    return {
        "end_capacity": float(s["capacity"].iloc[-1]),
        "end_livestock": float(s["livestock"].iloc[-1]),
        "end_target_ratio": float(s["target"].iloc[-1] / s["potential_output"].iloc[-1]),
        "squeeze": float((s["grain"] / s["harvest"]).mean()),
        "overreport": float((s["reported_harvest"] / s["harvest"]).mean() - 1.0),
        "village": float((s["harvest"] - s["grain"]).mean()),
        "cascade_rise": float(stages[-1] - stages[0]),
        "usable_share": float(s["usable_output"].sum() / s["reported_output"].sum()),
        "reported_minus_actual_fulfillment": result.summary["plan_fulfillment_reported"]
        - result.summary["plan_fulfillment_actual"],
    }


def mean_measure(
    scenario: str,
    measure: str,
    *,
    seeds: Sequence[int] = SEEDS,
    rules: Mapping[str, Callable] | None = None,
    **params: Any,
) -> float:
    """A measure of ``scenario`` with ``params``, averaged over ``seeds``.

    ``measure`` is a summary metric (``antiplan.METRICS``) or one of the extra measures the
    chapters quote (``end_capacity``, ``end_livestock``, ``end_target_ratio``, ``squeeze``,
    ``overreport``, ``village``, ``cascade_rise`` (last stage's defect share over the last four
    quarters minus the first's), ``usable_share``,
    ``reported_minus_actual_fulfillment``).
    """
    items = tuple(sorted(params.items()))
    rule_items = tuple(sorted((rules or {}).items()))
    values = [_summary(scenario, seed, items, rule_items)[measure] for seed in seeds]
    return float(np.mean(values))


@dataclass(frozen=True)
class Comparison:
    """A chapter's sentence as two settings of the model: ``measure`` is larger under ``more``.

    Attributes:
        sentence: the chapter's words, for the test's report.
        measure: what is compared (see ``mean_measure``).
        more: the setting that should give more: parameters, and optionally ``scenario`` and ``rules``.
        less: the setting that should give less, in the same form; ``None`` for a measure that
            should be positive under ``more``.
        scenario: the scenario both settings start from unless they name their own.
        vary: the parameters moved in the neighborhood of the defaults.
        fixed: parameters held at these values in both settings (for example a high tempo).
    """

    sentence: str
    measure: str
    more: Mapping[str, Any]
    less: Mapping[str, Any] | None
    scenario: str
    vary: Sequence[str]
    fixed: Mapping[str, Any] = field(default_factory=dict)

    def margin(self, setting: Mapping[str, Any], seeds: Sequence[int] = SEEDS) -> float:
        """The mean of ``measure`` under ``more`` minus its mean under ``less``, at ``setting``."""
        more = self._mean(self.more, setting, seeds)
        return more if self.less is None else more - self._mean(self.less, setting, seeds)

    def _mean(self, side: Mapping[str, Any], setting: Mapping[str, Any], seeds: Sequence[int]) -> float:
        side = dict(side)
        scenario = side.pop("scenario", self.scenario)
        rules = side.pop("rules", None)
        return mean_measure(scenario, self.measure, seeds=seeds, rules=rules, **{**setting, **side})

    def margins(self, seeds: Sequence[int] = SEEDS) -> dict[str, float]:
        """The margin at every setting of the neighborhood, keyed by what that setting changes."""
        settings = neighborhood(self.scenario, self.vary, **self.fixed)
        return {_label(s, self.fixed): self.margin(s, seeds) for s in settings}


def _label(setting: Mapping[str, Any], fixed: Mapping[str, Any]) -> str:
    moved = {k: v for k, v in setting.items() if k not in fixed}
    return ", ".join(f"{k}={v:g}" for k, v in moved.items()) or "defaults"


def failures(claim: Comparison, seeds: Sequence[int] = SEEDS) -> dict[str, float]:
    """The settings of a claim's neighborhood where it fails (margin not positive), with the margin."""
    return {label: value for label, value in claim.margins(seeds).items() if not value > 0.0}
