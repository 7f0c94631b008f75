"""The parameter table: complete, consistent, and enforced at its edges."""

import pytest

import antiplan
from antiplan.parameters import BY_NAME, PARAMETERS

REQUIRED = {
    "tempo",
    "ratchet",
    "centralization",
    "penalty",
    "audit",
    "chain_depth",
    "record_bonus",
    "conditions",
    "democratic",
}


def test_table_holds_the_required_levers():
    assert REQUIRED <= set(BY_NAME)


@pytest.mark.parametrize("p", PARAMETERS, ids=lambda p: p.name)
def test_each_row_is_complete_and_consistent(p):
    assert p.meaning and p.unit and p.source
    assert 1 <= p.chapter <= 10
    assert p.kind in ("float", "int", "bool")
    assert p.min <= p.default <= p.max
    assert p.min <= p.off <= p.max
    if p.chapter == 1:
        assert p.off == p.default, "the structure of chapter 1 is on in every scenario"


@pytest.mark.parametrize("p", [p for p in PARAMETERS if p.kind != "bool"], ids=lambda p: p.name)
def test_simulate_accepts_the_edges_and_rejects_beyond(p):
    antiplan.simulate("command", periods=3, enterprises=5, **{p.name: p.min})
    antiplan.simulate("command", periods=3, enterprises=5, **{p.name: p.max})
    step = 1 if p.kind == "int" else (p.max - p.min) * 0.01 + 1e-6
    for bad in (p.min - step, p.max + step):
        with pytest.raises(ValueError, match=p.name) as error:
            antiplan.simulate("command", periods=3, enterprises=5, **{p.name: bad})
        assert "allowed is" in str(error.value)


def test_a_bool_switch_rejects_other_values():
    with pytest.raises(ValueError, match="democratic.*true or false"):
        antiplan.simulate(democratic="yes")


def test_an_int_parameter_rejects_fractions():
    with pytest.raises(ValueError, match="chain_depth.*integer"):
        antiplan.simulate(chain_depth=2.5)


def test_unknown_parameter_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown parameter 'tempoo'.*tempo"):
        antiplan.simulate(tempoo=0.1)


def test_chapter_scenarios_switch_mechanisms_on_one_chapter_at_a_time():
    for chapter in range(1, 11):
        values = antiplan.SCENARIOS[f"ch{chapter:02d}"]
        for p in PARAMETERS:
            assert values[p.name] == (p.default if p.chapter <= chapter else p.off)
    assert antiplan.SCENARIOS["ch10"] == antiplan.SCENARIOS["command"]
