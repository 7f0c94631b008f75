"""The run settings beside the parameters: seed, periods and enterprises, their ranges and one check.

Every place that takes a run setting (``simulate``, an economy, the dashboard, a variant's spec, the
command line) checks it here, so the allowed ranges are stated once.
"""

from __future__ import annotations

from typing import Any

LIMITS: dict[str, tuple[int, int]] = {"periods": (2, 400), "enterprises": (2, 1_000_000), "seed": (0, 2**63 - 1)}
"""Each run setting's smallest and largest allowed value (integers, both included)."""


def check_setting(name: str, value: Any) -> int:
    """``value`` if it is an allowed ``name`` (``seed``, ``periods`` or ``enterprises``).

    Raises ``ValueError`` naming the value and the allowed range.
    """
    lo, hi = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(f"{name}={value!r} is out of range: allowed is an integer from {lo} to {hi}")
    return value
