"""Chapter 8: staging-cost rules students might design, and the usual mistakes."""

_RUN = (
    '\nwith_rule = antiplan.simulate("ch08", engine="reference", rules={"record_output": my_record_output})'
    '.summary["actual_output"]'
    '\nno_campaign = antiplan.simulate("ch08", record_bonus=0.0).summary["actual_output"]'
    "\nmy_output_loss = float(1.0 - with_rule / no_campaign)"
)
_ARGS = "def my_record_output(actual, record_bonus, record_cost):\n"

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "a cost rising with the square of the bonus": _ARGS
        + "    return actual * (1.0 - record_cost * record_bonus ** 2)"
        + _RUN,
        "a small cost at any strength, and breakdowns past half strength": _ARGS
        + "    return actual * (1.0 - record_cost * (0.2 * record_bonus + 0.8 * max(0.0, 2.0 * record_bonus - 1.0)))"
        + _RUN,
        "disruption that snowballs (NumPy)": "import numpy as np\n\n"
        + _ARGS
        + "    return actual * (1.0 - record_cost * float(np.expm1(3.0 * record_bonus) / np.expm1(3.0)))"
        + _RUN,
        "a cubic cost, floored": _ARGS
        + "    return max(0.0, actual * (1.0 - 1.5 * record_cost * record_bonus ** 3))"
        + _RUN,
    },
    "unreasonable": {
        "records raise output": _ARGS + "    return actual * (1.0 + record_cost * record_bonus ** 2)" + _RUN,
        "a cost that shrinks as the bonus grows": _ARGS
        + "    return actual * (1.0 - record_cost * (1.0 - record_bonus) ** 2)"
        + _RUN,
        "a fixed loss that can go below zero": _ARGS + "    return actual - record_cost * record_bonus ** 2" + _RUN,
        "any campaign stops the pit": _ARGS
        + "    return actual * (1.0 - record_cost) if record_bonus > 0 else actual"
        + _RUN,
    },
}

TRIVIAL = {
    "retyped": _ARGS + "    return actual * (1.0 - record_cost * record_bonus)" + _RUN,
    "constant": _ARGS + "    return actual * (1.0 - record_cost)" + _RUN,
    "reversed": _ARGS + "    return actual * (1.0 - record_cost * record_bonus ** 0.5)" + _RUN,
    "no cost at all": _ARGS + "    return actual" + _RUN,
    # the model's rule with an exponent that changes nothing a reader could see
    "cosmetic exponent": _ARGS + "    return actual * (1.0 - record_cost * record_bonus ** 1.0001)" + _RUN,
}

_COAL = (
    "from antiplan.data import load_fyp\n"
    "coal = load_fyp().query(\"item == 'coal'\")\n"
    "official = coal.query(\"period == '1932' and variant == 'official'\")['value'].iloc[0]\n"
    "plans = coal.query(\"period == '1932/33'\").set_index('variant')['value']\n"
)

WRONG = {
    "q1": [
        (  # a loss in units of output, not a share: negative output from a small enterprise
            "q1_answer",
            _ARGS + "    return actual - record_cost * record_bonus ** 2" + _RUN,
        ),
        (  # the share lost written as a percentage
            "q1_answer",
            _ARGS + "    return actual * (1.0 - 100 * record_cost * record_bonus ** 2)" + _RUN,
        ),
        (  # the sign turned: the record team adds output
            "q1_answer",
            _ARGS + "    return actual * (1.0 + record_cost * record_bonus ** 2)" + _RUN,
        ),
        (  # the output lost returned instead of the output left
            "q1_answer",
            _ARGS + "    return actual * record_cost * record_bonus ** 2" + _RUN,
        ),
        (  # a campaign that costs nothing below full strength: the run at the chapter's bonus shows nothing
            "q1_answer",
            _ARGS + "    return actual * (1.0 - record_cost) if record_bonus >= 1.0 else actual" + _RUN,
        ),
        (  # free only past half strength: no cost at all at the chapter's bonus
            "q1_answer",
            _ARGS + "    return actual * (1.0 - record_cost * max(0.0, 2.0 * record_bonus - 1.0))" + _RUN,
        ),
        (  # convex at the height, but a small campaign raises output
            "q1_answer",
            _ARGS + "    return actual * (1.0 - record_cost * record_bonus * (3.0 * record_bonus - 1.0))" + _RUN,
        ),
    ],
    "q2": [
        (  # target over output
            "q2_answer",
            _COAL + "coal_fulfillment = [float(plans['starting variant'] / official), "
            "float(plans['optimal variant'] / official)]\n"
            "coal_if_padded = coal_fulfillment[1] / 1.25",
        ),
        (  # percentages
            "q2_answer",
            _COAL + "coal_fulfillment = [float(100 * official / plans['starting variant']), "
            "float(100 * official / plans['optimal variant'])]\n"
            "coal_if_padded = coal_fulfillment[1] / 1.25",
        ),
        (  # the variants in the wrong order
            "q2_answer",
            _COAL + "coal_fulfillment = [float(official / plans['optimal variant']), "
            "float(official / plans['starting variant'])]\n"
            "coal_if_padded = coal_fulfillment[0] / 1.25",
        ),
        (  # the padding scaled the wrong way: the report times 1.25
            "q2_answer",
            _COAL + "coal_fulfillment = [float(official / plans['starting variant']), "
            "float(official / plans['optimal variant'])]\n"
            "coal_if_padded = coal_fulfillment[1] * 1.25",
        ),
        (  # the toy economy's own ratio of actual to reported fulfillment, not the stated 25 %
            "q2_answer",
            _COAL + "coal_fulfillment = [float(official / plans['starting variant']), "
            "float(official / plans['optimal variant'])]\n"
            "run = antiplan.simulate('ch08').summary\n"
            "coal_if_padded = coal_fulfillment[1] * float(\n"
            "    run['plan_fulfillment_actual'] / run['plan_fulfillment_reported'])",
        ),
        (  # 25 % taken off the fulfillment instead of dividing by 1.25
            "q2_answer",
            _COAL + "coal_fulfillment = [float(official / plans['starting variant']), "
            "float(official / plans['optimal variant'])]\n"
            "coal_if_padded = coal_fulfillment[1] * (1 - 0.25)",
        ),
        (  # the padded reading of the starting variant
            "q2_answer",
            _COAL + "coal_fulfillment = [float(official / plans['starting variant']), "
            "float(official / plans['optimal variant'])]\n"
            "coal_if_padded = coal_fulfillment[0] / 1.25",
        ),
        (  # everything rounded to two decimals, the padded reading from the rounded fulfillment
            "q2_answer",
            _COAL + "coal_fulfillment = [round(float(official / plans['starting variant']), 2), "
            "round(float(official / plans['optimal variant']), 2)]\n"
            "coal_if_padded = round(coal_fulfillment[1] / 1.25, 2)",
        ),
        (  # the year before the plan read as the output
            "q2_answer",
            _COAL + "before = coal.query(\"period == '1927/28'\")['value'].iloc[0]\n"
            "coal_fulfillment = [float(before / plans['starting variant']), float(before / plans['optimal variant'])]\n"
            "coal_if_padded = coal_fulfillment[1] / 1.25",
        ),
    ],
    "q3": [
        (  # the two lists swapped
            "q3_answer",
            'runs = [antiplan.simulate("ch08", record_bonus=b).summary for b in (0.0, 0.5, 1.0)]\n'
            'output_by_bonus = [float(s["records"]) for s in runs]\n'
            'records_by_bonus = [float(s["actual_output"]) for s in runs]',
        ),
        (  # reported output, which the padding inflates, for actual output
            "q3_answer",
            'runs = [antiplan.simulate("ch08", record_bonus=b).summary for b in (0.0, 0.5, 1.0)]\n'
            'records_by_bonus = [float(s["records"]) for s in runs]\n'
            'output_by_bonus = [float(s["reported_output"]) for s in runs]',
        ),
        (  # usable output for actual output
            "q3_answer",
            'runs = [antiplan.simulate("ch08", record_bonus=b).summary for b in (0.0, 0.5, 1.0)]\n'
            'records_by_bonus = [float(s["records"]) for s in runs]\n'
            'output_by_bonus = [float(s["usable_output"]) for s in runs]',
        ),
        (  # the bonuses in reverse order
            "q3_answer",
            'runs = [antiplan.simulate("ch08", record_bonus=b).summary for b in (1.0, 0.5, 0.0)]\n'
            'records_by_bonus = [float(s["records"]) for s in runs]\n'
            'output_by_bonus = [float(s["actual_output"]) for s in runs]',
        ),
        (  # the chapter 7 economy, which has no staging cost
            "q3_answer",
            'runs = [antiplan.simulate("ch07", record_bonus=b).summary for b in (0.0, 0.5, 1.0)]\n'
            'records_by_bonus = [float(s["records"]) for s in runs]\n'
            'output_by_bonus = [float(s["actual_output"]) for s in runs]',
        ),
        (  # the full command economy, every mechanism on, not the chapter 8 economy
            "q3_answer",
            'runs = [antiplan.simulate("command", record_bonus=b).summary for b in (0.0, 0.5, 1.0)]\n'
            'records_by_bonus = [float(s["records"]) for s in runs]\n'
            'output_by_bonus = [float(s["actual_output"]) for s in runs]',
        ),
        (  # another seed than the economy's own
            "q3_answer",
            'runs = [antiplan.simulate("ch08", record_bonus=b, seed=1).summary for b in (0.0, 0.5, 1.0)]\n'
            'records_by_bonus = [float(s["records"]) for s in runs]\n'
            'output_by_bonus = [float(s["actual_output"]) for s in runs]',
        ),
    ],
    "q4": [
        ("q4_answer", "bonus_widens_gap = 0.0"),  # the slider's left end
        ("q4_answer", "bonus_widens_gap = 1.0"),  # its right end: the gap is far wider there
        ("q4_answer", "bonus_widens_gap = 0.5"),  # the chapter's default
        ("q4_answer", "bonus_widens_gap = 65"),  # a percentage
        ("q4_answer", "bonus_widens_gap = 0.6"),  # read to one decimal
        ("q4_answer", "bonus_widens_gap = 0.66"),  # one step past the smallest
        ("q4_answer", "bonus_widens_gap = 0.63"),  # a step too early, beyond what the dashboard's rounding allows
        ("q4_answer", "bonus_widens_gap = 0.36"),  # the old question's answer: where the record doubles
        (  # 2 % of the gap with no campaign, not 2 points
            "q4_answer",
            "def _gap(b):\n"
            '    return antiplan.simulate("ch08", record_bonus=b).summary["statistics_gap"]\n'
            "bonus_widens_gap = next(\n"
            "    round(0.01 * k, 2) for k in range(101) if _gap(round(0.01 * k, 2)) >= 1.02 * _gap(0.0))",
        ),
    ],
}
