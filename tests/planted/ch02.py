"""Chapter 2: ratchets students might design, and the usual mistakes."""

_RUN = (
    '\nmy_fulfillment = float(antiplan.simulate("ch02", engine="reference", rules={"next_target": my_next_target})'
    '.summary["plan_fulfillment_actual"])'
)
_HEAD = "def my_next_target(target, report, local, tempo, ratchet, centralization):\n"

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "a one-way ratchet": _HEAD + "    center = (1.0 + tempo) * max(target, target + ratchet * (report - target))\n"
        "    return centralization * center + (1.0 - centralization) * local" + _RUN,
        "planning from the report alone": _HEAD + "    center = (1.0 + tempo) * report\n"
        "    return centralization * center + (1.0 - centralization) * local" + _RUN,
        "over-fulfillment punished twice": _HEAD + "    step = ratchet * (report - target)\n"
        "    center = (1.0 + tempo) * (target + (2.0 * step if step > 0 else step))\n"
        "    return max(0.0, centralization * center + (1.0 - centralization) * local)" + _RUN,
        "a compounding tempo (NumPy)": "import numpy as np\n\n"
        + _HEAD
        + "    center = np.exp(tempo) * (target + ratchet * (report - target))\n"
        "    return centralization * center + (1.0 - centralization) * local" + _RUN,
    },
    "unreasonable": {
        "honesty rewarded": _HEAD + "    center = (1.0 + tempo) * (target - ratchet * (report - target))\n"
        "    return centralization * center + (1.0 - centralization) * local" + _RUN,
        "tempo as a discount": _HEAD + "    center = (1.0 - 5.0 * tempo) * (target + ratchet * (report - target))\n"
        "    return centralization * center + (1.0 - centralization) * local" + _RUN,
        "targets out of all proportion": _HEAD + "    return 10.0 * (1.0 + tempo) * report" + _RUN,
    },
}

WRONG = {
    "q1": [
        (
            "q1_answer",
            _HEAD + "    return target - ratchet * report\n" + _RUN,
        ),
        (
            "q1_answer",
            _HEAD + "    center = (1.0 + tempo) * max(target, target + ratchet * (report - target))\n"
            "    return centralization * center + (1.0 - centralization) * local\n"
            'my_fulfillment = float(antiplan.simulate("ch02").summary["plan_fulfillment_actual"])',
        ),
    ],
    "q2": [
        (
            "q2_answer",
            "pig_iron_fulfillment = [8.0 / 6.2, 10.0 / 6.2, 17.0 / 6.2]\noptimal_tempo = 0.05\nmodel_fulfillment = 1.0",
        ),
        (
            "q2_answer",
            "pig_iron_fulfillment = [77.5, 62.0, 36.5]\noptimal_tempo = 0.05\nmodel_fulfillment = 1.0",
        ),
    ],
    "q3": [
        ("q3_answer", "def flat_share(tempo, ratchet):\n    return 1.0 - tempo / ratchet"),
        ("q3_answer", "def flat_share(tempo, ratchet):\n    return tempo / ((1.0 + tempo) * ratchet)"),
    ],
    "q4": [
        ("q4_answer", "tempo_unmet = 0.0"),
        ("q4_answer", "tempo_unmet = 5"),
    ],
}
