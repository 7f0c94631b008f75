"""Sampling uncertainty of a fit: the simulated method of moments' sandwich formula.

The estimator minimizes (m_S(theta) - h)' W (m_S(theta) - h), where h are the historical moments,
m_S the model moments averaged over S seeds and W = diag(weight / spread^2). To first order the
fitted parameters vary as A e, with A = (G'WG)^-1 G'W, G the derivatives of the model moments at the
fit and e = h - m_S(theta_true) the moments' error, whose variance is

    Omega = R + (1 + 1/S) Sigma

- R = diag(spread^2): the reading noise. Each moment's spread (half the range of its readings, or
  its tolerance times a single figure) is taken as one standard deviation of its reading.
- Sigma: the variance of one run's moments over seeds. History is one draw of the economy (one
  run), and the model side averages S runs, which adds Sigma / S: the factor 1 + 1/S.

The parameters' covariance is A Omega A'. Sigma is estimated at the fit on ``NOISE_SEEDS`` seeds
apart from the fit's own, so a fit on few seeds still gets a steady estimate of it. The intervals
assume the model is right and the readings' errors are as wide as their spreads: ``expected_objective``
gives what the objective would then be on average, to set beside the one reached.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

NOISE_SEEDS = 32
"""Seeds, apart from the fit's, on which the variance of one run's moments is estimated at the fit."""
Z95 = 1.959963984540054
"""The standard normal's 97.5 % quantile: a 95 % interval is the estimate +/- Z95 standard errors."""
INTERVALS_MEAN = (
    "fitted value +/- 1.96 sampling standard errors from the simulated method of moments' sandwich formula "
    "(G'WG)^-1 G'W Omega W G (G'WG)^-1, clipped to the parameter's bounds; Omega is the moments' reading noise "
    "(each spread taken as one standard deviation) plus the variance of one run over seeds times 1 + 1/S for S "
    "seeds, so it includes the seeds' noise; it assumes the model is right"
)
"""What the fit's ``intervals`` are, in words, for the report and its ``--json``."""


@dataclass(frozen=True)
class Sandwich:
    """The sandwich formula's result at a fit.

    Attributes:
        covariance: the fitted parameters' covariance (p x p, parameter units squared); all ``nan``
            where the moments do not pin every parameter down.
        errors: each parameter's standard error (its unit, >= 0; ``inf`` where not pinned down).
        omega: the variance of the moments' error, reading noise plus (1 + 1/S) times one run's.
        expected_objective: the objective's mean at the fit if the model were right (>= 0).
    """

    covariance: np.ndarray
    errors: np.ndarray
    omega: np.ndarray
    expected_objective: float


def sandwich(
    jacobian: np.ndarray,
    weights: np.ndarray,
    spreads: np.ndarray,
    run_moments: np.ndarray,
    seeds: int,
) -> Sandwich:
    """The parameters' sampling covariance by the SMM sandwich formula (see the module's text).

    Args:
        jacobian: d(model moment)/d(parameter) at the fit, (K moments, p parameters).
        weights: each moment's weight in the objective (K, >= 0).
        spreads: each moment's spread, its unit of deviation (K, > 0), taken as its reading's
            standard deviation.
        run_moments: the moments of single runs at the fit, one row per seed (at least 2 rows, K
            columns); their covariance is one run's variance over seeds.
        seeds: S, the seeds each evaluation of the fit averaged (>= 1).
    """
    k, p = jacobian.shape
    weighting = np.diag(weights / spreads**2)
    one_run = np.atleast_2d(np.cov(run_moments, rowvar=False)) if len(run_moments) > 1 else np.zeros((k, k))
    omega = np.diag(spreads**2) + (1.0 + 1.0 / seeds) * one_run
    info = jacobian.T @ weighting @ jacobian
    if np.linalg.matrix_rank(info, tol=1e-10 * max(1.0, float(np.abs(info).max()))) < p:
        # Some combination of parameters moves no moment: the formula has no answer for them.
        nan = np.full((p, p), np.nan)
        return Sandwich(nan, _isolated_errors(jacobian, weighting, omega, info), omega, float("nan"))
    a = np.linalg.solve(info, jacobian.T @ weighting)
    covariance = a @ omega @ a.T
    residual = np.eye(k) - jacobian @ a
    expected = float(np.trace(weighting @ residual @ omega @ residual.T))
    return Sandwich(covariance, np.sqrt(np.clip(np.diag(covariance), 0.0, None)), omega, expected)


def _isolated_errors(jacobian, weighting, omega, info) -> np.ndarray:
    """Standard errors where the curvature is singular: finite only for a parameter that moves
    moments no other parameter moves (it is estimated alone), ``inf`` for the rest."""
    p = info.shape[0]
    errors = np.full(p, np.inf)
    for j in range(p):
        if info[j, j] > 0 and np.allclose(np.delete(info[j], j), 0.0):
            a = (jacobian[:, j] @ weighting) / info[j, j]
            errors[j] = float(np.sqrt(max(a @ omega @ a, 0.0)))
    return errors


def intervals(
    values: Sequence[float], errors: Sequence[float], bounds: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """95 % intervals: each value +/- ``Z95`` errors, clipped to its (low, high) bounds (an
    infinite error gives the whole range)."""
    out = []
    for value, error, (low, high) in zip(values, errors, bounds, strict=True):
        half = Z95 * error
        if not np.isfinite(half):
            out.append((low, high))
            continue
        out.append((float(max(low, value - half)), float(min(high, value + half))))
    return out
