"""The ODD appendix's generated parts: the table of state variables and the submodels, each with its
equation (from the declaration beside its rule), its parameters' values and its rationale."""

from __future__ import annotations

import inspect

import pandas as pd
from IPython.display import Markdown, Math, display

from ..engine.shared import INITIAL_SPREAD
from ..parameters import BY_NAME
from ..recorded_fit import recorded_values
from ..rules import DEFAULT_RULES, agriculture, records, resistance
from ..rules.reporting import padding_share
from ..rules.symbols import VARIABLES
from .claims import mean_measure
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


def pattern_numbers() -> dict[str, float]:
    """The figures the appendix's patterns quote, each averaged over the claims' twenty seeds.

    The same comparisons are checked in ``tests/test_stylized_facts.py``.
    """
    tempo = BY_NAME["tempo"].default
    fitted = recorded_values()["tempo"]
    ffyp = "first-five-year-plan"
    audit = BY_NAME["audit"].default
    bare = {"penalty": 0.0, "solidarity": 0.0}  # neither padding nor strikes
    actual = [mean_measure("command", "plan_fulfillment_actual", tempo=t) for t in (0.02, 0.12)]
    reported = [mean_measure("command", "plan_fulfillment_reported", tempo=t) for t in (0.02, 0.12)]
    return {
        "odd_control_democratic": mean_measure("democratic", "control"),
        "odd_control_honest_local": mean_measure("command", "control", centralization=0.0, penalty=0.0),
        "odd_control_command": mean_measure("command", "control"),
        "odd_actual_calm": actual[0],
        "odd_actual_hard": actual[1],
        "odd_reported_calm": reported[0],
        "odd_reported_hard": reported[1],
        # The share of a shortfall that reaches the reports padded, on average: unaudited managers pad
        # the report rule's share, and an audit (chance ``audit``) restores the truth.
        "odd_padded_share": (1 - audit) * padding_share(BY_NAME["penalty"].default, audit),
        "odd_loss_ratio": (reported[0] - reported[1]) / (actual[0] - actual[1]),
        "odd_control_tempo_zero": mean_measure("command", "control", tempo=0.0),
        "odd_control_tempo_hard": mean_measure("command", "control", tempo=0.12),
        "odd_control_local": mean_measure("command", "control", centralization=0.0),
        "odd_control_central": mean_measure("command", "control", centralization=1.0),
        "odd_control_local_bare": mean_measure("command", "control", centralization=0.0, **bare),
        "odd_control_central_bare": mean_measure("command", "control", centralization=1.0, **bare),
        "odd_tempo": tempo,
        "odd_tempo_year": (1 + tempo) ** 4 - 1,
        "odd_fitted_tempo": fitted,
        "odd_fitted_tempo_year": (1 + fitted) ** 4 - 1,
        "odd_fitted_paper": mean_measure(ffyp, "paper_growth"),
        "odd_fitted_real": mean_measure(ffyp, "real_growth"),
        "odd_command_paper": mean_measure("command", "paper_growth"),
        "odd_command_real": mean_measure("command", "real_growth"),
    }


def rule_constants() -> dict[str, float]:
    """The constants fixed in the rules and the engines (not levers), under the names the appendix glues."""
    return {
        "odd_strike_loss": resistance.STRIKE_LOSS,
        "odd_record_step": records.RECORD_STEP,
        "odd_disorganization": agriculture.DISORGANIZATION,
        "odd_tolerable_squeeze": agriculture.TOLERABLE_SQUEEZE,
        "odd_tractor_cost": agriculture.TRACTOR_COST,
        "odd_base_grain": agriculture.BASE_GRAIN,
        "odd_initial_spread": INITIAL_SPREAD,
    }


def listed_rules() -> list[str]:
    """Every rule named in ``MECHANISMS``, in order."""
    return [name for _, names in MECHANISMS for name in names]
