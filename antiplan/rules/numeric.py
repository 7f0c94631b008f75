"""Arithmetic helpers that work on a single number and on a NumPy array alike.

Every rule of the model is written once with these helpers, so the reference engine can call it
with plain Python floats (one enterprise at a time, at plain-Python speed) and the vectorized engine
with arrays (every enterprise at once).
"""

from __future__ import annotations

import math

import numpy as np


def positive(x):
    """``x`` where it is above zero, else zero."""
    if isinstance(x, np.ndarray):
        return np.maximum(x, 0.0)
    return x if x > 0.0 else 0.0


def clip(x, lo, hi):
    """``x`` limited to the interval [lo, hi]."""
    if isinstance(x, np.ndarray):
        return np.clip(x, lo, hi)
    return lo if x < lo else hi if x > hi else x


def exp(x):
    """The exponential of ``x``."""
    if isinstance(x, np.ndarray):
        return np.exp(x)
    return math.exp(x)


def where(condition, if_true, if_false):
    """``if_true`` where ``condition`` holds, else ``if_false``."""
    if isinstance(condition, np.ndarray):
        return np.where(condition, if_true, if_false)
    return if_true if condition else if_false
