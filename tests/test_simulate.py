"""The public API: what a run returns, how it fails, and the two engines agreeing."""

import numpy as np
import pandas as pd
import pytest

import antiplan

REQUIRED_METRICS = {
    "target",
    "reported_output",
    "actual_output",
    "usable_output",
    "plan_fulfillment_reported",
    "plan_fulfillment_actual",
    "statistics_gap",
    "control",
    "turnover",
    "defect_share",
    "paper_growth",
    "real_growth",
}


def test_a_run_has_a_summary_and_a_row_per_period():
    result = antiplan.simulate("command", seed=3, periods=12, enterprises=50)
    assert REQUIRED_METRICS <= set(result.summary)
    assert all(type(v) is float for v in result.summary.values())
    assert isinstance(result.series, pd.DataFrame)
    assert list(result.series.index) == list(range(1, 13))
    assert result.stages.shape == (12, antiplan.SCENARIOS["command"]["chain_depth"])
    assert set(result.summary) == set(antiplan.METRICS)


def test_summary_matches_its_definitions():
    result = antiplan.simulate("command", seed=1, periods=10, enterprises=40)
    s, total = result.summary, result.series.sum()
    assert s["statistics_gap"] == pytest.approx(total["reported_output"] / total["actual_output"] - 1)
    assert s["plan_fulfillment_actual"] == pytest.approx(total["actual_output"] / total["target"])
    assert s["defect_share"] == pytest.approx(1 - total["usable_output"] / total["actual_output"])


@pytest.mark.parametrize("scenario", list(antiplan.SCENARIOS))
def test_every_scenario_runs_and_engines_agree(scenario):
    fast = antiplan.simulate(scenario, seed=7, periods=8, enterprises=30)
    slow = antiplan.simulate(scenario, seed=7, periods=8, enterprises=30, engine="reference")
    for key, value in fast.summary.items():
        assert slow.summary[key] == pytest.approx(value, rel=1e-9, abs=1e-9), key
    np.testing.assert_allclose(fast.series.to_numpy(), slow.series.to_numpy(), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(fast.stages.to_numpy(), slow.stages.to_numpy(), rtol=1e-9, atol=1e-9)


def test_same_seed_same_run_and_other_seed_another():
    a = antiplan.simulate(seed=5, periods=6, enterprises=20)
    b = antiplan.simulate(seed=5, periods=6, enterprises=20)
    c = antiplan.simulate(seed=6, periods=6, enterprises=20)
    pd.testing.assert_frame_equal(a.series, b.series)
    assert a.summary != c.summary


def test_parameters_override_the_scenario():
    result = antiplan.simulate("ch02", tempo=0.1, periods=3, enterprises=5)
    assert result.params["tempo"] == 0.1
    assert result.params["penalty"] == antiplan.BY_NAME["penalty"].off


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"scenario": "utopia"}, "unknown scenario 'utopia'"),
        ({"engine": "quantum"}, "unknown engine 'quantum'"),
        ({"periods": 1}, "periods=1 is out of range"),
        ({"enterprises": 0}, "enterprises=0 is out of range"),
        ({"seed": -1}, "seed=-1 is out of range"),
        ({"seed": 1.5}, "seed=1.5 is out of range"),
        ({"tempo": float("nan")}, "tempo=nan is out of range"),
        ({"audit": "high"}, "audit='high' is out of range"),
    ],
)
def test_bad_input_names_itself_and_what_is_allowed(kwargs, message):
    with pytest.raises(ValueError, match=message):
        antiplan.simulate(**kwargs)


def test_a_student_rule_replaces_the_default():
    def honest_report(actual, target, padding, caught):
        return actual

    padded = antiplan.simulate("ch03", seed=2, periods=8, enterprises=40, penalty=5.0)
    honest = antiplan.simulate("ch03", seed=2, periods=8, enterprises=40, penalty=5.0, rules={"report": honest_report})
    assert padded.summary["statistics_gap"] > 0.0
    assert honest.summary["statistics_gap"] == pytest.approx(0.0, abs=1e-12)


def test_a_student_rule_runs_in_the_reference_engine_too():
    def double_wear(overload, depreciation, wear):
        return (
            min(0.5, 2 * depreciation * (1 + wear * overload))
            if not isinstance(overload, np.ndarray)
            else (np.minimum(0.5, 2 * depreciation * (1 + wear * overload)))
        )

    a = antiplan.simulate(seed=1, periods=5, enterprises=10, rules={"capacity_wear": double_wear})
    b = antiplan.simulate(seed=1, periods=5, enterprises=10, rules={"capacity_wear": double_wear}, engine="reference")
    assert a.summary["actual_output"] == pytest.approx(b.summary["actual_output"], rel=1e-9)


@pytest.mark.parametrize(
    "rules, message",
    [
        ({"reprot": lambda a, t, p, c: a}, "unknown rule 'reprot'"),
        ({"report": 3}, "rule 'report' must be a function"),
        (
            {"report": lambda actual: actual},
            r"rule 'report' takes 4 arguments \(actual, target, padding, caught\)",
        ),
    ],
)
def test_bad_rules_are_refused_with_a_plain_message(rules, message):
    with pytest.raises(ValueError, match=message):
        antiplan.simulate(rules=rules)


def test_a_rule_that_returns_nan_is_caught():
    with pytest.raises(ValueError, match="NaN or infinite values.*check your rules"):
        antiplan.simulate(periods=3, enterprises=4, rules={"report": lambda a, t, p, c: a * np.nan})
