"""Chapter 1: investment rules students might design, and the usual mistakes."""

_RUN = (
    '\ngrowth_ch01 = float(antiplan.simulate("ch01", engine="reference", rules={"investment": my_investment})'
    '.summary["real_growth"])'
)
_HEAD = "def my_investment(actual, invest_share):\n"
_TAX = "honesty_tax = (center_figure_if_honest - center_figure) / 0.1"

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "a subsistence floor": _HEAD + "    return invest_share * max(actual - 0.3, 0.0)" + _RUN,
        "a squeeze that rises with output": _HEAD + "    return invest_share * actual * actual / (1.0 + actual)" + _RUN,
        "a ration, then a progressive levy": _HEAD + "    above = max(actual - 0.25, 0.0)\n"
        "    return invest_share * above + 0.1 * invest_share * max(actual - 2.0, 0.0)" + _RUN,
        "a saturating squeeze (NumPy)": "import numpy as np\n\n"
        + _HEAD
        + "    return (1.0 - np.exp(-2.0 * invest_share)) * actual * (1.0 - np.exp(-actual))"
        + _RUN,
    },
    "unreasonable": {
        "more than the whole output": _HEAD
        + "    return (1.0 + invest_share) * actual * actual / (1.0 + actual)"
        + _RUN,
        "building more starves growth": _HEAD + "    return (0.5 - invest_share) * max(actual - 0.3, 0.0)" + _RUN,
        "building sites take only so much": _HEAD + "    return min(invest_share * actual, 0.3)" + _RUN,
    },
}

TRIVIAL = {
    "retyped": _HEAD + "    return invest_share * actual" + _RUN,
    "constant": _HEAD + "    return 0.1" + _RUN,
    "reversed": _HEAD + "    return invest_share * actual / (1.0 + actual)" + _RUN,
}

WRONG = {
    "q1": [
        # A percentage of output, not output units.
        ("q1_answer", _HEAD + "    return 100.0 * invest_share * max(actual - 0.2, 0.0)" + _RUN),
        # What the workers keep, not what is built.
        ("q1_answer", _HEAD + "    return actual - invest_share * max(actual - 0.2, 0.0)" + _RUN),
        # The floor taken off after the share: negative where output is small.
        ("q1_answer", _HEAD + "    return invest_share * actual - 0.2" + _RUN),
        # min for max: invests nothing, or less than nothing.
        ("q1_answer", _HEAD + "    return invest_share * min(actual - 0.2, 0.0)" + _RUN),
        # The model's rule with a tiny term added, so the share rises with output by a hair.
        ("q1_answer", _HEAD + "    return invest_share * actual * (1.0 + 1e-6 * actual)" + _RUN),
        # Workers eat first, but the share asked for barely matters.
        ("q1_answer", _HEAD + "    return 0.06 * actual * actual / 5.0 + 1e-6 * invest_share * actual" + _RUN),
    ],
    "q2": [
        # The ratio inverted: 1928 over 1932.
        (
            "q2_answer",
            "workforce_ratio = 11.4 / 24.2\nwage_bill_range = [workforce_ratio * 0.43, workforce_ratio * 0.5]\n"
            'model_output_ratio = float((1 + antiplan.simulate("ch01").summary["real_growth"]) ** 16)',
        ),
        # The index read as a share without dividing by 100.
        (
            "q2_answer",
            "workforce_ratio = 24.2 / 11.4\nwage_bill_range = [workforce_ratio * 43, workforce_ratio * 50]\n"
            'model_output_ratio = float((1 + antiplan.simulate("ch01").summary["real_growth"]) ** 16)',
        ),
        # The real wage alone, not the wage bill.
        (
            "q2_answer",
            "workforce_ratio = 24.2 / 11.4\nwage_bill_range = [0.43, 0.5]\n"
            'model_output_ratio = float((1 + antiplan.simulate("ch01").summary["real_growth"]) ** 16)',
        ),
        # Four years compounded as four periods.
        (
            "q2_answer",
            "workforce_ratio = 24.2 / 11.4\nwage_bill_range = [workforce_ratio * 0.43, workforce_ratio * 0.5]\n"
            'model_output_ratio = float((1 + antiplan.simulate("ch01").summary["real_growth"]) ** 4)',
        ),
        # Growth added up over sixteen quarters instead of compounded, without the 1.
        (
            "q2_answer",
            "workforce_ratio = 24.2 / 11.4\nwage_bill_range = [workforce_ratio * 0.43, workforce_ratio * 0.5]\n"
            'model_output_ratio = float(16 * antiplan.simulate("ch01").summary["real_growth"])',
        ),
        # The workforce's growth (ratio - 1), not its ratio.
        (
            "q2_answer",
            "workforce_ratio = 24.2 / 11.4 - 1\nwage_bill_range = [workforce_ratio * 0.43, workforce_ratio * 0.5]\n"
            'model_output_ratio = float((1 + antiplan.simulate("ch01").summary["real_growth"]) ** 16)',
        ),
    ],
    "q3": [
        # The honesty tax left out of the otherwise right figures.
        (
            "q3_answer",
            'rule = antiplan.DEFAULT_RULES["next_target"]\n'
            "center_figure = rule(1.0, 1.1, 1.5, 0.05, 0.3, 1.0)\n"
            "center_figure_if_honest = rule(1.0, 1.2, 1.5, 0.05, 0.3, 1.0)\n"
            "honesty_tax = 0.3",
        ),
        # What the enterprise could have produced, which the center never sees.
        (
            "q3_answer",
            "center_figure = (1 + 0.05) * (1.0 + 0.3 * (1.2 - 1.0))\ncenter_figure_if_honest = center_figure\n" + _TAX,
        ),
        # What it could produce.
        (
            "q3_answer",
            "center_figure = (1 + 0.05) * (1.0 + 0.3 * (1.1 - 1.0))\n"
            "center_figure_if_honest = (1 + 0.05) * (1.0 + 0.3 * (1.5 - 1.0))\n" + _TAX,
        ),
        # The tempo forgotten.
        (
            "q3_answer",
            "center_figure = 1.0 + 0.3 * (1.1 - 1.0)\ncenter_figure_if_honest = 1.0 + 0.3 * (1.2 - 1.0)\n" + _TAX,
        ),
        # The tempo added to the ratchet's step instead of multiplying it.
        (
            "q3_answer",
            "center_figure = 1.0 + 0.3 * (1.1 - 1.0) + 0.05\ncenter_figure_if_honest = 1.0 + 0.3 * (1.2 - 1.0) + 0.05\n"
            + _TAX,
        ),
        # The ratchet's weight put on the old target instead of the report.
        (
            "q3_answer",
            "center_figure = 1.05 * (1.0 + (1 - 0.3) * (1.1 - 1.0))\n"
            "center_figure_if_honest = 1.05 * (1.0 + (1 - 0.3) * (1.2 - 1.0))\n" + _TAX,
        ),
        # The center's figure weighed half against what is known on the spot (the local figure).
        (
            "q3_answer",
            'rule = antiplan.DEFAULT_RULES["next_target"]\n'
            "center_figure = rule(1.0, 1.1, 1.5, 0.05, 0.3, 0.5)\n"
            "center_figure_if_honest = rule(1.0, 1.2, 1.5, 0.05, 0.3, 0.5)\n" + _TAX,
        ),
    ],
    "q4": [
        ("q4_answer", "invest_for_growth = 0.5"),  # the slider's end
        ("q4_answer", "invest_for_growth = 0.3"),  # its default, and the first share the page's explorer shows doubling
        ("q4_answer", "invest_for_growth = 0.0"),  # its start
        ("q4_answer", "invest_for_growth = 27"),  # a percentage
        ("q4_answer", "invest_for_growth = 0.26"),  # one step short: 4.3 % a quarter does not double output
        ("q4_answer", "invest_for_growth = 0.04"),  # where growth first turns positive, not where output doubles
        ("q4_answer", "invest_for_growth = 0.2"),  # doubling in four periods read as 25 % over the plan
    ],
}
