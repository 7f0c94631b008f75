"""Chapter 6: quit rules students might design, and the usual mistakes."""

_RUN = (
    '\nmy_turnover = float(antiplan.simulate("ch06", engine="reference", rules={"quit_rate": my_quit_rate})'
    '.summary["turnover"])'
)

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "hunger as a threshold": "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
        "    hungry = 1.0 if conditions < 0.25 else 0.2\n"
        "    return min(1.0, base_quit + quit_sensitivity * hungry * (1.0 + overload))" + _RUN,
        "food and housing, not the pace": "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
        "    return min(1.0, base_quit + quit_sensitivity * (1.0 - conditions))" + _RUN,
        "worse than in proportion": "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
        "    return min(1.0, base_quit + quit_sensitivity * (1.0 - conditions) ** 2 * (1.0 + overload))" + _RUN,
        "saturating flight (NumPy)": "import numpy as np\n\n"
        "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
        "    push = quit_sensitivity * (1.0 - conditions) * (1.0 + overload)\n"
        "    return float(base_quit + (1.0 - base_quit) * (1.0 - np.exp(-push)))" + _RUN,
    },
    "unreasonable": {
        "more than the whole workforce": "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
        "    return base_quit + quit_sensitivity * (1.0 - conditions) * (1.0 + overload)" + _RUN,
        "decent conditions drive workers away": "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
        "    return min(1.0, base_quit + quit_sensitivity * conditions * (1.0 + overload))" + _RUN,
        "the speed-up keeps workers in": "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
        "    return min(1.0, base_quit + quit_sensitivity * (1.0 - conditions) / (1.0 + overload))" + _RUN,
    },
}

WRONG = {
    "q1": [
        (
            "q1_answer",
            "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
            "    return 100.0 * min(1.0, base_quit + quit_sensitivity * (1.0 - conditions))\n" + _RUN,
        ),
        (
            "q1_answer",
            "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
            "    return min(1.0, base_quit + quit_sensitivity * (1.0 - conditions))\n"
            'my_turnover = float(antiplan.simulate("ch06").summary["turnover"])',
        ),
    ],
    "q2": [
        (
            "q2_answer",
            'with_quits = antiplan.simulate("ch06").summary["skill"]\n'
            'without = antiplan.simulate("ch06", base_quit=0.0, quit_sensitivity=0.0).summary["skill"]\n'
            "skill_lost = float(with_quits / without)",
        ),
        (
            "q2_answer",
            'with_quits = antiplan.simulate("ch06").summary["skill"]\n'
            'without = antiplan.simulate("ch06", base_quit=0.0, quit_sensitivity=0.0).summary["skill"]\n'
            "skill_lost = float(100 * (1.0 - with_quits / without))",
        ),
    ],
    "q3": [
        ("q3_answer", "donbas_per_quarter = [73.8, 23.85]\ntimes_model = 4.0"),
        ("q3_answer", "donbas_per_quarter = [2.952, 0.954]\ntimes_model = 0.25"),
    ],
    "q4": [
        ("q4_answer", "conditions_half_turnover = 0.3"),
        ("q4_answer", "conditions_half_turnover = 52"),
    ],
}
