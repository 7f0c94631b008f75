"""Which moments the fit learns from: each moment's derivatives at the fit, and the moments that are
set rather than fitted.

A moment whose model value is a fitted parameter itself (the 1932 real wage is the ``conditions``
parameter whenever the towns are fed) is matched by construction: the fit sets the parameter to the
history and the match is no evidence for the model. A moment that no fitted parameter moves cannot
inform the fit either. Both are reported as "set, not fitted". The derivatives are the fit's own
Jacobian: central differences of the seed-averaged moments on the fit's seeds (one-sided at a bound),
with a step of ``antiplan.calibration.fit.JACOBIAN_STEP`` of each parameter's range.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .fit import Fit

FITTED = "fitted"
SET = "set, not fitted"
IDENTITY_TOLERANCE = 1e-9
"""How close (relative to the parameter's size, at least 1) a moment must be to a parameter, on
every seed, and its derivative to 1, to count as that parameter by construction."""
UNMOVED = 0.01
"""A moment is unmoved when no parameter, crossing its whole range at the fit's slope, moves it by
this share of the moment's spread (the deviation that counts as one unit in the objective)."""


@dataclass(frozen=True)
class Identification:
    """How the fit treats one matched moment.

    Attributes:
        moment: the moment's name.
        status: ``"fitted"`` or ``"set, not fitted"``.
        parameter: the parameter the moment equals by construction, if any.
        reason: the status in plain words.
    """

    moment: str
    status: str
    parameter: str | None
    reason: str


def derivatives(fit: Fit) -> pd.DataFrame:
    """d(model moment)/d(parameter) at the fit: a row per matched moment, a column per fitted
    parameter, in the moment's unit per unit of the parameter."""
    return pd.DataFrame(fit.jacobian, index=[m.name for m in fit.matched], columns=list(fit.params))


def effects(fit: Fit) -> pd.DataFrame:
    """How far each parameter moves each moment across the parameter's whole range, at the fit's
    slope, in units of the moment's spread (1 is one unit of the objective's deviation)."""
    widths = np.array([fit.bounds[p][1] - fit.bounds[p][0] for p in fit.params])
    spreads = np.array([m.spread for m in fit.matched])
    return derivatives(fit) * widths[None, :] / spreads[:, None]


def _equals_parameter(fit: Fit, row: int, moment: str) -> str | None:
    """The parameter the moment equals at the fit (value on every seed, and slope), if any."""
    slopes = fit.jacobian[row]
    for j, name in enumerate(fit.params):
        value = fit.values[name]
        scale = max(1.0, abs(value))
        others = np.delete(slopes, j)
        if (
            abs(fit.model[moment] - value) <= IDENTITY_TOLERANCE * scale
            and fit.seed_spread[moment] <= IDENTITY_TOLERANCE * scale
            and abs(slopes[j] - 1.0) <= 1e3 * IDENTITY_TOLERANCE
            and np.all(np.abs(others) <= 1e3 * IDENTITY_TOLERANCE)
        ):
            return name
    return None


def identify(fit: Fit) -> dict[str, Identification]:
    """Each matched moment's ``Identification``, by moment name (unmatched moments are left out)."""
    moved = effects(fit).abs().max(axis=1)
    out = {}
    for row, m in enumerate(fit.matched):
        parameter = _equals_parameter(fit, row, m.name)
        if parameter is not None:
            reason = (
                f"the model's {m.statistic} is the parameter {parameter} itself at the fit, on every seed: "
                f"the fit sets {parameter} to the history, so the match is no evidence for the model"
            )
            out[m.name] = Identification(m.name, SET, parameter, reason)
        elif not moved[m.name] >= UNMOVED:
            reason = (
                f"no fitted parameter moves it (across its whole range, by less than {UNMOVED:.0%} of the "
                f"moment's spread): the fit cannot learn from it"
            )
            out[m.name] = Identification(m.name, SET, None, reason)
        else:
            lever = str(effects(fit).loc[m.name].abs().idxmax())
            out[m.name] = Identification(m.name, FITTED, None, f"moved most by {lever}")
    return out
