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
    "fyp = antiplan.data.load_fyp()\n"
    "grain = fyp.query(\"item == 'grain_harvest' and period == '{year}'\").set_index('variant')\n"
    "official = grain.loc['official (1930s)', 'value']\n"
    "western = grain.loc['Western low estimate']\n"
    "h = fyp.query(\"item == 'grain_harvest'\").pivot(index='period', columns='variant', values='value')\n"
    "years = ['1928', '1929', '1930', '1931', '1932', '1933']\n"
)
_REVISED = "revised_gaps = [float(h.loc[y, 'official (1930s)'] / h.loc[y, 'revised Soviet'] - 1) for y in years]\n"
_RIGHT_GAP = (
    "grain_gap = float(official / western['value'] - 1)\n"
    "grain_gap_range = [float(official / western['high'] - 1), float(official / western['low'] - 1)]\n"
)
_FALL = (
    "def control_fall(tempo, penalty):\n"
    "    def control(c):\n"
    "        return antiplan.simulate('ch03', centralization=c, tempo=tempo, penalty=penalty).summary['{metric}']\n"
    "    return float({expression})\n\n"
)
_SHARE = "share_by_definition = control_fall(0.09, 0.0) / control_fall(0.09, 2.0)"
_RIGHT_FALL = _FALL.format(metric="control", expression="control(0.0) - control(1.0)")

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
        (  # the gain divided by the penalty: the threshold is right, but it pads less as the penalty rises
            "q1_answer",
            _HEAD
            + "    gain = (1.0 - audit) * penalty - audit\n"
            + "    return min(1.0, gain) / penalty if gain > 0.0 else 0.0"
            + _RUN,
        ),
    ],
    "q2": [
        (  # percentages, not shares
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = float(100 * (official / western['value'] - 1))\n"
            + "grain_gap_range = [float(100 * (official / western['high'] - 1)),\n"
            + "                   float(100 * (official / western['low'] - 1))]\n"
            + "revised_gaps = [float(100 * (h.loc[y, 'official (1930s)'] / h.loc[y, 'revised Soviet'] - 1))\n"
            + "                for y in years]",
        ),
        (  # the division upside down
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = float(western['value'] / official - 1)\n"
            + "grain_gap_range = [float(western['low'] / official - 1), float(western['high'] / official - 1)]\n"
            + "revised_gaps = [float(h.loc[y, 'revised Soviet'] / h.loc[y, 'official (1930s)'] - 1) for y in years]",
        ),
        (  # the - 1 forgotten
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = float(official / western['value'])\n"
            + "grain_gap_range = [float(official / western['high']), float(official / western['low'])]\n"
            + "revised_gaps = [float(h.loc[y, 'official (1930s)'] / h.loc[y, 'revised Soviet']) for y in years]",
        ),
        ("q2_answer", _GRAIN.format(year="1931") + _RIGHT_GAP + _REVISED),  # the wrong year
        (  # the ends of the range swapped
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = float(official / western['value'] - 1)\n"
            + "grain_gap_range = [float(official / western['low'] - 1), float(official / western['high'] - 1)]\n"
            + _REVISED,
        ),
        (  # the band of plus or minus 10 % put on the gap instead of on the estimate
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = float(official / western['value'] - 1)\n"
            + "grain_gap_range = [0.9 * grain_gap, 1.1 * grain_gap]\n"
            + _REVISED,
        ),
        (  # the revised Soviet gaps taken against the Western estimate
            "q2_answer",
            _GRAIN.format(year="1932")
            + _RIGHT_GAP
            + "revised_gaps = [float(h.loc[y, 'official (1930s)'] / h.loc[y, 'Western low estimate'] - 1)"
            + " for y in years]",
        ),
        ("q2_answer", _GRAIN.format(year="1933") + _RIGHT_GAP + _REVISED),  # 1933, the year of the largest gap
        (  # the years in reverse order
            "q2_answer",
            _GRAIN.format(year="1932") + _RIGHT_GAP + _REVISED + "revised_gaps = revised_gaps[::-1]",
        ),
        (  # the chapter's rough 20-30 % read as the 1932 gap
            "q2_answer",
            _GRAIN.format(year="1932")
            + "grain_gap = 0.25\n"
            + "grain_gap_range = [float(official / western['high'] - 1), float(official / western['low'] - 1)]\n"
            + _REVISED,
        ),
    ],
    "q3": [
        (  # the fall upside down
            "q3_answer",
            _FALL.format(metric="control", expression="control(1.0) - control(0.0)") + _SHARE,
        ),
        (  # the statistics gap, not control
            "q3_answer",
            _FALL.format(metric="statistics_gap", expression="control(1.0) - control(0.0)") + _SHARE,
        ),
        (  # the tempo never reaches the runs
            "q3_answer",
            "def control_fall(tempo, penalty):\n"
            "    def control(c):\n"
            "        return antiplan.simulate('ch03', centralization=c, penalty=penalty).summary['control']\n"
            "    return float(control(0.0) - control(1.0))\n\n" + _SHARE,
        ),
        (  # the penalty never reaches the runs
            "q3_answer",
            "def control_fall(tempo, penalty):\n"
            "    def control(c):\n"
            "        return antiplan.simulate('ch03', centralization=c, tempo=tempo).summary['control']\n"
            "    return float(control(0.0) - control(1.0))\n\n" + _SHARE,
        ),
        (  # control at full centralization, not its fall
            "q3_answer",
            _FALL.format(metric="control", expression="control(1.0)") + _SHARE,
        ),
        (
            "q3_answer",
            _RIGHT_FALL + "share_by_definition = control_fall(0.09, 2.0) / control_fall(0.09, 0.0)",
        ),  # upside down
        (  # the share padding adds, not the share that remains with honest reports
            "q3_answer",
            _RIGHT_FALL + "share_by_definition = 1 - control_fall(0.09, 0.0) / control_fall(0.09, 2.0)",
        ),
        (  # the share at the chapter's default tempo
            "q3_answer",
            _RIGHT_FALL + "share_by_definition = control_fall(0.06, 0.0) / control_fall(0.06, 2.0)",
        ),
        ("q3_answer", _RIGHT_FALL + "share_by_definition = 0.62"),  # the chapter's rounded figure
        (  # the fall to the chapter's own centralization, 0.9, not to full centralization
            "q3_answer",
            _FALL.format(metric="control", expression="control(0.0) - control(0.9)") + _SHARE,
        ),
        (  # right at the settings the visible test shows, a guess elsewhere
            "q3_answer",
            "def control_fall(tempo, penalty):\n"
            "    if [tempo, penalty] not in ([0.09, 2.0], [0.06, 0.0], [0.09, 0.0]):\n"
            "        return 0.3\n"
            "    def control(c):\n"
            "        run = antiplan.simulate('ch03', centralization=c, tempo=tempo, penalty=penalty)\n"
            "        return run.summary['control']\n"
            "    return float(control(0.0) - control(1.0))\n\n" + _SHARE,
        ),
    ],
    "q4": [
        ("q4_answer", "centralization_limit = 1.0"),  # the slider's end
        ("q4_answer", "centralization_limit = 0.9"),  # the slider's start, the chapter's centralization
        ("q4_answer", "centralization_limit = 0.0"),  # the smallest at which the gap is below 2 %, not the largest
        ("q4_answer", "centralization_limit = 77"),  # a percentage
        ("q4_answer", "centralization_limit = 0.8"),  # to one decimal
        ("q4_answer", "centralization_limit = 0.79"),  # one step too far: 2.1 % on the dashboard
        ("q4_answer", "centralization_limit = 0.76"),  # the answer at seed 1
        ("q4_answer", "centralization_limit = 0.5"),  # the answer at the chapter's high tempo, 0.09
        ("q4_answer", "centralization_limit = 0.71"),  # the answer with no audits
        ("q4_answer", "centralization_limit = 0.6"),  # well below the largest: the gap is still far under 2 %
        (  # a gap of 2 read as 2, not 2 %
            "q4_answer",
            "centralization_limit = max(round(0.01 * k, 2) for k in range(101)"
            " if antiplan.simulate('ch03', centralization=round(0.01 * k, 2)).summary['statistics_gap'] <= 2.0)",
        ),
    ],
}
