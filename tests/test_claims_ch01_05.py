"""Every direction or comparison chapters 1 to 5 state about the model holds on average over 20
seeds at the chapter's defaults and around them (each varied parameter a quarter lower and higher).
"""

import numpy as np
import pytest
from comparisons import SEEDS, Comparison, failures, mean_measure, neighborhood

from antiplan.figures import ch02, ch03, ch04, ch05
from antiplan.rules.reporting import padding_share

pytestmark = pytest.mark.slow  # 20 seeds at five settings per claim: a few minutes in all

HIGH = ch03.HIGH_TEMPO
HONEST_HARVEST = {"reported_harvest": ch04.honest_harvest_report}

CLAIMS = [
    # Chapter 1
    Comparison(
        "ch01: actual output grows over the run",
        "real_growth",
        {},
        {"invest_share": 0.0},
        "ch01",
        ("invest_share", "capacity_noise"),
    ),
    Comparison(
        "ch01/fig-ch01-chapters: with everything on, reported output stays above actual output",
        "statistics_gap",
        {},
        None,
        "ch10",
        ("invest_share", "capacity_noise"),
    ),
    Comparison(
        "ch01/fig-ch01-chapters: usable output falls furthest below what is reported",
        "usable_share",
        {"scenario": "ch01"},
        {},
        "ch10",
        ("invest_share", "capacity_noise"),
    ),
    # Chapter 2
    Comparison(
        "ch02: the larger the ratchet weight, the more potential output is hidden (low tempo)",
        "hidden_capacity",
        {"ratchet": 1.0},
        {"ratchet": 0.0},
        "ch02",
        ("centralization", "capacity_noise"),
        {"tempo": 0.02},
    ),
    Comparison(
        "ch02: the larger the ratchet weight, the slower usable output grows (low tempo)",
        "real_growth",
        {"ratchet": 0.0},
        {"ratchet": 1.0},
        "ch02",
        ("centralization", "capacity_noise"),
        {"tempo": 0.02},
    ),
    Comparison(
        "ch02/fig-ch02-drift: the higher the tempo, the further targets end above potential output",
        "end_target_ratio",
        {"tempo": 0.10},
        {"tempo": 0.02},
        "ch02",
        ("ratchet", "centralization"),
    ),
    Comparison(
        "ch02: at a high tempo managers hide less than at a low one",
        "hidden_capacity",
        {"tempo": 0.02},
        {"tempo": 0.10},
        "ch02",
        ("ratchet", "centralization"),
    ),
    Comparison(
        "ch02/fig-ch02-weitzman: at full ratchet weight, the lower the tempo the more is hidden",
        "hidden_capacity",
        {"tempo": 0.0},
        {"tempo": 0.04},
        "ch02",
        ("centralization", "capacity_noise"),
        {"ratchet": 1.0},
    ),
    # Chapter 3
    Comparison(
        "ch03: pushed hard, reported fulfillment stays above actual fulfillment",
        "reported_minus_actual_fulfillment",
        {"tempo": HIGH},
        None,
        "ch03",
        ("penalty", "audit", "centralization"),
    ),
    Comparison(
        "ch03: pushed hard, the statistics gap is larger than at the default tempo",
        "statistics_gap",
        {"tempo": HIGH},
        {},
        "ch03",
        ("penalty", "audit", "centralization"),
    ),
    Comparison(
        "ch03: padding pushes targets further above potential than honest reports do (high tempo)",
        "end_target_ratio",
        {},
        {"penalty": 0.0},
        "ch03",
        ("penalty", "audit", "centralization"),
        {"tempo": HIGH},
    ),
    Comparison(
        "ch03/fig-ch03-audit: checking half the reports makes the statistics truer than no audits",
        "statistics_gap",
        {"audit": 0.0},
        {"audit": 0.5},
        "ch03",
        ("penalty", "centralization"),
        {"tempo": HIGH},
    ),
    Comparison(
        "ch03/fig-ch03-audit: the heavier the penalty, the larger the gap at the same audit rate",
        "statistics_gap",
        {"penalty": 5.0},
        {"penalty": 1.0},
        "ch03",
        ("audit", "centralization"),
        {"tempo": HIGH},
    ),
    Comparison(
        "ch03/fig-ch03-paradox: centralizing raises the statistics gap (high tempo)",
        "statistics_gap",
        {"centralization": 1.0},
        {"centralization": 0.0},
        "ch03",
        ("penalty", "audit", "ratchet"),
        {"tempo": HIGH},
    ),
    Comparison(
        "ch03/fig-ch03-paradox: centralizing lowers control (high tempo)",
        "control",
        {"centralization": 0.0},
        {"centralization": 1.0},
        "ch03",
        ("penalty", "audit", "ratchet"),
        {"tempo": HIGH},
    ),
    Comparison(
        "ch03/fig-ch03-paradox: with honest reports too, centralizing lowers control (the definition's part)",
        "control",
        {"centralization": 0.0},
        {"centralization": 1.0},
        "ch03",
        ("audit", "ratchet"),
        {"tempo": HIGH, "penalty": 0.0},
    ),
    Comparison(
        "ch03/fig-ch03-paradox: fully centralized, padding lowers control below the honest economy's",
        "control",
        {"penalty": 0.0},
        {},
        "ch03",
        ("audit", "ratchet"),
        {"tempo": HIGH, "centralization": 1.0},
    ),
    Comparison(
        "ch03/fig-ch03-paradox: the harder the push, the larger the gap when centralized",
        "statistics_gap",
        {"tempo": HIGH},
        {"tempo": 0.03},
        "ch03",
        ("penalty", "audit", "ratchet"),
        {"centralization": 1.0},
    ),
    # Chapter 4
    Comparison(
        "ch04: without tractors, collectivization cuts the harvest",
        "harvest",
        {"collectivization": 0.0},
        {},
        "ch04",
        ("procurement", "collectivization"),
        {"tractor_drive": 0.0},
    ),
    Comparison(
        "ch04/fig-ch04-tradeoff: tractor plants save part of the harvest",
        "harvest",
        {},
        {"tractor_drive": 0.0},
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
    ),
    Comparison(
        "ch04/fig-ch04-tradeoff: even without tractors, collectivization costs industry capacity (raw materials)",
        "end_capacity",
        {"collectivization": 0.0},
        {},
        "ch04",
        ("procurement", "collectivization"),
        {"tractor_drive": 0.0},
    ),
    Comparison(
        "ch04/fig-ch04-tradeoff: tractor plants cost industry capacity beyond that",
        "end_capacity",
        {"tractor_drive": 0.0},
        {},
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
    ),
    Comparison(
        "ch04: collectivization with tractor plants lowers industrial capacity",
        "end_capacity",
        {"collectivization": 0.0},
        {},
        "ch04",
        ("procurement", "tractor_drive"),
    ),
    Comparison(
        "ch04: harvest reports overstate the harvest",
        "overreport",
        {},
        None,
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
    ),
    Comparison(
        "ch04: the state takes more of the real harvest than it asks for of the reported one",
        "squeeze",
        {},
        {"rules": HONEST_HARVEST},
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
    ),
    Comparison(
        "ch04/fig-ch04-procurement: the herd ends smaller with padded harvest reports than with honest ones",
        "end_livestock",
        {"rules": HONEST_HARVEST},
        {},
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
    ),
    Comparison(
        "ch04: less grain is left in the village than before collectivization",
        "village",
        {"collectivization": 0.0, "procurement": 0.2, "tractor_drive": 0.0},
        {},
        "ch04",
        ("procurement", "collectivization", "tractor_drive"),
    ),
    # Chapter 5
    Comparison(
        "ch05/fig-ch05-tempo: reported output keeps rising with the tempo",
        "reported_output",
        {"tempo": 0.15},
        {"tempo": 0.08},
        "ch05",
        ("storming", "defect_sensitivity", "wear"),
    ),
    Comparison(
        "ch05/fig-ch05-tempo: storming makes actual output rise with the tempo at first",
        "actual_output",
        {"tempo": 0.06},
        {"tempo": 0.0},
        "ch05",
        ("storming", "defect_sensitivity", "wear"),
    ),
    Comparison(
        "ch05/fig-ch05-tempo: past its peak, actual output declines",
        "actual_output",
        {"tempo": 0.08},
        {"tempo": 0.15},
        "ch05",
        ("storming", "defect_sensitivity", "wear"),
    ),
    Comparison(
        "ch05/fig-ch05-tempo: beyond the plateau, more pressure yields less usable output",
        "usable_output",
        {"tempo": 0.04},
        {"tempo": 0.12},
        "ch05",
        ("storming", "defect_sensitivity", "wear"),
    ),
    Comparison(
        "ch05/fig-ch05-tempo: the defect share rises with the tempo",
        "defect_share",
        {"tempo": 0.10},
        {},
        "ch05",
        ("storming", "defect_sensitivity", "base_defect"),
    ),
    Comparison(
        "ch05/fig-ch05-cascade: the last stage of the chain is more defective than the first",
        "cascade_rise",
        {},
        None,
        "ch05",
        ("defect_sensitivity", "base_defect"),
        {"chain_depth": 8, "tempo": 0.10},
    ),
    Comparison(
        "ch05: under speed-up, a deeper chain makes a larger share of output defective",
        "defect_share",
        {"chain_depth": 8},
        {"chain_depth": 2},
        "ch05",
        ("defect_sensitivity", "storming"),
        {"tempo": 0.10},
    ),
    Comparison(
        "ch05/fig-ch05-wear: the more overload wears machines, the less capacity at the end (high tempo)",
        "end_capacity",
        {},
        {"wear": 2.0},
        "ch05",
        ("defect_sensitivity", "storming"),
        {"tempo": 0.10},
    ),
    Comparison(
        "ch05/fig-ch05-wear: with extra wear, less capacity at the end than with none (high tempo)",
        "end_capacity",
        {"wear": 0.0},
        {},
        "ch05",
        ("defect_sensitivity", "storming"),
        {"tempo": 0.10},
    ),
]


# One worker per chapter (make test runs --dist loadgroup), so a chapter's claims share their runs.
GROUPED = [pytest.param(c, marks=pytest.mark.xdist_group(f"claims_{c.scenario}"), id=c.sentence) for c in CLAIMS]


@pytest.mark.parametrize("claim", GROUPED)
def test_claim_holds_on_average_around_the_defaults(claim):
    assert len(SEEDS) >= 20
    assert not failures(claim), f"{claim.sentence}: fails at {failures(claim)}"


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


def test_neighborhood_names_a_bad_parameter():
    with pytest.raises(ValueError, match="unknown parameter 'tempi'"):
        neighborhood("ch03", ("tempi",))
    with pytest.raises(ValueError, match="'tempo' is both varied and fixed"):
        neighborhood("ch03", ("tempo",), tempo=0.09)


def test_neighborhood_moves_every_parameter_both_ways_within_its_range():
    settings = neighborhood("ch03", ("penalty", "audit"), tempo=0.09)
    assert settings[0] == {"tempo": 0.09}
    for name, default in (("penalty", 2.0), ("audit", 0.1)):
        values = {s[name] for s in settings[1:]}
        assert min(values) < default < max(values)
    assert all(s["tempo"] == 0.09 for s in settings)
    assert {s["centralization"] for s in neighborhood("ch03", ("centralization",))[1:]} <= {0.675, 1.0}


@pytest.mark.xdist_group("claims_ch03")
def test_ch03_most_of_the_fall_in_control_comes_with_honest_reports_too():
    """ch03: of the fall in control from no to full centralization at the high tempo, more than half
    appears with honest reports as well (it follows from what centralization means); padding adds
    the rest."""
    for setting in neighborhood("ch03", ("audit", "ratchet"), tempo=HIGH):
        honest, padded = _control_fall(setting, penalty=0.0), _control_fall(setting)
        assert 0.5 * padded < honest < padded, setting


def _control_fall(setting, **extra):
    """Control with no centralization minus control with full centralization, over the seeds."""
    loose = mean_measure("ch03", "control", **{**setting, **extra, "centralization": 0.0})
    return loose - mean_measure("ch03", "control", **{**setting, **extra, "centralization": 1.0})
