"""What the chapters say the model does is true of the model, not of one run.

Every claim a chapter declares (``CLAIMS`` in its figure module, ``antiplan.figures.ch01`` to
``ch10``) must hold on average over twenty seeds, in the book's own economy, at the chapter's
settings and at each setting of a neighborhood drawn around them (``antiplan.figures.claims``). The
results the chapters name as following from a rule's definition are checked as identities.
"""

import math

import numpy as np
import pytest

from antiplan import simulate
from antiplan.figures import ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08, ch09, ch10
from antiplan.figures.claims import (
    CLAIM_ENTERPRISES,
    CLAIM_SEEDS,
    POINTS,
    Claim,
    check,
    compare,
    failures,
    mean_measure,
    neighborhood,
)
from antiplan.parameters import BY_NAME
from antiplan.rules.records import RECORD_STEP
from antiplan.rules.reporting import padding_share

CHAPTERS = {
    "ch01": ch01, "ch02": ch02, "ch03": ch03, "ch04": ch04, "ch05": ch05,
    "ch06": ch06, "ch07": ch07, "ch08": ch08, "ch09": ch09, "ch10": ch10,
}  # fmt: skip
ALL_CLAIMS = [
    # One worker per chapter (make test runs --dist loadgroup), so a chapter's claims share their runs.
    pytest.param(chapter, name, claim, id=f"{chapter}-{name}", marks=pytest.mark.xdist_group(f"claims_{chapter}"))
    for chapter, module in CHAPTERS.items()
    for name, claim in module.CLAIMS.items()
]
HIGH = ch03.HIGH_TEMPO


@pytest.mark.slow
@pytest.mark.parametrize(("chapter", "name", "claim"), ALL_CLAIMS)
def test_claim_holds_over_seeds_and_neighborhood(chapter, name, claim):
    """The claim's mean margin over twenty seeds is positive at the defaults and at every neighbor."""
    table = check(claim)
    assert len(table) == POINTS + 1
    bad = table[~table["holds"]]
    assert bad.empty, f"{chapter}.CLAIMS[{name!r}] ({claim.text}) fails at: {bad['mean'].to_dict()}"


def test_claims_use_at_least_twenty_seeds_in_the_books_economy():
    """The seeds a claim is averaged over are at least twenty distinct ones, at the book's economy size."""
    assert len(set(CLAIM_SEEDS)) >= 20
    assert CLAIM_ENTERPRISES == 200


def test_every_chapter_declares_claims():
    """Each chapter declares the claims its text makes, each with a sentence and a neighborhood."""
    for chapter, module in CHAPTERS.items():
        assert module.CLAIMS, f"{chapter} declares no claims"
        for name, claim in module.CLAIMS.items():
            assert isinstance(claim, Claim) and claim.text and claim.around, f"{chapter}.{name} is incomplete"


def test_compare_names_an_unknown_measure():
    with pytest.raises(ValueError, match="unknown measure 'gapp'"):
        compare("a gap", "ch03", ("penalty",), "gapp", {"tempo": HIGH})


def test_neighborhood_starts_at_the_defaults_and_stays_in_range():
    """The first point is the scenario itself; every other moves each named parameter within its range."""
    names = ("conditions", "tempo", "centralization")
    points = neighborhood("command", names)
    assert points[0] == {}
    assert len(points) == POINTS + 1
    for point in points[1:]:
        assert set(point) == set(names)
        for name, value in point.items():
            spec = BY_NAME[name]
            assert spec.min <= value <= spec.max
            default = float(spec.default)
            assert abs(value - default) <= 0.2 * default + 1e-9
    assert points[1:] != [points[1]] * POINTS, "the neighborhood's points are all the same"
    assert neighborhood("command", names) == points, "the neighborhood is not reproducible"


def test_neighborhood_rejects_a_parameter_it_cannot_move():
    """A name that is not a numeric parameter gets a one-line error naming it."""
    with pytest.raises(ValueError, match="'build_periods'"):
        neighborhood("command", ("build_periods",))
    with pytest.raises(ValueError, match="'no_such_lever'"):
        neighborhood("command", ("no_such_lever",))


def test_failures_reports_a_false_claim_with_where_it_fails():
    """A claim the model contradicts is reported, with its sentence and the points where it fails."""
    false = Claim(
        "reports fall short of actual output",
        "ch03",
        ("penalty",),
        lambda params, seed, enterprises: (
            -simulate("ch03", seed=seed, enterprises=enterprises, **params).summary["statistics_gap"]
        ),
    )
    found = failures({"false": false}, seeds=range(3), points=1)
    assert "reports fall short of actual output" in found["false"]
    assert "defaults" in found["false"]


def test_chapter6_decomposition_baseline_is_the_chapter5_economy():
    """With nobody quitting and no effort withheld, the chapter 6 economy runs exactly as chapter 5's."""
    for seed in (0, 1):
        five = simulate("ch05", seed=seed, enterprises=40).summary
        six = simulate("ch06", seed=seed, enterprises=40, **ch06.NO_QUITS, **ch06.NO_COLLUSION).summary
        assert five == pytest.approx(six)


def test_chapter6_food_never_short_at_the_books_settings():
    """The food channel is inert in the scenarios the chapter names, and bites when procurement is cut."""
    for scenario in ("ch06", "command", "first-five-year-plan", "collectivization"):
        assert simulate(scenario, seed=0, enterprises=40).series["food"].min() == 1.0
    low = simulate("collectivization", seed=0, enterprises=40, procurement=ch06.LOW_PROCUREMENT)
    assert low.series["food"].min() < 1.0


def test_chapter8_record_is_the_formula_in_every_run():
    """The record is deterministic: (1 + step * bonus) ** quarters, whatever the seed or the cost."""
    for seed, cost in ((0, 0.0), (3, 0.1)):
        run = simulate("ch08", seed=seed, enterprises=40, record_cost=cost)
        bonus = float(run.params["record_bonus"])
        assert run.series["records"].iloc[-1] == pytest.approx((1.0 + RECORD_STEP * bonus) ** run.periods)


def test_chapter8_campaign_without_staging_cost_changes_nothing_but_records():
    """With no staging cost, usable output and the statistics gap are those of the economy without a campaign."""
    with_ = simulate("ch08", seed=2, enterprises=40, record_cost=0.0).summary
    without = simulate("ch08", seed=2, enterprises=40, record_cost=0.0, record_bonus=0.0).summary
    for metric in ("usable_output", "statistics_gap", "actual_output"):
        assert with_[metric] == pytest.approx(without[metric])
    assert with_["records"] > without["records"]


def test_chapter9_penalty_leaves_withheld_effort_exactly_alone():
    """The effort rule has no penalty in it: effort is the same at every penalty."""
    table = ch09.penalty_sweep(values=(0.0, 2.0, 5.0), seeds=(0, 1))
    assert np.ptp(table["withheld"].to_numpy()) == pytest.approx(0.0, abs=1e-12)


def test_chapter9_no_penalty_means_no_padding():
    """With no price of a shortfall the padding rule pads nothing, so the gap is zero by definition."""
    assert simulate("ch09", seed=1, enterprises=40, penalty=0.0).summary["statistics_gap"] == pytest.approx(0.0)


def test_chapter10_democratic_mode_ignores_the_tempo():
    """With targets from local capacity the tempo does nothing: the run is the same at any tempo."""
    slow = simulate("democratic", seed=4, enterprises=40, tempo=0.0).summary
    fast = simulate("democratic", seed=4, enterprises=40, tempo=float(BY_NAME["tempo"].max)).summary
    assert slow == pytest.approx(fast)
    assert simulate("democratic", seed=4, enterprises=40).summary["statistics_gap"] == 0.0


def test_chapter10_lever_ranking_depends_on_centralization():
    """The chapter's warning is true: at full centralization two other changes beat ending collusion."""
    table = ch10.levers(seeds=(0, 1, 2), centralization=1.0)["usable_output"]
    names = list(table.index)
    central, penalty, collusion = table[names[1]], table[names[2]], table[names[3]]
    assert central > collusion
    assert penalty > collusion
    assert math.isfinite(central)


@pytest.mark.slow
@pytest.mark.xdist_group("claims_ch01")
def test_ch01_reports_are_true():
    """ch01: nobody has a reason to lie, so reported and actual output coincide."""
    for setting in neighborhood("ch01", ("invest_share", "capacity_noise")):
        assert mean_measure("ch01", "statistics_gap", **setting) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("growth", [0.0225, 0.03, 0.0375])
@pytest.mark.parametrize("tempo", [0.015, 0.02, 0.025])
@pytest.mark.parametrize("ratchet", [0.375, 0.5, 0.625])
def test_ch02_the_honest_manager_is_punished(growth, tempo, ratchet):
    """fig-ch02-ratchet: the manager who reports all his spare capacity ends with the least slack;
    the cautious manager's slack keeps growing while capacity grows faster than the tempo, and
    shrinks once the tempo is faster (the condition the chapter states)."""
    ends = {}
    for share in (1.0, 0.5, 0.0):
        targets, potential = ch02.one_enterprise(share, growth=growth, tempo=tempo, ratchet=ratchet)
        ends[share] = potential[-1] / targets[-1] - 1.0
        if share == 0.0:
            slack = potential / targets - 1.0
            growing = slack[-1] > slack[len(slack) // 2]
            assert growing == (growth > tempo)
    assert ends[1.0] < ends[0.5] < ends[0.0]


def test_ch03_padding_rule_directions():
    """fig-ch03-padding: padding rises with the penalty and falls with the audit rate (the rule itself)."""
    penalties = np.linspace(0.0, 5.0, 21)
    for audit in np.linspace(0.0, 0.9, 10):
        assert np.all(np.diff(padding_share(penalties, audit)) > 0)
    for penalty in np.linspace(0.5, 5.0, 10):
        assert np.all(np.diff(padding_share(penalty, np.linspace(0.0, 1.0, 11))) < 0)


def test_ch04_the_state_takes_at_least_its_quota_of_the_real_harvest():
    """ch04 (built in): reports are never below the harvest, so grain procured is at least the quota
    times the real harvest (unless the 80 % cap binds) in every quarter of every run."""
    for seed in range(3):
        for procurement in (0.2, 0.35, 0.6):
            s = simulate("ch04", seed=seed, enterprises=40, procurement=procurement).series
            assert (s["reported_harvest"] >= s["harvest"] - 1e-12).all()
            wanted = np.minimum(procurement * s["harvest"], 0.8 * s["harvest"])
            assert (s["grain"] >= wanted - 1e-12).all()


@pytest.mark.slow
@pytest.mark.xdist_group("claims_ch05")
def test_ch05_usable_output_is_flat_then_falls():
    """ch05: usable output is nearly flat from no demanded tempo to 6% a quarter and falls steeply
    beyond (at the highest tempo well under two-thirds of the plateau), at the defaults and around them."""
    # The defaults and the two settings that move both parameters together: the sweep is the costly part.
    for setting in neighborhood("ch05", ("storming", "defect_sensitivity"))[:3]:
        plateau = [mean_measure("ch05", "usable_output", tempo=t, **setting) for t in (0.0, 0.03, 0.06)]
        assert min(plateau) > 0.97 * max(plateau), setting
        assert mean_measure("ch05", "usable_output", tempo=float(ch05.TEMPOS[-1]), **setting) < 0.67 * min(plateau), (
            setting
        )


@pytest.mark.slow
@pytest.mark.xdist_group("claims_ch03")
def test_ch03_most_of_the_fall_in_control_comes_with_honest_reports_too():
    """ch03: of the fall in control from no to full centralization at the high tempo, more than half
    appears with honest reports as well (it follows from what centralization means); padding adds
    the rest."""
    for point in neighborhood("ch03", ("audit", "ratchet")):
        setting = {**point, "tempo": HIGH}
        honest, padded = _control_fall(setting, penalty=0.0), _control_fall(setting)
        assert 0.5 * padded < honest < padded, setting


def _control_fall(setting, **extra):
    """Control with no centralization minus control with full centralization, over the seeds."""
    loose = mean_measure("ch03", "control", **{**setting, **extra, "centralization": 0.0})
    return loose - mean_measure("ch03", "control", **{**setting, **extra, "centralization": 1.0})
