"""Each rule of the model, on its own: the behavior its docstring promises."""

import math

import numpy as np
import pytest

from antiplan.rules import agriculture, construction, defects, labor, plan, records, reporting, resistance


def test_ratchet_target_moves_toward_report_and_adds_tempo():
    assert plan.next_target(100.0, 80.0, 90.0, 0.0, 0.5, 1.0) == pytest.approx(90.0)
    assert plan.next_target(100.0, 100.0, 50.0, 0.1, 0.5, 1.0) == pytest.approx(110.0)


def test_target_with_no_centralization_is_local_knowledge():
    assert plan.next_target(100.0, 300.0, 77.0, 0.15, 1.0, 0.0) == pytest.approx(77.0)


def test_reporting_all_capacity_is_punished_by_a_higher_target():
    honest = plan.next_target(100.0, 120.0, 120.0, 0.05, 0.5, 1.0)
    hiding = plan.next_target(100.0, 100.0, 120.0, 0.05, 0.5, 1.0)
    assert honest > hiding


def test_overload_is_zero_below_capacity_and_positive_above():
    assert plan.overload(80.0, 100.0) == 0.0
    assert plan.overload(150.0, 100.0) == pytest.approx(0.5)


def test_manager_hides_capacity_more_under_a_stronger_ratchet():
    weak = plan.production(120.0, 100.0, 0.1, 1.0, 0.0)
    strong = plan.production(120.0, 100.0, 0.9, 1.0, 0.0)
    assert 100.0 <= strong < weak <= 120.0


def test_storming_adds_output_with_diminishing_returns():
    calm = plan.production(100.0, 200.0, 0.5, 1.0, 0.0)
    stormed = plan.production(100.0, 200.0, 0.5, 1.0, 0.4)
    assert calm == pytest.approx(100.0)
    assert 100.0 < stormed < 140.0


def test_padding_grows_with_penalty_and_falls_with_audit():
    assert reporting.padding_share(0.0, 0.0) == 0.0
    assert reporting.padding_share(4.0, 0.0) > reporting.padding_share(1.0, 0.0)
    assert reporting.padding_share(2.0, 0.5) < reporting.padding_share(2.0, 0.1)
    assert reporting.padding_share(5.0, 1.0) == 0.0


def test_report_pads_a_shortfall_unless_caught():
    assert reporting.report(80.0, 100.0, 0.5, False) == pytest.approx(90.0)
    assert reporting.report(80.0, 100.0, 0.5, True) == pytest.approx(80.0)
    assert reporting.report(120.0, 100.0, 0.5, False) == pytest.approx(120.0)


def test_own_defects_rise_with_overload_from_the_base():
    assert defects.own_defect_share(0.0, 0.02, 2.0) == pytest.approx(0.02)
    assert defects.own_defect_share(1.0, 0.02, 2.0) > defects.own_defect_share(0.5, 0.02, 2.0)
    assert defects.own_defect_share(10.0, 0.0, 5.0) <= 1.0


def test_defects_compound_through_the_cascade():
    assert defects.cascade(0.1, 0.0) == pytest.approx(0.1)
    assert defects.cascade(0.1, 0.1) == pytest.approx(0.19)


def test_wear_rises_with_overload_and_is_bounded():
    assert defects.capacity_wear(0.0, 0.01, 2.0) == pytest.approx(0.01)
    assert defects.capacity_wear(1.0, 0.01, 2.0) == pytest.approx(0.03)
    assert defects.capacity_wear(1e6, 0.1, 5.0) == 0.5


def test_quits_rise_with_bad_conditions_and_speed_up():
    good = labor.quit_rate(1.0, 0.0, 0.03, 0.5)
    bad = labor.quit_rate(0.2, 0.0, 0.03, 0.5)
    worse = labor.quit_rate(0.2, 1.0, 0.03, 0.5)
    assert good == pytest.approx(0.03) and good < bad < worse <= 1.0


def test_new_hands_lower_skill_and_learning_restores_it():
    assert labor.workforce_skill(1.0, 0.5, 0.5) == pytest.approx(0.75)
    assert labor.learn(0.5, 0.2) == pytest.approx(0.6)


def test_effort_falls_with_conditions_under_collusion():
    assert labor.effort(1.0, 0.9) == pytest.approx(1.0)
    assert labor.effort(0.0, 0.3) == pytest.approx(0.7)


def test_terror_lowers_strike_chance():
    assert resistance.strike_chance(0.2, 5.0, 0.5) < resistance.strike_chance(0.2, 0.0, 0.5)
    assert resistance.strike_chance(1.0, 0.0, 1.0) == 0.0


def test_a_strike_cuts_output():
    assert resistance.strike_output(100.0, True) < resistance.strike_output(100.0, False) == 100.0


def test_records_climb_with_the_bonus_and_cost_output():
    assert records.next_record(1.0, 0.0) == 1.0
    assert records.next_record(1.0, 1.0) > 1.0
    assert records.record_output(100.0, 1.0, 0.1) == pytest.approx(90.0)


def test_construction_finishes_in_time_and_waits_for_complements():
    unfinished, idle, ready = construction.construction(0.0, 0.0, 10.0, 1, 1.0)
    assert (unfinished, idle, ready) == (0.0, 0.0, 10.0)
    unfinished, idle, ready = construction.construction(0.0, 0.0, 10.0, 4, 0.5)
    assert unfinished == pytest.approx(7.5) and idle == pytest.approx(1.25) and ready == pytest.approx(1.25)


def test_construction_conserves_capacity():
    unfinished, idle, ready = construction.construction(3.0, 2.0, 5.0, 3, 0.3)
    assert unfinished + idle + ready == pytest.approx(10.0)


def test_collective_land_without_machines_yields_less():
    assert agriculture.harvest(1.0, 0.0, 0.0) == pytest.approx(1.0)
    assert agriculture.harvest(1.0, 0.0, 1.0) < agriculture.harvest(1.0, 1.0, 1.0)


def test_peasants_slaughter_livestock_when_squeezed():
    assert agriculture.next_livestock(1.0, 0.2, 1.0) == pytest.approx(1.0)
    assert agriculture.next_livestock(1.0, 0.6, 1.0) < agriculture.next_livestock(1.0, 0.6, 0.5) < 1.0
    assert agriculture.next_livestock(1.0, 0.6, 0.0) == 1.0, "individual peasants hoard grain instead"


def test_procurement_follows_the_reported_harvest_up_to_a_ceiling():
    assert agriculture.procured(1.2, 1.0, 0.3) == pytest.approx(0.36)
    assert agriculture.procured(3.0, 1.0, 0.6) == pytest.approx(0.8)


def test_only_collective_harvests_are_padded():
    assert agriculture.reported_harvest(1.0, 1.5, 0.5, 0.0) == 1.0
    assert agriculture.reported_harvest(1.0, 1.5, 0.5, 1.0) == pytest.approx(1.25)


def test_tractor_plants_divert_construction_until_land_is_mechanized():
    assert agriculture.diversion(1.0, 0.0, 0.5) == pytest.approx(0.5)
    assert agriculture.diversion(1.0, 1.0, 0.5) == 0.0
    assert agriculture.next_mechanization(0.1, 0.3, 1.0) > 0.1
    assert agriculture.next_mechanization(0.1, 0.3, 0.0) == 0.1


def test_raw_materials_follow_harvest_and_herd():
    assert agriculture.raw_materials(1.0, 1.0) == 1.0
    assert agriculture.raw_materials(0.8, 0.4) == pytest.approx(0.6)


def test_food_supply_is_grain_relative_to_before():
    assert agriculture.food_supply(agriculture.BASE_GRAIN) == 1.0
    assert agriculture.food_supply(agriculture.BASE_GRAIN / 2) == pytest.approx(0.5)


@pytest.mark.parametrize(
    "rule, args",
    [
        (plan.production, (np.array([120.0, 80.0]), np.array([100.0, 100.0]), 0.5, 1.0, 0.3)),
        (reporting.report, (np.array([80.0, 120.0]), np.array([100.0, 100.0]), 0.5, np.array([False, True]))),
        (defects.own_defect_share, (np.array([0.0, 0.5]), 0.02, 1.0)),
        (labor.quit_rate, (0.4, np.array([0.0, 0.7]), 0.03, 0.5)),
    ],
)
def test_rules_give_the_same_answer_for_arrays_and_single_numbers(rule, args):
    vectorized = rule(*args)
    for i in range(2):
        single = [a[i].item() if isinstance(a, np.ndarray) else a for a in args]
        assert math.isclose(float(vectorized[i]), float(rule(*single)), rel_tol=1e-12)
