"""Construction: projects that take time, need complements, and can stand unfinished.

ODD section 7 (submodels), chapter 7: "whole factories were produced but lay idle because there
were no power stations to feed them" (Weissman 1988, ¶15).
"""

from __future__ import annotations

from .formula import exponential, formula
from .numeric import exp


@formula("J_t", lambda actual, invest_share: invest_share * actual)
def investment(actual, invest_share):
    """Output put into construction this period (counted in paper output as growth).

    Args:
        actual: the enterprise's actual output (units per period, >= 0).
        invest_share: share of output put into construction, in [0, 0.5].

    Returns:
        Construction put in place (output units per period, >= 0).
    """
    return invest_share * actual


@formula(
    "S_t",
    lambda investment, diversion, defect, capital_ratio: investment * (1 - diversion) * (1 - defect) / capital_ratio,
)
def capital_started(investment, diversion, defect, capital_ratio):
    """New capacity put under construction by this enterprise's investment.

    The share diverted to tractor plants leaves industry; defective materials build nothing; the
    rest buys capacity at ``capital_ratio`` units of output per unit of capacity.

    Args:
        investment: construction put in place (output units per period, >= 0).
        diversion: share of construction diverted to tractor plants, in [0, 1].
        defect: defect share of the enterprise's output, in [0, 1].
        capital_ratio: output units it takes to build one unit of capacity, in [1, 20].

    Returns:
        Capacity put under construction (capacity units, >= 0).
    """
    return investment * (1.0 - diversion) * (1.0 - defect) / capital_ratio


@formula(
    "K_{t+1}",
    lambda capacity, worn, capacity_noise, shock, ready: (
        capacity * (1 - worn) * exponential(capacity_noise * shock) + ready
    ),
)
def next_capacity(capacity, worn, capacity_noise, shock, ready):
    """An enterprise's capacity next period.

    What is left after wear, moved by a local shock the center cannot see, plus finished plants
    that go into use.

    Args:
        capacity: capacity this period (output units per period, > 0).
        worn: share worn out this period, in [0, 0.5].
        capacity_noise: spread of local shocks, log standard deviation per period in [0, 0.2].
        shock: this period's standard normal capacity shock for the enterprise.
        ready: capacity going into use this period (capacity units, >= 0).

    Returns:
        Capacity next period (output units per period, > 0).
    """
    return capacity * (1.0 - worn) * exp(capacity_noise * shock) + ready


@formula(
    ("U_{t+1}", "I_{t+1}", "A_t"),
    lambda unfinished, idle, started, build_periods, coordination: (
        (unfinished + started) * (1 - 1 / build_periods),
        (1 - coordination) * (idle + (unfinished + started) / build_periods),
        coordination * (idle + (unfinished + started) / build_periods),
    ),
)
def construction(unfinished, idle, started, build_periods, coordination):
    """One period of an enterprise's construction pipeline.

    A share ``1 / build_periods`` of the unfinished stock, including what was started this period, is
    finished each period, so a project takes ``build_periods`` periods on average: a part of it is
    finished in the period it is started and a part lingers long after. A finished plant
    (new or waiting) goes into use only when its complement is ready, with chance ``coordination``;
    otherwise it stands idle.

    Args:
        unfinished: capacity under construction (capacity units, >= 0).
        idle: finished capacity waiting for its complement (capacity units, >= 0).
        started: capacity put under construction this period (capacity units, >= 0).
        build_periods: periods a project takes on average (the lag is geometric), in [1, 20].
        coordination: chance per period that a complement is ready, in [0, 1].

    Returns:
        A tuple ``(unfinished, idle, ready)``: the new unfinished and idle stocks and the capacity
        that goes into use this period (capacity units, >= 0).
    """
    unfinished = unfinished + started
    finished = unfinished / build_periods
    waiting = idle + finished
    ready = coordination * waiting
    return unfinished - finished, waiting - ready, ready
