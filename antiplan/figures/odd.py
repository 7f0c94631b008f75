"""The ODD appendix's generated parts: the table of state variables and the submodels, each with its
equation (from the declaration beside its rule), its parameters' values and its rationale."""

from __future__ import annotations

import inspect

import pandas as pd
from IPython.display import Markdown, Math, display

from ..parameters import BY_NAME
from ..rules import DEFAULT_RULES
from ..rules.symbols import VARIABLES
from .formulas import legend

MECHANISMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Conditions and labor (chapter 6)", ("living_conditions", "quit_rate", "workforce_skill", "learn", "effort")),
    (
        "The plan and production (chapters 1 and 2)",
        ("local_capacity", "potential_output", "next_target", "overload", "production", "hidden_capacity"),
    ),
    ("Resistance and records (chapters 8 and 9)", ("strike_chance", "strike_output", "record_output", "next_record")),
    ("Defects (chapter 5)", ("own_defect_share", "cascade")),
    ("Reporting (chapter 3)", ("padding_share", "report")),
    (
        "Construction and capacity (chapters 1, 5 and 7)",
        ("investment", "capital_started", "construction", "capacity_wear", "next_capacity"),
    ),
    (
        "Agriculture (chapter 4)",
        (
            "harvest",
            "reported_harvest",
            "procured",
            "next_livestock",
            "next_mechanization",
            "food_supply",
            "raw_materials",
            "diversion",
        ),
    ),
)
"""The rules by mechanism, in the order a period applies them."""


def markdown_table(table: pd.DataFrame) -> Markdown:
    """``table`` as a Markdown table, so that the book renders the math in its cells."""
    cells = [[str(v).replace("|", "\\|") for v in row] for row in table.itertuples(index=False)]
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return Markdown("\n".join(lines))


def state_variables() -> Markdown:
    """Every variable the rules take or return: symbol, name, meaning, unit, range and kind."""
    rows = [
        {
            "symbol": f"${v.symbol}$",
            "name": f"`{v.name}`",
            "meaning": v.meaning,
            "unit": v.unit,
            "range": f"{v.min:g} to {v.max:g}",
            "kind": v.kind,
        }  # fmt: skip
        for v in VARIABLES
        if v.name != "actual_harvest"  # the same harvest, under the name the procurement rule uses
    ]
    return markdown_table(pd.DataFrame(rows))


def rationale(name: str) -> str:
    """The rule's docstring up to its arguments: what it says and why."""
    doc = inspect.getdoc(DEFAULT_RULES[name]) or ""
    return " ".join(doc.split("\n\nArgs:")[0].split())


def parameter_values(name: str) -> str:
    """The parameters the rule takes, with their default values and ranges, in Markdown."""
    formula = DEFAULT_RULES[name].formula
    used = [n for n in formula.arguments if formula.is_parameter(n)]
    if not used:
        return "No parameter: a definition."
    parts = [
        f"`{n}` = {BY_NAME[n].default:g} by default (range {BY_NAME[n].min:g} to {BY_NAME[n].max:g})" for n in used
    ]
    return "Parameters: " + "; ".join(parts) + "."


def show_submodels() -> None:
    """Display every submodel by mechanism: rule name, rationale, equation, symbols and parameter values."""
    for title, names in MECHANISMS:
        display(Markdown(f"**{title}**"))
        for name in names:
            display(Markdown(f"`{name}`: {rationale(name)}"))
            display(Math(DEFAULT_RULES[name].formula.latex()))
            display(Markdown(f"{legend(name)} {parameter_values(name)}"))


def listed_rules() -> list[str]:
    """Every rule named in ``MECHANISMS``, in order."""
    return [name for _, names in MECHANISMS for name in names]
