"""Properties over the whole parameter space, drawn from the parameter table itself."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import antiplan
from antiplan.engine.record import SPREAD_FLOOR, control, r_squared
from antiplan.parameters import PARAMETERS


def _value(p):
    if p.kind == "bool":
        return st.booleans()
    if p.kind == "int":
        return st.integers(int(p.min), int(p.max))
    return st.floats(p.min, p.max, allow_nan=False)


RUNS = st.fixed_dictionaries(
    {
        "scenario": st.sampled_from(sorted(antiplan.SCENARIOS)),
        "seed": st.integers(0, 2**32),
        "periods": st.integers(2, 14),
        "enterprises": st.integers(2, 25),
        "params": st.fixed_dictionaries({}, optional={p.name: _value(p) for p in PARAMETERS}),
    }
)


def _run(run, engine="vectorized"):
    return antiplan.simulate(
        run["scenario"],
        seed=run["seed"],
        periods=run["periods"],
        enterprises=run["enterprises"],
        engine=engine,
        **run["params"],
    )


@given(RUNS)
def test_runs_are_finite_and_consistent(run):
    result = _run(run)
    series = result.series
    assert np.isfinite(series.to_numpy()).all()
    assert all(np.isfinite(v) for v in result.summary.values())
    assert (series["usable_output"] <= series["actual_output"] * (1 + 1e-12)).all()
    assert (series["reported_output"] >= series["actual_output"] * (1 - 1e-12)).all()
    assert (series["reported_output"] >= 0).all()
    assert ((series["control"] >= 0) & (series["control"] <= 1)).all()
    assert 0.0 <= result.summary["control"] <= 1.0
    assert 0.0 <= result.summary["defect_share"] <= 1.0
    assert 0.0 <= result.summary["turnover"] <= 1.0


@given(RUNS)
def test_same_seed_gives_the_same_run(run):
    assert _run(run).summary == _run(run).summary


@given(RUNS)
def test_vectorized_equals_reference(run):
    fast, slow = _run(run), _run(run, engine="reference")
    np.testing.assert_allclose(fast.series.to_numpy(), slow.series.to_numpy(), rtol=1e-9, atol=1e-9)
    for key, value in fast.summary.items():
        assert abs(slow.summary[key] - value) <= 1e-9 * max(1.0, abs(value)), key


# --- control where the spread across enterprises vanishes -------------------------------------------

COVARIANCES = st.tuples(st.floats(0.0, 4.0), st.floats(0.0, 4.0), st.floats(-1.0, 1.0)).map(
    lambda v: (v[0], v[1], v[2] * (v[0] * v[1]) ** 0.5)
)


@given(COVARIANCES, st.floats(-1e-12, 1e-12), st.integers(0, 2))
def test_control_is_bounded_and_well_conditioned_everywhere(covariances, change, which):
    moved = list(covariances)
    moved[which] += change
    before, after = r_squared(*covariances), r_squared(*moved)
    assert 0.0 <= before <= 1.0
    assert abs(after - before) <= abs(change) / SPREAD_FLOOR * (1 + 1e-9) + 1e-15


def test_control_has_a_stated_value_where_nothing_varies():
    assert r_squared(0.0, 0.0, 0.0) == 1.0  # same targets, same output: the plan is met everywhere
    assert r_squared(0.0, 1.0, 0.0) < 1e-6  # same targets, output that varies: no control
    assert r_squared(0.04, 0.04, 0.04) == pytest.approx(1.0, abs=1e-6)  # output follows targets exactly
    assert r_squared(0.04, 0.04, 0.0) < 1e-6  # output unrelated to targets


@pytest.mark.parametrize("noise", [0.0, 1e-12, 1e-9, 1e-6])
def test_engines_agree_on_economies_of_nearly_identical_enterprises(noise):
    runs = [
        antiplan.simulate("ch01", seed=0, periods=6, enterprises=4, engine=e, capacity_noise=noise)
        for e in ("vectorized", "reference")
    ]
    fast, slow = (r.series["control"].to_numpy() for r in runs)
    np.testing.assert_allclose(fast, slow, rtol=1e-9, atol=1e-9)
    # Enterprises that differ by far less than the floor are one economy, its plan met everywhere.
    assert (fast > 0.99).all()


@given(
    st.integers(0, 2**32),
    st.integers(2, 50),
    st.floats(0.0, 1e-3),
    st.floats(0.0, 1e-3),
)
def test_control_does_not_amplify_rounding_between_engines(seed, n, target_spread, output_spread):
    """The engines' per-enterprise values may differ in the last digits (NumPy's and Python's
    ``log`` and ``exp`` differ by an ulp on some machines); control must not amplify that."""
    rng = np.random.default_rng(seed)
    size = rng.lognormal(0.0, 0.25, n)
    target = size * np.exp(target_spread * rng.standard_normal(n))
    actual = target * np.exp(output_spread * rng.standard_normal(n))
    wobble = 1.0 + 4e-16 * rng.standard_normal((2, n))
    assert abs(control(target * wobble[0], actual * wobble[1], size) - control(target, actual, size)) < 1e-10
