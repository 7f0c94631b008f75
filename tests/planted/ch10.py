"""Chapter 10: effort rules in which hunger counts, and the usual mistakes."""

_RUN = (
    '\nmine = {"effort": my_effort}'
    '\ndemocratic = antiplan.simulate("ch10", rules=mine, democratic=True).summary["usable_output"]'
    '\ncommand = antiplan.simulate("ch10", rules=mine).summary["usable_output"]'
    "\nmy_usable_ratio = float(democratic / command)"
)


def _rule(body: str) -> str:
    return f"def my_effort(conditions, collusion):\n    return {body}\n"


OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "hunger cuts effort in proportion": _rule("(1.0 - collusion * (1.0 - conditions)) * (0.6 + 0.4 * conditions)")
        + _RUN,
        "hunger adds to what collusion withholds": _rule(
            "max(0.1, min(1.0, 1.0 - collusion * (1.0 - conditions) - 0.3 * (1.0 - conditions) ** 2))"
        )
        + _RUN,
        "below subsistence only": _rule("(1.0 - collusion * (1.0 - conditions)) * min(1.0, 0.5 + conditions)") + _RUN,
        "hunger alone, collusion left out (NumPy)": "import numpy as np\n\n"
        + _rule("float(np.sqrt(0.25 + 0.75 * conditions))")
        + _RUN,
    },
    "unreasonable": {
        "hunger spurs more than full effort": _rule("(1.0 - collusion * (1.0 - conditions)) * (1.4 - 0.4 * conditions)")
        + _RUN,
        "better fed, less effort": _rule("1.0 - 0.5 * conditions") + _RUN,
        "collusion raises effort": _rule("min(1.0, (0.6 + 0.4 * conditions) * (0.5 + collusion))") + _RUN,
        "the model's rule, in which hunger needs collusion": _rule("1.0 - collusion * (1.0 - conditions)") + _RUN,
    },
}

TRIVIAL = {
    "retyped": _rule("1.0 - collusion * (1.0 - conditions)") + _RUN,
    "constant": _rule("0.8") + _RUN,
    "reversed": _rule("(1.0 - collusion * (1.0 - conditions)) * (1.0 - 0.4 * conditions)") + _RUN,
    "hunger squared, still only through collusion": _rule("1.0 - collusion * (1.0 - conditions) ** 2") + _RUN,
}

_DATA = (
    "from antiplan.data import load_fyp\n"
    "fyp = load_fyp()\n"
    "def official(item, period):\n"
    "    rows = fyp[(fyp['item'] == item) & (fyp['period'] == period) & (fyp['variant'] == 'official')]\n"
    "    return float(rows['value'].iloc[0])\n"
    "wages = fyp[(fyp['item'] == 'real_wage') & (fyp['period'] == '1932')]['value']\n"
)
_HEAVY = "heavy_growth = official('pig_iron', '1932') / official('pig_iron', '1927/28')\n"
_LIGHT = "light_growth = [official(i, '1932') / official(i, '1928/29') for i in ('cotton_fabric', 'wool_fabric')]\n"
_WAGE_RANGE = "real_wage_range = [float(wages.min()) / 100, float(wages.max()) / 100]\n"
_MODES = (
    'dem = antiplan.simulate("ch10", democratic=True).summary["usable_output"]\n'
    'com = antiplan.simulate("ch10").summary["usable_output"]\n'
)
_RATIO = "usable_ratio = float(dem / com)"


def _difference(body: str) -> str:
    return (
        "def mode_difference(metric, seed):\n"
        '    dem = antiplan.simulate("ch10", seed=seed, democratic=True).summary[metric]\n'
        '    com = antiplan.simulate("ch10", seed=seed).summary[metric]\n'
        f"    return float({body})"
    )


WRONG = {
    "q1": [
        # the asked behavior, as a percentage of full effort
        ("q1_answer", _rule("100.0 * (1.0 - collusion * (1.0 - conditions)) * (0.6 + 0.4 * conditions)") + _RUN),
        # hunger takes a fifth off, good conditions add a fifth: more than full effort when fed
        ("q1_answer", _rule("(1.0 - collusion * (1.0 - conditions)) * (0.8 + 0.4 * conditions)") + _RUN),
        # a difference that leaves the share's bounds
        ("q1_answer", _rule("2.0 * conditions - collusion") + _RUN),
        # hunger squared, still only through collusion, and both modes run with the model's rule
        (
            "q1_answer",
            _rule("1.0 - collusion * (1.0 - conditions) ** 2")
            + 'democratic = antiplan.simulate("ch10", democratic=True).summary["usable_output"]\n'
            'command = antiplan.simulate("ch10").summary["usable_output"]\n'
            "my_usable_ratio = float(democratic / command)",
        ),
    ],
    "q2": [
        # base year over 1932 instead of 1932 over the base year
        (
            "q2_answer",
            _DATA
            + "heavy_growth = official('pig_iron', '1927/28') / official('pig_iron', '1932')\n"
            + "light_growth = [official(i, '1928/29') / official(i, '1932')\n"
            + "    for i in ('cotton_fabric', 'wool_fabric')]\n"
            + _WAGE_RANGE
            + _MODES
            + _RATIO,
        ),
        # growth rates (the ratio minus 1) instead of the ratios asked for
        (
            "q2_answer",
            _DATA
            + "heavy_growth = official('pig_iron', '1932') / official('pig_iron', '1927/28') - 1.0\n"
            + "light_growth = [official(i, '1932') / official(i, '1928/29') - 1.0\n"
            + "    for i in ('cotton_fabric', 'wool_fabric')]\n"
            + _WAGE_RANGE
            + _MODES
            + _RATIO,
        ),
        # the real wages left as an index (1928 = 100)
        (
            "q2_answer",
            _DATA + _HEAVY + _LIGHT + "real_wage_range = [float(wages.min()), float(wages.max())]\n" + _MODES + _RATIO,
        ),
        # command over democratic
        ("q2_answer", _DATA + _HEAVY + _LIGHT + _WAGE_RANGE + _MODES + "usable_ratio = float(com / dem)"),
        # the first pig-iron row of 1932/33 (a plan) taken for 1932's output
        (
            "q2_answer",
            _DATA
            + "iron = fyp[(fyp['item'] == 'pig_iron') & fyp['period'].str.startswith('1932')]\n"
            + "heavy_growth = float(iron['value'].iloc[0]) / official('pig_iron', '1927/28')\n"
            + _LIGHT
            + _WAGE_RANGE
            + _MODES
            + _RATIO,
        ),
    ],
    "q3": [
        ("q3_answer", _difference("com - dem")),  # command minus democratic
        ("q3_answer", _difference("dem / com")),  # a ratio, not a difference
        ("q3_answer", _difference("(dem - com) / com")),  # relative to the command economy
        # the seed ignored
        (
            "q3_answer",
            "def mode_difference(metric, seed):\n"
            '    dem = antiplan.simulate("ch10", democratic=True).summary[metric]\n'
            '    com = antiplan.simulate("ch10").summary[metric]\n'
            "    return float(dem - com)",
        ),
        # the seed passed to one mode only
        (
            "q3_answer",
            "def mode_difference(metric, seed):\n"
            '    dem = antiplan.simulate("ch10", seed=seed, democratic=True).summary[metric]\n'
            '    com = antiplan.simulate("ch10").summary[metric]\n'
            "    return float(dem - com)",
        ),
    ],
    "q4": [
        ("q4_answer", "tempo_command_ok = 0.0"),  # the slider's low end: fulfilled, but not the largest
        ("q4_answer", "tempo_command_ok = 0.06"),  # the slider's default
        ("q4_answer", "tempo_command_ok = 0.15"),  # the high end, read with the democratic mode on
        # the first tempo at which fulfillment falls below 90 %: one step too far
        (
            "q4_answer",
            "tempo_command_ok = next(k / 100 for k in range(16)\n"
            '    if antiplan.simulate("ch10", tempo=k / 100).summary["plan_fulfillment_actual"] < 0.9)',
        ),
        # one step too cautious
        (
            "q4_answer",
            "tempo_command_ok = next(k / 100 for k in range(16)\n"
            '    if antiplan.simulate("ch10", tempo=k / 100).summary["plan_fulfillment_actual"] < 0.9) - 0.02',
        ),
    ],
}
