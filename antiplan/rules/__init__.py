"""The model's rules: each a small pure function a student can read and replace.

``DEFAULT_RULES`` maps each rule's name to its function. Pass your own function under the same
name to ``antiplan.simulate(rules={...})`` to run the model with it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping

from . import agriculture, construction, defects, labor, plan, records, reporting, resistance

DEFAULT_RULES: dict[str, Callable] = {
    "living_conditions": labor.living_conditions,
    "local_capacity": plan.local_capacity,
    "potential_output": plan.potential_output,
    "next_target": plan.next_target,
    "overload": plan.overload,
    "production": plan.production,
    "hidden_capacity": plan.hidden_capacity,
    "padding_share": reporting.padding_share,
    "report": reporting.report,
    "own_defect_share": defects.own_defect_share,
    "cascade": defects.cascade,
    "capacity_wear": defects.capacity_wear,
    "quit_rate": labor.quit_rate,
    "workforce_skill": labor.workforce_skill,
    "learn": labor.learn,
    "effort": labor.effort,
    "strike_chance": resistance.strike_chance,
    "strike_output": resistance.strike_output,
    "next_record": records.next_record,
    "record_output": records.record_output,
    "investment": construction.investment,
    "capital_started": construction.capital_started,
    "construction": construction.construction,
    "next_capacity": construction.next_capacity,
    "harvest": agriculture.harvest,
    "reported_harvest": agriculture.reported_harvest,
    "procured": agriculture.procured,
    "next_livestock": agriculture.next_livestock,
    "diversion": agriculture.diversion,
    "next_mechanization": agriculture.next_mechanization,
    "raw_materials": agriculture.raw_materials,
    "food_supply": agriculture.food_supply,
}


def _arity(function: Callable) -> int | None:
    try:
        params = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind in (p.VAR_POSITIONAL,) for p in params):
        return None
    return sum(1 for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def resolve_rules(overrides: Mapping[str, Callable] | None) -> dict[str, Callable]:
    """The default rules with ``overrides`` swapped in.

    Raises ``ValueError`` naming an unknown rule (with the known ones), a value that is not a
    function, or a function taking a different number of arguments than the rule it replaces.
    """
    rules = dict(DEFAULT_RULES)
    for name, function in (overrides or {}).items():
        if name not in DEFAULT_RULES:
            known = ", ".join(DEFAULT_RULES)
            raise ValueError(f"unknown rule {name!r}: known rules are {known}")
        if not callable(function):
            raise ValueError(f"rule {name!r} must be a function, got {type(function).__name__}")
        want, got = _arity(DEFAULT_RULES[name]), _arity(function)
        if got is not None and got != want:
            args = ", ".join(inspect.signature(DEFAULT_RULES[name]).parameters)
            raise ValueError(f"rule {name!r} takes {want} arguments ({args}), but yours takes {got}")
        rules[name] = function
    return rules
