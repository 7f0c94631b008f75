"""A rule's formula, declared once beside the rule: the book renders it, the tests check it.

A declaration is a Python expression over the rule's own argument names, written with the helpers
below (``maximum``, ``minimum``, ``exponential``, ``cases``). Built on SymPy symbols it gives the LaTeX the
book shows (with the notation of ``antiplan.rules.symbols``); evaluated on numbers it must give what
the rule computes, which ``tests/test_formulas.py`` checks across the parameter table's ranges.
SymPy is imported only when a formula is rendered or evaluated, never when the model runs.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .symbols import symbol


def _sympy():
    import sympy

    return sympy


def maximum(*args):
    """The largest of ``args`` (rendered as max)."""
    return _sympy().Max(*args)


def minimum(*args):
    """The smallest of ``args`` (rendered as min)."""
    return _sympy().Min(*args)


def exponential(x):
    """The exponential of ``x`` (rendered as a power of e)."""
    return _sympy().exp(x)


def cases(*pairs):
    """``(value, condition)`` pairs, the first whose condition holds; the last condition may be ``True``."""
    return _sympy().Piecewise(*pairs)


def at_most(x, y):
    """The condition ``x <= y``."""
    return _sympy().LessThan(x, y, evaluate=False)


def at_least(x, y):
    """The condition ``x >= y``."""
    return _sympy().GreaterThan(x, y, evaluate=False)


def _flat(expression: Any) -> Any:
    """``expression`` with sums of sums and products of products made one, terms kept in the order written.

    Unevaluated SymPy nests ``a + b + c`` as ``(a + b) + c``, which would print its parentheses.
    """
    sp = _sympy()
    if not isinstance(expression, sp.Basic) or expression.is_Atom:
        return expression
    args = [_flat(a) for a in expression.args]
    if expression.func in (sp.Add, sp.Mul):
        terms = [t for a in args for t in (a.args if a.func is expression.func else (a,))]
        return expression.func(*terms, evaluate=False)
    return expression.func(*args)


def _argument_names(function: Callable) -> list[str]:
    return list(inspect.signature(function).parameters)


@dataclass(frozen=True)
class Formula:
    """A rule's formula.

    Attributes:
        lhs: LaTeX of the left-hand side, one per value the rule returns.
        build: the right-hand side(s), a function of the rule's arguments (by name) and of the
            names in ``where``.
        where: names used in ``build`` that are not arguments, each defined by a function of the
            rule's arguments; shown after the formula and substituted when it is evaluated.
        symbols: symbols for this formula only, by argument name (for instance the production
            shock, which the rules call ``shock`` like the capacity shock).
        arguments: the rule's argument names, in order (set by ``formula``).
    """

    lhs: tuple[str, ...]
    build: Callable
    where: Mapping[str, Callable] = field(default_factory=dict)
    symbols: Mapping[str, str] = field(default_factory=dict)
    arguments: tuple[str, ...] = ()

    def _symbols(self) -> dict[str, Any]:
        sp = _sympy()
        return {name: sp.Symbol(name) for name in (*self.arguments, *self.where)}

    def _call(self, function: Callable, symbols: Mapping[str, Any]) -> Any:
        sp = _sympy()
        with sp.evaluate(False):
            value = function(*(symbols[name] for name in _argument_names(function)))
            return tuple(map(_flat, value)) if isinstance(value, tuple) else _flat(value)

    def expressions(self) -> tuple[Any, ...]:
        """The right-hand sides as SymPy expressions, one per value the rule returns."""
        value = self._call(self.build, self._symbols())
        return tuple(value) if isinstance(value, tuple) else (value,)

    def definitions(self) -> dict[str, Any]:
        """Each name in ``where``, as a SymPy expression of the rule's arguments."""
        symbols = self._symbols()
        return {name: self._call(define, symbols) for name, define in self.where.items()}

    def symbol(self, name: str) -> str:
        """The LaTeX symbol of ``name`` in this formula."""
        return self.symbols.get(name) or symbol(name)

    def latex(self) -> str:
        """The formula in LaTeX, with the book's notation; several values are aligned."""
        sp = _sympy()
        names = {s: self.symbol(n) for n, s in self._symbols().items()}

        def tex(expression: Any) -> str:
            return sp.latex(expression, order="none", symbol_names=names, mul_symbol=None)

        lines = [(lhs, tex(e)) for lhs, e in zip(self.lhs, self.expressions(), strict=True)]
        lines += [(self.symbol(n), tex(e)) for n, e in self.definitions().items()]
        if len(lines) == 1:
            return f"{lines[0][0]} = {lines[0][1]}"
        body = r" \\ ".join(f"{lhs} &= {rhs}" for lhs, rhs in lines)
        return rf"\begin{{aligned}} {body} \end{{aligned}}"

    @functools.cached_property
    def _numeric(self) -> Callable:
        sp = _sympy()
        symbols = self._symbols()
        substitutions = {symbols[n]: e for n, e in self.definitions().items()}
        expressions = [e.subs(substitutions) for e in self.expressions()]
        return sp.lambdify([symbols[n] for n in self.arguments], expressions, modules="numpy")

    def evaluate(self, *values: Any) -> tuple[Any, ...]:
        """The formula's value(s) at the rule's arguments ``values`` (numbers or arrays), as arrays."""
        import numpy as np

        arrays = [np.asarray(v, dtype=float) for v in values]
        with np.errstate(divide="ignore", invalid="ignore"):
            return tuple(np.broadcast_to(v, np.broadcast(*arrays).shape) for v in self._numeric(*arrays))

    def is_parameter(self, name: str) -> bool:
        """Whether the argument ``name`` is a parameter of the table here (its symbol is the parameter's).

        A rule's ``conditions`` argument is this period's conditions, a variable; only
        ``living_conditions`` takes the parameter.
        """
        from .symbols import PARAMETER_SYMBOLS

        return self.symbol(name) == PARAMETER_SYMBOLS.get(name)

    def names(self) -> tuple[str, ...]:
        """Every argument and defined name the formula uses, in the order of the rule's arguments."""
        used = {s.name for e in (*self.expressions(), *self.definitions().values()) for s in e.free_symbols}
        return tuple(n for n in (*self.arguments, *self.where) if n in used)


def formula(
    lhs: str | tuple[str, ...],
    build: Callable,
    *,
    where: Mapping[str, Callable] | None = None,
    symbols: Mapping[str, str] | None = None,
) -> Callable[[Callable], Callable]:
    """Declare the formula of the rule below it (a decorator); the rule is returned unchanged.

    The rule gains a ``formula`` attribute (a ``Formula``). Arguments as in ``Formula``.
    """

    def attach(rule: Callable) -> Callable:
        rule.formula = Formula(
            lhs=(lhs,) if isinstance(lhs, str) else tuple(lhs),
            build=build,
            where=dict(where or {}),
            symbols=dict(symbols or {}),
            arguments=tuple(_argument_names(rule)),
        )
        return rule

    return attach
