"""Chapter 8: staging-cost rules students might design, and the usual mistakes."""

_RUN = (
    '\nwith_rule = antiplan.simulate("ch08", rules={"record_output": my_record_output}).summary["actual_output"]'
    '\nno_campaign = antiplan.simulate("ch08", record_bonus=0.0).summary["actual_output"]'
    "\nmy_output_loss = float(1.0 - with_rule / no_campaign)"
)

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "a cost rising with the square of the bonus": "def my_record_output(actual, record_bonus, record_cost):\n"
        "    return actual * (1.0 - record_cost * record_bonus ** 2)" + _RUN,
        "any campaign stops the pit": "def my_record_output(actual, record_bonus, record_cost):\n"
        "    return actual * (1.0 - record_cost) if record_bonus > 0 else actual" + _RUN,
        "the best machines can be taken once (NumPy)": "import numpy as np\n\n"
        "def my_record_output(actual, record_bonus, record_cost):\n"
        "    return actual * (1.0 - record_cost * (1.0 - np.exp(-3.0 * record_bonus)))" + _RUN,
        "twice the model's cost, floored": "def my_record_output(actual, record_bonus, record_cost):\n"
        "    return actual * max(0.0, 1.0 - 2.0 * record_cost * record_bonus)" + _RUN,
    },
    "unreasonable": {
        "records raise output": "def my_record_output(actual, record_bonus, record_cost):\n"
        "    return actual * (1.0 + record_cost * record_bonus)" + _RUN,
        "a cost that shrinks as the bonus grows": "def my_record_output(actual, record_bonus, record_cost):\n"
        "    return actual * (1.0 - record_cost * (1.0 - record_bonus))" + _RUN,
        "a fixed loss that can go below zero": "def my_record_output(actual, record_bonus, record_cost):\n"
        "    return actual - record_cost * record_bonus" + _RUN,
    },
}

WRONG = {
    "q1": [
        (
            "q1_answer",
            "def my_record_output(actual, record_bonus, record_cost):\n    return actual + record_bonus\n" + _RUN,
        ),
        (
            "q1_answer",
            "def my_record_output(actual, record_bonus, record_cost):\n"
            "    return actual * (1.0 - record_cost * record_bonus ** 2)\n"
            'with_rule = antiplan.simulate("ch08").summary["actual_output"]\n'
            'no_campaign = antiplan.simulate("ch08", record_bonus=0.0).summary["actual_output"]\n'
            "my_output_loss = float(1.0 - with_rule / no_campaign)",
        ),
    ],
    "q2": [
        ("q2_answer", "coal_fulfillment = [68.0 / 64.3, 75.0 / 64.3]\ncoal_if_padded = 1.0"),
        ("q2_answer", "coal_fulfillment = [100 * 64.3 / 68.0, 100 * 64.3 / 75.0]\ncoal_if_padded = 75.8"),
        ("q2_answer", "coal_fulfillment = [64.3 / 75.0, 64.3 / 68.0]\ncoal_if_padded = 0.9"),
    ],
    "q3": [
        (
            "q3_answer",
            'runs = [antiplan.simulate("ch08", record_bonus=b).summary for b in (0.0, 0.5, 1.0)]\n'
            'output_by_bonus = [float(s["records"]) for s in runs]\n'
            'records_by_bonus = [float(s["actual_output"]) for s in runs]',
        ),
        (
            "q3_answer",
            'runs = [antiplan.simulate("ch08", record_bonus=b).summary for b in (0.0, 0.5, 1.0)]\n'
            'records_by_bonus = [float(s["records"]) for s in runs]\n'
            'output_by_bonus = [float(s["reported_output"]) for s in runs]',
        ),
    ],
    "q4": [
        ("q4_answer", "bonus_to_double = 0.3"),
        ("q4_answer", "bonus_to_double = 36"),
    ],
}
