"""Chapter 10: effort rules in which hunger counts, and the usual mistakes."""

_RUN = (
    '\nmine = {"effort": my_effort}'
    '\ndemocratic = antiplan.simulate("ch10", rules=mine, democratic=True).summary["usable_output"]'
    '\ncommand = antiplan.simulate("ch10", rules=mine).summary["usable_output"]'
    "\nmy_usable_ratio = float(democratic / command)"
)


def _rule(body: str) -> str:
    return f"def my_effort(conditions, collusion):\n    return {body}\n"


OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "hunger cuts effort in proportion": _rule("(1.0 - collusion * (1.0 - conditions)) * (0.6 + 0.4 * conditions)")
        + _RUN,
        "hunger adds to what collusion withholds": _rule(
            "max(0.1, min(1.0, 1.0 - collusion * (1.0 - conditions) - 0.3 * (1.0 - conditions) ** 2))"
        )
        + _RUN,
        "below subsistence only": _rule("(1.0 - collusion * (1.0 - conditions)) * min(1.0, 0.5 + conditions)") + _RUN,
        "hunger alone, collusion left out (NumPy)": "import numpy as np\n\n"
        + _rule("float(np.sqrt(0.25 + 0.75 * conditions))")
        + _RUN,
    },
    "unreasonable": {
        "hunger spurs more than full effort": _rule("(1.0 - collusion * (1.0 - conditions)) * (1.4 - 0.4 * conditions)")
        + _RUN,
        "better fed, less effort": _rule("1.0 - 0.5 * conditions") + _RUN,
        "collusion raises effort": _rule("min(1.0, (0.6 + 0.4 * conditions) * (0.5 + collusion))") + _RUN,
        "the model's rule, in which hunger needs collusion": _rule("1.0 - collusion * (1.0 - conditions)") + _RUN,
    },
}

TRIVIAL = {
    "retyped": _rule("1.0 - collusion * (1.0 - conditions)") + _RUN,
    "constant": _rule("0.8") + _RUN,
    "reversed": _rule("(1.0 - collusion * (1.0 - conditions)) * (1.0 - 0.4 * conditions)") + _RUN,
    "hunger squared, still only through collusion": _rule("1.0 - collusion * (1.0 - conditions) ** 2") + _RUN,
}

_DATA = (
    "from antiplan.data import load_fyp\n"
    "fyp = load_fyp()\n"
    "def official(item, period):\n"
    "    rows = fyp[(fyp['item'] == item) & (fyp['period'] == period) & (fyp['variant'] == 'official')]\n"
    "    return float(rows['value'].iloc[0])\n"
    "wages = fyp[(fyp['item'] == 'real_wage') & (fyp['period'] == '1932')]['value']\n"
)
_HEAVY = "heavy_growth = official('pig_iron', '1932') / official('pig_iron', '1927/28')\n"
_LIGHT = "light_growth = [official(i, '1932') / official(i, '1928/29') for i in ('cotton_fabric', 'wool_fabric')]\n"
_WAGE_RANGE = "real_wage_range = [float(wages.min()) / 100, float(wages.max()) / 100]\n"


def _levers(
    ratio: str = "changed / own",
    scenario_changes: str = "{**economy, name: value}",
    metric: str = "usable_output",
    central: str = "ratios(centralization=1.0)",
    seed: int = 0,
) -> str:
    """The lever ratios, with one part of the computation replaced by a typical slip."""
    seeded = f", seed={seed}" if seed else ""
    return (
        "from antiplan.scenarios import DEMOCRATIC_MODE\n"
        "def ratios(**economy):\n"
        f'    own = antiplan.simulate("ch10"{seeded}, **economy).summary["{metric}"]\n'
        "    out = []\n"
        "    for name, value in DEMOCRATIC_MODE.items():\n"
        f'        changed = antiplan.simulate("ch10"{seeded}, **{scenario_changes}).summary["{metric}"]\n'
        f"        out.append(float({ratio}))\n"
        "    return out\n"
        "lever_ratios = ratios()\n"
        f"lever_ratios_central = {central}\n"
    )


def _conditions(condition: str, shift: str = "") -> str:
    """The first conditions on the 0.01 grid at which ``condition`` holds (on ``u``, the command economy's
    usable output, and ``dem``, the democratic mode's at the chapter's conditions), moved by ``shift``."""
    return (
        'dem = antiplan.simulate("ch10", democratic=True).summary["usable_output"]\n'
        "conditions_to_match = None\n"
        "for k in range(101):\n"
        '    s = antiplan.simulate("ch10", conditions=k / 100).summary\n'
        '    u = s["usable_output"]\n'
        f"    if {condition}:\n"
        f"        conditions_to_match = round(k / 100{shift}, 2)\n"
        "        break\n"
    )


WRONG = {
    "q1": [
        # the asked behavior, as a percentage of full effort
        ("q1_answer", _rule("100.0 * (1.0 - collusion * (1.0 - conditions)) * (0.6 + 0.4 * conditions)") + _RUN),
        # hunger takes a fifth off, good conditions add a fifth: more than full effort when fed
        ("q1_answer", _rule("(1.0 - collusion * (1.0 - conditions)) * (0.8 + 0.4 * conditions)") + _RUN),
        # a difference that leaves the share's bounds
        ("q1_answer", _rule("2.0 * conditions - collusion") + _RUN),
        # hunger squared, still only through collusion, and both modes run with the model's rule
        (
            "q1_answer",
            _rule("1.0 - collusion * (1.0 - conditions) ** 2")
            + 'democratic = antiplan.simulate("ch10", democratic=True).summary["usable_output"]\n'
            'command = antiplan.simulate("ch10").summary["usable_output"]\n'
            "my_usable_ratio = float(democratic / command)",
        ),
        # the model's rule with a tiny term for hunger: no clear difference between the worst conditions and the best
        ("q1_answer", _rule("1.0 - collusion * (1.0 - conditions) - 0.001 * (1.0 - conditions)") + _RUN),
        # a subsistence threshold below which effort falls to nothing, which the model cannot run
        (
            "q1_answer",
            _rule("(0.0 if conditions < 0.2 else 1.0) * (1.0 - collusion * (1.0 - conditions))") + _RUN,
        ),
        # effort that vanishes at the worst conditions whatever the collusion (the model returns NaN)
        ("q1_answer", _rule("conditions * (1.0 - collusion * (1.0 - conditions))") + _RUN),
    ],
    "q2": [
        # base year over 1932 instead of 1932 over the base year
        (
            "q2_answer",
            _DATA
            + "heavy_growth = official('pig_iron', '1927/28') / official('pig_iron', '1932')\n"
            + "light_growth = [official(i, '1928/29') / official(i, '1932')\n"
            + "    for i in ('cotton_fabric', 'wool_fabric')]\n"
            + _WAGE_RANGE,
        ),
        # growth rates (the ratio minus 1) instead of the ratios asked for
        (
            "q2_answer",
            _DATA
            + "heavy_growth = official('pig_iron', '1932') / official('pig_iron', '1927/28') - 1.0\n"
            + "light_growth = [official(i, '1932') / official(i, '1928/29') - 1.0\n"
            + "    for i in ('cotton_fabric', 'wool_fabric')]\n"
            + _WAGE_RANGE,
        ),
        # the real wages left as an index (1928 = 100)
        ("q2_answer", _DATA + _HEAVY + _LIGHT + "real_wage_range = [float(wages.min()), float(wages.max())]\n"),
        # the first pig-iron row of 1932/33 (a plan) taken for 1932's output
        (
            "q2_answer",
            _DATA
            + "iron = fyp[(fyp['item'] == 'pig_iron') & fyp['period'].str.startswith('1932')]\n"
            + "heavy_growth = float(iron['value'].iloc[0]) / official('pig_iron', '1927/28')\n"
            + _LIGHT
            + _WAGE_RANGE,
        ),
        # cotton read from the chapter's "stood still, at about 2.7" as 2.7 in both years
        ("q2_answer", _DATA + _HEAVY + "light_growth = [2.7 / 2.7, 91.3 / 96.6]\n" + _WAGE_RANGE),
        # the range turned round, highest first
        (
            "q2_answer",
            _DATA + _HEAVY + _LIGHT + "real_wage_range = [float(wages.max()) / 100, float(wages.min()) / 100]\n",
        ),
        # rounded to two decimals
        (
            "q2_answer",
            _DATA + "heavy_growth = 1.88\nlight_growth = [0.99, 0.95]\n" + _WAGE_RANGE,
        ),
        # the optimal variant's target for 1932/33 taken for 1932's output
        (
            "q2_answer",
            _DATA
            + "plan = fyp[(fyp['item'] == 'pig_iron') & (fyp['variant'] == 'optimal variant')]\n"
            + "heavy_growth = float(plan['value'].iloc[0]) / official('pig_iron', '1927/28')\n"
            + _LIGHT
            + _WAGE_RANGE,
        ),
        # the fabric ratios turned round, base year over 1932, pig iron right
        (
            "q2_answer",
            _DATA
            + _HEAVY
            + "light_growth = [official(i, '1928/29') / official(i, '1932')\n"
            + "    for i in ('cotton_fabric', 'wool_fabric')]\n"
            + _WAGE_RANGE,
        ),
        # the real wages of every year, not only 1932's (Allen's row of 1937 among them)
        (
            "q2_answer",
            _DATA
            + _HEAVY
            + _LIGHT
            + "every = fyp[fyp['item'] == 'real_wage']['value']\n"
            + "real_wage_range = [float(every.min()) / 100, float(every.max()) / 100]\n",
        ),
    ],
    "q3": [
        # every change made at once, five times over
        ("q3_answer", _levers(scenario_changes="{**economy, **DEMOCRATIC_MODE}")),
        # upside down: the economy's own over the changed run
        ("q3_answer", _levers(ratio="own / changed")),
        # the change in output, not the ratio
        ("q3_answer", _levers(ratio="changed / own - 1.0")),
        # actual output, counting defective goods, instead of usable output
        ("q3_answer", _levers(metric="actual_output")),
        # the central plan forgotten: the chapter's ratios given twice
        ("q3_answer", _levers(central="ratios()")),
        # the central plan's changes divided by the chapter's economy, not by the central one
        (
            "q3_answer",
            _levers() + 'own = antiplan.simulate("ch10").summary["usable_output"]\n'
            "lever_ratios_central = [\n"
            "    float(antiplan.simulate('ch10', **{'centralization': 1.0, n: v}).summary['usable_output'] / own)\n"
            "    for n, v in DEMOCRATIC_MODE.items()\n"
            "]\n",
        ),
        # another seed
        ("q3_answer", _levers(seed=1)),
        # the lists in reverse order
        (
            "q3_answer",
            _levers() + "lever_ratios = lever_ratios[::-1]\nlever_ratios_central = lever_ratios_central[::-1]\n",
        ),
        # the chapter's rounded ratios typed in
        (
            "q3_answer",
            "lever_ratios = [1.17, 1.07, 1.28, 1.01, 1.03]\nlever_ratios_central = [2.09, 1.41, 1.33, 1.01, 1.02]\n",
        ),
    ],
    "q4": [
        ("q4_answer", "conditions_to_match = 0.4"),  # the chapter's own conditions
        ("q4_answer", "conditions_to_match = 1.0"),  # the slider's high end
        ("q4_answer", "conditions_to_match = 0.0"),  # the slider's low end
        # one step too low: the last conditions at which the command economy still makes less
        ("q4_answer", _conditions("u >= dem", " - 0.01")),
        # one step too high
        ("q4_answer", _conditions("u >= dem", " + 0.01")),
        # actual output, counting defective goods, instead of usable output
        (
            "q4_answer",
            'dem = antiplan.simulate("ch10", democratic=True).summary["actual_output"]\n'
            "conditions_to_match = next(k / 100 for k in range(101)\n"
            '    if antiplan.simulate("ch10", conditions=k / 100).summary["actual_output"] >= dem)',
        ),
        # 90 % of the democratic mode's usable output, not all of it
        ("q4_answer", _conditions("u >= 0.9 * dem")),
    ],
}
