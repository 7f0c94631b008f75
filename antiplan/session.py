"""Defaults for every later ``antiplan.simulate`` call in this Python process.

An assignment variant (``antiplan.variants``) runs a student's whole notebook in its own economy:
its parameters and seed become what ``simulate`` uses when a call does not say otherwise. An
argument given in the call always wins, so the book's and the exercises' code reads the same in
the base assignment and in every variant.
"""

from __future__ import annotations

from typing import Any

from .parameters import check_params

_params: dict[str, Any] = {}
_seed: int | None = None


def set_defaults(seed: int | None = None, **params: Any) -> None:
    """Make ``params`` (checked against ``antiplan.PARAMETERS``) and ``seed`` the process's defaults.

    Replaces the previous defaults; ``set_defaults()`` restores the model's own. Raises
    ``ValueError`` for an unknown parameter or a value out of its range (nothing changes then).
    """
    global _params, _seed
    checked = check_params(params)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise ValueError(f"seed={seed!r} is out of range: allowed is an integer >= 0")
    _params, _seed = checked, seed


def default_params() -> dict[str, Any]:
    """The process's default parameters (a copy; empty: the scenario's own values)."""
    return dict(_params)


def default_seed() -> int:
    """The seed of a run that names none: the process's default, or 0."""
    return 0 if _seed is None else _seed
