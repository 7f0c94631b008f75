"""Chapter 1: investment rules students might design, and the usual mistakes."""

_RUN = (
    '\ngrowth_ch01 = float(antiplan.simulate("ch01", engine="reference", rules={"investment": my_investment})'
    '.summary["real_growth"])'
)

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "a subsistence floor": "def my_investment(actual, invest_share):\n"
        "    return invest_share * max(actual - 0.3, 0.0)" + _RUN,
        "building sites take only so much": "def my_investment(actual, invest_share):\n"
        "    return min(invest_share * actual, 0.3)" + _RUN,
        "a squeeze that rises with output": "def my_investment(actual, invest_share):\n"
        "    return invest_share * actual * actual / (1.0 + actual)" + _RUN,
        "a saturating share (NumPy)": "import numpy as np\n\ndef my_investment(actual, invest_share):\n"
        "    return (1.0 - np.exp(-2.0 * invest_share)) * actual" + _RUN,
    },
    "unreasonable": {
        "more than the whole output": "def my_investment(actual, invest_share):\n"
        "    return (1.0 + invest_share) * actual" + _RUN,
        "building more starves growth": "def my_investment(actual, invest_share):\n"
        "    return (0.5 - invest_share) * actual" + _RUN,
    },
}

WRONG = {
    "q1": [
        ("q1_answer", "def my_investment(actual, invest_share):\n    return invest_share\n" + _RUN),
        (
            "q1_answer",
            "def my_investment(actual, invest_share):\n    return invest_share * max(actual - 0.3, 0.0)\n"
            'growth_ch01 = float(antiplan.simulate("ch01").summary["real_growth"])',
        ),
    ],
    "q2": [
        (
            "q2_answer",
            "workforce_ratio = 11.4 / 24.2\nwage_bill_range = [0.2, 0.25]\nmodel_output_ratio = 1.0",
        ),
        (
            "q2_answer",
            "workforce_ratio = 100 * 24.2 / 11.4\nwage_bill_range = [91.3, 106.1]\nmodel_output_ratio = 1.0",
        ),
    ],
    "q3": [
        (
            "q3_answer",
            "center_sees = {name: True for name in "
            '["target", "reported_output", "actual_output", "potential_output", "hidden_capacity"]}',
        ),
        (
            "q3_answer",
            'center_sees = {"target": True, "reported_output": False, "actual_output": True, '
            '"potential_output": True, "hidden_capacity": False}',
        ),
    ],
    "q4": [
        ("q4_answer", "invest_for_growth = 0.0"),
        ("q4_answer", "invest_for_growth = 5"),
    ],
}
