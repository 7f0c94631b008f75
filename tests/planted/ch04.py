"""Chapter 4: procurement rules students might design, and the usual mistakes."""

_RUN = (
    '\nmy_herd = float(antiplan.simulate("ch04", engine="reference", rules={"procured": my_procured})'
    '.summary["livestock"])'
)
_HEAD = "def my_procured(reported_harvest, actual_harvest, procurement):\n"

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "a subsistence floor": _HEAD
        + "    return min(procurement * reported_harvest, max(actual_harvest - 0.4, 0.0))"
        + _RUN,
        "quotas from the real harvest": _HEAD
        + "    return min(procurement * actual_harvest, 0.8 * actual_harvest)"
        + _RUN,
        "a good harvest, so take more": _HEAD
        + "    return min(procurement * reported_harvest * (0.5 + 0.5 * reported_harvest), 0.9 * actual_harvest)"
        + _RUN,
        "a smooth ceiling (NumPy)": "import numpy as np\n\n"
        + _HEAD
        + "    return actual_harvest * (1.0 - np.exp(-procurement * reported_harvest / actual_harvest))"
        + _RUN,
    },
    "unreasonable": {
        "more than the harvest": _HEAD + "    return 2.0 * procurement * reported_harvest" + _RUN,
        "the more demanded, the less taken": _HEAD
        + "    return min((0.6 - procurement) * reported_harvest, 0.8 * actual_harvest)"
        + _RUN,
    },
}

WRONG = {
    "q1": [
        ("q1_answer", _HEAD + "    return procurement * reported_harvest\n" + _RUN),
        (
            "q1_answer",
            _HEAD + "    return min(procurement * reported_harvest, max(actual_harvest - 0.5, 0.0))\n"
            'my_herd = float(antiplan.simulate("ch04").summary["livestock"])',
        ),
    ],
    "q2": [
        (
            "q2_answer",
            "share_official = 69.5 / 22.7\nshare_western = 56.0 / 22.7\nshare_western_range = [2.2, 2.7]\n"
            "model_squeeze = 0.3",
        ),
        (
            "q2_answer",
            "share_official = 100 * 22.7 / 69.5\nshare_western = 100 * 22.7 / 56.0\n"
            "share_western_range = [37.2, 44.5]\n"
            "model_squeeze = 30.0",
        ),
    ],
    "q3": [
        (
            "q3_answer",
            'with_drive = antiplan.simulate("ch04").summary["actual_output"]\n'
            'without = antiplan.simulate("ch04", tractor_drive=0.0).summary["actual_output"]\n'
            "industry_loss = float(1.0 - without / with_drive)",
        ),
        (
            "q3_answer",
            'with_drive = antiplan.simulate("ch04").summary["actual_output"]\n'
            'without = antiplan.simulate("ch04", tractor_drive=0.0).summary["actual_output"]\n'
            "industry_loss = float(100 * (1.0 - with_drive / without))",
        ),
    ],
    "q4": [
        ("q4_answer", "procurement_safe = 0.6"),
        ("q4_answer", "procurement_safe = 30"),
    ],
}
