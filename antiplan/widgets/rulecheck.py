"""Checking a student's rule before and while the model runs it, with messages in plain language.

A rule is checked three ways: its signature (the model's own ``resolve_rules``), a trial on the very
arguments the model passes to the default rule (recorded once from a short run), and, while the
dashboard runs it, a guard that stops the run at the first call that fails or returns a value that
is not a finite number.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..rules import DEFAULT_RULES, resolve_rules
from ..simulate import simulate
from .timelimit import RULE_SECONDS, TimeLimitExceeded, time_limit

SAMPLE_RUN = {"scenario": "command", "seed": 0, "periods": 3, "enterprises": 12}
"""The short run whose calls to each default rule are recorded as trial arguments."""


class RuleError(Exception):
    """A student's rule cannot be used; ``str(problem)`` is the plain-language message."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Call:
    """One recorded call of a default rule: its arguments and what the default returned."""

    args: tuple
    result: Any


def _copy(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)
    return value


def _kind(value: Any) -> str:
    return "array" if np.ndim(value) else "number"


@functools.cache
def sample_calls() -> dict[str, tuple[Call, ...]]:
    """For each default rule, the calls the model makes to it: one per kind of arguments (arrays, numbers).

    Recorded from the last period of ``SAMPLE_RUN``, so a trial sees arguments the model really passes.
    """
    recorded: dict[str, dict[tuple, Call]] = {name: {} for name in DEFAULT_RULES}

    def spy(name: str, function: Callable) -> Callable:
        def call(*args):
            result = function(*args)
            key = tuple((_kind(a), np.shape(a)) for a in args)
            recorded[name][key] = Call(_copy(args), _copy(result))
            return result

        return call

    scenario = SAMPLE_RUN["scenario"]
    size = {k: v for k, v in SAMPLE_RUN.items() if k != "scenario"}
    simulate(scenario, rules={name: spy(name, f) for name, f in DEFAULT_RULES.items()}, **size)
    return {name: tuple(calls.values()) for name, calls in recorded.items()}


def _where_in(function: Callable, error: BaseException) -> str:
    """ " (line N of f: `code`)" for the last line of the student's own code in the error's traceback."""
    code = getattr(function, "__code__", None)
    if code is None:
        return ""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == code.co_filename]
    if not frames:
        return ""
    frame = frames[-1]
    line = f": `{frame.line.strip()}`" if frame.line else ""
    return f" (line {frame.lineno} of {frame.name}{line})"


def _hint(error: BaseException) -> str:
    text = str(error)
    if "truth value of an array" in text:
        return (
            " The model passes NumPy arrays (one value per enterprise), so `if`, `and`, `or`, `max` and "
            "`min` do not work on them: use `np.where`, `np.maximum`, `np.minimum`, or the helpers in "
            "`antiplan.rules.numeric` (`positive`, `clip`, `where`)."
        )
    return ""


def describe_error(name: str, function: Callable, error: BaseException) -> str:
    """A plain-language message for an exception raised by the student's rule ``name``."""
    return (
        f"Your rule `{name}` stopped with an error when the model called it: "
        f"{type(error).__name__}: {error}{_where_in(function, error)}.{_hint(error)}"
    )


def _shape_words(shape: tuple) -> str:
    if shape == ():
        return "a single number"
    if len(shape) == 1:
        return f"an array of {shape[0]} values"
    return f"an array of shape {shape}"


def _returned_words(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return f"{len(value)} values"
    if isinstance(value, (int, float, np.ndarray, np.number)):
        return _shape_words(np.shape(value))
    return f"a {type(value).__name__}"


def _nonfinite_words(values: np.ndarray) -> str:
    if np.isnan(values).any():
        return "NaN (not a number)"
    return "an infinite value"


def _check_value(name: str, value: Any, expected: Any, what: str) -> None:
    """Raise ``RuleError`` unless ``value`` is numbers of the same shape as ``expected``, all finite."""
    if value is None:
        raise RuleError(name, f"Your rule `{name}` returned nothing (None){what}: did you forget `return`?")
    try:
        values = np.asarray(value)
    except Exception:  # noqa: BLE001 - anything that is not array-like
        values = np.asarray(None)
    if values.dtype.kind not in "biuf":
        raise RuleError(name, f"Your rule `{name}` returned {type(value).__name__} {value!r:.60}{what}, not a number.")
    want = np.shape(expected)
    if values.shape != want:
        raise RuleError(
            name,
            f"Your rule `{name}` returned {_shape_words(values.shape)}{what}, but the model needs "
            f"{_shape_words(want)} there (the default rule's answer has that shape).",
        )
    if not np.isfinite(values).all():
        raise RuleError(
            name, f"Your rule `{name}` returned {_nonfinite_words(values)}{what}: every value must be a finite number."
        )


def check_output(name: str, result: Any, expected: Any, what: str = "") -> None:
    """Check one output of the rule ``name`` against the default rule's output ``expected``."""
    if isinstance(expected, tuple):
        if not isinstance(result, (tuple, list)) or len(result) != len(expected):
            raise RuleError(
                name,
                f"Your rule `{name}` must return {len(expected)} values separated by commas{what}, "
                f"like the default rule, but it returned {_returned_words(result)}.",
            )
        for k, (part, want) in enumerate(zip(result, expected, strict=True)):
            check_output(name, part, want, f" as its value number {k + 1}{what}")
        return
    _check_value(name, result, expected, what)


def _unchanged(before: tuple, after: tuple) -> int | None:
    """Index of the first argument changed in place, or None."""
    for k, (a, b) in enumerate(zip(before, after, strict=True)):
        if isinstance(a, np.ndarray) and not np.array_equal(a, b, equal_nan=True):
            return k
    return None


def check_rule(name: str, function: Any) -> Callable:
    """Check a student's rule for ``name``; return it, or raise ``RuleError`` with a plain message.

    Checks: the rule exists, is a function with the right number of arguments (the model's own
    check), and on every kind of arguments the model passes it, it runs, returns numbers of the
    same shape as the default rule, all finite, and leaves its arguments unchanged.
    """
    if name not in DEFAULT_RULES:
        close = difflib.get_close_matches(name, DEFAULT_RULES, n=1)
        guess = f" Did you mean `{close[0]}`?" if close else ""
        known = ", ".join(DEFAULT_RULES)
        raise RuleError(name, f"There is no rule called `{name}`.{guess} The model's rules are: {known}.")
    if not callable(function):
        raise RuleError(
            name, f"The rule `{name}` must be a function (defined with `def`), not {type(function).__name__}."
        )
    try:
        resolve_rules({name: function})
    except ValueError as error:
        raise RuleError(name, f"Your rule `{name}` cannot be used: {error}.") from None
    params = ", ".join(inspect.signature(DEFAULT_RULES[name]).parameters)
    for call in sample_calls()[name]:
        args = _copy(call.args)
        kinds = "arrays (one value per enterprise)" if any(np.ndim(a) for a in args) else "single numbers"
        what = f" when the model passed it {kinds} for ({params})"
        try:
            with time_limit(RULE_SECONDS):
                result = function(*args)
        except TimeLimitExceeded:
            raise RuleError(
                name,
                f"Your rule `{name}` was stopped after {RULE_SECONDS:g} seconds on one call: it may loop forever "
                "(a `while` whose condition never becomes false?) or do far more work than the model's rule.",
            ) from None
        except Exception as error:  # noqa: BLE001 - any error in student code becomes a message
            raise RuleError(name, describe_error(name, function, error)) from None
        check_output(name, result, call.result, what)
        changed = _unchanged(call.args, args)
        if changed is not None:
            arg = params.split(", ")[changed]
            raise RuleError(
                name,
                f"Your rule `{name}` changed its argument `{arg}` in place; compute and return a new value "
                "instead (for instance `x = x * 2`, not `x *= 2`).",
            )
    return function


def guard(name: str, function: Callable) -> Callable:
    """``function`` wrapped so that a failing call or a value that is not finite raises ``RuleError``."""

    def guarded(*args):
        try:
            result = function(*args)
        except Exception as error:  # noqa: BLE001 - any error in student code becomes a message
            raise RuleError(name, describe_error(name, function, error)) from None
        parts = result if isinstance(result, (tuple, list)) else (result,)
        for part in parts:
            try:
                finite = bool(np.isfinite(np.asarray(part, dtype=float)).all())
            except (TypeError, ValueError):
                raise RuleError(name, f"Your rule `{name}` returned {type(part).__name__}, not a number.") from None
            if not finite:
                raise RuleError(
                    name,
                    f"Your rule `{name}` returned {_nonfinite_words(np.asarray(part, dtype=float))} during the "
                    "run (at these settings): every value must be a finite number.",
                )
        return result

    guarded.__name__ = getattr(function, "__name__", name)
    return guarded


@dataclass
class RuleSet:
    """A student's rules after checking: the usable ones (guarded) and the problems, by rule name."""

    usable: dict[str, Callable]
    problems: dict[str, str]

    @classmethod
    def check(cls, rules: Mapping[str, Any]) -> RuleSet:
        """Check each of ``rules``; keep those that pass, wrapped by ``guard``."""
        usable, problems = {}, {}
        for name, function in rules.items():
            try:
                usable[name] = guard(name, check_rule(name, function))
            except RuleError as problem:
                problems[name] = problem.message
        return cls(usable, problems)
