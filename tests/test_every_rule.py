"""Every mechanism is a registered rule: the ODD appendix names only rules, and each new rule, replaced,
changes the run as its docstring says."""

import inspect
import re
from pathlib import Path

import numpy as np
import pytest

import antiplan
from antiplan import rules as rules_package
from antiplan.rules import DEFAULT_RULES

ODD = Path(__file__).resolve().parents[1] / "book" / "appendix-odd.md"
MODULES = ("agriculture", "construction", "defects", "labor", "plan", "records", "reporting", "resistance")


def _registered() -> dict[str, str]:
    """``module.function`` of every registered rule, to its name in ``DEFAULT_RULES``."""
    return {f"{f.__module__.removeprefix('antiplan.rules.')}.{f.__name__}": name for name, f in DEFAULT_RULES.items()}


def test_every_formula_the_odd_appendix_names_is_a_registered_rule():
    named = set(re.findall(rf"`((?:{'|'.join(MODULES)})\.[a-z_]+)`", ODD.read_text()))
    assert len(named) >= len(DEFAULT_RULES)
    assert named - set(_registered()) == set()


def test_the_odd_schedule_names_every_registered_rule():
    schedule = ODD.read_text().split("## 3. Process overview and scheduling")[1].split("## 4.")[0]
    assert [r for r in _registered() if f"`{r}`" not in schedule] == []


def test_every_public_function_in_the_rule_modules_is_registered():
    functions = {
        f"{module}.{name}"
        for module in MODULES
        for name, f in inspect.getmembers(getattr(rules_package, module), inspect.isfunction)
        if not name.startswith("_") and f.__module__ == f"antiplan.rules.{module}"
    }
    assert functions == set(_registered())


def test_every_rule_documents_its_arguments_and_its_module_its_odd_section_and_chapter():
    for name, function in DEFAULT_RULES.items():
        doc = inspect.getdoc(function)
        for argument in inspect.signature(function).parameters:
            assert f"{argument}:" in doc, (name, argument)
        assert "Returns:" in doc, name
        module_doc = inspect.getdoc(inspect.getmodule(function))
        assert "ODD section 7" in module_doc and "chapter" in module_doc, name


def _run(scenario="command", **kw):
    return antiplan.simulate(scenario, seed=4, periods=12, enterprises=60, **kw)


HUNGRY = {"scenario": "collectivization", "procurement": 0.1}
"""An economy whose towns get less food than before collectivization."""


def test_living_conditions_cut_by_a_shortage_of_food():
    default = _run(**HUNGRY)
    fed = _run(**HUNGRY, rules={"living_conditions": lambda conditions, food: conditions})
    assert default.series["food"].min() < 0.5
    assert fed.summary["turnover"] < default.summary["turnover"]
    assert (fed.series["effort"] >= default.series["effort"]).all()
    assert (fed.series["effort"] > default.series["effort"]).any()


def test_local_capacity_falls_with_the_raw_materials_that_reach_industry():
    default = _run("collectivization")
    supplied = _run("collectivization", rules={"local_capacity": lambda c, skill, effort, raw: c * skill * effort})
    assert default.series["raw_materials"].min() < 0.9
    assert supplied.series["potential_output"].mean() > default.series["potential_output"].mean()


def test_potential_output_is_local_capacity_moved_by_the_shock_of_the_day():
    default = _run()
    calm = _run(rules={"potential_output": lambda local, capacity_noise, shock: local})
    # In the first quarter the target is what the enterprise is known to be able to make.
    assert calm.series["potential_output"].iloc[0] == pytest.approx(calm.series["target"].iloc[0], rel=1e-12)
    assert default.series["potential_output"].iloc[0] != pytest.approx(default.series["target"].iloc[0], rel=1e-6)


def test_hidden_capacity_is_only_measured_it_changes_nothing_else():
    default = _run()
    unmeasured = _run(rules={"hidden_capacity": lambda potential, actual: 0.0 * potential})
    assert default.summary["hidden_capacity"] > 0.0 and unmeasured.summary["hidden_capacity"] == 0.0
    others = default.series.columns.drop("hidden_capacity")
    assert unmeasured.series[others].equals(default.series[others])


def test_investment_is_the_share_of_output_put_into_construction():
    default = _run()
    assert default.series["construction"].to_numpy() == pytest.approx(
        default.params["invest_share"] * default.series["actual_output"].to_numpy(), rel=1e-12
    )
    none = _run(rules={"investment": lambda actual, invest_share: 0.0 * actual})
    assert (none.series["construction"] == 0.0).all() and (none.series["unfinished"] == 0.0).all()
    assert none.series["capacity"].iloc[-1] < default.series["capacity"].iloc[-1]


def test_capital_started_loses_the_diverted_share_and_defective_materials():
    default = _run("collectivization")
    whole = _run("collectivization", rules={"capital_started": lambda inv, div, defect, ratio: inv / ratio})
    assert default.series["diversion"].max() > 0.0
    assert whole.series["unfinished"].iloc[-1] > default.series["unfinished"].iloc[-1]


def test_next_capacity_wears_moves_with_a_shock_and_adds_finished_plants():
    frozen = _run(rules={"next_capacity": lambda capacity, worn, capacity_noise, shock, ready: capacity})
    assert np.allclose(frozen.series["capacity"], frozen.series["capacity"].iloc[0], rtol=1e-12)
    default = _run()
    assert not np.allclose(default.series["capacity"], default.series["capacity"].iloc[0], rtol=1e-3)


@pytest.mark.parametrize(
    "name", ["living_conditions", "local_capacity", "potential_output", "hidden_capacity", "investment",
             "capital_started", "next_capacity"],
)  # fmt: skip
def test_a_replaced_rule_runs_the_same_in_both_engines(name):
    default = DEFAULT_RULES[name]

    def changed(*args):
        return 0.999 * default(*args)

    runs = [_run(**HUNGRY, rules={name: changed}, engine=e) for e in ("vectorized", "reference")]
    np.testing.assert_allclose(runs[0].series.to_numpy(), runs[1].series.to_numpy(), rtol=1e-9, atol=1e-9)


def test_a_run_records_the_parameters_it_used_in_the_democratic_mode():
    run = antiplan.simulate("command", periods=3, enterprises=5, democratic=True, penalty=3.0)
    for name, value in antiplan.scenarios.DEMOCRATIC_MODE.items():
        assert run.params[name] == value
    assert antiplan.simulate("democratic", periods=3, enterprises=5).params["centralization"] == 0.0
    same = antiplan.simulate("command", periods=3, enterprises=5, **run.params)
    assert same.summary == run.summary
