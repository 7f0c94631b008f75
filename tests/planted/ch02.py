"""Chapter 2: ratchets students might design, and the usual mistakes."""

_RUN = (
    '\nmy_fulfillment = float(antiplan.simulate("ch02", engine="reference", rules={"next_target": my_next_target})'
    '.summary["plan_fulfillment_actual"])'
)
_HEAD = "def my_next_target(target, report, local, tempo, ratchet, centralization):\n"
_AT_TEMPO = (
    'model_fulfillment = float(antiplan.simulate("ch02", tempo=optimal_tempo).summary["plan_fulfillment_actual"])'
)
_BLEND = "    return centralization * center + (1.0 - centralization) * local" + _RUN

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "a one-way ratchet": _HEAD
        + "    center = (1.0 + tempo) * max(target, target + ratchet * (report - target))\n"
        + _BLEND,
        "over-fulfillment punished twice": _HEAD + "    step = ratchet * (report - target)\n"
        "    center = (1.0 + tempo) * (target + (2.0 * step if step > 0 else step))\n"
        "    return max(0.0, centralization * center + (1.0 - centralization) * local)" + _RUN,
        "shortfalls half forgiven": _HEAD + "    step = ratchet * (report - target)\n"
        "    center = (1.0 + tempo) * (target + (step if step > 0 else 0.5 * step))\n" + _BLEND,
        "planning from the better of target and report": _HEAD
        + "    center = (1.0 + tempo) * max(target, report)\n"
        + _BLEND,
        "a compounding tempo, a lopsided ratchet (NumPy)": "import numpy as np\n\n"
        + _HEAD
        + "    gap = report - target\n"
        "    center = np.exp(tempo) * (target + ratchet * (gap + 0.5 * np.abs(gap)))\n" + _BLEND,
    },
    "unreasonable": {
        "honesty rewarded": _HEAD
        + "    center = (1.0 + tempo) * max(target, target - ratchet * (report - target))\n"
        + _BLEND,
        "tempo as a discount": _HEAD
        + "    center = (1.0 - 5.0 * tempo) * max(target, target + ratchet * (report - target))\n"
        + _BLEND,
        "targets out of all proportion": _HEAD + "    return 10.0 * (1.0 + tempo) * max(target, report)" + _RUN,
    },
}

TRIVIAL = {
    "retyped": _HEAD + "    center = (1.0 + tempo) * (target + ratchet * (report - target))\n" + _BLEND,
    "constant": _HEAD + "    return 1.0" + _RUN,
    "reversed": _HEAD + "    center = (1.0 + tempo) * min(target, target + ratchet * (report - target))\n" + _BLEND,
}

WRONG = {
    "q1": [
        # The sign turned round inside the one-way ratchet: a report above the target changes nothing.
        (
            "q1_answer",
            _HEAD + "    center = (1.0 + tempo) * max(target, target + ratchet * (target - report))\n" + _BLEND,
        ),
        # "- target" forgotten: the report added to the whole target.
        ("q1_answer", _HEAD + "    center = (1.0 + tempo) * (target + ratchet * report)\n" + _BLEND),
        # The tempo read as a percentage.
        (
            "q1_answer",
            _HEAD + "    center = (1.0 + 100.0 * tempo) * max(target, target + ratchet * (report - target))\n" + _BLEND,
        ),
        # The rule returns how much the target rises, not the target.
        ("q1_answer", _HEAD + "    return (1.0 + tempo) * max(0.0, ratchet * (report - target))" + _RUN),
        # The model's ratchet with a tiny extra step after over-fulfillment.
        (
            "q1_answer",
            _HEAD
            + "    center = (1.0 + tempo) * (target + ratchet * (report - target) + 1e-6 * max(report - target, 0.0))\n"
            + _BLEND,
        ),
        # A one-way ratchet that forgets the demanded tempo.
        ("q1_answer", _HEAD + "    center = max(target, target + ratchet * (report - target))\n" + _BLEND),
        # A one-way ratchet that leaves out centralization and what is known on the spot.
        ("q1_answer", _HEAD + "    return (1.0 + tempo) * max(target, target + ratchet * (report - target))" + _RUN),
    ],
    "q2": [
        # Plan over output, not output over plan.
        (
            "q2_answer",
            "pig_iron_fulfillment = [8.0 / 6.2, 10.0 / 6.2, 17.0 / 6.2]\noptimal_tempo = (10.0 / 3.3) ** (1 / 20) - 1\n"
            + _AT_TEMPO,
        ),
        # Percentages, not shares.
        (
            "q2_answer",
            "pig_iron_fulfillment = [77.5, 62.0, 36.5]\noptimal_tempo = (10.0 / 3.3) ** (1 / 20) - 1\n" + _AT_TEMPO,
        ),
        # The wrong year: 1927/28's output over each plan.
        (
            "q2_answer",
            "pig_iron_fulfillment = [3.3 / 8.0, 3.3 / 10.0, 3.3 / 17.0]\noptimal_tempo = (10.0 / 3.3) ** (1 / 20) - 1\n"
            + _AT_TEMPO,
        ),
        # Growth per year (five steps), not per quarter.
        (
            "q2_answer",
            "pig_iron_fulfillment = [6.2 / 8.0, 6.2 / 10.0, 6.2 / 17.0]\noptimal_tempo = (10.0 / 3.3) ** (1 / 5) - 1\n"
            + _AT_TEMPO,
        ),
        # The "- 1" forgotten.
        (
            "q2_answer",
            "pig_iron_fulfillment = [6.2 / 8.0, 6.2 / 10.0, 6.2 / 17.0]\noptimal_tempo = (10.0 / 3.3) ** (1 / 20)\n"
            'model_fulfillment = float(antiplan.simulate("ch02", tempo=0.057).summary["plan_fulfillment_actual"])',
        ),
        # Medvedev's rounded 6.16 million tons, copied from the chapter, for the data's 6.2.
        (
            "q2_answer",
            "pig_iron_fulfillment = [6.16 / 8.0, 6.16 / 10.0, 6.16 / 17.0]\n"
            "optimal_tempo = (10.0 / 3.3) ** (1 / 20) - 1\n" + _AT_TEMPO,
        ),
        # The model run at its default tempo, not at the plan's.
        (
            "q2_answer",
            "pig_iron_fulfillment = [6.2 / 8.0, 6.2 / 10.0, 6.2 / 17.0]\noptimal_tempo = (10.0 / 3.3) ** (1 / 20) - 1\n"
            'model_fulfillment = float(antiplan.simulate("ch02").summary["plan_fulfillment_actual"])',
        ),
    ],
    "q3": [
        ("q3_answer", "def flat_share(tempo, ratchet):\n    return 1.0 - tempo / ratchet"),
        ("q3_answer", "def flat_share(tempo, ratchet):\n    return tempo / ((1.0 + tempo) * ratchet)"),
        ("q3_answer", "def flat_share(ratchet, tempo):\n    return 1.0 - tempo / ((1.0 + tempo) * ratchet)"),
        ("q3_answer", "def flat_share(tempo, ratchet):\n    return 1.0 - tempo * ratchet / (1.0 + tempo)"),
        ("q3_answer", "def flat_share(tempo, ratchet):\n    return 100.0 * (1.0 - tempo / ((1.0 + tempo) * ratchet))"),
        # The ratchet's weight on the old target instead of the report.
        ("q3_answer", "def flat_share(tempo, ratchet):\n    return 1.0 - tempo / ((1.0 + tempo) * (1.0 - ratchet))"),
    ],
    "q4": [
        ("q4_answer", "tempo_unmet = 0.15"),  # the slider's end
        ("q4_answer", "tempo_unmet = 0.06"),  # its default
        ("q4_answer", "tempo_unmet = 0.0"),  # its start
        ("q4_answer", "tempo_unmet = 5"),  # a percentage
        ("q4_answer", "tempo_unmet = 0.04"),  # the last tempo at which the plan is still met
        ("q4_answer", "tempo_unmet = 0.1"),  # a round number well past it
    ],
}
