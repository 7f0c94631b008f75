"""Chapter 6: quit rules with a threshold of hunger that students might design, and the usual mistakes."""

_RUN = (
    '\nmy_turnover = float(antiplan.simulate("ch06", engine="reference", rules={"quit_rate": my_quit_rate})'
    '.summary["turnover"])'
)
_DEF = "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"


def _rule(body: str) -> str:
    return _DEF + body + _RUN


OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "hunger as a threshold": _rule(
            "    hunger = 1.0 if conditions < 0.25 else (1.0 - conditions) ** 2\n"
            "    return min(1.0, base_quit + quit_sensitivity * hunger * (1.0 + overload))"
        ),
        "a step, then food and housing only": _rule(
            "    push = 1.0 if conditions < 0.35 else 0.5 * (1.0 - conditions)\n"
            "    return min(1.0, base_quit + quit_sensitivity * push)"
        ),
        "the hungry leave whatever the pace": _rule(
            "    if conditions < 0.4:\n"
            "        return min(1.0, base_quit + quit_sensitivity)\n"
            "    return min(1.0, base_quit + quit_sensitivity * (1.0 - conditions) * overload / 2.0)"
        ),
        "a steep logistic (NumPy)": "import numpy as np\n\n"
        + _DEF
        + "    push = (1.0 + overload) / (1.0 + np.exp(40.0 * (conditions - 0.3)))\n"
        "    return float(min(1.0, base_quit + quit_sensitivity * push))" + _RUN,
    },
    "unreasonable": {
        "more than the whole workforce": _rule(
            "    hunger = 1.0 if conditions < 0.3 else (1.0 - conditions) ** 2\n"
            "    return base_quit + quit_sensitivity * hunger * (1.0 + overload) * 3.0"
        ),
        "decent conditions drive workers away": _rule(
            "    fed = 1.0 if conditions >= 0.3 else 0.2\n"
            "    return min(1.0, base_quit + quit_sensitivity * fed * (1.0 + overload))"
        ),
        "the speed-up keeps workers in": _rule(
            "    hunger = 1.0 if conditions < 0.3 else (1.0 - conditions) ** 2\n"
            "    return min(1.0, base_quit + quit_sensitivity * hunger / (1.0 + overload))"
        ),
    },
}

TRIVIAL = {
    "retyped": _rule(
        "    return min(1.0, max(0.0, base_quit + quit_sensitivity * (1.0 - conditions) * (1.0 + overload)))"
    ),
    "constant": _rule("    return 0.1"),
    "reversed": _rule(
        "    fed = 0.0 if conditions < 0.3 else 1.0\n"
        "    return min(1.0, base_quit + quit_sensitivity * fed * (1.0 + overload))"
    ),
    "base only": _rule("    return base_quit"),
}

_SKILL = (
    'with_quits = antiplan.simulate("ch06").summary\n'
    'without = antiplan.simulate("ch06", base_quit=0.0, quit_sensitivity=0.0).summary\n'
)
_LOST = 'output_lost = float(1.0 - with_quits["usable_output"] / without["usable_output"])\n'
_MINERS = (
    "from antiplan.data import load_fyp\n"
    "miners = load_fyp().query(\"item == 'turnover_coal_miners' and variant == 'USSR coal miners'\")"
    ".set_index('period')['value']\n"
    'turnover = float(antiplan.simulate("ch06").summary["turnover"])\n'
)
_GRID = (
    "grid = [round(0.01 * k, 2) for k in range(101)]\n"
    'rate = {c: antiplan.simulate("ch06", conditions=c).summary["turnover"] for c in grid}\n'
)

WRONG = {
    "q1": [
        (
            "q1_answer",  # a percentage
            _rule(
                "    hunger = 1.0 if conditions < 0.3 else (1.0 - conditions) ** 2\n"
                "    return 100.0 * min(1.0, base_quit + quit_sensitivity * hunger * (1.0 + overload))"
            ),
        ),
        (
            "q1_answer",  # worse than in proportion, but no threshold
            _rule("    return min(1.0, base_quit + quit_sensitivity * (1.0 - conditions) ** 2 * (1.0 + overload))"),
        ),
        (
            "q1_answer",  # a threshold in the pace, not in hunger
            _rule(
                "    pace = 2.0 if overload > 1.0 else 1.0\n"
                "    return min(1.0, base_quit + quit_sensitivity * (1.0 - conditions) * pace)"
            ),
        ),
        (
            "q1_answer",  # base_quit forgotten
            _rule(
                "    hunger = 1.0 if conditions < 0.3 else (1.0 - conditions) ** 2\n"
                "    return min(1.0, quit_sensitivity * hunger * (1.0 + overload))"
            ),
        ),
        (
            "q1_answer",  # a threshold too gentle to be one
            _rule(
                "    hunger = 1.0 - conditions + (0.05 if conditions < 0.3 else 0.0)\n"
                "    return min(1.0, base_quit + quit_sensitivity * hunger * (1.0 + overload))"
            ),
        ),
        (
            "q1_answer",  # the cap at 1 forgotten: more than the whole workforce quits at a hard pace
            _rule(
                "    hunger = 1.0 if conditions < 0.3 else (1.0 - conditions) ** 2\n"
                "    return base_quit + quit_sensitivity * hunger * (1.0 + overload)"
            ),
        ),
        (
            "q1_answer",  # the pace ignored below the threshold: quits rise as conditions improve at a hard pace
            _rule(
                "    if conditions < 0.3:\n"
                "        return min(1.0, base_quit + quit_sensitivity)\n"
                "    return min(1.0, base_quit + quit_sensitivity * (1.0 - conditions) ** 2 * (1.0 + overload))"
            ),
        ),
    ],
    "q2": [
        (  # the shares kept
            "q2_answer",
            _SKILL + 'skill_lost = float(with_quits["skill"] / without["skill"])\n'
            'output_lost = float(with_quits["usable_output"] / without["usable_output"])',
        ),
        (  # percentages
            "q2_answer",
            _SKILL + 'skill_lost = float(100 * (1.0 - with_quits["skill"] / without["skill"]))\n'
            'output_lost = float(100 * (1.0 - with_quits["usable_output"] / without["usable_output"]))',
        ),
        (
            "q2_answer",
            _SKILL + 'skill_lost = float(1.0 - without["skill"] / with_quits["skill"])\n' + _LOST,
        ),  # inverted
        (  # the shortcut: the skill lost taken for the output lost, no comparison run
            "q2_answer",
            'skill_lost = float(1.0 - antiplan.simulate("ch06").summary["skill"])\noutput_lost = skill_lost',
        ),
        (  # against the chapter 5 economy (no withheld effort either)
            "q2_answer",
            _SKILL + 'skill_lost = float(1.0 - with_quits["skill"] / without["skill"])\n'
            'five = antiplan.simulate("ch05").summary\n'
            'output_lost = float(1.0 - with_quits["usable_output"] / five["usable_output"])',
        ),
        (  # only base_quit set to 0
            "q2_answer",
            'with_quits = antiplan.simulate("ch06").summary\n'
            'without = antiplan.simulate("ch06", base_quit=0.0).summary\n'
            'skill_lost = float(1.0 - with_quits["skill"] / without["skill"])\n' + _LOST,
        ),
        (  # only quit_sensitivity set to 0
            "q2_answer",
            'with_quits = antiplan.simulate("ch06").summary\n'
            'without = antiplan.simulate("ch06", quit_sensitivity=0.0).summary\n'
            'skill_lost = float(1.0 - with_quits["skill"] / without["skill"])\n' + _LOST,
        ),
        (  # another seed than the economy's own: the method is right, so only the values' part is lost
            "q2_answer",
            'with_quits = antiplan.simulate("ch06", seed=1).summary\n'
            'without = antiplan.simulate("ch06", seed=1, base_quit=0.0, quit_sensitivity=0.0).summary\n'
            'skill_lost = float(1.0 - with_quits["skill"] / without["skill"])\n' + _LOST,
            ["q2_test_value"],
        ),
        (  # output lost as a difference in the model's units, not a share
            "q2_answer",
            _SKILL + 'skill_lost = float(1.0 - with_quits["skill"] / without["skill"])\n'
            'output_lost = float(without["usable_output"] - with_quits["usable_output"])',
        ),
        (  # output lost measured against the economy with quits (the lower base)
            "q2_answer",
            _SKILL + 'skill_lost = float(1.0 - with_quits["skill"] / without["skill"])\n'
            'output_lost = float(without["usable_output"] / with_quits["usable_output"] - 1.0)',
        ),
    ],
    "q3": [
        (
            "q3_answer",  # percentages per quarter
            _MINERS + "miners_per_quarter = [float(miners[y]) / 4 for y in ('1930', '1934')]\n"
            "times_model = miners_per_quarter[0] / turnover",
        ),
        (
            "q3_answer",  # per year, not per quarter
            _MINERS + "miners_per_quarter = [float(miners[y]) / 100 for y in ('1930', '1934')]\n"
            "times_model = miners_per_quarter[0] / turnover",
        ),
        (
            "q3_answer",  # the ratio inverted
            _MINERS + "miners_per_quarter = [float(miners[y]) / 400 for y in ('1930', '1934')]\n"
            "times_model = turnover / miners_per_quarter[0]",
        ),
        (
            "q3_answer",  # 1934 in the ratio
            _MINERS + "miners_per_quarter = [float(miners[y]) / 400 for y in ('1930', '1934')]\n"
            "times_model = miners_per_quarter[1] / turnover",
        ),
        (
            "q3_answer",  # the years swapped
            _MINERS + "miners_per_quarter = [float(miners[y]) / 400 for y in ('1934', '1930')]\n"
            "times_model = miners_per_quarter[1] / turnover",
        ),
        (
            "q3_answer",  # per month, not per quarter
            _MINERS + "miners_per_quarter = [float(miners[y]) / 100 / 12 for y in ('1930', '1934')]\n"
            "times_model = miners_per_quarter[0] / turnover",
        ),
        (
            "q3_answer",  # the model's turnover at another seed than the economy's own
            _MINERS + "miners_per_quarter = [float(miners[y]) / 400 for y in ('1930', '1934')]\n"
            'times_model = miners_per_quarter[0] / float(antiplan.simulate("ch06", seed=1).summary["turnover"])',
        ),
        (
            "q3_answer",  # the wrong year: 1936 taken for 1934
            _MINERS + "miners_per_quarter = [float(miners[y]) / 400 for y in ('1930', '1936')]\n"
            "times_model = miners_per_quarter[0] / turnover",
        ),
        (
            "q3_answer",  # the chapter's rounded 295 % and 95 % typed in, not read from the data
            "miners_per_quarter = [2.95 / 4, 0.95 / 4]\n"
            'times_model = miners_per_quarter[0] / float(antiplan.simulate("ch06").summary["turnover"])',
        ),
    ],
    "q4": [
        ("q4_answer", "conditions_half_turnover = 0.4"),  # the slider's default
        ("q4_answer", "conditions_half_turnover = 1.0"),  # the slider's end
        ("q4_answer", "conditions_half_turnover = 52"),  # a percentage
        ("q4_answer", "conditions_half_turnover = 0.53"),  # one step past the smallest
        ("q4_answer", "conditions_half_turnover = 0.5"),  # a round guess
        (
            "q4_answer",  # half of the chapter's turnover, not of hunger's
            _GRID + 'half = 0.5 * antiplan.simulate("ch06").summary["turnover"]\n'
            "conditions_half_turnover = next(c for c in grid if rate[c] <= half)",
        ),
        (
            "q4_answer",  # the largest value at which turnover is still above half
            _GRID + "half = 0.5 * rate[0.0]\nconditions_half_turnover = max(c for c in grid if rate[c] > half)",
        ),
        (
            "q4_answer",  # the slider moved in steps of 0.05
            _GRID + "half = 0.5 * rate[0.0]\nconditions_half_turnover = next(c for c in grid[::5] if rate[c] <= half)",
        ),
    ],
}
