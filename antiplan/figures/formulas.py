"""The book's formulas, rendered from the declarations beside the rules (``antiplan.rules.formula``).

No formula is typed into a chapter: a chapter calls ``show("quit_rate")`` in a hidden cell and the
page gets the rule's formula and a line saying what each symbol is, so prose, notation and code
cannot part.
"""

from __future__ import annotations

from IPython.display import Markdown, Math, display

from ..engine.record import PAPER_OUTPUT
from ..parameters import BY_NAME
from ..rules import DEFAULT_RULES
from ..rules.formula import Formula
from ..rules.symbols import BY_VARIABLE, PARAMETER_SYMBOLS
from ..scenarios import DEMOCRATIC_MODE

EXTRA: dict[str, Formula] = {"paper_output": PAPER_OUTPUT}
"""Formulas that are not rules: how the record counts paper output."""


def declared(name: str) -> Formula:
    """The formula declared for the rule (or record quantity) ``name``; raises ``ValueError`` naming the known ones."""
    if name in DEFAULT_RULES:
        return DEFAULT_RULES[name].formula
    if name in EXTRA:
        return EXTRA[name]
    known = ", ".join([*DEFAULT_RULES, *EXTRA])
    raise ValueError(f"no formula named {name!r}: known formulas are {known}")


def describe(name: str, parameter: bool | None = None) -> str:
    """What the variable or parameter ``name`` is, in a few words (a parameter also by its name).

    ``parameter`` says which one a name that is both means (``conditions``); by default the variable.
    """
    if name in BY_VARIABLE and not parameter:
        return BY_VARIABLE[name].meaning
    p = BY_NAME[name]
    return f"`{name}`, {p.meaning[0].lower()}{p.meaning[1:]}"


def legend(*names: str) -> str:
    """One sentence, in Markdown, saying what each symbol in the formulas ``names`` stands for."""
    seen: dict[str, str] = {}
    for formula in map(declared, names):
        lhs = set(formula.lhs)
        for name in formula.names():
            sym = formula.symbol(name)
            if sym not in lhs and sym not in seen:
                seen[sym] = describe(name, formula.is_parameter(name)) if name not in formula.where else "as defined"
    parts = [f"${sym}$ is {what}" for sym, what in seen.items() if what != "as defined"]
    return "where " + "; ".join(parts) + "." if parts else ""


def latex(name: str) -> str:
    """The LaTeX of the formula ``name``."""
    return declared(name).latex()


def show(*names: str, with_legend: bool = True) -> None:
    """Display the formulas ``names`` (rules, or ``paper_output``) and, below them, what their symbols are."""
    for name in names:
        display(Math(latex(name)))
    if with_legend:
        display(Markdown(legend(*names)))


def democratic_mode_latex() -> str:
    """The democratic mode's settings (``antiplan.scenarios.DEMOCRATIC_MODE``) as equations."""
    return r", \qquad ".join(f"{PARAMETER_SYMBOLS[n]} = {v:g}" for n, v in DEMOCRATIC_MODE.items())


def show_democratic_mode() -> None:
    """Display the democratic mode's settings and what each symbol is."""
    display(Math(democratic_mode_latex()))
    display(
        Markdown(
            "where " + "; ".join(f"${PARAMETER_SYMBOLS[n]}$ is {describe(n, True)}" for n in DEMOCRATIC_MODE) + "."
        )
    )
