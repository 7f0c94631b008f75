"""Chapter 5: defect cascades students might design, and the usual mistakes."""

_RUN = (
    '\nmy_defect_share = float(antiplan.simulate("ch05", engine="reference", rules={"cascade": my_cascade})'
    '.summary["defect_share"])'
)

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "the worst link decides": "def my_cascade(own, upstream):\n    return max(own, upstream)" + _RUN,
        "defects add up, capped": "def my_cascade(own, upstream):\n    return min(1.0, own + upstream)" + _RUN,
        "half the bad inputs are caught": "def my_cascade(own, upstream):\n"
        "    return own + (1.0 - own) * 0.5 * upstream" + _RUN,
        "defects add up, overlaps half counted (NumPy)": "import numpy as np\n\ndef my_cascade(own, upstream):\n"
        "    return float(np.clip(own + upstream - 0.5 * own * upstream, 0.0, 1.0))" + _RUN,
    },
    "unreasonable": {
        "defects add up without a cap": "def my_cascade(own, upstream):\n    return own + upstream" + _RUN,
        "bad inputs make sounder goods": "def my_cascade(own, upstream):\n    return own * (1.0 - upstream)" + _RUN,
        "a percentage, not a share": "def my_cascade(own, upstream):\n"
        "    return 100.0 * (1.0 - (1.0 - own) * (1.0 - upstream))" + _RUN,
    },
}

WRONG = {
    "q1": [
        ("q1_answer", "def my_cascade(own, upstream):\n    return 100.0 * max(own, upstream)\n" + _RUN),
        (
            "q1_answer",
            "def my_cascade(own, upstream):\n    return max(own, upstream)\n"
            'my_defect_share = float(antiplan.simulate("ch05").summary["defect_share"])',
        ),
    ],
    "q2": [
        ("q2_answer", 'last_stage_defects = float(antiplan.simulate("ch05").stages.iloc[:, 0].mean())'),
        ("q2_answer", 'last_stage_defects = 100 * float(antiplan.simulate("ch05").stages.iloc[:, -1].mean())'),
    ],
    "q3": [
        ("q3_answer", "pig_iron_fulfillment = [8.0 / 6.2, 10.0 / 6.2, 17.0 / 6.2]\nmodel_fulfillment = 0.8"),
        ("q3_answer", "pig_iron_fulfillment = [77.5, 62.0, 36.5]\nmodel_fulfillment = 79.4"),
    ],
    "q4": [
        ("q4_answer", "best_tempo = 0.15"),
        ("q4_answer", "best_tempo = 5"),
    ],
}
