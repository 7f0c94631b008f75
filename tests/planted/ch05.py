"""Chapter 5: defect cascades with inspection that students might design, and the usual mistakes."""

_RUN = (
    '\nmy_defect_share = float(antiplan.simulate("ch05", engine="reference", rules={"cascade": my_cascade})'
    '.summary["defect_share"])'
)


def _rule(body: str) -> str:
    return "def my_cascade(own, upstream):\n" + body + _RUN


OWN_RULE = {
    "question": "q1",
    "answer": "q1_answer",
    "reasonable": {
        "half the bad inputs are caught": _rule("    return own + (1.0 - own) * 0.5 * upstream"),
        "the worse the inputs, the more is caught": _rule(
            "    passed_on = upstream * (1.0 - 0.5 * upstream)\n    return own + (1.0 - own) * passed_on"
        ),
        "defects add up, half the inputs' caught, capped": _rule("    return min(1.0, own + 0.5 * upstream)"),
        "a careful shop inspects better (NumPy)": "import numpy as np\n\ndef my_cascade(own, upstream):\n"
        "    passed_on = upstream * (0.5 + 0.5 * own)\n"
        "    return float(np.clip(own + (1.0 - own) * passed_on, 0.0, 1.0))" + _RUN,
        "defects add up, a fifth of the inputs' caught, capped": _rule("    return min(1.0, own + 0.8 * upstream)"),
        "a fixed inspection capacity": _rule(
            "    caught = 0.5 * min(upstream, 0.05)\n    return own + (1.0 - own) * (upstream - caught)"
        ),
    },
    "unreasonable": {
        "defects add up without a cap": _rule("    return own + 0.5 * upstream"),
        "bad inputs make sounder goods": _rule("    return own * (1.0 - upstream)"),
        "a percentage, not a share": _rule("    return 100.0 * (own + (1.0 - own) * 0.5 * upstream)"),
        "the worst link decides, nothing is caught": _rule("    return max(own, upstream)"),
    },
}

TRIVIAL = {
    "retyped": _rule("    return 1.0 - (1.0 - own) * (1.0 - upstream)"),
    "nearly retyped": _rule("    return 1.0 - (1.0 - own) * (1.0 - 0.999 * upstream)"),  # 0.1 % caught
    "barely changed": _rule("    return 1.0 - (1.0 - own) * (1.0 - upstream) - 1e-9 * upstream * (1.0 - own)"),
    "constant": _rule("    return 0.1"),
    "reversed": _rule("    return min(1.0, own + 2.0 * upstream)"),
    "falling": _rule("    return own * (1.0 - upstream)"),
    "everything caught": _rule("    return own"),
    "average": _rule("    return 0.5 * own + 0.5 * upstream"),  # halves the shop's own defects with sound inputs
}

_STAGES = 'stages = antiplan.simulate("ch05").stages\n'
_LAST = _STAGES + "last_stage_defects = float(stages.iloc[:, -1].mean())\n"
_HALF = (
    "last = {d: float(antiplan.simulate('ch05', tempo=0.1, chain_depth=d).stages.iloc[:, -1].mean()) "
    "for d in range(1, 11)}\nhalf_depth = min(d for d, v in last.items() if v > 0.5)"
)
_PIG = (
    "from antiplan.data import load_fyp\n"
    "pig = load_fyp().query(\"item == 'pig_iron'\")\n"
    "targets = pig.query(\"period == '1932/33'\").set_index('variant')['value']\n"
    "order = ['starting variant', 'optimal variant', 'raised target']\n"
)
_TOP = "tempos = [round(0.01 * k, 2) for k in range(16)]\n"
_LONG = "chain_depth=10"
_SHARES = _PIG + "pig_iron_fulfillment = [float(6.2 / targets[v]) for v in order]\n"

WRONG = {
    "q1": [
        ("q1_answer", _rule("    return 100.0 * (own + (1.0 - own) * 0.7 * upstream)")),  # a percentage
        ("q1_answer", _rule("    return max(own, upstream)")),  # the worst link, no inspection
        ("q1_answer", _rule("    return 1.0 - (1.0 - 0.7 * own) * (1.0 - upstream)")),  # own defects caught
        ("q1_answer", _rule("    return 0.7 * upstream")),  # the enterprise's own defects forgotten
        ("q1_answer", _rule("    return own + 0.7 * upstream")),  # no cap
        ("q1_answer", "my_cascade = antiplan.DEFAULT_RULES['cascade']" + _RUN),  # the model's rule, assigned
        ("q1_answer", _rule("    return max(0.0, 1.0 - (1.0 - own) * (1.0 - upstream) - 0.05)")),  # a flat deduction
        ("q1_answer", _rule("    return min(own + upstream, 1.0) * 0.9")),  # own defects caught too
        ("q1_answer", _rule("    return 0.0")),  # nothing defective at all
    ],
    "q2": [
        ("q2_answer", _STAGES + "last_stage_defects = float(stages.iloc[:, 0].mean())\n" + _HALF),  # the first stage
        (
            "q2_answer",
            _STAGES + "last_stage_defects = 100 * float(stages.iloc[:, -1].mean())\n" + _HALF,
        ),  # a percentage
        (
            "q2_answer",  # the whole economy's defect share
            'last_stage_defects = float(antiplan.simulate("ch05").summary["defect_share"])\n' + _HALF,
        ),
        ("q2_answer", _STAGES + "last_stage_defects = float(stages.iloc[-1, -1])\n" + _HALF),  # the last period only
        ("q2_answer", _STAGES + "last_stage_defects = float(stages.iloc[-1].mean())\n" + _HALF),  # the last row
        ("q2_answer", _STAGES + "last_stage_defects = float(stages.iloc[:, -1].max())\n" + _HALF),  # the worst period
        (  # the chain judged by the whole economy's defect share, not its last stage
            "q2_answer",
            _LAST + "share = {d: antiplan.simulate('ch05', tempo=0.1, chain_depth=d).summary['defect_share'] "
            "for d in range(1, 11)}\nhalf_depth = min(d for d, v in share.items() if v > 0.5)",
        ),
        (  # the last period's share, not the mean over periods
            "q2_answer",
            _LAST + "share = {d: float(antiplan.simulate('ch05', tempo=0.1, chain_depth=d).stages.iloc[-1, -1]) "
            "for d in range(1, 11)}\nhalf_depth = min(d for d, v in share.items() if v > 0.5)",
        ),
        (  # the longest chain still at or below one half
            "q2_answer",
            _LAST + "share = {d: float(antiplan.simulate('ch05', tempo=0.1, chain_depth=d).stages.iloc[:, -1].mean()) "
            "for d in range(1, 11)}\nhalf_depth = max(d for d, v in share.items() if v <= 0.5)",
        ),
        (  # at the chapter's own tempo: no chain passes one half, so the longest is given
            "q2_answer",
            _LAST + "half_depth = 10",
        ),
    ],
    "q3": [
        (
            "q3_answer",  # target over output
            _PIG + "pig_iron_fulfillment = [float(targets[v] / 6.2) for v in order]\n"
            'model_fulfillment = float(antiplan.simulate("ch05", tempo=0.15).summary["plan_fulfillment_reported"])',
        ),
        (
            "q3_answer",  # percentages
            _PIG + "pig_iron_fulfillment = [float(100 * 6.2 / targets[v]) for v in order]\n"
            'model_fulfillment = 100 * float(antiplan.simulate("ch05", tempo=0.15).summary'
            '["plan_fulfillment_reported"])',
        ),
        (
            "q3_answer",  # the output of 1927/28, not of 1932
            _PIG + "pig_iron_fulfillment = [float(3.3 / targets[v]) for v in order]\n"
            'model_fulfillment = float(antiplan.simulate("ch05", tempo=0.15).summary["plan_fulfillment_reported"])',
        ),
        (
            "q3_answer",  # the model at the chapter's tempo, not the highest
            _PIG + "pig_iron_fulfillment = [float(6.2 / targets[v]) for v in order]\n"
            'model_fulfillment = float(antiplan.simulate("ch05").summary["plan_fulfillment_reported"])',
        ),
        (
            "q3_answer",  # the actual fulfillment, not the reported
            _PIG + "pig_iron_fulfillment = [float(6.2 / targets[v]) for v in order]\n"
            'model_fulfillment = float(antiplan.simulate("ch05", tempo=0.15).summary["plan_fulfillment_actual"])',
        ),
        (
            "q3_answer",  # the targets in the wrong order
            _PIG + "pig_iron_fulfillment = [float(6.2 / targets[v]) for v in reversed(order)]\n"
            'model_fulfillment = float(antiplan.simulate("ch05", tempo=0.15).summary["plan_fulfillment_reported"])',
        ),
        (
            "q3_answer",  # the shortfall, not the share reached
            _PIG + "pig_iron_fulfillment = [float(1 - 6.2 / targets[v]) for v in order]\n"
            'model_fulfillment = float(antiplan.simulate("ch05", tempo=0.15).summary["plan_fulfillment_reported"])',
        ),
        (
            "q3_answer",  # the model's shortfall, not its fulfillment
            _SHARES + 'model_fulfillment = 1 - float(antiplan.simulate("ch05", tempo=0.15).summary'
            '["plan_fulfillment_reported"])',
        ),
    ],
    "q4": [
        ("q4_answer", "best_tempo = 0.15"),  # the slider's end
        ("q4_answer", "best_tempo = 0.06"),  # the slider's default
        ("q4_answer", "best_tempo = 0.0"),  # the slider's start
        ("q4_answer", "best_tempo = 5"),  # a percentage
        (
            "q4_answer",  # the most output, defective goods counted
            _TOP + f'actual = [antiplan.simulate("ch05", tempo=t, {_LONG}).summary["actual_output"] for t in tempos]\n'
            "best_tempo = tempos[actual.index(max(actual))]",
        ),
        ("q4_answer", "best_tempo = 0.05"),  # the chapter's printed best tempo, in its own economy
        ("q4_answer", "best_tempo = 0.01"),  # a guess on the flat peak
        ("q4_answer", "best_tempo = 0.02"),  # a guess on the flat peak, the dashboard shows the same figures
        ("q4_answer", "best_tempo = 0.04"),  # a guess next to the chapter's best
        ("q4_answer", "best_tempo = 0.025"),  # between the grid's steps
        (
            "q4_answer",  # the best tempo of the chapter's own chain, chain_depth left as it is
            _TOP + 'usable = [antiplan.simulate("ch05", tempo=t).summary["usable_output"] for t in tempos]\n'
            "best_tempo = tempos[usable.index(max(usable))]",
        ),
        (
            "q4_answer",  # the fastest growth of usable output, not its largest level
            _TOP + f'growth = [antiplan.simulate("ch05", tempo=t, {_LONG}).summary["real_growth"] for t in tempos]\n'
            "best_tempo = tempos[growth.index(max(growth))]",
        ),
    ],
}
