"""Measures of one question over a class: pure functions of scores, no reading, no rounding.

A question's score is taken as a share of its points (0 to 1), so questions of different points
compare. Discrimination asks whether the students who did well on the rest of the assignment did
well here too, two ways:

- the **item-rest correlation**: Pearson's correlation between the question's score and the rest of
  the assignment's (the question itself left out, so it cannot correlate with itself);
- the **upper minus lower third**: the mean share of the students in the top third by the rest of
  the assignment, minus that of the bottom third.

Both run from -1 to 1; near 0 the question does not tell students apart, below 0 the students who
did better elsewhere did worse here, which usually means a question or test that is wrong or unclear.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

SAME = 1e-9
"""Scores closer than this are equal (points are sums of decimal fractions)."""


def mean(values: Sequence[float]) -> float | None:
    """The mean, or ``None`` for no values."""
    return sum(values) / len(values) if values else None


def spread(values: Sequence[float]) -> float | None:
    """The standard deviation over the values themselves (dividing by their number, not one less:
    the class is all there is, not a sample of one), or ``None`` for no values."""
    middle = mean(values)
    if middle is None:
        return None
    return math.sqrt(sum((v - middle) ** 2 for v in values) / len(values))


def share_of(values: Sequence[float], target: float) -> float | None:
    """The share of ``values`` equal to ``target``, or ``None`` for no values."""
    return sum(abs(v - target) <= SAME for v in values) / len(values) if values else None


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation of ``xs`` and ``ys``; ``None`` for fewer than three pairs, or when either
    does not vary (everyone scored the same: nothing to correlate)."""
    if len(xs) != len(ys):
        raise ValueError(f"correlation of {len(xs)} values with {len(ys)}: the two must pair up")
    if len(xs) < 3:
        return None
    mx, my = mean(xs), mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= SAME**2 or syy <= SAME**2:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def thirds(rest: Sequence[float]) -> tuple[list[int], list[int]] | None:
    """The indices of the upper and lower thirds of the students by ``rest``; ``None`` for fewer than
    three students, or when the two would share a student (too many tied to tell them apart).

    A third is ``k`` students, ``len(rest) // 3``: the upper third is everyone whose rest is at least
    the ``k``-th highest, the lower everyone's at most the ``k``-th lowest, so students tied at the
    boundary all join the group, whatever their order.
    """
    k = len(rest) // 3
    if k == 0:
        return None
    ordered = sorted(rest)
    high, low = ordered[-k], ordered[k - 1]
    if high - low <= SAME:
        return None
    upper = [i for i, r in enumerate(rest) if r >= high - SAME]
    lower = [i for i, r in enumerate(rest) if r <= low + SAME]
    return upper, lower


def upper_minus_lower(shares: Sequence[float], rest: Sequence[float]) -> float | None:
    """The mean of ``shares`` in the upper third by ``rest`` minus that in the lower third (see
    ``thirds``); ``None`` where there are no thirds to compare."""
    if len(shares) != len(rest):
        raise ValueError(f"{len(shares)} shares against {len(rest)} rest scores: the two must pair up")
    groups = thirds(rest)
    if groups is None:
        return None
    upper, lower = groups
    return mean([shares[i] for i in upper]) - mean([shares[i] for i in lower])


def distribution(scores: Sequence[float]) -> dict[float, int]:
    """How many students earned each score, from the lowest score to the highest."""
    counted = Counter(float(round(s, 6)) for s in scores)
    return {score: counted[score] for score in sorted(counted)}
