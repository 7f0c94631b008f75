"""Calibration: fitting the model's parameters to the First Five-Year Plan's figures.

- ``moments``: the target moments, declared as data beside the historical file.
- ``statistics``: the model's side of each moment, computed from a run.
- ``fit``: ``calibrate``, the simulated method of moments with scipy's optimizer.
- ``report``: a fit as a table, a text and a figure.
- ``identification``: the derivatives at the fit, and the moments set rather than fitted.
- ``uncertainty``: the sandwich formula behind ``Fit.intervals``; ``coverage``, how often those
  intervals cover known values on a synthetic economy.
- ``held_out``: moments left out of a fit, and the model's prediction of them.
- ``record``: the recorded calibration the ``first-five-year-plan`` scenario takes its values from.

``calibrate`` and ``model_moments`` import scipy only when called.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Fit", "assess", "calibrate", "load_moments", "model_moments"]


def __getattr__(name: str) -> Any:
    if name in ("Fit", "assess", "calibrate", "model_moments"):
        from . import fit

        return getattr(fit, name)
    if name == "load_moments":
        from .moments import load_moments

        return load_moments
    raise AttributeError(f"module 'antiplan.calibration' has no attribute {name!r}")
