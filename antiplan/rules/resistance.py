"""Collective resistance: strikes, and how terror breaks them.

ODD section 7 (submodels), chapter 9: the Ivanovo-Voznesensk strike (Weissman 1988, ¶22-23),
which the article dates to April 1931; Rossman (Worker Resistance under Stalin, 2005), the standard
study of the region's strikes, dates the strikes of the Ivanovo Industrial Region to April 1932,
after the ration cuts of 1 April 1932.
"""

from __future__ import annotations

from .formula import formula
from .numeric import where

STRIKE_LOSS = 0.2
"""Share of a period's output lost to a strike (a stoppage of about two and a half weeks in a quarter)."""


@formula(
    r"\Pr(\text{strike})", lambda conditions, penalty, solidarity: solidarity * (1 - conditions) ** 2 / (1 + penalty)
)
def strike_chance(conditions, penalty, solidarity):
    """Chance that an enterprise's workers strike this period.

    Args:
        conditions: food, housing and pay, in [0, 1].
        penalty: price of defiance (the terror), in [0, 5].
        solidarity: strike chance at the worst conditions with no penalty, in [0, 1].

    Returns:
        Probability per period, in [0, 1].
    """
    return solidarity * (1.0 - conditions) ** 2 / (1.0 + penalty)


@formula("y^{s}_t", lambda actual, striking: actual * (1 - STRIKE_LOSS * striking))
def strike_output(actual, striking):
    """Output after a strike, if there is one.

    Args:
        actual: output before the strike (units per period, >= 0).
        striking: whether the workers strike this period (bool).

    Returns:
        Output (units per period, >= 0).
    """
    return where(striking, actual * (1.0 - STRIKE_LOSS), actual)
