"""The model's stylized facts (COURSE-MAP), each averaged over twenty seeds of the book's economy,
not one lucky run.

Facts a chapter states as its own claims are checked there (``tests/test_claims.py``): paper
against real growth (chapter 7's claims; the scope the ODD appendix states for it is checked here),
record campaigns (chapter 8's) and the terror (chapter 9's).
"""

import numpy as np
import pytest

import antiplan
from antiplan.figures.claims import CLAIM_SEEDS, mean_measure

SEEDS = CLAIM_SEEDS


def mean(metric, scenario="command", **params):
    """A summary metric averaged over SEEDS, the runs made at once."""
    return mean_measure(scenario, metric, seeds=SEEDS, **params)


def test_1_democratic_mode_reports_honestly_meets_its_plan_and_controls_output():
    assert mean("statistics_gap", "democratic") == pytest.approx(0.0, abs=1e-12)
    assert 0.95 <= mean("plan_fulfillment_actual", "democratic") <= 1.10
    assert mean("control", "democratic") > 0.9
    assert mean("control", "democratic") > mean("control", "command")


def test_1_honest_reports_and_local_targets_give_high_control_only_without_strikes():
    """Pattern 1's cause: with strikes left on, honest reports and local targets control output about as
    poorly as the command economy; with strikes off as well, control is high."""
    honest_local = mean("control", centralization=0.0, penalty=0.0)
    assert honest_local < mean("control", "democratic") - 0.2
    assert abs(honest_local - mean("control", "command")) < 0.05
    assert mean("control", centralization=0.0, penalty=0.0, solidarity=0.0) > 0.9


def test_2_excess_tempo_cuts_reported_fulfillment_less_than_half_as_far_as_actual():
    calm = {k: mean(k, tempo=0.02) for k in ("plan_fulfillment_reported", "plan_fulfillment_actual", "statistics_gap")}
    hard = {k: mean(k, tempo=0.12) for k in calm}
    assert hard["plan_fulfillment_actual"] < calm["plan_fulfillment_actual"] - 0.1
    # Reports hold up: reported fulfillment loses less than half of what actual fulfillment loses.
    reported_loss = calm["plan_fulfillment_reported"] - hard["plan_fulfillment_reported"]
    actual_loss = calm["plan_fulfillment_actual"] - hard["plan_fulfillment_actual"]
    assert reported_loss < 0.5 * actual_loss
    assert hard["plan_fulfillment_reported"] - hard["plan_fulfillment_actual"] > (
        calm["plan_fulfillment_reported"] - calm["plan_fulfillment_actual"]
    )
    assert hard["statistics_gap"] > calm["statistics_gap"]


def test_2_the_gap_between_reported_and_actual_output_widens_over_time():
    batch = antiplan.simulate_many("ch03", seeds=SEEDS, tempo=0.1)
    gap = batch.columns["reported_output"] / batch.columns["actual_output"] - 1
    assert np.mean(gap[:, -4:].mean(axis=1) - gap[:, :4].mean(axis=1)) > 0.02


@pytest.mark.parametrize("lever, low, high", [("centralization", 0.3, 1.0), ("tempo", 0.02, 0.14)])
def test_3_centralization_paradox_falser_statistics_and_less_control(lever, low, high):
    assert mean("statistics_gap", **{lever: high}) > mean("statistics_gap", **{lever: low})
    assert mean("control", **{lever: high}) < mean("control", **{lever: low})


@pytest.mark.parametrize("centralization", [0.0, 0.3, 0.6, 0.9, 0.95])
def test_3_a_harsher_penalty_gives_falser_statistics_but_more_control(centralization):
    """Below full centralization the penalty widens the gap but, by deterring strikes, raises control."""
    c = {"centralization": centralization}
    assert mean("statistics_gap", penalty=5.0, **c) > mean("statistics_gap", penalty=0.5, **c)
    assert mean("control", penalty=5.0, **c) > mean("control", penalty=0.5, **c)


@pytest.mark.parametrize("centralization", [0.98, 1.0])
def test_3_with_a_plan_central_or_nearly_a_harsher_penalty_lowers_control(centralization):
    """With targets set from reports, the padding a harsher penalty brings makes targets predict output worse."""
    c = {"centralization": centralization}
    assert mean("statistics_gap", penalty=5.0, **c) > mean("statistics_gap", penalty=0.5, **c)
    assert mean("control", penalty=5.0, **c) < mean("control", penalty=0.5, **c)


def test_3_the_penalty_raises_control_by_deterring_strikes():
    """With strikes switched off, the same rise in the penalty lowers control at the default centralization."""
    assert mean("control", solidarity=0.0, penalty=5.0) < mean("control", solidarity=0.0, penalty=0.5)


@pytest.mark.parametrize("centralization", [0.97, 0.98])
def test_3_near_full_centralization_control_first_rises_then_falls_with_the_penalty(centralization):
    """The hump: control rises from no penalty to a penalty of 1, and falls from 1 to 5."""
    control = {p: mean("control", centralization=centralization, penalty=p) for p in (0.0, 1.0, 5.0)}
    assert control[1.0] > control[0.0]
    assert control[5.0] < control[1.0]


def test_6_paper_growth_exceeds_usable_growth_at_the_default_tempo_not_at_a_low_one():
    """Pattern 6's scope: in chapter 7's economy and the command economy, paper beats usable growth at the
    default tempo and above, whatever the coordination; at a low tempo with coordination at its default or
    better the two are close."""

    def excess(scenario="ch07", **params):
        return mean("paper_growth", scenario, **params) - mean("real_growth", scenario, **params)

    for scenario in ("ch07", "command"):
        for coordination in (0.2, 0.5, 1.0):
            at_default = excess(scenario, coordination=coordination)
            assert at_default > 0.005
            assert excess(scenario, coordination=coordination, tempo=0.12) > at_default
        for coordination in (0.5, 1.0):
            for tempo in (0.0, 0.03):
                low = excess(scenario, coordination=coordination, tempo=tempo)
                assert abs(low) < 0.25 * excess(scenario, coordination=coordination)
        assert excess(scenario, coordination=0.2) > excess(scenario, coordination=1.0)


def test_6_the_fitted_first_five_year_plan_shows_little_of_the_gap():
    """At its fitted tempo the first-five-year-plan scenario's paper growth runs only a little ahead of real growth."""
    fitted = excess_growth("first-five-year-plan")
    assert 0 < fitted < 0.25 * excess_growth("command")


def excess_growth(scenario):
    """Paper growth less usable growth, per quarter, averaged over SEEDS."""
    return mean("paper_growth", scenario) - mean("real_growth", scenario)


def test_3_more_audit_gives_a_smaller_statistics_gap():
    gaps = [mean("statistics_gap", audit=a) for a in (0.0, 0.3, 0.7, 1.0)]
    assert gaps == sorted(gaps, reverse=True)
    assert gaps[-1] == pytest.approx(0.0, abs=1e-12)


def test_4_usable_share_falls_with_supply_chain_depth_under_speed_up():
    usable_share = [1 - mean("defect_share", tempo=0.1, chain_depth=d) for d in (1, 3, 6, 10)]
    assert usable_share == sorted(usable_share, reverse=True)
    assert usable_share[0] - usable_share[-1] > 0.1


def test_4_usable_share_falls_with_depth_even_without_speed_up_but_less():
    """The base defect share compounds down the chain at a tempo of 0; speed-up makes the fall larger."""
    calm = [1 - mean("defect_share", tempo=0.0, chain_depth=d) for d in (1, 3, 6, 10)]
    hard = [1 - mean("defect_share", tempo=0.1, chain_depth=d) for d in (1, 3, 6, 10)]
    assert calm == sorted(calm, reverse=True)
    assert calm[0] - calm[-1] < hard[0] - hard[-1]


def test_4_defects_grow_downstream():
    batch = antiplan.simulate_many("command", seeds=SEEDS, chain_depth=6)
    stages = np.array([batch.stage_columns[f"stage_{k}"].mean() for k in range(1, 7)])
    assert np.all(np.diff(stages) > 0)


def test_4_beyond_some_tempo_more_pressure_yields_less_usable_output():
    usable = [mean("usable_output", "ch05", tempo=t) for t in (0.0, 0.03, 0.06, 0.09, 0.12, 0.15)]
    best = int(np.argmax(usable))
    assert 0 < best < len(usable) - 1, usable


def test_5_turnover_rises_with_pressure_and_bad_conditions_and_output_falls_with_it():
    assert mean("turnover", tempo=0.12) > mean("turnover", tempo=0.02)
    assert mean("turnover", conditions=0.2) > mean("turnover", conditions=0.8)
    assert mean("usable_output", quit_sensitivity=0.8) < mean("usable_output", quit_sensitivity=0.0)


def test_8_under_the_ratchet_targets_follow_reports_not_capacity():
    padded = {
        k: mean(k, "ch03", centralization=1.0, ratchet=0.8, penalty=5.0, audit=0.0) for k in ("target", "actual_output")
    }
    honest = {k: mean(k, "ch03", centralization=1.0, ratchet=0.8, penalty=0.0) for k in padded}
    # Padded reports lift targets further above what is really produced: the center chases reports.
    assert padded["target"] > honest["target"]
    assert padded["target"] / padded["actual_output"] > honest["target"] / honest["actual_output"] + 0.05


def test_ch4_forced_collectivization_ruins_agriculture_and_the_industrial_plan():
    assert mean("livestock", "ch04", collectivization=0.9) < mean("livestock", "ch04", collectivization=0.0) - 0.2
    assert mean("harvest", "ch04", collectivization=0.9) < mean("harvest", "ch04", collectivization=0.0)
    assert mean("actual_output", "ch04", collectivization=0.9) < mean("actual_output", "ch04", collectivization=0.0)
