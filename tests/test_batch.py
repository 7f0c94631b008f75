"""Many runs in one call equal the same runs made one at a time."""

from __future__ import annotations

import numpy as np
import pytest

import antiplan
from antiplan import SCENARIOS, simulate, simulate_many


def assert_same_runs(batch, scenario, **params):
    """Every run of the batch equals ``simulate`` with its seed and grid point, series and summary."""
    for i, run in enumerate(batch):
        point = batch.runs.iloc[i].to_dict()
        seed = int(point.pop("seed"))
        point = {k: (v.item() if hasattr(v, "item") else v) for k, v in point.items()}
        alone = simulate(scenario, seed=seed, periods=batch.periods, enterprises=batch.enterprises, **params, **point)
        assert run.params == alone.params
        assert list(run.series.columns) == list(alone.series.columns)
        np.testing.assert_allclose(run.series.to_numpy(), alone.series.to_numpy(), rtol=0, atol=1e-12)
        np.testing.assert_allclose(run.stages.to_numpy(), alone.stages.to_numpy(), rtol=0, atol=1e-12)
        assert list(run.stages.columns) == list(alone.stages.columns)
        for metric, value in alone.summary.items():
            assert run.summary[metric] == pytest.approx(value, rel=0, abs=1e-12), metric
            assert batch.summary[metric].iloc[i] == pytest.approx(value, rel=0, abs=1e-12), metric


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_scenario_equals_runs_one_at_a_time(scenario):
    batch = simulate_many(scenario, seeds=[0, 1, 7], periods=12, enterprises=30)
    assert batch.engine == "vectorized" and len(batch) == 3
    assert_same_runs(batch, scenario)


def test_a_grid_of_parameters_and_supply_chains_equals_single_runs():
    grid = {"tempo": [0.0, 0.12], "chain_depth": [1, 4], "democratic": [False, True]}
    batch = simulate_many("ch10", seeds=[2, 3], grid=grid, periods=10, enterprises=24, audit=0.3)
    assert len(batch) == 16
    assert list(batch.runs.columns) == ["tempo", "chain_depth", "democratic", "seed"]
    assert_same_runs(batch, "ch10", audit=0.3)
    means = batch.mean()
    assert len(means) == 8
    first = batch.summary["statistics_gap"].iloc[:2].mean()
    assert means["statistics_gap"].iloc[0] == pytest.approx(first)


def test_the_default_economy_at_the_books_size():
    batch = simulate_many("command", seeds=range(4))
    assert batch.enterprises == 200 and batch.periods == 20
    assert_same_runs(batch, "command")


def test_a_rule_of_your_own_written_for_one_economy_still_works():
    def report(actual, target, padding, caught):
        # written for one economy: a loop over its enterprises
        return np.array([a if c else max(a, t) for a, t, c in zip(actual, target, caught, strict=True)])

    batch = simulate_many("ch03", seeds=[0, 5], grid={"audit": [0.1, 0.4]}, rules={"report": report}, enterprises=20)
    assert batch.engine == "loop"
    for i, run in enumerate(batch):
        alone = simulate(
            "ch03",
            seed=int(batch.runs.seed[i]),
            audit=float(batch.runs.audit[i]),
            enterprises=20,
            rules={"report": report},
        )
        np.testing.assert_allclose(run.series.to_numpy(), alone.series.to_numpy(), rtol=0, atol=1e-12)


def test_the_economy_in_use_gives_the_seed_and_parameters():
    with antiplan.use_economy(antiplan.Economy("next-term", {"tempo": 0.09}, seed=5)):
        batch = simulate_many("command", enterprises=20)
        alone = simulate("command", enterprises=20)
    assert list(batch.runs["seed"]) == [5]
    assert batch[0].params["tempo"] == 0.09
    np.testing.assert_allclose(batch[0].series.to_numpy(), alone.series.to_numpy(), rtol=0, atol=1e-12)


def test_series_gives_one_column_per_run():
    batch = simulate_many("ch02", seeds=[0, 1], grid={"tempo": [0.02, 0.1]}, enterprises=20)
    table = batch.series("target")
    assert table.shape == (20, 4)
    np.testing.assert_allclose(table.iloc[:, 3].to_numpy(), batch[3].series["target"].to_numpy(), rtol=0, atol=0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seeds": []}, "seeds is empty"),
        ({"seeds": [-1]}, "seed=-1"),
        ({"seeds": [0], "grid": {"no_such": [1]}}, "'no_such'"),
        ({"seeds": [0], "grid": {"tempo": []}}, "'tempo' needs a non-empty list"),
        ({"seeds": [0], "grid": {"tempo": [0.5]}}, "tempo"),
        ({"seeds": [0], "tempo": 9.0}, "tempo"),
        ({"seeds": [0], "rules": {"no_rule": len}}, "'no_rule'"),
        ({"seeds": [0], "periods": 1}, "periods=1"),
    ],
)
def test_bad_input_is_refused_in_one_line(kwargs, message):
    with pytest.raises(ValueError, match=message) as caught:
        simulate_many("command", **kwargs)
    assert "\n" not in str(caught.value)


def test_an_index_out_of_range_names_the_size():
    batch = simulate_many("command", seeds=[0, 1], enterprises=10)
    with pytest.raises(IndexError, match="2 runs"):
        batch[2]
    with pytest.raises(ValueError, match="'nope'"):
        batch.series("nope")
