"""Checks for a rule of the student's own design: properties any reasonable answer has, never equality.

A question that asks a student to design their own version of one of the model's rules cannot be
graded against one right answer. It is graded on what any defensible version must do: return a finite
number for every input the model can pass it (``expect_rule_values``), stay within the bounds the
quantity has (``expect_rule_between``), move the right way as an input moves (``expect_rule_monotone``),
and, run in the chapter's economy, push the economy the way the mechanism says (``run_with_rule``, then
the comparisons in ``antiplan.grading.asserts``). Load this module afresh in every test cell, as with
``asserts``::

    import sys
    for name in ("antiplan.grading.asserts", "antiplan.grading.rule_asserts"):
        sys.modules.pop(name, None)
    from antiplan.grading.asserts import *
    from antiplan.grading.rule_asserts import *

Every ``expect_*`` function raises ``asserts.Failed`` with a message for the student that names the
call that broke the property and the values it gave.
"""

from __future__ import annotations

import functools as _functools

from .asserts import Failed, _kernel_economy, call, expect_function, expect_number

__all__ = [
    "cases_over",
    "expect_rule_between",
    "expect_rule_monotone",
    "expect_rule_values",
    "run_with_rule",
]

_LIST = [].__class__
_TUPLE = ().__class__
_TOLERANCE = 1e-12  # rounding in a student's arithmetic must not count as a change of direction


def cases_over(*axes) -> list[tuple]:
    """Every combination of the values on ``axes`` (one list per argument), as argument tuples.

    Example: ``cases_over([0.0, 0.5, 1.0], [0.0, 1.0])`` gives six pairs, first argument slowest.
    """
    combos: list[tuple] = [()]
    for axis in axes:
        combos = [combo + (value,) for combo in combos for value in _LIST(axis)]
    return combos


def _shown(name: str, args: tuple) -> str:
    return f"{name}({', '.join(repr(a) for a in args)})"


def _moved(base, position: int, value) -> tuple:
    args = _LIST(base)
    args[position] = value
    return _TUPLE(args)


def _prefetch(function, cases) -> None:
    """Where ``function`` is a stand-in for the student's (it runs in the student's process), ask for
    every case in one exchange; the checks then read the results one by one. A case that fails is
    left for the call that names it."""
    many = getattr(function, "many", None)
    if many is not None:
        try:
            many([_TUPLE(args) for args in cases])
        except Exception:  # noqa: BLE001 - each case is called again, alone, and its failure named
            pass


def _value(function, name: str, args: tuple) -> float:
    return expect_number(call(function, args, _shown(name, args)), _shown(name, args))


def expect_rule_values(function, name: str, cases, nargs: int) -> list[float]:
    """Check that ``function`` is a function of ``nargs`` arguments returning a finite number on every
    argument tuple in ``cases``; return the values.

    Args:
        function: the student's rule.
        name: its name as the student wrote it, e.g. ``"my_quit_rate"``.
        cases: argument tuples, e.g. from ``cases_over`` on the parameter ranges.
        nargs: how many arguments the model passes to the rule.
    """
    expect_function(function, f"`{name}`", nargs=nargs)
    cases = _LIST(cases)
    _prefetch(function, cases)
    return [_value(function, name, _TUPLE(args)) for args in cases]


def expect_rule_between(function, name: str, cases, low: float, high: float, what: str) -> None:
    """Check that ``function`` stays within ``[low, high]`` on every argument tuple in ``cases``.

    ``what`` says what the bound means, e.g. ``"a share of the workforce"``.
    """
    cases = _LIST(cases)
    _prefetch(function, cases)
    for args in cases:
        value = _value(function, name, _TUPLE(args))
        if not (low - _TOLERANCE <= value <= high + _TOLERANCE):
            raise Failed(
                f"{_shown(name, _TUPLE(args))} is {value:.6g}, but it is {what}: "
                f"it should lie between {low:g} and {high:g}."
            )


def expect_rule_monotone(function, name: str, cases, position: int, values, direction: str, argument: str) -> None:
    """Check that ``function`` moves one way as its argument at ``position`` runs through ``values``.

    Args:
        function: the student's rule.
        name: its name as the student wrote it.
        cases: argument tuples to start from; the argument at ``position`` is replaced by each of
            ``values`` in turn (in increasing order).
        position: the index of the argument that moves (0 for the first).
        values: the values it takes, increasing.
        direction: ``"rising"`` (never falls as the argument rises) or ``"falling"`` (never rises).
        argument: the argument's name, for the message.
    """
    if direction not in ("rising", "falling"):
        raise ValueError(f"direction must be 'rising' or 'falling', not {direction!r}")
    cases, values = _LIST(cases), _LIST(values)
    _prefetch(function, [_moved(base, position, value) for base in cases for value in values])
    for base in cases:
        previous = None
        for value in values:
            args = _moved(base, position, value)
            result = _value(function, name, args)
            if previous is not None:
                before_args, before = previous
                wrong = result < before - _TOLERANCE if direction == "rising" else result > before + _TOLERANCE
                if wrong:
                    should = "fall" if direction == "rising" else "rise"
                    raise Failed(
                        f"`{name}` should not {should} as `{argument}` rises, but "
                        f"{_shown(name, before_args)} is {before:.6g} and {_shown(name, args)} is {result:.6g}."
                    )
            previous = (args, result)


def _elementwise(function, rule: str):
    """``function`` as the reference engine calls a rule (one plain number per argument), fit for the
    vectorized engine's arrays: called on each element, all of a step's calls in one exchange when
    ``function`` is a stand-in for the student's (``function.many``). Only plain numbers, or tuples of
    them, come back: an object that pretends to be a number stops the run instead of steering it."""
    what = f"what your rule for `{rule}` returns"
    many = getattr(function, "many", None)

    def checked(value):
        if value.__class__ is _TUPLE:
            return _TUPLE(expect_number(v, what) for v in value)
        return expect_number(value, what)

    @_functools.wraps(function)
    def each(*args):
        import numpy

        if not any(a.__class__ is numpy.ndarray for a in args):
            return checked(function(*args))
        arrays = numpy.broadcast_arrays(*[numpy.asarray(a, dtype=float) for a in args])
        cases = list(zip(*[a.ravel().tolist() for a in arrays], strict=True))
        values = [checked(v) for v in (many(cases) if many is not None else [function(*case) for case in cases])]
        shape = arrays[0].shape
        if values and values[0].__class__ is _TUPLE:
            return _TUPLE(numpy.array(part, dtype=float).reshape(shape) for part in zip(*values, strict=True))
        return numpy.array(values, dtype=float).reshape(shape)

    return each


def run_with_rule(rule: str, function, scenario: str, **params) -> dict[str, float]:
    """The summary of ``scenario`` run with the student's ``function`` in place of the model's ``rule``.

    The run happens in the tests' clean process (``antiplan.grading.clean``), in its economy (an
    assignment variant's, as the grader decided it), with the vectorized engine; the student's rule
    is called as the reference engine calls it, with one plain number per argument, so a rule
    written with ``if`` or ``max`` works as well as one written with NumPy. Where ``function`` is a
    stand-in for the student's own (it runs in the student's process), each step's calls cross the
    boundary together.

    Args:
        rule: the model's name for the rule, e.g. ``"quit_rate"`` (``antiplan.DEFAULT_RULES``).
        function: the student's rule.
        scenario: the scenario to run, e.g. ``"ch06"``.
        **params: parameter values for the run.

    Returns:
        The run's summary, metric name to float. A rule that fails, or makes the model's output
        infinite or not a number, is reported as ``Failed`` naming the rule.
    """
    expect_function(function, f"your rule for `{rule}`")
    import antiplan

    from .fresh import economy_of, use_economy

    try:
        with use_economy(economy_of(_kernel_economy())):
            result = antiplan.simulate(scenario, rules={rule: _elementwise(function, rule)}, **params)
    except Exception as error:  # the student's rule failed inside the model: their bug, said plainly
        raise Failed(f"The model could not run {scenario!r} with your rule for `{rule}`: {error}") from None
    return {str(k): float(v) for k, v in result.summary.items()}
