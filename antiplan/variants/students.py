"""Per-student numbers: each student's parameters and seed derive from their id and the assignment's.

A hash, not a random draw: the same (assignment, student) always gives the same numbers, on any
machine, with nothing stored; two students almost surely get different ones.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..parameters import BY_NAME
from .spec import DEFAULT_SPREAD

SEED_RANGE = 2**31
"""Per-student seeds lie in [0, 2**31)."""


def _unit(assignment: str, student: str, what: str) -> float:
    """A number in [0, 1) fixed by (assignment, student, what)."""
    digest = hashlib.sha256(f"{assignment}\0{student}\0{what}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def student_params(spec: dict[str, Any], student: str | None) -> dict[str, Any]:
    """``{"params": ..., "seed": ...}`` of ``student`` in the validated variant ``spec``.

    Without ``per_student`` (or without a student) these are the spec's own. Otherwise each numeric
    parameter of ``params`` moves to a value within ``value * (1 +- spread)`` (a parameter whose value
    is 0 moves within ``spread`` times half its range; an integer one by whole steps), clipped to the
    parameter table's range, and the seed is drawn afresh in [0, 2**31). Switches do not move.
    """
    params, seed = dict(spec["params"]), spec["seed"]
    if not spec.get("per_student") or not student:
        return {"params": params, "seed": seed}
    spread = spec.get("spread", DEFAULT_SPREAD)
    for name, value in spec["params"].items():
        table = BY_NAME[name]
        if table.kind == "bool":
            continue
        u = 2.0 * _unit(spec["id"], student, name) - 1.0
        width = spread * abs(value) if value else spread * (table.max - table.min) / 2.0
        moved = min(max(value + u * width, table.min), table.max)
        if table.kind == "int":
            moved = int(min(max(round(moved), table.min), table.max))
        else:
            moved = round(moved, 6)
        params[name] = table.check(moved)
    return {"params": params, "seed": int(_unit(spec["id"], student, "seed") * SEED_RANGE)}
