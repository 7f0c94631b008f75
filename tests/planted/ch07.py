"""Chapter 7: construction rules students might design, and the usual mistakes."""

_RUN = (
    '\nsummary = antiplan.simulate("ch07", engine="reference", rules={"construction": my_construction}).summary'
    '\nmy_growth_gap = float(summary["paper_growth"] - summary["real_growth"])'
)
_ARGS = "def my_construction(unfinished, idle, started, build_periods, coordination):\n"

OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "coordination matters more than in proportion": _ARGS + "    unfinished = unfinished + started\n"
        "    finished = unfinished / build_periods\n"
        "    waiting = idle + finished\n"
        "    ready = coordination ** 2 * waiting\n"
        "    return unfinished - finished, waiting - ready, ready" + _RUN,
        "an improvised supply for some idle plants": _ARGS + "    unfinished = unfinished + started\n"
        "    finished = unfinished / build_periods\n"
        "    waiting = idle + finished\n"
        "    ready = max(coordination, 0.2) * waiting\n"
        "    return unfinished - finished, waiting - ready, ready" + _RUN,
        "new starts rushed through first": _ARGS
        + "    finished = min(started, (unfinished + started) / build_periods)\n"
        "    waiting = idle + finished\n"
        "    ready = coordination * waiting\n"
        "    return unfinished + started - finished, waiting - ready, ready" + _RUN,
        "coordination matters less than in proportion (NumPy)": "import numpy as np\n\n"
        + _ARGS
        + "    finished = (unfinished + started) / build_periods\n"
        "    ready = float(np.sqrt(coordination)) * (idle + finished)\n"
        "    return unfinished + started - finished, idle + finished - ready, ready" + _RUN,
    },
    "unreasonable": {
        "capacity from nothing": _ARGS + "    finished = (unfinished + started) / build_periods\n"
        "    ready = coordination * (idle + finished)\n"
        "    return unfinished + started, idle, ready" + _RUN,
        "coordination keeps plants idle": _ARGS + "    unfinished = unfinished + started\n"
        "    finished = unfinished / build_periods\n"
        "    waiting = idle + finished\n"
        "    ready = (1.0 - coordination) * waiting\n"
        "    return unfinished - finished, waiting - ready, ready" + _RUN,
        "more put into use than is finished": _ARGS + "    finished = (unfinished + started) / build_periods\n"
        "    ready = coordination * (idle + unfinished + started)\n"
        "    return unfinished + started - finished, idle + finished - ready, ready" + _RUN,
    },
}

WRONG = {
    "q1": [
        (
            "q1_answer",
            _ARGS + "    finished = (unfinished + started) / build_periods\n"
            "    ready = coordination * (idle + unfinished + started)\n"
            "    return unfinished + started - finished, idle + finished - ready, ready" + _RUN,
        ),
        (
            "q1_answer",
            _ARGS + "    unfinished = unfinished + started\n"
            "    finished = unfinished / build_periods\n"
            "    ready = coordination ** 2 * (idle + finished)\n"
            "    return unfinished - finished, idle + finished - ready, ready\n"
            'summary = antiplan.simulate("ch07").summary\n'
            'my_growth_gap = float(summary["paper_growth"] - summary["real_growth"])',
        ),
    ],
    "q2": [
        (
            "q2_answer",
            "heavy_growth = [3.3 / 6.2 - 1.0, 35.4 / 64.3 - 1.0, 11.7 / 21.4 - 1.0]\n"
            "cloth_growth = 2.74 / 2.7 - 1.0\nmodel_growth = [0.3, 0.1]",
        ),
        ("q2_answer", "heavy_growth = [87.9, 81.6, 82.9]\ncloth_growth = -1.5\nmodel_growth = [32.0, 7.3]"),
    ],
    "q3": [
        (
            "q3_answer",
            "def gap_at_tempo(tempo):\n"
            '    s = antiplan.simulate("ch07", tempo=tempo).summary\n'
            '    return float(s["real_growth"] - s["paper_growth"])',
        ),
        (
            "q3_answer",
            "def gap_at_tempo(tempo):\n"
            '    s = antiplan.simulate("ch07").summary\n'
            '    return float(s["paper_growth"] - s["real_growth"])',
        ),
    ],
    "q4": [
        ("q4_answer", "coordination_enough = 0.1"),
        ("q4_answer", "coordination_enough = 23"),
    ],
    "q6": [
        ("q6_answer", "fitted_conditions = 47.7"),
        ("q6_answer", "fitted_conditions = 0.4"),
    ],
}
