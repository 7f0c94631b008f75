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
_SHARES = "wage_shares = [float(w[n]) / 100 for n in ('Schwarz', 'Jasny', 'Zaleski')]\n"
_RULE_RATIO = "rule_ratio = ((1.0 - min(wage_shares)) / (1.0 - max(wage_shares))) ** 2\n"


def _strikes(share: str, seed: int = 0) -> str:
    seeded = f", seed={seed}" if seed else ""
    return f'float(antiplan.simulate("ch09", conditions={share}{seeded}).summary["strikes"])'


_AT_WAGES = f"strikes_at_wages = [{_strikes('min(wage_shares)')}, {_strikes('max(wage_shares)')}]\n"
_RATIO = "strike_ratio = strikes_at_wages[0] / strikes_at_wages[1]\n"


def _output(key: str = "actual_output", scenario: str = "ch09", **params) -> str:
    shown = "".join(f", {k}={v!r}" for k, v in params.items())
    return f'antiplan.simulate("{scenario}"{shown}).summary["{key}"]'


_DIRECT = (
    "from antiplan.rules.resistance import STRIKE_LOSS\n"
    'direct_losses = [STRIKE_LOSS * antiplan.simulate("ch09").summary["strikes"], 0.25 * (1.0 - 0.4)]\n'
)


def _losses(collective: str, atomized: str, direct: str = _DIRECT) -> str:
    return f"base = {_output()}\ncollective_loss = float({collective})\natomized_loss = float({atomized})\n" + direct


_RIGHT_COLLECTIVE = f"1.0 - base / {_output(solidarity=0.0)}"
_RIGHT_ATOMIZED = f"1.0 - base / {_output(collusion=0.0)}"


def _first(condition: str) -> str:
    """The lightest penalty on the one-decimal grid at which ``condition`` (on ``u``, usable output, and
    ``none``, at no penalty) holds."""
    return (
        'none = antiplan.simulate("ch09", penalty=0.0).summary["usable_output"]\n'
        "def first(condition):\n"
        "    for k in range(51):\n"
        '        u = antiplan.simulate("ch09", penalty=k / 10).summary["usable_output"]\n'
        "        if condition(u):\n"
        "            return k / 10\n"
        f"penalty_costs_output = first(lambda u: {condition})\n"
    )


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
        # the model's rule with a tiny term that makes terror weigh a shade more on the fed: no clear difference
        (
            "q1_answer",
            _rule("solidarity * (1.0 - conditions) ** 2 / (1.0 + penalty * (1.0 + 0.001 * conditions))") + _RUN,
        ),
        # a good shape with a slip at one interior penalty (2.5), where heavier terror brings more strikes
        (
            "q1_answer",
            "def my_strike_chance(conditions, penalty, solidarity):\n"
            "    p = penalty if penalty != 2.5 else 0.5\n"
            "    return solidarity * (1.0 - conditions) ** 2 / (1.0 + p * conditions)\n" + _RUN,
        ),
    ],
    "q2": [
        # the index kept as it is in the file (50 for half of 1928)
        (
            "q2_answer",
            _WAGES + "wage_shares = [float(w[n]) for n in ('Schwarz', 'Jasny', 'Zaleski')]\n"
            f"strikes_at_wages = [{_strikes('min(wage_shares) / 100')}, {_strikes('max(wage_shares) / 100')}]\n"
            + _RATIO
            + "rule_ratio = ((1.0 - min(wage_shares) / 100) / (1.0 - max(wage_shares) / 100)) ** 2",
        ),
        # the ratio turned round: the highest share's strikes over the lowest's
        (
            "q2_answer",
            _WAGES + _SHARES + _AT_WAGES + "strike_ratio = strikes_at_wages[1] / strikes_at_wages[0]\n" + _RULE_RATIO,
        ),
        # the first and the last estimate taken for the lowest and the highest
        (
            "q2_answer",
            _WAGES
            + _SHARES
            + f"strikes_at_wages = [{_strikes('wage_shares[0]')}, {_strikes('wage_shares[-1]')}]\n"
            + _RATIO
            + _RULE_RATIO,
        ),
        # the economy run at the chapter's own conditions, not at the wages
        (
            "q2_answer",
            _WAGES
            + _SHARES
            + 'strikes_at_wages = [float(antiplan.simulate("ch09").summary["strikes"])] * 2\n'
            + _RATIO
            + _RULE_RATIO,
        ),
        # the runs' ratio replaced by the rule's own, worked out by hand
        ("q2_answer", _WAGES + _SHARES + _AT_WAGES + "strike_ratio = ((1 - 0.43) / (1 - 0.50)) ** 2\n" + _RULE_RATIO),
        # the runs made with another seed
        (
            "q2_answer",
            _WAGES
            + _SHARES
            + f"strikes_at_wages = [{_strikes('min(wage_shares)', 1)}, {_strikes('max(wage_shares)', 1)}]\n"
            + _RATIO
            + _RULE_RATIO,
        ),
        # the rule's ratio taken from the runs again
        ("q2_answer", _WAGES + _SHARES + _AT_WAGES + _RATIO + "rule_ratio = strike_ratio"),
        # the rule's ratio without its square
        (
            "q2_answer",
            _WAGES + _SHARES + _AT_WAGES + _RATIO + "rule_ratio = (1.0 - min(wage_shares)) / (1.0 - max(wage_shares))",
        ),
    ],
    "q3": [
        # the two losses swapped
        ("q3_answer", _losses(_RIGHT_ATOMIZED, _RIGHT_COLLECTIVE)),
        # the ratio kept, the "1 -" forgotten
        ("q3_answer", _losses(f"base / {_output(solidarity=0.0)}", f"base / {_output(collusion=0.0)}")),
        # the gain over the chapter's economy instead of the loss as a share of the economy without it
        ("q3_answer", _losses(f"{_output(solidarity=0.0)} / base - 1.0", f"{_output(collusion=0.0)} / base - 1.0")),
        # percentages
        ("q3_answer", _losses(f"100 * ({_RIGHT_COLLECTIVE})", f"100 * ({_RIGHT_ATOMIZED})")),
        # right, but rounded to six decimals
        ("q3_answer", _losses(f"round({_RIGHT_COLLECTIVE}, 6)", f"round({_RIGHT_ATOMIZED}, 6)")),
        # usable output instead of actual output
        (
            "q3_answer",
            f"base = {_output('usable_output')}\n"
            f"collective_loss = float(1.0 - base / {_output('usable_output', solidarity=0.0)})\n"
            f"atomized_loss = float(1.0 - base / {_output('usable_output', collusion=0.0)})\n" + _DIRECT,
        ),
        # the gain for the loss in the strikes alone, the other loss right
        ("q3_answer", _losses(f"{_output(solidarity=0.0)} / base - 1.0", _RIGHT_ATOMIZED)),
        # usable output for actual output in withheld effort alone, the other loss right
        (
            "q3_answer",
            _losses(
                _RIGHT_COLLECTIVE,
                f"1.0 - {_output('usable_output')} / {_output('usable_output', collusion=0.0)}",
            ),
        ),
        # the chapter 6 economy, which has no strikes, instead of chapter 9's
        (
            "q3_answer",
            f"base = {_output(scenario='ch06')}\n"
            f"collective_loss = float(1.0 - base / {_output(scenario='ch06', solidarity=0.0)})\n"
            f"atomized_loss = float(1.0 - base / {_output(scenario='ch06', collusion=0.0)})\n" + _DIRECT,
        ),
        # the effort the rule leaves, not the effort it withholds
        (
            "q3_answer",
            _losses(
                _RIGHT_COLLECTIVE,
                _RIGHT_ATOMIZED,
                "from antiplan.rules.resistance import STRIKE_LOSS\n"
                'strikes = antiplan.simulate("ch09").summary["strikes"]\n'
                "direct_losses = [STRIKE_LOSS * strikes, 1.0 - 0.25 * (1.0 - 0.4)]\n",
            ),
        ),
        # strikes "switched off" with the heaviest penalty, which only makes them rarer
        ("q3_answer", _losses(f"1.0 - base / {_output(penalty=5.0)}", _RIGHT_ATOMIZED)),
        # withheld effort "switched off" with decent conditions, which also stop strikes and quits
        ("q3_answer", _losses(_RIGHT_COLLECTIVE, f"1.0 - base / {_output(conditions=1.0)}")),
        # a strike's loss alone, not weighed by how often strikes happen
        (
            "q3_answer",
            _losses(
                _RIGHT_COLLECTIVE,
                _RIGHT_ATOMIZED,
                "from antiplan.rules.resistance import STRIKE_LOSS\n"
                "direct_losses = [STRIKE_LOSS, 0.25 * (1.0 - 0.4)]\n",
            ),
        ),
    ],
    "q4": [
        ("q4_answer", "penalty_costs_output = 0.0"),  # the slider's low end
        ("q4_answer", "penalty_costs_output = 2.0"),  # the slider's default
        ("q4_answer", "penalty_costs_output = 5.0"),  # the slider's high end
        # one step too light: the last penalty at which usable output is still above 97 %
        ("q4_answer", _first("u <= 0.97 * none") + "penalty_costs_output = round(penalty_costs_output - 0.1, 1)"),
        # one step too heavy
        ("q4_answer", _first("u <= 0.97 * none") + "penalty_costs_output = round(penalty_costs_output + 0.1, 1)"),
        # 97 % of usable output at the default penalty, not at no penalty
        (
            "q4_answer",
            _first('u <= 0.97 * antiplan.simulate("ch09").summary["usable_output"]'),
        ),
        # a cost of 3 points of usable output read as 0.03 below it, not 3 % of it
        ("q4_answer", _first("u <= none - 0.03")),
        # the penalty that halves the strikes, read instead of usable output
        (
            "q4_answer",
            'half = antiplan.simulate("ch09", penalty=0.0).summary["strikes"] / 2\n'
            "penalty_costs_output = next(k / 10 for k in range(51)\n"
            '    if antiplan.simulate("ch09", penalty=k / 10).summary["strikes"] <= half)',
        ),
    ],
}
