"""Chapter 4: procurement rules with a subsistence floor students might design, and the usual mistakes."""

_RUN = (
    '\nmy_herd = float(antiplan.simulate("ch04", engine="reference", rules={"procured": my_procured}, procurement=0.5)'
    '.summary["livestock"])'
)
_HEAD = "def my_procured(reported_harvest, actual_harvest, procurement):\n"
_ROOM = "    room = max(actual_harvest - 0.5, 0.0)\n"

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "the report's share, above the floor": _HEAD
        + "    return min(procurement * reported_harvest, max(actual_harvest - 0.5, 0.0))"
        + _RUN,
        "quotas from the real harvest": _HEAD + _ROOM + "    return min(procurement * actual_harvest, room)" + _RUN,
        "a good harvest, so take more": _HEAD
        + _ROOM
        + "    return min(procurement * reported_harvest * (0.5 + 0.5 * reported_harvest), room)"
        + _RUN,
        "only part of the room above the floor": _HEAD
        + _ROOM
        + "    return min(procurement * reported_harvest, 0.8 * room)"
        + _RUN,
        "a smooth approach to the floor (NumPy)": "import numpy as np\n\n"
        + _HEAD
        + _ROOM
        + "    if room <= 0.0:\n"
        + "        return 0.0\n"
        + "    return float(room * (1.0 - np.exp(-procurement * reported_harvest / room)))"
        + _RUN,
        # So lenient that the squeeze never passes the tolerable share and the herd survives every quota.
        "a lenient state": _HEAD + "    return 0.2 * procurement * max(actual_harvest - 0.5, 0.0)" + _RUN,
    },
    "unreasonable": {
        "more than the harvest": _HEAD + "    return 2.0 * procurement * reported_harvest" + _RUN,
        "a floor on the report, not the harvest": _HEAD
        + "    return min(procurement * reported_harvest, max(reported_harvest - 0.5, 0.0))"
        + _RUN,
        "half the harvest, not a floor": _HEAD
        + "    return min(procurement * reported_harvest, 0.5 * actual_harvest)"
        + _RUN,
    },
}

TRIVIAL = {
    "retyped": _HEAD + "    return min(procurement * reported_harvest, 0.8 * actual_harvest)" + _RUN,
    "constant": _HEAD + "    return 0.0" + _RUN,
    "all above the floor, whatever the quota": _HEAD + "    return max(actual_harvest - 0.5, 0.0)" + _RUN,
    "reversed": _HEAD + "    return min((0.6 - procurement) * reported_harvest, max(actual_harvest - 0.5, 0.0))" + _RUN,
}

_DATA = (
    "import antiplan.data\n\n"
    "fyp = antiplan.data.load_fyp()\n"
    "quota = fyp.query(\"item == 'grain_procurement_plan' and period == '1931'\").set_index('variant')"
    ".loc['{plan}', 'value']\n"
    "harvest = fyp.query(\"item == 'grain_harvest' and period == '{year}'\").set_index('variant')\n"
    "western = harvest.loc['Western low estimate']\n"
    "series = antiplan.simulate('ch04').series\n"
)
_SQUEEZE = "model_squeeze = float((series['grain'] / series['harvest']).mean())"
_RIGHT = _DATA.format(plan="revised", year="1931")
_LOSS = (
    "def industry_loss(drive):\n"
    '    with_drive = antiplan.simulate("ch04", tractor_drive=drive).summary["actual_output"]\n'
    '    without = antiplan.simulate("ch04", tractor_drive=0.0).summary["actual_output"]\n'
)

WRONG = {
    "q1": [
        (  # the floor read as a share of the harvest
            "q1_answer",
            _HEAD + "    return min(procurement * reported_harvest, 0.5 * actual_harvest)\n" + _RUN,
        ),
        (  # the floor taken from the report, which is padded
            "q1_answer",
            _HEAD + "    return min(procurement * reported_harvest, max(reported_harvest - 0.5, 0.0))\n" + _RUN,
        ),
        (  # a harvest below the floor gives a negative take
            "q1_answer",
            _HEAD + "    return min(procurement * reported_harvest, actual_harvest - 0.5)\n" + _RUN,
        ),
        (  # the arguments in the wrong order
            "q1_answer",
            "def my_procured(actual_harvest, reported_harvest, procurement):\n"
            "    return min(procurement * reported_harvest, max(actual_harvest - 0.5, 0.0))\n" + _RUN,
        ),
        (  # a larger report taken to mean a worse harvest: takes less as the report rises
            "q1_answer",
            _HEAD + "    return min(procurement * (2.0 - reported_harvest), max(actual_harvest - 0.5, 0.0))\n" + _RUN,
        ),
    ],
    "q2": [
        (  # the shares rounded to two decimals
            "q2_answer",
            _RIGHT + "share_official = round(quota / harvest.loc['official (1930s)', 'value'], 2)\n"
            "share_western = round(quota / western['value'], 2)\n"
            "share_western_range = [round(quota / western['high'], 2), round(quota / western['low'], 2)]\n" + _SQUEEZE,
        ),
        (  # percentages, not shares
            "q2_answer",
            _RIGHT + "share_official = 100 * quota / harvest.loc['official (1930s)', 'value']\n"
            "share_western = 100 * quota / western['value']\n"
            "share_western_range = [100 * quota / western['high'], 100 * quota / western['low']]\n"
            "model_squeeze = 100 * float((series['grain'] / series['harvest']).mean())",
        ),
        (  # the division upside down
            "q2_answer",
            _RIGHT + "share_official = harvest.loc['official (1930s)', 'value'] / quota\n"
            "share_western = western['value'] / quota\n"
            "share_western_range = [western['low'] / quota, western['high'] / quota]\n" + _SQUEEZE,
        ),
        (  # the initial plan, not the revised one
            "q2_answer",
            _DATA.format(plan="initial", year="1931")
            + "share_official = quota / harvest.loc['official (1930s)', 'value']\n"
            "share_western = quota / western['value']\n"
            "share_western_range = [quota / western['high'], quota / western['low']]\n" + _SQUEEZE,
        ),
        (  # the 1932 harvest
            "q2_answer",
            _DATA.format(plan="revised", year="1932")
            + "share_official = quota / harvest.loc['official (1930s)', 'value']\n"
            "share_western = quota / western['value']\n"
            "share_western_range = [quota / western['high'], quota / western['low']]\n" + _SQUEEZE,
        ),
        (  # the ends of the range swapped
            "q2_answer",
            _RIGHT + "share_official = quota / harvest.loc['official (1930s)', 'value']\n"
            "share_western = quota / western['value']\n"
            "share_western_range = [quota / western['low'], quota / western['high']]\n" + _SQUEEZE,
        ),
        (  # the model's share of the reported harvest, not of the real one
            "q2_answer",
            _RIGHT + "share_official = quota / harvest.loc['official (1930s)', 'value']\n"
            "share_western = quota / western['value']\n"
            "share_western_range = [quota / western['high'], quota / western['low']]\n"
            "model_squeeze = float((series['grain'] / series['reported_harvest']).mean())",
        ),
        (  # the model's share as a ratio of means, not the mean of each quarter's share
            "q2_answer",
            _RIGHT + "share_official = quota / harvest.loc['official (1930s)', 'value']\n"
            "share_western = quota / western['value']\n"
            "share_western_range = [quota / western['high'], quota / western['low']]\n"
            "model_squeeze = float(series['grain'].mean() / series['harvest'].mean())",
        ),
        (  # the band of plus or minus 9 % put on the share instead of on the estimate
            "q2_answer",
            _RIGHT + "share_official = quota / harvest.loc['official (1930s)', 'value']\n"
            "share_western = quota / western['value']\n"
            "share_western_range = [0.91 * share_western, 1.09 * share_western]\n" + _SQUEEZE,
        ),
        (  # the Western share taken against the revised Soviet harvest, equal to the official one in 1931
            "q2_answer",
            _RIGHT + "share_official = quota / harvest.loc['official (1930s)', 'value']\n"
            "share_western = quota / harvest.loc['revised Soviet', 'value']\n"
            "share_western_range = [quota / western['high'], quota / western['low']]\n" + _SQUEEZE,
        ),
        (  # the model's quota on paper, 0.35 of the report, for the share of the real harvest it takes
            "q2_answer",
            _RIGHT + "share_official = quota / harvest.loc['official (1930s)', 'value']\n"
            "share_western = quota / western['value']\n"
            "share_western_range = [quota / western['high'], quota / western['low']]\n"
            "model_squeeze = 0.35",
        ),
    ],
    "q3": [
        ("q3_answer", _LOSS + "    return float(1.0 - without / with_drive)"),  # upside down
        ("q3_answer", _LOSS + "    return float(100 * (1.0 - with_drive / without))"),  # a percentage
        ("q3_answer", _LOSS + "    return float(with_drive / without)"),  # the 1 - forgotten
        (  # the drive never reaches the run
            "q3_answer",
            "def industry_loss(drive):\n"
            '    with_drive = antiplan.simulate("ch04").summary["actual_output"]\n'
            '    without = antiplan.simulate("ch04", tractor_drive=0.0).summary["actual_output"]\n'
            "    return float(1.0 - with_drive / without)",
        ),
        (  # the harvest, not industry's output
            "q3_answer",
            "def industry_loss(drive):\n"
            '    with_drive = antiplan.simulate("ch04", tractor_drive=drive).summary["harvest"]\n'
            '    without = antiplan.simulate("ch04", tractor_drive=0.0).summary["harvest"]\n'
            "    return float(1.0 - with_drive / without)",
        ),
        (  # reported output, not actual output
            "q3_answer",
            "def industry_loss(drive):\n"
            '    with_drive = antiplan.simulate("ch04", tractor_drive=drive).summary["reported_output"]\n'
            '    without = antiplan.simulate("ch04", tractor_drive=0.0).summary["reported_output"]\n'
            "    return float(1.0 - with_drive / without)",
        ),
        (  # capacity at the end of the run, not mean actual output
            "q3_answer",
            "def industry_loss(drive):\n"
            '    with_drive = antiplan.simulate("ch04", tractor_drive=drive).series["capacity"].iloc[-1]\n'
            '    without = antiplan.simulate("ch04", tractor_drive=0.0).series["capacity"].iloc[-1]\n'
            "    return float(1.0 - with_drive / without)",
        ),
        (  # the loss measured against the chapter's own drive, not against no drive
            "q3_answer",
            "def industry_loss(drive):\n"
            '    with_drive = antiplan.simulate("ch04", tractor_drive=drive).summary["actual_output"]\n'
            '    usual = antiplan.simulate("ch04").summary["actual_output"]\n'
            "    return float(1.0 - with_drive / usual)",
        ),
        (  # right at the drives the visible test shows, a straight line elsewhere
            "q3_answer",
            _LOSS
            + "    if drive in (0.0, 0.3, 1.0):\n"
            + "        return float(1.0 - with_drive / without)\n"
            + "    return 0.07 * drive",
        ),
    ],
    "q4": [
        ("q4_answer", "drive_for_harvest = 1.0"),  # the slider's end: surely enough, but not the smallest
        ("q4_answer", "drive_for_harvest = 0.3"),  # the slider's start, the chapter's drive
        ("q4_answer", "drive_for_harvest = 0.0"),  # no drive at all
        ("q4_answer", "drive_for_harvest = 58"),  # a percentage
        ("q4_answer", "drive_for_harvest = 0.6"),  # to one decimal, and the answer at seed 1
        ("q4_answer", "drive_for_harvest = 0.57"),  # one step short: 0.849 on the dashboard
        ("q4_answer", "drive_for_harvest = 0.59"),  # one step more than needed
        ("q4_answer", "drive_for_harvest = 0.64"),  # the answer at the chapter 3 high tempo, 0.09
        ("q4_answer", "drive_for_harvest = 0.68"),  # the answer for a harvest of 0.86
        ("q4_answer", "drive_for_harvest = 0.45"),  # well short: the harvest is still far below 0.85
    ],
}
