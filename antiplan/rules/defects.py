"""Speed-up, defects that pass down the supply chain, and machine wear.

ODD section 7 (submodels), chapter 5: "defective goods produced at one point entered into
circulation as means of production of future products which would also be defective"
(Weissman 1988, ¶12, after Rakovsky).
"""

from __future__ import annotations

from .formula import exponential, formula, maximum, minimum
from .numeric import clip, exp


@formula(
    "d^{o}_t",
    lambda overload, base_defect, defect_sensitivity: (
        1 - (1 - base_defect) * exponential(-defect_sensitivity * overload**2)
    ),
)
def own_defect_share(overload, base_defect, defect_sensitivity):
    """Share of an enterprise's output it makes defective itself.

    Args:
        overload: how far the target exceeds normal-pace output (>= 0, dimensionless).
        base_defect: defect share at a normal pace, in [0, 0.5].
        defect_sensitivity: how fast defects rise with overload squared, in [0, 5].

    Returns:
        Own defect share, in [0, 1).
    """
    return 1.0 - (1.0 - base_defect) * exp(-defect_sensitivity * overload * overload)


@formula("d_t", lambda own, upstream: 1 - (1 - own) * (1 - upstream))
def cascade(own, upstream):
    """Defect share of output made with inputs from the stage upstream.

    A product is sound only if the enterprise made it well and its inputs were sound.

    Args:
        own: the enterprise's own defect share, in [0, 1].
        upstream: defect share of the inputs (the upstream stage's output), in [0, 1].

    Returns:
        Defect share of the output, in [0, 1].
    """
    return 1.0 - (1.0 - own) * (1.0 - upstream)


@formula(
    r"\omega_t", lambda overload, depreciation, wear: minimum(maximum(depreciation * (1 + wear * overload), 0), 0.5)
)
def capacity_wear(overload, depreciation, wear):
    """Share of capacity worn out this period; speed-up wears machines faster.

    Args:
        overload: how far the target exceeds normal-pace output (>= 0).
        depreciation: wear at a normal pace, share per period in [0, 0.1].
        wear: extra wear per unit of overload, a multiple of depreciation in [0, 5].

    Returns:
        Share of capacity lost this period, in [0, 0.5]: even the worst speed-up leaves half the
        machines standing in a quarter.
    """
    return clip(depreciation * (1.0 + wear * overload), 0.0, 0.5)
