"""Managers' reports: padding a shortfall toward the target (pripiski).

ODD section 7 (submodels), chapter 3.
"""

from __future__ import annotations

from .formula import formula, maximum
from .numeric import positive, where


@formula(r"\pi", lambda penalty, audit: (1 - audit) * penalty / (1 + penalty))
def padding_share(penalty, audit):
    """Share of a shortfall a manager hides by padding his report.

    The heavier the price of an honest shortfall, the more is padded; the likelier an audit,
    the less (Harrison 2011: false accounting as a margin of optimization).

    Args:
        penalty: price of a reported shortfall, in [0, 5] (multiples of the shortfall).
        audit: chance per period that a padded report is checked, in [0, 1].

    Returns:
        The padded share of the shortfall, in [0, 1).
    """
    return (1.0 - audit) * penalty / (1.0 + penalty)


@formula("R_t", lambda actual, target, padding, caught: actual + (1 - caught) * padding * maximum(target - actual, 0))
def report(actual, target, padding, caught):
    """Output a manager reports to the center.

    Args:
        actual: actual output (units per period, >= 0).
        target: this period's target (units per period, >= 0).
        padding: share of the shortfall padded, in [0, 1].
        caught: whether an audit checks this report (bool); a checked report is the truth.

    Returns:
        Reported output (units per period, >= actual).
    """
    padded = actual + padding * positive(target - actual)
    return where(caught, actual, padded)
