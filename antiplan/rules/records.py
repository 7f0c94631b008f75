"""Shock work and Stakhanovism: rigged records.

ODD section 7 (submodels), chapter 8: records "rigged by opportunist managers and workers in
collusion to win bonuses for themselves" (Weissman 1988, ¶21).
"""

from __future__ import annotations

from .formula import formula

RECORD_STEP = 0.1
"""Most a new record claims over the last one, per period, at full bonus."""


@formula("r_{t+1}", lambda record, record_bonus: record * (1 + RECORD_STEP * record_bonus))
def next_record(record, record_bonus):
    """The enterprise's reported record, as an index of output per worker (1 = start).

    Each rigged record must beat the last to earn the bonus, so records climb at a pace set by the
    bonus, whatever happens to output.

    Args:
        record: last reported record (index, >= 1).
        record_bonus: bonus intensity, in [0, 1].

    Returns:
        This period's reported record (index, >= record).
    """
    return record * (1.0 + RECORD_STEP * record_bonus)


@formula(
    "y^{r}_t",
    lambda actual, record_bonus, record_cost: actual * (1 - record_cost * record_bonus),
    symbols={"actual": "y^{s}_t"},
)
def record_output(actual, record_bonus, record_cost):
    """Output left after staging a record: the record team gets the best machines and materials.

    Args:
        actual: output before the record (units per period, >= 0).
        record_bonus: bonus intensity, in [0, 1].
        record_cost: share of output lost at full bonus, in [0, 0.5].

    Returns:
        Output (units per period, >= 0).
    """
    return actual * (1.0 - record_cost * record_bonus)
