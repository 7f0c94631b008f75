"""The book's notation: one mathematical symbol for each parameter and each variable the rules use.

Every formula the book shows is rendered with these symbols, so a letter means the same thing in
every chapter. A parameter's meaning, unit and range live in ``antiplan.PARAMETERS``; this table
adds only its symbol. A variable (state, flow or draw) is declared here whole: symbol, meaning,
unit and the range it takes in runs near the defaults, which the appendix's table of state variables
shows and the formula tests draw from.
"""

from __future__ import annotations

from dataclasses import dataclass

PARAMETER_SYMBOLS: dict[str, str] = {
    "invest_share": r"\iota",
    "capital_ratio": r"\kappa",
    "depreciation": r"\delta",
    "capacity_noise": r"\nu",
    "build_periods": r"B",
    "tempo": r"\tau",
    "ratchet": r"\lambda",
    "centralization": r"c",
    "penalty": r"\phi",
    "audit": r"a",
    "collectivization": r"\chi",
    "procurement": r"p",
    "tractor_drive": r"g",
    "storming": r"\sigma",
    "defect_sensitivity": r"\beta",
    "base_defect": r"d_0",
    "wear": r"w",
    "conditions": r"\bar C",
    "quit_sensitivity": r"s",
    "base_quit": r"q_0",
    "new_hand_skill": r"k_n",
    "learning": r"\eta",
    "collusion": r"\gamma",
    "coordination": r"\rho",
    "record_bonus": r"b",
    "record_cost": r"c_r",
    "solidarity": r"\theta",
}
"""Symbol of each parameter that appears in a formula (``chain_depth`` and ``democratic`` do not)."""


@dataclass(frozen=True)
class Variable:
    """A quantity the rules take or return that is not a parameter.

    Attributes:
        name: the argument name the rules use.
        symbol: its LaTeX symbol.
        meaning: what it is, in a few words.
        unit: its unit.
        min, max: the range it takes in runs near the defaults (the formula tests draw from it).
        kind: ``"state"`` (carried from period to period), ``"flow"`` (made within a period),
            ``"draw"`` (random) or ``"switch"`` (0 or 1).
    """

    name: str
    symbol: str
    meaning: str
    unit: str
    min: float
    max: float
    kind: str


VARIABLES: tuple[Variable, ...] = (
    # Industry: the state of an enterprise, carried from one period to the next.
    Variable("capacity", "K_t", "an enterprise's machines", "output units per period", 0.05, 5.0, "state"),
    Variable("skill", "k_t", "average skill of its workforce", "share of full skill", 0.1, 1.0, "state"),
    Variable("target", "T_t", "this period's target", "output units per period", 0.05, 5.0, "state"),
    Variable("record", "r_t", "the last reported record", "index, 1 at the start", 1.0, 10.0, "state"),
    Variable("unfinished", "U_t", "capacity under construction", "capacity units", 0.0, 2.0, "state"),
    Variable("idle", "I_t", "finished plants waiting for a complement", "capacity units", 0.0, 2.0, "state"),
    # Industry: what happens within a period.
    Variable(
        "conditions", "C_t", "conditions this period (food, housing, pay)", "index, 1 is decent", 0.0, 1.0, "flow"
    ),
    Variable("effort", "e_t", "effort workers give", "share of full effort", 0.1, 1.0, "flow"),
    Variable("quit", "q_t", "share of the workforce that quits", "share per period", 0.0, 1.0, "flow"),
    Variable(
        "skill_after_quits", "k_t'", "skill after quits, before learning", "share of full skill", 0.1, 1.0, "flow"
    ),
    Variable(
        "local",
        "L_t",
        "output possible at a normal pace, known on the spot",
        "output units per period",
        0.05,
        5.0,
        "flow",
    ),  # fmt: skip
    Variable("potential", "P_t", "output possible this period", "output units per period", 0.05, 5.0, "flow"),
    Variable("overload", "o_t", "how far the target exceeds potential output", "dimensionless", 0.0, 3.0, "state"),
    Variable("actual", "y_t", "output actually made", "output units per period", 0.0, 5.0, "flow"),
    Variable("hidden", "h_t", "capacity the manager kept back", "output units per period", 0.0, 5.0, "flow"),
    Variable("strike_chance", r"\Pr(\text{strike})", "chance of a strike", "probability per period", 0.0, 1.0, "flow"),
    Variable("after_strike", "y^{s}_t", "output after a strike, if any", "output units per period", 0.0, 5.0, "flow"),
    Variable(
        "after_record", "y^{r}_t", "output after staging a record", "output units per period", 0.0, 5.0, "flow"
    ),  # fmt: skip
    Variable(
        "report",
        "R_t",
        "output reported to the center (kept for next period's target)",
        "output units per period",
        0.0,
        5.0,
        "state",
    ),  # fmt: skip
    Variable("padding", r"\pi", "share of a shortfall padded", "share", 0.0, 1.0, "flow"),
    Variable("own", "d^{o}_t", "an enterprise's own defect share", "share of output", 0.0, 1.0, "flow"),
    Variable(
        "upstream", "D_{k-1}", "defect share of the inputs (the stage upstream)", "share of output", 0.0, 1.0, "flow"
    ),  # fmt: skip
    Variable("defect", "d_t", "defect share of an enterprise's output", "share of output", 0.0, 1.0, "flow"),
    Variable("worn", r"\omega_t", "share of capacity worn out", "share per period", 0.0, 0.5, "flow"),
    Variable("investment", "J_t", "output put into construction", "output units per period", 0.0, 3.0, "flow"),
    Variable("started", "S_t", "capacity put under construction", "capacity units", 0.0, 1.0, "flow"),
    Variable("ready", "A_t", "capacity going into use", "capacity units", 0.0, 1.0, "flow"),
    Variable("diversion", "v_t", "share of construction diverted to tractor plants", "share", 0.0, 1.0, "state"),
    Variable(
        "raw_materials", "M_t", "agricultural raw materials reaching industry", "index, 1 before", 0.0, 1.0, "state"
    ),  # fmt: skip
    Variable("food", "F_t", "grain reaching the towns", "index, 1 before", 0.0, 1.0, "state"),
    # Draws and switches.
    Variable(
        "shock",
        r"\varepsilon_t",
        "a standard normal shock of the enterprise's own",
        "standard deviations",
        -3.0,
        3.0,
        "draw",
    ),  # fmt: skip
    Variable(
        "production_shock",
        r"\xi_t",
        "a standard normal production shock of the enterprise's own",
        "standard deviations",
        -3.0,
        3.0,
        "draw",
    ),  # fmt: skip
    Variable("caught", "A^{a}_t", "1 if an audit checks the report, else 0", "switch", 0.0, 1.0, "switch"),
    Variable("striking", "A^{s}_t", "1 if the workers strike, else 0", "switch", 0.0, 1.0, "switch"),
    # Agriculture, one sector for the whole country.
    Variable("livestock", r"\ell_t", "the herd", "index, 1 before collectivization", 0.0, 1.0, "state"),
    Variable("mechanization", "m_t", "share of collective land with machines", "share", 0.0, 1.0, "state"),
    Variable("plan", r"\bar H_t", "the harvest plan", "harvest index", 0.3, 2.0, "state"),
    Variable("harvest", "H_t", "the harvest", "index, 1 before collectivization", 0.3, 1.0, "flow"),
    Variable("actual_harvest", "H_t", "the harvest", "index, 1 before collectivization", 0.3, 1.0, "flow"),
    Variable("reported_harvest", r"\tilde H_t", "the harvest as reported", "harvest index", 0.3, 2.0, "flow"),
    Variable("grain", "G_t", "grain procured", "harvest index units", 0.0, 1.0, "flow"),
    Variable("squeeze", "G_t / H_t", "share of the harvest procured", "share", 0.0, 0.8, "flow"),
    Variable(
        "tractors", "X_t", "construction put into tractor plants, per enterprise", "output units", 0.0, 1.0, "flow"
    ),  # fmt: skip
)
"""Every variable a rule takes or returns, with the range it takes in a run."""

BY_VARIABLE: dict[str, Variable] = {v.name: v for v in VARIABLES}


def symbol(name: str) -> str:
    """The LaTeX symbol of a variable or parameter ``name``; raises ``KeyError`` naming it.

    A variable comes first: a rule's ``conditions`` argument is this period's conditions
    :math:`C_t`, not the parameter :math:`\\bar C` (which only ``living_conditions`` takes).
    """
    if name in BY_VARIABLE:
        return BY_VARIABLE[name].symbol
    if name in PARAMETER_SYMBOLS:
        return PARAMETER_SYMBOLS[name]
    raise KeyError(f"no symbol for {name!r}: add it to antiplan.rules.symbols")
