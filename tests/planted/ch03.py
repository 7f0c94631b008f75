"""Chapter 3: padding rules with a threshold students might design, and the usual mistakes."""

_RUN = (
    "\nmy_gaps = [\n"
    '    float(antiplan.simulate("ch03", rules={"padding_share": my_padding_share}, audit=a)'
    '.summary["statistics_gap"])\n'
    "    for a in (0.0, 0.5, 0.9)\n"
    "]"
)
_HEAD = "def my_padding_share(penalty, audit):\n"

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "pads the whole shortfall where it pays": _HEAD
        + "    return 1.0 if (1.0 - audit) * penalty > audit else 0.0"
        + _RUN,
        "in proportion to the gain, capped": _HEAD
        + "    return min(1.0, max(0.0, (1.0 - audit) * penalty - audit))"
        + _RUN,
        "the gain with diminishing force": _HEAD
        + "    gain = (1.0 - audit) * penalty - audit\n"
        + "    return gain / (1.0 + gain) if gain > 0.0 else 0.0"
        + _RUN,
        "pays, and fears being caught": _HEAD
        + "    if penalty > audit / (1.0 - audit + 1e-300):\n"
        + "        return 0.9 * (1.0 - audit)\n"
        + "    return 0.0"
        + _RUN,
        "a saturating gain (NumPy)": "import numpy as np\n\n"
        + _HEAD
        + "    gain = (1.0 - audit) * penalty - audit\n"
        + "    return float(np.where(gain > 0.0, 1.0 - np.exp(-gain), 0.0))"
        + _RUN,
    },
    "unreasonable": {
        "more than the whole shortfall": _HEAD + "    return max(0.0, (1.0 - audit) * penalty - audit)" + _RUN,
        "a threshold on the penalty alone": _HEAD + "    return 0.8 if penalty > 1.0 else 0.0" + _RUN,
        "audits invite padding": _HEAD + "    return audit if (1.0 - audit) * penalty > audit else 0.0" + _RUN,
    },
}

TRIVIAL = {
    "retyped": _HEAD + "    return (1.0 - audit) * penalty / (1.0 + penalty)" + _RUN,
    "constant": _HEAD + "    return 0.5" + _RUN,
    "nobody pads": _HEAD + "    return 0.0" + _RUN,
    "reversed": _HEAD + "    return 0.5 if (1.0 - audit) * penalty <= audit else 0.0" + _RUN,
}

_GRAIN = (
    "import antiplan.data\n\n"
    "grain = antiplan.data.load_fyp().query(\"item == 'grain_harvest' and period == '{year}'\").set_index('variant')\n"
    "official = grain.loc['official (1930s)', 'value']\n"
    "western = grain.loc['Western estimate']\n"
)
_MODEL_GAP = 'model_gap = float(antiplan.simulate("ch03", penalty=5.0).summary["statistics_gap"])\n'

WRONG = {
    "q1": [
        (  # a percentage of the shortfall
            "q1_answer",
            _HEAD + "    return 100.0 * min(1.0, max(0.0, (1.0 - audit) * penalty - audit))" + _RUN,
        ),
        (  # the arguments in the wrong order
            "q1_answer",
            "def my_padding_share(audit, penalty):\n"
            "    return min(1.0, max(0.0, (1.0 - audit) * penalty - audit))" + _RUN,
        ),
        (  # the fine forgotten: padding "pays" wherever a penalty can be escaped
            "q1_answer",
            _HEAD + "    return min(1.0, (1.0 - audit) * penalty)" + _RUN,
        ),
        (  # the threshold on the penalty alone, audits only scaling it
            "q1_answer",
            _HEAD + "    return 0.9 * (1.0 - audit) if penalty > 1.0 else 0.0" + _RUN,
        ),
        (  # padding where the gain only equals the risk
            "q1_answer",
            _HEAD + "    return 1.0 if (1.0 - audit) * penalty >= audit else 0.0" + _RUN,
        ),
    ],
    "q2": [
        (  # percentages, not shares
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = 100 * (official / western['value'] - 1)\n"
            + "grain_gap_range = [100 * (official / western['high'] - 1), 100 * (official / western['low'] - 1)]\n"
            + _MODEL_GAP
            + "gap_times_model = grain_gap / (100 * model_gap)",
        ),
        (  # the division upside down
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = western['value'] / official - 1\n"
            + "grain_gap_range = [western['low'] / official - 1, western['high'] / official - 1]\n"
            + _MODEL_GAP
            + "gap_times_model = grain_gap / model_gap",
        ),
        (  # the - 1 forgotten
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = official / western['value']\n"
            + "grain_gap_range = [official / western['high'], official / western['low']]\n"
            + _MODEL_GAP
            + "gap_times_model = grain_gap / model_gap",
        ),
        (  # the wrong year
            "q2_answer",
            _GRAIN.format(year="1931")
            + "grain_gap = official / western['value'] - 1\n"
            + "grain_gap_range = [official / western['high'] - 1, official / western['low'] - 1]\n"
            + _MODEL_GAP
            + "gap_times_model = grain_gap / model_gap",
        ),
        (  # the ends of the range swapped
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = official / western['value'] - 1\n"
            + "grain_gap_range = [official / western['low'] - 1, official / western['high'] - 1]\n"
            + _MODEL_GAP
            + "gap_times_model = grain_gap / model_gap",
        ),
        (  # the model's gap at the chapter's penalty, not at 5
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = official / western['value'] - 1\n"
            + "grain_gap_range = [official / western['high'] - 1, official / western['low'] - 1]\n"
            + 'gap_times_model = grain_gap / float(antiplan.simulate("ch03").summary["statistics_gap"])',
        ),
    ],
    "q3": [
        (  # the statistics gap, not control
            "q3_answer",
            "def control_curve(levels):\n"
            '    return [float(antiplan.simulate("ch03", centralization=c).summary["statistics_gap"]) for c in levels]',
        ),
        (  # the level never reaches the run
            "q3_answer",
            "def control_curve(levels):\n"
            '    return [float(antiplan.simulate("ch03").summary["control"]) for c in levels]',
        ),
        (  # the chapter 2 economy, without padding
            "q3_answer",
            "def control_curve(levels):\n"
            '    return [float(antiplan.simulate("ch02", centralization=c).summary["control"]) for c in levels]',
        ),
        (  # the level given to the wrong lever
            "q3_answer",
            "def control_curve(levels):\n"
            '    return [float(antiplan.simulate("ch03", tempo=c).summary["control"]) for c in levels]',
        ),
    ],
    "q4": [
        ("q4_answer", "audit_half_gap = 1.0"),  # the slider's end: the gap is surely halved there
        ("q4_answer", "audit_half_gap = 0.1"),  # the slider's default
        ("q4_answer", "audit_half_gap = 25"),  # a percentage
        ("q4_answer", "audit_half_gap = 0.3"),  # to one decimal
        (  # half of the gap at the default audit, not with no audits
            "q4_answer",
            "base = antiplan.simulate('ch03').summary['statistics_gap']\n"
            "gaps = [antiplan.simulate('ch03', audit=a / 100).summary['statistics_gap'] for a in range(101)]\n"
            "audit_half_gap = next(a / 100 for a in range(101) if gaps[a] <= 0.5 * base)",
        ),
    ],
}
