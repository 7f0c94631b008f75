"""Chapter 9: strike rules students might design, and the usual mistakes."""

_RUN = '\nmy_strikes = float(antiplan.simulate("ch09", rules={"strike_chance": my_strike_chance}).summary["strikes"])'

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "hunger as a threshold": "def my_strike_chance(conditions, penalty, solidarity):\n"
        "    return solidarity * (1.0 if conditions < 0.5 else 0.1) / (1.0 + penalty)" + _RUN,
        "terror deters less than in proportion (NumPy)": "import numpy as np\n\n"
        "def my_strike_chance(conditions, penalty, solidarity):\n"
        "    return solidarity * (1.0 - conditions) * np.exp(-0.3 * penalty)" + _RUN,
        "hunger in proportion, capped": "def my_strike_chance(conditions, penalty, solidarity):\n"
        "    return min(1.0, 2.0 * solidarity * (1.0 - conditions) / (1.0 + 2.0 * penalty))" + _RUN,
    },
    "unreasonable": {
        "terror provokes strikes": "def my_strike_chance(conditions, penalty, solidarity):\n"
        "    return solidarity * (1.0 - conditions) ** 2 * (1.0 + penalty) / 6.0" + _RUN,
        "more than certain": "def my_strike_chance(conditions, penalty, solidarity):\n"
        "    return 3.0 * solidarity * (1.0 - conditions) / (1.0 + penalty)" + _RUN,
        "the well fed strike": "def my_strike_chance(conditions, penalty, solidarity):\n"
        "    return solidarity * conditions / (1.0 + penalty)" + _RUN,
    },
}

WRONG = {
    "q1": [
        (
            "q1_answer",
            "def my_strike_chance(conditions, penalty, solidarity):\n"
            "    return solidarity + (1.0 - conditions) - penalty\n" + _RUN,
        ),
        (
            "q1_answer",
            "def my_strike_chance(conditions, penalty, solidarity):\n"
            "    return solidarity * (1.0 - conditions) / (1.0 + penalty)\n"
            'my_strikes = float(antiplan.simulate("ch09").summary["strikes"])',
        ),
    ],
    "q2": [
        (
            "q2_answer",
            "wage_shares = [50.0, 50.0, 43.0]\n"
            'runs = [antiplan.simulate("ch09", conditions=c).summary for c in (0.43, 0.5)]\n'
            'strikes_at_wages = [float(s["strikes"]) for s in runs]\n'
            "strike_ratio = strikes_at_wages[0] / strikes_at_wages[1]",
        ),
        (
            "q2_answer",
            "wage_shares = [0.5, 0.5, 0.43]\n"
            'runs = [antiplan.simulate("ch09", conditions=c).summary for c in (0.43, 0.5)]\n'
            'strikes_at_wages = [float(s["strikes"]) for s in runs]\n'
            "strike_ratio = strikes_at_wages[1] / strikes_at_wages[0]",
        ),
    ],
    "q3": [
        (
            "q3_answer",
            'base = antiplan.simulate("ch09").summary["actual_output"]\n'
            'atomized_loss = float(1.0 - base / antiplan.simulate("ch09", solidarity=0.0).summary["actual_output"])\n'
            'collective_loss = float(1.0 - base / antiplan.simulate("ch09", collusion=0.0).summary["actual_output"])',
        ),
        (
            "q3_answer",
            'base = antiplan.simulate("ch09").summary["actual_output"]\n'
            'collective_loss = float(antiplan.simulate("ch09", solidarity=0.0).summary["actual_output"] / base - 1.0)\n'
            'atomized_loss = float(antiplan.simulate("ch09", collusion=0.0).summary["actual_output"] / base - 1.0)',
        ),
    ],
    "q4": [
        ("q4_answer", "penalty_half_strikes = 0.5"),
        ("q4_answer", "penalty_half_strikes = 10"),
    ],
}
