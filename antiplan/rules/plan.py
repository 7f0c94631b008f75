"""The center's plan: targets set from reports (the ratchet), and managers' answer to it.

ODD section 7 (submodels), chapter 2. The center never sees true capacity, only reports.
"""

from __future__ import annotations

from .formula import at_least, cases, exponential, formula, maximum
from .numeric import exp, positive, where


@formula("L_t", lambda capacity, skill, effort, raw_materials: capacity * skill * effort * (0.8 + 0.2 * raw_materials))
def local_capacity(capacity, skill, effort, raw_materials):
    """Output an enterprise can make at a normal pace, as known on the spot.

    Machines worked by a workforce of this skill and effort, with the agricultural raw materials
    that reach it: without any, an enterprise loses a fifth of its output (chapter 4's link from
    the countryside to the factories; the fifth is an assumption of the model, not a measured figure).

    Args:
        capacity: the enterprise's machines (output units per period, > 0).
        skill: average skill of its workforce, in (0, 1].
        effort: effort workers give, in [0.1, 1].
        raw_materials: agricultural raw materials reaching industry (index, 1 = before), in [0, 1].

    Returns:
        Output possible at a normal pace (output units per period, > 0).
    """
    return capacity * skill * effort * (0.8 + 0.2 * raw_materials)


@formula(
    "P_t",
    lambda local, capacity_noise, shock: local * exponential(0.5 * capacity_noise * shock),
    symbols={"shock": r"\xi_t"},
)
def potential_output(local, capacity_noise, shock):
    """Output possible this period, after the circumstances of the day that only the enterprise sees.

    Args:
        local: output possible at a normal pace, as known on the spot (units per period, > 0).
        capacity_noise: spread of local shocks, log standard deviation per period in [0, 0.2];
            a production shock has half the spread of a capacity shock.
        shock: this period's standard normal production shock for the enterprise.

    Returns:
        Potential output (units per period, > 0).
    """
    return local * exp(0.5 * capacity_noise * shock)


@formula("h_t", lambda potential, actual: maximum(potential - actual, 0))
def hidden_capacity(potential, actual):
    """Capacity the manager kept back: what could have been made and was not.

    Args:
        potential: output possible this period (units per period, > 0).
        actual: output actually made before strikes and records (units per period, >= 0).

    Returns:
        Hidden capacity (units per period, >= 0); 0 where the manager stormed past potential.
    """
    return positive(potential - actual)


@formula(
    "T_{t+1}",
    lambda target, report, local, tempo, ratchet, centralization: (
        centralization * (1 + tempo) * (target + ratchet * (report - target)) + (1 - centralization) * local
    ),
    symbols={"local": "L_{t+1}"},
)
def next_target(target, report, local, tempo, ratchet, centralization):
    """Next period's target for an enterprise.

    The center's figure follows Weitzman's (1980) ratchet: it moves from this period's target
    toward this period's report by the weight ``ratchet``, then grows by the demanded ``tempo``
    (it is multiplied by ``1 + tempo``).
    ``centralization`` weighs that figure against ``local``, what is known on the spot about the
    period the target is for: the engines compute that period's local figure first and pass it
    here, so an enterprise's target for period t+1 uses its local figure for t+1. (The harvest plan,
    which uses the same rule, is set after the harvest, from the harvest just gathered.)

    Args:
        target: this period's target (output units per period, >= 0).
        report: this period's reported output (output units per period, >= 0).
        local: output the enterprise can produce at a normal pace in the period the target is for,
            as known on the spot (units, > 0).
        tempo: demanded growth of targets per period, in [0, 0.15].
        ratchet: weight of the report against the target, in [0, 1].
        centralization: weight of the center's figure against local knowledge, in [0, 1].

    Returns:
        The next target, in output units per period.
    """
    center = (1.0 + tempo) * (target + ratchet * (report - target))
    return centralization * center + (1.0 - centralization) * local


@formula("o_t", lambda target, potential: maximum(target / potential - 1, 0))
def overload(target, potential):
    """How far the target exceeds what the enterprise can produce this period (its potential output).

    Args:
        target: this period's target (units per period, >= 0).
        potential: output possible this period, after the day's circumstances (units per period, > 0).

    Returns:
        ``target / potential - 1`` where positive, else 0 (dimensionless, >= 0).
    """
    return positive(target / potential - 1.0)


@formula(
    "y_t",
    lambda potential, target, ratchet, centralization, storming, overload: cases(
        (target + (1 - ratchet * centralization) * (potential - target), at_least(potential, target)),
        (potential * (1 + storming * overload / (1 + overload)), True),
    ),
    where={"overload": lambda target, potential: maximum(target / potential - 1, 0)},
)
def production(potential, target, ratchet, centralization, storming):
    """Output an enterprise actually produces.

    A manager who could beat the target keeps capacity back (the safety factor, Berliner 1957):
    the more next period's target is made from this period's report (``ratchet`` times
    ``centralization``), the more he hides. A manager who cannot meet the target storms: speed-up
    squeezes out at most ``storming`` more than potential output, with diminishing returns.

    Args:
        potential: output possible this period, after the day's circumstances (units per period, > 0).
        target: this period's target (units per period, >= 0).
        ratchet: weight of reports in the next target, in [0, 1].
        centralization: weight of the center's figure in the next target, in [0, 1].
        storming: extra output at full overload, a share of potential in [0, 1].

    Returns:
        Actual output (units per period, >= 0).
    """
    hide = ratchet * centralization
    slack_output = target + (1.0 - hide) * (potential - target)
    excess = overload(target, potential)
    stormed_output = potential * (1.0 + storming * excess / (1.0 + excess))
    return where(potential >= target, slack_output, stormed_output)
