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
        off: the value chapter scenarios before ``chapter`` use, so each chapter switches on one
            more mechanism: where the mechanism can be switched off, the value at which it does
            nothing; for the economy's structure (chapter 1), the ratchet, learning and procurement,
            which run in every scenario, a baseline.
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


PARAMETERS: tuple[Parameter, ...] = (
    # Chapter 1: the economy's structure, on in every scenario.
    Parameter(
        name="invest_share",
        meaning="Share of each enterprise's actual output put into construction",
        unit="share of output",
        min=0.0,
        max=0.5,
        default=0.3,
        off=0.3,
        chapter=1,
        source="Weissman 1988 ¶19; Allen 2005",
    ),
    Parameter(
        name="capital_ratio",
        meaning="Construction needed for one unit of new capacity",
        unit="output units per capacity unit",
        min=1.0,
        max=20.0,
        default=4.0,
        off=4.0,
        chapter=1,
        source="an assumption of the model: at 4, what a unit of capacity makes in a year builds one more "
        "unit, an annual capital-output ratio of 1",
    ),
    Parameter(
        name="depreciation",
        meaning="Share of capacity worn out per period at a normal pace",
        unit="share per period",
        min=0.0,
        max=0.1,
        default=0.01,
        off=0.01,
        chapter=1,
        source="an assumption of the model: at 0.01, about 4 % of capacity a year",
    ),
    Parameter(
        name="capacity_noise",
        meaning="Spread of each enterprise's capacity shocks (local knowledge the center lacks)",
        unit="log standard deviation per period",
        min=0.0,
        max=0.2,
        default=0.04,
        off=0.04,
        chapter=1,
        source="Hayek 1945",
    ),
    Parameter(
        name="build_periods",
        meaning="Periods a construction project takes to finish, on average",
        unit="periods",
        min=1,
        max=20,
        default=4,
        off=4,
        chapter=1,
        source="Weissman 1988 ¶16",
        kind="int",
    ),
    # Chapter 2: command documents and the ratchet.
    Parameter(
        name="tempo",
        meaning="Growth of targets the center demands each period",
        unit="share per period",
        min=0.0,
        max=0.15,
        default=0.06,
        off=0.0,
        chapter=2,
        source="Weissman 1988 ¶3, ¶8, ¶13; Weitzman 1980 (the ratchet; the growth factor is the model's)",
    ),
    Parameter(
        name="ratchet",
        meaning="Weight the next target gives this period's report rather than its target (Weitzman's lambda)",
        unit="weight",
        min=0.0,
        max=1.0,
        default=0.1,
        off=0.1,
        chapter=2,
        source="Weitzman 1980; Berliner 1957 (the safety factor, by its chapter titles)",
    ),
    Parameter(
        name="centralization",
        meaning="Weight targets give the center's report-based figure rather than local knowledge of capacity",
        unit="weight",
        min=0.0,
        max=1.0,
        default=0.9,
        off=0.0,
        chapter=2,
        source="Weissman 1988 ¶3-4",
    ),
    # Chapter 3: anti-planning, padded reports.
    Parameter(
        name="penalty",
        meaning="Price of a reported shortfall (the terror); drives padding of reports and deters strikes",
        unit="multiple of the shortfall",
        min=0.0,
        max=5.0,
        default=2.0,
        off=0.0,
        chapter=3,
        source="Weissman 1988 ¶4-6; Harrison 2011",
    ),
    Parameter(
        name="audit",
        meaning="Chance that a padded report is checked and corrected",
        unit="probability per period",
        min=0.0,
        max=1.0,
        default=0.1,
        off=0.0,
        chapter=3,
        source="Harrison 2011",
    ),
    # Chapter 4: collectivization without tractors.
    Parameter(
        name="collectivization",
        meaning="Share of peasant land forced into collective farms",
        unit="share of land",
        min=0.0,
        max=1.0,
        default=0.6,
        off=0.0,
        chapter=4,
        source="Weissman 1988 ¶9-10; Davies and Wheatcroft 2004",
    ),
    Parameter(
        name="procurement",
        meaning="Share of the reported harvest the state takes",
        unit="share of reported harvest",
        min=0.0,
        max=0.6,
        default=0.35,
        off=0.2,
        chapter=4,
        source="Weissman 1988 ¶10; Davies and Wheatcroft 2004",
    ),
    Parameter(
        name="tractor_drive",
        meaning="Share of industrial construction diverted to tractor plants, per unit of unmechanized collective land",
        unit="share of construction",
        min=0.0,
        max=1.0,
        default=0.3,
        off=0.0,
        chapter=4,
        source="Weissman 1988 ¶10, note 8",
    ),
    # Chapter 5: speed-up, defects and wear.
    Parameter(
        name="chain_depth",
        meaning="Number of stages in the supply chain; defects pass from each stage to the next",
        unit="stages",
        min=1,
        max=10,
        default=4,
        off=1,
        chapter=5,
        source="Weissman 1988 ¶12; Rakovsky 1931",
        kind="int",
    ),
    Parameter(
        name="storming",
        meaning="Extra output a speed-up can squeeze from capacity at full overload",
        unit="share of potential output",
        min=0.0,
        max=1.0,
        default=0.4,
        off=0.0,
        chapter=5,
        source="Weissman 1988 ¶11-13 (the value is illustrative, not an estimate)",
    ),
    Parameter(
        name="defect_sensitivity",
        meaning="How fast an enterprise's own defect share rises with overload",
        unit="per unit of overload squared",
        min=0.0,
        max=5.0,
        default=0.6,
        off=0.0,
        chapter=5,
        source="Weissman 1988 ¶12, ¶16",
    ),
    Parameter(
        name="base_defect",
        meaning="Own defect share at a normal pace",
        unit="share of output",
        min=0.0,
        max=0.5,
        default=0.02,
        off=0.0,
        chapter=5,
        source="Weissman 1988 ¶16",
    ),
    Parameter(
        name="wear",
        meaning="Extra machine wear per unit of overload, as a multiple of normal depreciation",
        unit="multiple",
        min=0.0,
        max=5.0,
        default=0.5,
        off=0.0,
        chapter=5,
        source="Weissman 1988 ¶13",
    ),
    # Chapter 6: labor shortage, turnover and collusion.
    Parameter(
        name="conditions",
        meaning="Food, housing and pay, from 0 (hunger) to 1 (decent)",
        unit="index",
        min=0.0,
        max=1.0,
        default=0.4,
        off=1.0,
        chapter=6,
        source="Weissman 1988 ¶14, ¶26 (an index; the value is illustrative, not an estimate)",
    ),
    Parameter(
        name="quit_sensitivity",
        meaning="Extra share of the workforce quitting per period when conditions are at their worst",
        unit="share per period",
        min=0.0,
        max=1.0,
        default=0.2,
        off=0.0,
        chapter=6,
        source="Weissman 1988 ¶14; Kuromiya 1998",
    ),
    Parameter(
        name="base_quit",
        meaning="Share of the workforce leaving per period in decent conditions",
        unit="share per period",
        min=0.0,
        max=0.5,
        default=0.03,
        off=0.0,
        chapter=6,
        source="an assumption of the model (the value is illustrative, not an estimate)",
    ),
    Parameter(
        name="new_hand_skill",
        meaning="Skill of a new hand relative to a trained worker",
        unit="share of full skill",
        min=0.1,
        max=1.0,
        default=0.6,
        off=1.0,
        chapter=6,
        source="Weissman 1988 ¶14 (the value is illustrative, not an estimate)",
    ),
    Parameter(
        name="learning",
        meaning="Share of the remaining skill gap a workforce closes per period",
        unit="share per period",
        min=0.0,
        max=1.0,
        default=0.25,
        off=0.25,
        chapter=6,
        source="an assumption of the model (the value is illustrative, not an estimate)",
    ),
    Parameter(
        name="collusion",
        meaning="Share of effort workers and managers agree to withhold when conditions are at their worst",
        unit="share of effort",
        min=0.0,
        max=0.9,
        default=0.25,
        off=0.0,
        chapter=6,
        source="Weissman 1988 note 5; Ticktin 1973",
    ),
    # Chapter 7: construction and paper growth.
    Parameter(
        name="coordination",
        meaning="Chance per period that a finished plant's complement (its power station) is ready",
        unit="probability per period",
        min=0.0,
        max=1.0,
        default=0.5,
        off=1.0,
        chapter=7,
        source="Weissman 1988 ¶15-16, note 15",
    ),
    # Chapter 8: records.
    Parameter(
        name="record_bonus",
        meaning="Bonus for a record report, which managers and workers rig together",
        unit="intensity",
        min=0.0,
        max=1.0,
        default=0.5,
        off=0.0,
        chapter=8,
        source="Weissman 1988 ¶21 (an intensity; the value is illustrative, not an estimate)",
    ),
    Parameter(
        name="record_cost",
        meaning="Share of an enterprise's output lost to staging a record at full bonus",
        unit="share of output",
        min=0.0,
        max=0.5,
        default=0.05,
        off=0.0,
        chapter=8,
        source="Weissman 1988 ¶21 (staging cost is this book's reading; the value is illustrative, not an estimate)",
    ),
    # Chapter 9: hunger, resistance and terror.
    Parameter(
        name="solidarity",
        meaning="Chance per period of a strike at the worst conditions with no penalty",
        unit="probability per period",
        min=0.0,
        max=1.0,
        default=0.3,
        off=0.0,
        chapter=9,
        source="Weissman 1988 ¶22-24",
    ),
    # Chapter 10: the democratic mode.
    Parameter(
        name="democratic",
        meaning="Planners and implementers are the same people: honest reports, targets from local knowledge, "
        "and no withheld effort, strikes or rigged records",
        unit="switch",
        min=0,
        max=1,
        default=False,
        off=False,
        chapter=10,
        source="Weissman 1988 ¶3, ¶5, ¶39",
        kind="bool",
    ),
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
