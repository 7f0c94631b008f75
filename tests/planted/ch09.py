"""Chapter 9: strike rules in which terror deters the hungry less, and the usual mistakes."""

_RUN = '\nmy_strikes = float(antiplan.simulate("ch09", rules={"strike_chance": my_strike_chance}).summary["strikes"])'


def _rule(body: str) -> str:
    return f"def my_strike_chance(conditions, penalty, solidarity):\n    return {body}\n"


OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "terror weighed by what is left to lose": _rule(
            "solidarity * (1.0 - conditions) ** 2 / (1.0 + penalty * conditions)"
        )
        + _RUN,
        "a ration cut blunts terror (a threshold)": _rule(
            "solidarity * (1.0 if conditions < 0.5 else 0.2) / (1.0 + penalty * (0.25 if conditions < 0.5 else 1.0))"
        )
        + _RUN,
        "terror's grip loosens with hunger (NumPy)": "import numpy as np\n\n"
        + _rule("solidarity * (1.0 - conditions) * np.exp(-0.5 * penalty * conditions)")
        + _RUN,
        "deterrence as a power of conditions, capped": _rule(
            "min(1.0, 1.5 * solidarity * (1.0 - conditions)) / (1.0 + penalty) ** conditions"
        )
        + _RUN,
        "the hungry fear half as much": _rule(
            "solidarity * (1.0 - conditions) / (1.0 + penalty * (0.5 + 0.5 * conditions))"
        )
        + _RUN,
    },
    "unreasonable": {
        "terror provokes strikes": _rule("solidarity * (1.0 - conditions) ** 2 * (1.0 + penalty) / 6.0") + _RUN,
        "more than certain": _rule("3.0 * solidarity * (1.0 - conditions) / (1.0 + penalty * conditions)") + _RUN,
        "the well fed strike": _rule("solidarity * conditions / (1.0 + penalty * conditions)") + _RUN,
    },
}

TRIVIAL = {
    "retyped": _rule("solidarity * (1.0 - conditions) ** 2 / (1.0 + penalty)") + _RUN,
    "constant": _rule("0.05") + _RUN,
    "reversed": _rule("solidarity * (1.0 - conditions) ** 2 / (1.0 + penalty * (1.0 - conditions))") + _RUN,
    "hunger in proportion, terror as in the model": _rule("solidarity * (1.0 - conditions) / (1.0 + penalty)") + _RUN,
    "terror left out": _rule("solidarity * (1.0 - conditions) ** 2") + _RUN,
}

_WAGES = (
    "from antiplan.data import load_fyp\n"
    "fyp = load_fyp()\n"
    "w = fyp[(fyp['item'] == 'real_wage') & (fyp['period'] == '1932')].set_index('variant')['value']\n"
)


def _strikes(share: str) -> str:
    return f'float(antiplan.simulate("ch09", conditions={share}).summary["strikes"])'


def _output(**params) -> str:
    shown = "".join(f", {k}={v!r}" for k, v in params.items())
    return f'antiplan.simulate("ch09"{shown}).summary["actual_output"]'


def _smallest(base: str) -> str:
    """The smallest penalty on the one-decimal grid with strikes at most half of ``base``."""
    return (
        f"base = {base}\n"
        "penalty_half_strikes = next(p / 10 for p in range(51)\n"
        '    if antiplan.simulate("ch09", penalty=p / 10).summary["strikes"] <= 0.5 * base)\n'
    )


_NO_PENALTY = 'antiplan.simulate("ch09", penalty=0.0).summary["strikes"]'

WRONG = {
    "q1": [
        # the asked behavior, written as a percentage
        (
            "q1_answer",
            _rule("100.0 * solidarity * (1.0 - conditions) ** 2 / (1.0 + penalty * conditions)") + _RUN,
        ),
        # the behavior, doubled to make strikes likelier, with no cap: more than certain at the worst
        ("q1_answer", _rule("2.0 * solidarity * (1.0 - conditions) / (1.0 + penalty * conditions)") + _RUN),
        # the arguments in another order than the model passes them
        (
            "q1_answer",
            "def my_strike_chance(conditions, solidarity, penalty):\n"
            "    return solidarity * (1.0 - conditions) ** 2 / (1.0 + penalty * conditions)\n" + _RUN,
        ),
        # hunger in proportion, terror as in the model, and the economy run with the model's rule
        (
            "q1_answer",
            _rule("solidarity * (1.0 - conditions) / (1.0 + penalty)")
            + 'my_strikes = float(antiplan.simulate("ch09").summary["strikes"])',
        ),
    ],
    "q2": [
        # the index kept as it is in the file (50 for half of 1928)
        (
            "q2_answer",
            _WAGES + "wage_shares = [float(w[n]) for n in ('Schwarz', 'Jasny', 'Zaleski')]\n"
            f"strikes_at_wages = [{_strikes('min(wage_shares) / 100')}, {_strikes('max(wage_shares) / 100')}]\n"
            "strike_ratio = strikes_at_wages[0] / strikes_at_wages[1]",
        ),
        # the ratio turned round: the highest share's strikes over the lowest's
        (
            "q2_answer",
            _WAGES + "wage_shares = [float(w[n]) / 100 for n in ('Schwarz', 'Jasny', 'Zaleski')]\n"
            f"strikes_at_wages = [{_strikes('min(wage_shares)')}, {_strikes('max(wage_shares)')}]\n"
            "strike_ratio = strikes_at_wages[1] / strikes_at_wages[0]",
        ),
        # the first and the last estimate taken for the lowest and the highest
        (
            "q2_answer",
            _WAGES + "wage_shares = [float(w[n]) / 100 for n in ('Schwarz', 'Jasny', 'Zaleski')]\n"
            f"strikes_at_wages = [{_strikes('wage_shares[0]')}, {_strikes('wage_shares[-1]')}]\n"
            "strike_ratio = strikes_at_wages[0] / strikes_at_wages[1]",
        ),
        # the economy run at the chapter's own conditions, not at the wages
        (
            "q2_answer",
            _WAGES + "wage_shares = [float(w[n]) / 100 for n in ('Schwarz', 'Jasny', 'Zaleski')]\n"
            'strikes_at_wages = [float(antiplan.simulate("ch09").summary["strikes"])] * 2\n'
            "strike_ratio = strikes_at_wages[0] / strikes_at_wages[1]",
        ),
    ],
    "q3": [
        # the two losses swapped
        (
            "q3_answer",
            f"base = {_output()}\n"
            f"atomized_loss = float(1.0 - base / {_output(solidarity=0.0)})\n"
            f"collective_loss = float(1.0 - base / {_output(collusion=0.0)})",
        ),
        # the ratio kept, the "1 -" forgotten
        (
            "q3_answer",
            f"base = {_output()}\n"
            f"collective_loss = float(base / {_output(solidarity=0.0)})\n"
            f"atomized_loss = float(base / {_output(collusion=0.0)})",
        ),
        # the gain over the chapter's economy instead of the loss as a share of the economy without it
        (
            "q3_answer",
            f"base = {_output()}\n"
            f"collective_loss = float({_output(solidarity=0.0)} / base - 1.0)\n"
            f"atomized_loss = float({_output(collusion=0.0)} / base - 1.0)",
        ),
        # percentages
        (
            "q3_answer",
            f"base = {_output()}\n"
            f"collective_loss = float(100 * (1.0 - base / {_output(solidarity=0.0)}))\n"
            f"atomized_loss = float(100 * (1.0 - base / {_output(collusion=0.0)}))",
        ),
    ],
    "q4": [
        ("q4_answer", "penalty_half_strikes = 0.0"),  # the slider's low end
        ("q4_answer", "penalty_half_strikes = 2.0"),  # the slider's default
        ("q4_answer", "penalty_half_strikes = 5.0"),  # the slider's high end
        # the last penalty at which strikes are still more than half: one step short
        ("q4_answer", _smallest(_NO_PENALTY) + "penalty_half_strikes = round(penalty_half_strikes - 0.1, 1)"),
        # half of the strikes at the default penalty, not at no penalty
        ("q4_answer", _smallest('antiplan.simulate("ch09").summary["strikes"]')),
    ],
}
