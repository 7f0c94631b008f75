"""Chapter 3: padding rules students might design, and the usual mistakes."""

_RUN = (
    '\nmy_gap = float(antiplan.simulate("ch03", rules={"padding_share": my_padding_share}).summary["statistics_gap"])'
)

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "audits deter twice": "def my_padding_share(penalty, audit):\n"
        "    return (1.0 - audit) ** 2 * penalty / (1.0 + penalty)" + _RUN,
        "fear as a threshold": "def my_padding_share(penalty, audit):\n"
        "    return (0.9 if penalty > 1.0 else 0.1) * (1.0 - audit)" + _RUN,
        "pads in proportion, capped": "def my_padding_share(penalty, audit):\n"
        "    return min(1.0, penalty / 5.0) * (1.0 - audit)" + _RUN,
        "saturating fear (NumPy)": "import numpy as np\n\ndef my_padding_share(penalty, audit):\n"
        "    return (1.0 - np.exp(-penalty)) * (1.0 - audit)" + _RUN,
    },
    "unreasonable": {
        "more than the whole shortfall": "def my_padding_share(penalty, audit):\n"
        "    return penalty * (1.0 - audit)" + _RUN,
        "terror makes managers honest": "def my_padding_share(penalty, audit):\n"
        "    return (1.0 - audit) / (1.0 + penalty)" + _RUN,
        "audits invite padding": "def my_padding_share(penalty, audit):\n"
        "    return 0.5 * audit * penalty / (1.0 + penalty)" + _RUN,
    },
}

WRONG = {
    "q1": [
        ("q1_answer", "def my_padding_share(penalty, audit):\n    return penalty\n" + _RUN),
        (
            "q1_answer",
            "def my_padding_share(penalty, audit):\n    return 0.8 * (1.0 - audit)\n"
            'my_gap = float(antiplan.simulate("ch03").summary["statistics_gap"])',
        ),
    ],
    "q2": [
        ("q2_answer", "grain_gap = 56.0 / 69.8 - 1.0\ngrain_gap_range = [0.13, 0.38]\ngap_times_model = 5.0"),
        ("q2_answer", "grain_gap = 100 * (69.8 / 56.0 - 1.0)\ngrain_gap_range = [13.3, 38.5]\ngap_times_model = 5.0"),
    ],
    "q3": [
        (
            "q3_answer",
            "def control_curve(levels):\n"
            '    return [float(antiplan.simulate("ch03", centralization=c).summary["statistics_gap"]) for c in levels]',
        ),
        (
            "q3_answer",
            "def control_curve(levels):\n"
            '    return [float(antiplan.simulate("ch03").summary["control"]) for c in levels]',
        ),
    ],
    "q4": [
        ("q4_answer", "audit_half_gap = 0.1"),
        ("q4_answer", "audit_half_gap = 25"),
    ],
}
