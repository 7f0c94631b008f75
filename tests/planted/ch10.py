"""Chapter 10: effort rules in which hunger counts, and the usual mistakes."""

_RUN = (
    '\nmine = {"effort": my_effort}'
    '\ndemocratic = antiplan.simulate("ch10", rules=mine, democratic=True).summary["usable_output"]'
    '\ncommand = antiplan.simulate("ch10", rules=mine).summary["usable_output"]'
    "\nmy_usable_ratio = float(democratic / command)"
)

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "hunger cuts effort in proportion": "def my_effort(conditions, collusion):\n"
        "    return (1.0 - collusion * (1.0 - conditions)) * (0.6 + 0.4 * conditions)" + _RUN,
        "hunger adds to what collusion withholds": "def my_effort(conditions, collusion):\n"
        "    return max(0.1, min(1.0, 1.0 - collusion * (1.0 - conditions) - 0.3 * (1.0 - conditions) ** 2))" + _RUN,
        "below subsistence only": "def my_effort(conditions, collusion):\n"
        "    return (1.0 - collusion * (1.0 - conditions)) * min(1.0, 0.5 + conditions)" + _RUN,
    },
    "unreasonable": {
        "hunger spurs more than full effort": "def my_effort(conditions, collusion):\n"
        "    return (1.0 - collusion * (1.0 - conditions)) * (1.4 - 0.4 * conditions)" + _RUN,
        "better fed, less effort": "def my_effort(conditions, collusion):\n    return 1.0 - 0.5 * conditions" + _RUN,
        "collusion raises effort": "def my_effort(conditions, collusion):\n"
        "    return min(1.0, (0.6 + 0.4 * conditions) * (0.5 + collusion))" + _RUN,
        "the model's rule, in which hunger needs collusion": "def my_effort(conditions, collusion):\n"
        "    return 1.0 - collusion * (1.0 - conditions)" + _RUN,
    },
}

WRONG = {
    "q1": [
        ("q1_answer", "def my_effort(conditions, collusion):\n    return 2.0 * conditions - collusion\n" + _RUN),
        (
            "q1_answer",
            "def my_effort(conditions, collusion):\n"
            "    return (1.0 - collusion * (1.0 - conditions)) * (0.6 + 0.4 * conditions)\n"
            'democratic = antiplan.simulate("ch10", democratic=True).summary["usable_output"]\n'
            'command = antiplan.simulate("ch10").summary["usable_output"]\n'
            "my_usable_ratio = float(democratic / command)",
        ),
    ],
    "q2": [
        (
            "q2_answer",
            "heavy_growth = 3.3 / 6.2\nlight_growth = [2.74 / 2.7, 96.6 / 91.3]\n"
            "real_wage_range = [0.43, 0.5]\nusable_ratio = 1.5",
        ),
        (
            "q2_answer",
            "heavy_growth = 6.2 / 3.3\nlight_growth = [2.7 / 2.74, 91.3 / 96.6]\n"
            "real_wage_range = [43.0, 50.0]\nusable_ratio = 1.5",
        ),
    ],
    "q3": [
        (
            "q3_answer",
            "def mode_difference(metric, seed):\n"
            '    dem = antiplan.simulate("ch10", seed=seed, democratic=True).summary[metric]\n'
            '    com = antiplan.simulate("ch10", seed=seed).summary[metric]\n'
            "    return float(com - dem)",
        ),
        (
            "q3_answer",
            "def mode_difference(metric, seed):\n"
            '    dem = antiplan.simulate("ch10", seed=seed, democratic=True).summary[metric]\n'
            '    com = antiplan.simulate("ch10", seed=seed).summary[metric]\n'
            "    return float(dem / com)",
        ),
    ],
    "q4": [
        ("q4_answer", "tempo_command_ok = 0.15"),
        ("q4_answer", "tempo_command_ok = 3"),
    ],
}
