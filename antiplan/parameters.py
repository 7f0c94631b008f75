"""The parameter table: the one place where every lever of the model is declared.

The command line, the widgets, the book's appendix and the range tests all read this table.
A period is one quarter of a year, so the default run of 20 periods is one five-year plan.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Parameter:
    """One lever of the model.

    Attributes:
        name: the keyword accepted by ``antiplan.simulate``.
        meaning: one sentence a reader can follow.
        unit: the unit of the value.
        min: the smallest allowed value.
        max: the largest allowed value.
        default: the value in the ``command`` scenario (everything on).
        off: the value at which the parameter's mechanism does nothing; chapter scenarios
            before ``chapter`` use it, so each chapter switches on one more mechanism.
        chapter: the chapter of the book that introduces the parameter (1 to 10).
        source: where the idea comes from, in the article and in the literature.
        kind: ``"float"``, ``"int"`` or ``"bool"``.
    """

    name: str
    meaning: str
    unit: str
    min: float
    max: float
    default: Any
    off: Any
    chapter: int
    source: str
    kind: str = "float"

    def as_dict(self) -> dict[str, Any]:
        """The parameter as a plain dict (for JSON and tables)."""
        return asdict(self)

    def allowed(self) -> str:
        """A short description of the allowed values, for error messages."""
        if self.kind == "bool":
            return "true or false"
        if self.kind == "int":
            return f"an integer from {int(self.min)} to {int(self.max)}"
        return f"a number from {self.min:g} to {self.max:g}"

    def check(self, value: Any) -> Any:
        """Return ``value`` converted to the parameter's type, or raise ``ValueError``.

        The message names the parameter, the bad value and what is allowed.
        """
        bad = ValueError(f"{self.name}={value!r} is out of range: allowed is {self.allowed()}")
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, (int, float)) and value in (0, 1):
                return bool(value)
            raise bad
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad
        if self.kind == "int":
            if float(value) != int(value):
                raise bad
            value = int(value)
        else:
            value = float(value)
        if not math.isfinite(value) or not (self.min <= value <= self.max):
            raise bad
        return value


def _p(name, meaning, unit, lo, hi, default, off, chapter, source, kind="float"):
    return Parameter(name, meaning, unit, lo, hi, default, off, chapter, source, kind)


PARAMETERS: tuple[Parameter, ...] = (
    # Chapter 1: the economy's structure, on in every scenario.
    _p("invest_share", "Share of each enterprise's actual output put into construction",
       "share of output", 0.0, 0.5, 0.3, 0.3, 1, "Weissman 1988 ¶15; Allen 2005"),
    _p("capital_ratio", "Construction needed for one unit of new capacity",
       "output units per capacity unit", 1.0, 20.0, 4.0, 4.0, 1, "standard growth accounting"),
    _p("depreciation", "Share of capacity worn out per period at a normal pace",
       "share per period", 0.0, 0.1, 0.01, 0.01, 1, "standard growth accounting"),
    _p("capacity_noise", "Spread of each enterprise's capacity shocks (local knowledge the center lacks)",
       "log standard deviation per period", 0.0, 0.2, 0.04, 0.04, 1, "Hayek 1945"),
    # Chapter 2: command documents and the ratchet.
    _p("tempo", "Growth of targets the center demands each period",
       "share per period", 0.0, 0.15, 0.06, 0.06, 2, "Weissman 1988 ¶3, ¶16; Weitzman 1980"),
    _p("ratchet", "Weight the next target gives this period's report rather than its target (Weitzman's lambda)",
       "weight", 0.0, 1.0, 0.15, 0.15, 2, "Weitzman 1980; Berliner 1957"),
    _p("centralization", "Weight targets give the center's report-based figure rather than local knowledge of capacity",
       "weight", 0.0, 1.0, 0.9, 0.9, 2, "Weissman 1988 ¶3-4"),
    # Chapter 3: anti-planning, padded reports.
    _p("penalty", "Price of a reported shortfall (the terror); drives padding of reports",
       "multiple of the shortfall", 0.0, 5.0, 2.0, 0.0, 3, "Weissman 1988 ¶4-6; Harrison 2011"),
    _p("audit", "Chance that a padded report is checked and corrected",
       "probability per period", 0.0, 1.0, 0.1, 0.0, 3, "Harrison 2011"),
    # Chapter 4: collectivization without tractors.
    _p("collectivization", "Share of peasant land forced into collective farms",
       "share of land", 0.0, 1.0, 0.6, 0.0, 4, "Weissman 1988 ¶9-10; Davies and Wheatcroft 2004"),
    _p("procurement", "Share of the reported harvest the state takes",
       "share of reported harvest", 0.0, 0.6, 0.35, 0.2, 4, "Weissman 1988 ¶10; Davies and Wheatcroft 2004"),
    _p("tractor_drive", "Share of industrial construction diverted to tractor plants per unit of collective land without machines",
       "share of construction", 0.0, 1.0, 0.3, 0.0, 4, "Weissman 1988 ¶10, note 8"),
    # Chapter 5: speed-up, defects and wear.
    _p("chain_depth", "Number of stages in the supply chain; defects pass from each stage to the next",
       "stages", 1, 10, 4, 1, 5, "Weissman 1988 ¶12; Rakovsky 1931", "int"),
    _p("storming", "Extra output a speed-up can squeeze from capacity at full overload",
       "share of potential output", 0.0, 1.0, 0.4, 0.0, 5, "Weissman 1988 ¶11-13; Filtzer 1986"),
    _p("defect_sensitivity", "How fast an enterprise's own defect share rises with overload",
       "per unit of overload squared", 0.0, 5.0, 1.0, 0.0, 5, "Weissman 1988 ¶12, ¶16"),
    _p("base_defect", "Own defect share at a normal pace",
       "share of output", 0.0, 0.5, 0.02, 0.0, 5, "Weissman 1988 ¶16"),
    _p("wear", "Extra machine wear per unit of overload, as a multiple of normal depreciation",
       "multiple", 0.0, 5.0, 1.0, 0.0, 5, "Weissman 1988 ¶13"),
    # Chapter 6: labor shortage, turnover and collusion.
    _p("conditions", "Food, housing and pay, from 0 (hunger) to 1 (decent)",
       "index", 0.0, 1.0, 0.4, 1.0, 6, "Weissman 1988 ¶14, ¶26; Filtzer 1986"),
    _p("quit_sensitivity", "Extra share of the workforce quitting per period when conditions are at their worst",
       "share per period", 0.0, 1.0, 0.25, 0.0, 6, "Weissman 1988 ¶14; Kuromiya 1998"),
    _p("base_quit", "Share of the workforce leaving per period in decent conditions",
       "share per period", 0.0, 0.5, 0.03, 0.0, 6, "Filtzer 1986"),
    _p("new_hand_skill", "Skill of a new hand relative to a trained worker",
       "share of full skill", 0.1, 1.0, 0.6, 1.0, 6, "Weissman 1988 ¶14; Filtzer 1986"),
    _p("learning", "Share of the remaining skill gap a workforce closes per period",
       "share per period", 0.0, 1.0, 0.25, 0.25, 6, "Filtzer 1986"),
    _p("collusion", "Share of effort workers and managers agree to withhold when conditions are at their worst",
       "share of effort", 0.0, 1.0, 0.3, 0.0, 6, "Weissman 1988 note 5; Ticktin 1973"),
    # Chapter 7: construction and paper growth.
    _p("coordination", "Chance per period that a finished plant's complement (its power station) is ready",
       "probability per period", 0.0, 1.0, 0.4, 1.0, 7, "Weissman 1988 ¶15-16, note 15"),
    _p("build_periods", "Periods a construction project takes to finish",
       "periods", 1, 20, 6, 1, 7, "Weissman 1988 ¶16", "int"),
    # Chapter 8: records.
    _p("record_bonus", "Bonus for a record report, which managers and chosen workers rig together",
       "intensity", 0.0, 1.0, 0.5, 0.0, 8, "Weissman 1988 ¶21"),
    _p("record_cost", "Share of an enterprise's output lost to staging a record at full bonus",
       "share of output", 0.0, 0.5, 0.05, 0.0, 8, "Weissman 1988 ¶21; Filtzer 1986"),
    # Chapter 9: hunger, resistance and terror.
    _p("solidarity", "Chance per period of a strike at the worst conditions with no penalty",
       "probability per period", 0.0, 1.0, 0.3, 0.0, 9, "Weissman 1988 ¶22-24"),
    # Chapter 10: the democratic mode.
    _p("democratic", "Planners and implementers are the same people: honest reports, targets from real capacity",
       "switch", 0, 1, False, False, 10, "Weissman 1988 ¶5, ¶41", "bool"),
)

BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}


def defaults() -> dict[str, Any]:
    """Every parameter at its default (the ``command`` scenario)."""
    return {p.name: p.default for p in PARAMETERS}


def check_params(values: dict[str, Any]) -> dict[str, Any]:
    """Validate parameter overrides.

    Returns the overrides converted to each parameter's type. Raises ``ValueError`` naming an
    unknown parameter (with the known ones) or an out-of-range value (with the allowed range).
    """
    out = {}
    for name, value in values.items():
        if name not in BY_NAME:
            known = ", ".join(sorted(BY_NAME))
            raise ValueError(f"unknown parameter {name!r}: known parameters are {known}")
        out[name] = BY_NAME[name].check(value)
    return out
