"""Construction: projects that take time, need complements, and can stand unfinished.

ODD section 7 (submodels), chapter 7: "whole factories were produced but lay idle because there
were no power stations to feed them" (Weissman 1988, ¶15).
"""

from __future__ import annotations


def construction(unfinished, idle, started, build_periods, coordination):
    """One period of an enterprise's construction pipeline.

    A share ``1 / build_periods`` of the unfinished stock is finished each period. A finished plant
    (new or waiting) goes into use only when its complement is ready, with chance ``coordination``;
    otherwise it stands idle.

    Args:
        unfinished: capacity under construction (capacity units, >= 0).
        idle: finished capacity waiting for its complement (capacity units, >= 0).
        started: capacity put under construction this period (capacity units, >= 0).
        build_periods: periods a project takes, in [1, 20].
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
