"""Named scenarios: a chapter's economy, or a historical episode, as parameter values.

A chapter scenario ``chNN`` switches on every mechanism introduced up to chapter NN (parameters at
their defaults) and leaves later ones off (parameters at their ``off`` value), so a reader meets the
model one rule at a time. The historical scenarios start from ``command`` (everything on); the
``first-five-year-plan`` scenario takes its values from a recorded calibration, read as data
(``antiplan.recorded_fit``; ``antiplan.calibration`` fits it and sits above the model).
"""

from __future__ import annotations

from typing import Any

from .parameters import PARAMETERS, defaults
from .recorded_fit import recorded_values


def chapter_scenario(chapter: int) -> dict[str, Any]:
    """Parameters of the economy as it stands at the end of ``chapter`` (1 to 10)."""
    return {p.name: (p.default if p.chapter <= chapter else p.off) for p in PARAMETERS}


DEMOCRATIC_MODE: dict[str, Any] = {
    "centralization": 0.0,
    "penalty": 0.0,
    "collusion": 0.0,
    "solidarity": 0.0,
    "record_bonus": 0.0,
}
"""What ``democratic=True`` sets, whatever else a run asks for.

In the democratic mode planners and implementers are the same people (Weissman 1988, ¶5): targets
come from what is known on the spot (no centralization, so nobody hides capacity), reports are honest (no price
of a shortfall), and with no antagonism between them nobody withholds effort, strikes or rigs
records. The economy itself (conditions, construction, the supply chain) is unchanged.
"""


def apply_mode(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with the democratic mode's settings applied where ``democratic`` is true.

    A run's recorded parameters are then the values it really used.
    """
    return {**values, **DEMOCRATIC_MODE} if values.get("democratic") else dict(values)


def _command(**changes: Any) -> dict[str, Any]:
    values = defaults()
    values.update(changes)
    return values


SCENARIOS: dict[str, dict[str, Any]] = {
    **{f"ch{n:02d}": chapter_scenario(n) for n in range(1, 11)},
    "command": _command(),
    "democratic": _command(democratic=True, **DEMOCRATIC_MODE),
    # 1928-1932: tempo, conditions, quitting and procurement fitted to the plan's figures; the values
    # and how they were fitted are recorded in antiplan/data/first_five_year_plan_calibration.json.
    "first-five-year-plan": _command(**recorded_values()),
    # 1930-1933: wholesale collectivization and procurement set from inflated harvest reports.
    "collectivization": _command(collectivization=0.9, procurement=0.5, tractor_drive=0.5),
    # 1935-1936: the record campaign at its height.
    "stakhanovite": _command(record_bonus=1.0, record_cost=0.1),
    # 1936-1938: the purges: shortfalls punished hard, few audits, worse conditions (solidarity left as it is).
    "terror": _command(penalty=5.0, audit=0.05, conditions=0.3),
}

DESCRIPTIONS: dict[str, str] = {
    "ch01": "the economy with the mechanisms of chapter 1 switched on",
    **{f"ch{n:02d}": f"the economy with the mechanisms of chapters 1 to {n} switched on" for n in range(2, 11)},
    "command": "the command economy with every mechanism on",
    "democratic": "the same economy run by its producers: honest reports, targets from local knowledge, and no "
    "withheld effort, strikes or rigged records",
    "first-five-year-plan": "the command economy with tempo, conditions, quitting and procurement fitted to "
    "figures of the First Five-Year Plan period (antiplan calibrate)",
    "collectivization": "wholesale collectivization, heavy procurement, tractor plants",
    "stakhanovite": "the record campaign at its height",
    "terror": "the purges: heavy penalties, few audits, worse conditions",
}


def scenario_params(name: str) -> dict[str, Any]:
    """Parameter values of the scenario ``name``; raises ``ValueError`` naming the known ones."""
    if name not in SCENARIOS:
        known = ", ".join(SCENARIOS)
        raise ValueError(f"unknown scenario {name!r}: known scenarios are {known}")
    return dict(SCENARIOS[name])
