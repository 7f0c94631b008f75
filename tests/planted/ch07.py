"""Chapter 7: storming construction rules students might design, and the usual mistakes."""

_RUN = (
    '\nsummary = antiplan.simulate("ch07", engine="reference", rules={"construction": my_construction}).summary'
    '\nmy_growth_gap = float(summary["paper_growth"] - summary["real_growth"])'
)
_ARGS = "def my_construction(unfinished, idle, started, build_periods, coordination):\n"

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "builders spread thin over the starts": _ARGS + "    unfinished = unfinished + started\n"
        "    finished = unfinished / (build_periods * (1.0 + 10.0 * started))\n"
        "    waiting = idle + finished\n"
        "    ready = coordination * waiting\n"
        "    return unfinished - finished, waiting - ready, ready" + _RUN,
        "every start adds time to every project, and plants need their own fitting-out": _ARGS
        + "    in_hand = unfinished + started\n"
        "    finished = in_hand / (build_periods + 2.0 * started)\n"
        "    waiting = idle + finished\n"
        "    ready = coordination ** 2 * waiting\n"
        "    return in_hand - finished, waiting - ready, ready" + _RUN,
        "an improvised supply for some idle plants": _ARGS + "    in_hand = unfinished + started\n"
        "    finished = in_hand / build_periods / (1.0 + started) ** 2\n"
        "    waiting = idle + finished\n"
        "    ready = max(coordination, 0.2) * waiting\n"
        "    return in_hand - finished, waiting - ready, ready" + _RUN,
        "the pace falls off exponentially with the starts (NumPy)": "import numpy as np\n\n"
        + _ARGS
        + "    finished = (unfinished + started) * float(np.exp(-5.0 * started)) / build_periods\n"
        "    ready = float(np.sqrt(coordination)) * (idle + finished)\n"
        "    return unfinished + started - finished, idle + finished - ready, ready" + _RUN,
        "a queue: every start lengthens the wait of all the construction in hand": _ARGS
        + "    in_hand = unfinished + started\n"
        "    finished = in_hand / (build_periods + started)\n"
        "    ready = coordination * (idle + finished)\n"
        "    return in_hand - finished, idle + finished - ready, ready" + _RUN,
        "a fixed crew spread over the construction in hand": _ARGS + "    in_hand = unfinished + started\n"
        "    finished = in_hand * 0.5 / (0.5 + in_hand * build_periods)\n"
        "    ready = coordination * (idle + finished)\n"
        "    return in_hand - finished, idle + finished - ready, ready" + _RUN,
    },
    "unreasonable": {
        "capacity from nothing": _ARGS + "    finished = (unfinished + started) / (build_periods * (1.0 + started))\n"
        "    ready = coordination * (idle + finished)\n"
        "    return unfinished + started, idle, ready" + _RUN,
        "coordination keeps plants idle": _ARGS + "    unfinished = unfinished + started\n"
        "    finished = unfinished / (build_periods * (1.0 + started))\n"
        "    waiting = idle + finished\n"
        "    ready = (1.0 - coordination) * waiting\n"
        "    return unfinished - finished, waiting - ready, ready" + _RUN,
        "storming that finishes more the more is started": _ARGS + "    unfinished = unfinished + started\n"
        "    finished = unfinished * min(1.0, (1.0 + started) / build_periods)\n"
        "    waiting = idle + finished\n"
        "    ready = coordination * waiting\n"
        "    return unfinished - finished, waiting - ready, ready" + _RUN,
    },
}

TRIVIAL = {
    "retyped": _ARGS + "    unfinished = unfinished + started\n"
    "    finished = unfinished / build_periods\n"
    "    waiting = idle + finished\n"
    "    ready = coordination * waiting\n"
    "    return unfinished - finished, waiting - ready, ready" + _RUN,
    "constant": _ARGS + "    finished = 0.25 * (unfinished + started)\n"
    "    ready = coordination * (idle + finished)\n"
    "    return unfinished + started - finished, idle + finished - ready, ready" + _RUN,
    "reversed": _ARGS + "    in_hand = unfinished + started\n"
    "    finished = in_hand * min(1.0, (1.0 + 10.0 * started) / build_periods)\n"
    "    ready = coordination * (idle + finished)\n"
    "    return in_hand - finished, idle + finished - ready, ready" + _RUN,
    "nothing ever finished": _ARGS + "    return unfinished + started, idle, 0.0" + _RUN,
    "the model's own rule assigned": "from antiplan import DEFAULT_RULES\n"
    'my_construction = DEFAULT_RULES["construction"]' + _RUN,
    "a queue: at most 0.1 finished a quarter": _ARGS + "    in_hand = unfinished + started\n"
    "    finished = min(in_hand / build_periods, 0.1)\n"
    "    ready = coordination * (idle + finished)\n"
    "    return in_hand - finished, idle + finished - ready, ready" + _RUN,
    "the model's rule slowed by a millionth of the starts": _ARGS + "    in_hand = unfinished + started\n"
    "    finished = in_hand / (build_periods * (1.0 + 1e-6 * started))\n"
    "    ready = coordination * (idle + finished)\n"
    "    return in_hand - finished, idle + finished - ready, ready" + _RUN,
    "storming only above the economy's usual starts": _ARGS + "    in_hand = unfinished + started\n"
    "    slow = 1.0 + 10.0 * started if started >= 0.099 else 1.0\n"
    "    finished = in_hand / (build_periods * slow)\n"
    "    ready = coordination * (idle + finished)\n"
    "    return in_hand - finished, idle + finished - ready, ready" + _RUN,
}

_HEAVY = (
    "from antiplan.data import load_fyp\n"
    "fyp = load_fyp()\n"
    "official = fyp[fyp.variant == 'official'].set_index(['item', 'period'])['value']\n"
    "s = antiplan.simulate('ch07').summary\n"
    "heavy = ('pig_iron', 'coal', 'oil')\n"
)

_Q3 = (
    "from antiplan.calibration import load_moments\n"
    "from antiplan.calibration.fit import model_moments\n"
    "def gap_at_tempo(tempo):\n"
    '    s = antiplan.simulate("ch07", tempo=tempo).summary\n'
    '    return float(s["paper_growth"] - s["real_growth"])\n'
    'REPORTS = ["pig_iron_report_over_plan", "steel_report_over_plan",\n'
    '           "coal_report_over_plan", "oil_report_over_plan"]\n'
    "moments = load_moments()\n"
    "def report_objective(tempo):\n"
    '    values = model_moments({"tempo": tempo}, moments=REPORTS, scenario="first-five-year-plan", seeds=[0])\n'
    "    return float(sum(moments[n].weight * ((values[n] - moments[n].value) / moments[n].spread) ** 2\n"
    "                     for n in REPORTS))\n"
    "grid = [round(0.005 * k, 3) for k in range(21)]\n"
    "tempo_by_reports = min(grid, key=report_objective)"
)
"""Question 3 answered right, as a student's answer cell; each planted slip changes one part of it."""

_FIT = (
    "from antiplan.calibration import load_moments\n"
    "from antiplan.calibration.identification import derivatives, effects\n"
    "fit = antiplan.calibrate(hold_out=['real_wage_1932'], seeds=4)\n"
)
"""The fit of question 6 (the real wage held out), as a student's answer cell starts."""

WRONG = {
    "q1": [
        (  # longer projects finish a larger share
            "q1_answer",
            _ARGS + "    in_hand = unfinished + started\n"
            "    finished = in_hand * min(1.0, build_periods / 20.0) / (1.0 + 10.0 * started)\n"
            "    waiting = idle + finished\n"
            "    ready = coordination * waiting\n"
            "    return in_hand - finished, waiting - ready, ready" + _RUN,
        ),
        (  # the starts are forgotten in what stays unfinished
            "q1_answer",
            _ARGS + "    finished = (unfinished + started) / (build_periods * (1.0 + 10.0 * started))\n"
            "    waiting = idle + finished\n"
            "    ready = coordination * waiting\n"
            "    return unfinished - finished, waiting - ready, ready" + _RUN,
        ),
        (  # plants still under construction are put into use
            "q1_answer",
            _ARGS + "    finished = (unfinished + started) / (build_periods * (1.0 + 10.0 * started))\n"
            "    ready = coordination * (idle + unfinished + started)\n"
            "    return unfinished + started - finished, idle + finished - ready, ready" + _RUN,
        ),
        (  # the tuple returned in the wrong order
            "q1_answer",
            _ARGS + "    in_hand = unfinished + started\n"
            "    finished = in_hand / (build_periods * (1.0 + 10.0 * started))\n"
            "    waiting = idle + finished\n"
            "    ready = coordination * waiting\n"
            "    return ready, waiting - ready, in_hand - finished" + _RUN,
        ),
        (  # what waits for its power station goes into use when coordination is poor
            "q1_answer",
            _ARGS + "    in_hand = unfinished + started\n"
            "    finished = in_hand / (build_periods + 5.0 * started)\n"
            "    waiting = idle + finished\n"
            "    ready = (1.0 - coordination) * waiting\n"
            "    return in_hand - finished, waiting - ready, ready" + _RUN,
        ),
    ],
    "q2": [
        (  # percentages, not shares
            "q2_answer",
            _HEAVY + "heavy_growth = [100 * (official[(i, '1932')] / official[(i, '1927/28')] - 1)"
            " for i in heavy]\n"
            "cloth_growth = 100 * (official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1)\n"
            "model_growth = [100 * ((1 + s['paper_growth']) ** 16 - 1), 100 * ((1 + s['real_growth']) ** 16 - 1)]",
        ),
        (  # the ratio kept, the - 1 forgotten
            "q2_answer",
            _HEAVY + "heavy_growth = [official[(i, '1932')] / official[(i, '1927/28')] for i in heavy]\n"
            "cloth_growth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')]\n"
            "model_growth = [(1 + s['paper_growth']) ** 16, (1 + s['real_growth']) ** 16]",
        ),
        (  # the ratio inverted (the model's growth right)
            "q2_answer",
            _HEAVY + "heavy_growth = [official[(i, '1927/28')] / official[(i, '1932')] - 1 for i in heavy]\n"
            "cloth_growth = official[('cotton_fabric', '1928/29')] / official[('cotton_fabric', '1932')] - 1\n"
            "model_growth = [(1 + s['paper_growth']) ** 16 - 1, (1 + s['real_growth']) ** 16 - 1]",
            ("q2_test_heavy", "q2_test_cloth"),
        ),
        (  # the plan's optimal target for 1932/33 read instead of the 1932 output
            "q2_answer",
            _HEAVY + "plans = fyp[fyp.variant == 'optimal variant'].set_index('item')['value']\n"
            "heavy_growth = [plans[i] / official[(i, '1927/28')] - 1 for i in heavy]\n"
            "cloth_growth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1\n"
            "model_growth = [(1 + s['paper_growth']) ** 16 - 1, (1 + s['real_growth']) ** 16 - 1]",
            ("q2_test_heavy",),
        ),
        (  # figures rounded as the chapter prints them
            "q2_answer",
            _HEAVY + "heavy_growth = [0.88, 0.82, 0.83]\n"
            "cloth_growth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1\n"
            "model_growth = [(1 + s['paper_growth']) ** 16 - 1, (1 + s['real_growth']) ** 16 - 1]",
            ("q2_test_heavy",),
        ),
        (  # rounded to five decimals
            "q2_answer",
            _HEAVY + "heavy_growth = [round(official[(i, '1932')] / official[(i, '1927/28')] - 1, 5) for i in heavy]\n"
            "cloth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1\n"
            "cloth_growth = round(cloth, 5)\n"
            "model_growth = [round((1 + s['paper_growth']) ** 16 - 1, 5), round((1 + s['real_growth']) ** 16 - 1, 5)]",
        ),
        (  # growth per quarter added up instead of compounded
            "q2_answer",
            _HEAVY + "heavy_growth = [official[(i, '1932')] / official[(i, '1927/28')] - 1 for i in heavy]\n"
            "cloth_growth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1\n"
            "model_growth = [16 * s['paper_growth'], 16 * s['real_growth']]",
            ("q2_test_model",),
        ),
        (  # compounded over four quarters, the chapter's growth per year
            "q2_answer",
            _HEAVY + "heavy_growth = [official[(i, '1932')] / official[(i, '1927/28')] - 1 for i in heavy]\n"
            "cloth_growth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1\n"
            "model_growth = [(1 + s['paper_growth']) ** 4 - 1, (1 + s['real_growth']) ** 4 - 1]",
            ("q2_test_model",),
        ),
        (  # the chapter's growth per year retyped, rounded
            "q2_answer",
            _HEAVY + "heavy_growth = [official[(i, '1932')] / official[(i, '1927/28')] - 1 for i in heavy]\n"
            "cloth_growth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1\n"
            "model_growth = [0.072, 0.018]",
            ("q2_test_model",),
        ),
        (  # the model compounded over its whole run of twenty quarters, not sixteen
            "q2_answer",
            _HEAVY + "heavy_growth = [official[(i, '1932')] / official[(i, '1927/28')] - 1 for i in heavy]\n"
            "cloth_growth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1\n"
            "model_growth = [(1 + s['paper_growth']) ** 20 - 1, (1 + s['real_growth']) ** 20 - 1]",
            ("q2_test_model",),
        ),
        (  # the plan's four years and three months: seventeen quarters
            "q2_answer",
            _HEAVY + "heavy_growth = [official[(i, '1932')] / official[(i, '1927/28')] - 1 for i in heavy]\n"
            "cloth_growth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1\n"
            "model_growth = [(1 + s['paper_growth']) ** 17 - 1, (1 + s['real_growth']) ** 17 - 1]",
            ("q2_test_model",),
        ),
        (  # another seed than the economy's own
            "q2_answer",
            _HEAVY + "heavy_growth = [official[(i, '1932')] / official[(i, '1927/28')] - 1 for i in heavy]\n"
            "cloth_growth = official[('cotton_fabric', '1932')] / official[('cotton_fabric', '1928/29')] - 1\n"
            "s = antiplan.simulate('ch07', seed=1).summary\n"
            "model_growth = [(1 + s['paper_growth']) ** 16 - 1, (1 + s['real_growth']) ** 16 - 1]",
            ("q2_test_model",),
        ),
    ],
    "q3": [
        (  # every part wrong: the gap in percentage points, the objective neither weighted nor scaled, its largest
            "q3_answer",
            _Q3.replace(
                'float(s["paper_growth"] - s["real_growth"])', 'float(100 * (s["paper_growth"] - s["real_growth"]))'
            )
            .replace("moments[n].weight * ", "")
            .replace(" / moments[n].spread", "")
            .replace("min(grid, key=report_objective)", "max(grid, key=report_objective)"),
        ),
        (  # real minus paper
            "q3_answer",
            _Q3.replace('s["paper_growth"] - s["real_growth"]', 's["real_growth"] - s["paper_growth"]'),
            ("q3_test_gap",),
        ),
        (  # the wrong economy: chapter 6's
            "q3_answer",
            _Q3.replace('antiplan.simulate("ch07", tempo=tempo)', 'antiplan.simulate("ch06", tempo=tempo)'),
            ("q3_test_gap",),
        ),
        (  # the gap per year, as the chapter reports growth
            "q3_answer",
            _Q3.replace(
                'float(s["paper_growth"] - s["real_growth"])',
                'float((1 + s["paper_growth"]) ** 4 - (1 + s["real_growth"]) ** 4)',
            ),
            ("q3_test_gap",),
        ),
        (  # the objective without the weights
            "q3_answer",
            _Q3.replace("moments[n].weight * ", ""),
            ("q3_test_objective", "q3_test_fit"),
        ),
        (  # model_moments' default scenario, not the fitted one
            "q3_answer",
            _Q3.replace(', scenario="first-five-year-plan"', ""),
            ("q3_test_objective", "q3_test_fit"),
        ),
        (  # the chapter's fitted tempo retyped
            "q3_answer",
            _Q3 + "\ntempo_by_reports = 0.038",
            ("q3_test_fit",),
        ),
    ],
    "q4": [
        ("q4_answer", "coordination_enough = 0.0"),  # the slider's left end
        ("q4_answer", "coordination_enough = 1.0"),  # its right end: the gap is gone there
        ("q4_answer", "coordination_enough = 0.5"),  # the chapter's default
        ("q4_answer", "coordination_enough = 23"),  # a percentage
        ("q4_answer", "coordination_enough = 0.3"),  # where real growth stops falling, not the asked gap
        ("q4_answer", "coordination_enough = 0.25"),  # "a quarter" read as the coordination itself
        ("q4_answer", "coordination_enough = 0.24"),  # one step past the smallest
        ("q4_answer", "coordination_enough = 0.2"),  # a step too early, beyond what the dashboard's rounding allows
    ],
    "q6": [
        (  # the chapter's numbers retyped: its fit sets the real wage, and conditions is pinned by it there
            "q6_answer",
            "wage_prediction = 0.48\n"
            "wage_verdict = 'inside'\n"
            "moved_most = {'tempo': 'pig_iron_report_over_plan', 'conditions': 'real_wage_1932',\n"
            "              'quit_sensitivity': 'turnover_per_year', 'procurement': 'livestock_1934_over_1929'}",
        ),
        (  # the fit made with the real wage among its moments
            "q6_answer",
            _FIT.replace("hold_out=['real_wage_1932'], ", "") + "wage_prediction = fit.model['real_wage_1932']\n"
            "wage_verdict = 'inside'\n"
            "moved_most = effects(fit).abs().idxmax().to_dict()",
        ),
        (  # the chapter's held-out figure, the herds, held out instead
            "q6_answer",
            _FIT.replace("real_wage_1932", "livestock_1934_over_1929")
            + "wage_prediction = fit.model['real_wage_1932']\n"
            "wage_verdict = 'inside'\n"
            "moved_most = effects(fit).abs().idxmax().to_dict()",
        ),
        (  # the record typed in as the prediction
            "q6_answer",
            _FIT + "wage_prediction = load_moments()['real_wage_1932'].value\n"
            "wage_verdict = 'inside'\n"
            "moved_most = effects(fit).abs().idxmax().to_dict()",
            ("q6_test_prediction", "q6_test_verdict"),
        ),
        (  # a percentage
            "q6_answer",
            _FIT + "wage_prediction = 100 * fit.predictions['real_wage_1932']\n"
            "wage_verdict = 'above'\n"
            "moved_most = effects(fit).abs().idxmax().to_dict()",
            ("q6_test_prediction", "q6_test_verdict"),
        ),
        (  # an end of the slider: the top of conditions' interval, which spans its range
            "q6_answer",
            _FIT + "wage_prediction = fit.intervals['conditions'][1]\n"
            "wage_verdict = 'above'\n"
            "moved_most = effects(fit).abs().idxmax().to_dict()",
            ("q6_test_prediction", "q6_test_verdict"),
        ),
        (  # the fit on the default eight seeds, not the four asked for
            "q6_answer",
            _FIT.replace(", seeds=4", "") + "wage_prediction = fit.predictions['real_wage_1932']\n"
            "wage_verdict = 'above'\n"
            "moved_most = effects(fit).abs().idxmax().to_dict()",
            ("q6_test_prediction",),
        ),
        (  # 'inside': the record is inside the fit's interval for conditions, not the prediction inside the record
            "q6_answer",
            _FIT + "wage_prediction = fit.predictions['real_wage_1932']\n"
            "wage_verdict = 'inside'\n"
            "moved_most = effects(fit).abs().idxmax().to_dict()",
            ("q6_test_verdict",),
        ),
        (  # the derivatives in each moment's own unit, not in units of spread
            "q6_answer",
            _FIT + "wage_prediction = fit.predictions['real_wage_1932']\n"
            "wage_verdict = 'above'\n"
            "moved_most = derivatives(fit).abs().idxmax().to_dict()",
            ("q6_test_moved",),
        ),
    ],
}
