"""The center's plan: targets set from reports (the ratchet), and managers' answer to it.

ODD section 7 (submodels), chapter 2. The center never sees true capacity, only reports.
"""

from __future__ import annotations

from .numeric import positive, where


def next_target(target, report, local, tempo, ratchet, centralization):
    """Next period's target for an enterprise.

    The center's figure follows Weitzman's (1980) ratchet: it moves from this period's target
    toward this period's report by the weight ``ratchet``, then adds the demanded ``tempo``.
    ``centralization`` weighs that figure against ``local``, what the enterprise could really do.

    Args:
        target: this period's target (output units per period, >= 0).
        report: this period's reported output (output units per period, >= 0).
        local: output the enterprise can really produce, as known on the spot (units, > 0).
        tempo: demanded growth of targets per period, in [0, 0.15].
        ratchet: weight of the report against the target, in [0, 1].
        centralization: weight of the center's figure against local knowledge, in [0, 1].

    Returns:
        The next target, in output units per period.
    """
    center = (1.0 + tempo) * (target + ratchet * (report - target))
    return centralization * center + (1.0 - centralization) * local


def overload(target, potential):
    """How far the target exceeds what the enterprise can produce at a normal pace.

    Args:
        target: this period's target (units per period, >= 0).
        potential: output possible at a normal pace (units per period, > 0).

    Returns:
        ``target / potential - 1`` where positive, else 0 (dimensionless, >= 0).
    """
    return positive(target / potential - 1.0)


def production(potential, target, ratchet, centralization, storming):
    """Output an enterprise actually produces.

    A manager who could beat the target keeps capacity back (the safety factor, Berliner 1957):
    the more next period's target is made from this period's report (``ratchet`` times
    ``centralization``), the more he hides. A manager who cannot meet the target storms: speed-up
    squeezes out at most ``storming`` more than the normal pace, with diminishing returns.

    Args:
        potential: output possible at a normal pace (units per period, > 0).
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
