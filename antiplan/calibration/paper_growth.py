"""Paper growth over usable growth, 1928 to 1932: how much of the gap between the official index of
industrial output and the Western reconstructions the model's mechanisms can produce.

The Western reconstructions of the index of Soviet industrial output found less growth in the plan
years than the official index (chapter 7): for 1932, with 1928 = 100, the official index over each
reconstruction is the record's ratio. In the model, paper output (reports, construction put in place, finished
plants standing idle) plays the official index and usable output (actual output less defects) the
reconstruction. The model's counterpart of the official index over a Western one is paper output's
growth over the run divided by usable output's, each growth the mean of the run's last four quarters
over the mean of its first four (the plan's last year against 1927/28, as in
``antiplan.figures.ch07.model_ratios``).

This is a comparison, not a moment: nothing here enters the objective of ``calibrate`` or moves the
recorded fit. ``compare`` gives the model's ratio at the recorded fit and the largest ratio a search
of the mechanisms' parameters (``MECHANISMS``, over the ranges of ``antiplan.PARAMETERS``) finds
among economies whose usable output did not fall, and sets both beside the record's ratio of the
official index to each Western reconstruction, read from ``industrial_output`` rows of the data file
when it has them (``record_ratios``). The share of the record's gap the model can account for is
measured in logarithms: a record ratio R is the model's ratio M times a remainder R / M, and the
share is log M / log R, between 0 and 1. The literature attributes much of the remainder to the
pricing of new products in the official index ("hidden inflation", Harrison 2000), which the
model does not contain.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..batch import _run_grouped, simulate_many
from ..data import load_fyp
from ..parameters import BY_NAME
from ..rules import DEFAULT_RULES
from ..simulate import DEFAULT_ENTERPRISES, DEFAULT_PERIODS, resolve_params
from .record import CALIBRATED_SCENARIO

YEAR = 4
"""Quarters averaged at each end of a run: the first year (1927/28) and the plan's last."""

PACE = "pace of the plan"
"""The mechanism that drives the others: the growth of targets the center demands."""

MECHANISMS: dict[str, tuple[str, ...]] = {
    PACE: ("tempo",),
    "padding": ("penalty", "audit"),
    "defects": ("base_defect", "defect_sensitivity", "chain_depth", "storming"),
    "unfinished construction": ("invest_share", "capital_ratio", "build_periods", "coordination"),
}
"""The parameters the search moves, by the mechanism they drive. Tempo drives all three: targets that
outrun capacity are what managers pad against and what overloads the machines."""

CLIMBS = 30
"""Most moves the climb makes at each step size."""

CORNERS = 5
"""A search of at most this many parameters also tries every point of a grid over their ranges: three
values of each parameter (lowest, middle, highest), five for a search of at most three."""

SEARCHED = tuple(name for names in MECHANISMS.values() for name in names)
"""Every parameter ``compare`` moves; the others stay at the recorded fit's values."""

FLOOR = 1.0
"""Usable output in the plan's last year at least that of its first year: the most generous reading of
the record, whose reconstructions found industrial growth in the plan years below the official claims
but far above zero (chapter 7), so an economy whose usable output fell is no counterpart of it,
however far its paper output outruns it."""

INDEX_ITEM = "industrial_output"
"""The data file's item for the index of industrial output (1928 = 100): the official index a
``report`` row, each Western reconstruction a ``reconstruction`` row."""


def growth_multiples(columns: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Paper output's and usable output's growth over each run: the mean of the last four quarters
    over the mean of the first four. ``columns`` holds ``paper_output`` and ``usable_output`` with a
    row per run (or one run's series); the result is two arrays with one value per run."""
    out = []
    for name in ("paper_output", "usable_output"):
        levels = np.atleast_2d(np.asarray(columns[name], dtype=float))
        out.append(levels[:, -YEAR:].mean(axis=1) / levels[:, :YEAR].mean(axis=1))
    return out[0], out[1]


def record_ratios(data: pd.DataFrame | None = None) -> pd.Series:
    """The record's official index for 1932 over each Western reconstruction's, one value per figure.

    Reads the ``industrial_output`` rows for 1932 of the data file (``antiplan.data.load_fyp``, or
    ``data``): the official index (kind ``report``) over each reconstruction's value, and over the low
    and high ends of a reconstruction that gives a range. Indexed by the reconstruction's variant (with
    " (low)" or " (high)" for the ends of a range); empty when the data file has no such rows.
    """
    data = load_fyp() if data is None else data
    rows = data[(data["item"] == INDEX_ITEM) & (data["period"].astype(str) == "1932")]
    official = rows.loc[rows["kind"] == "report", "value"].dropna()
    if official.empty:
        return pd.Series(dtype=float, name="official over Western")
    top = float(official.mean())
    ratios = {}
    for _, row in rows[rows["kind"] == "reconstruction"].iterrows():
        for end, column in (("", "value"), (" (low)", "low"), (" (high)", "high")):
            if pd.notna(row[column]) and row[column] > 0:
                ratios[f"{row['variant']}{end}"] = top / float(row[column])
    return pd.Series(ratios, dtype=float, name="official over Western")


def gap_share(model: float, record: float) -> float:
    """The share of a record ratio ``record`` (official over Western) a model ratio ``model`` accounts
    for, in logarithms: log(model) / log(record), kept between 0 and 1 (``nan`` for a record ratio of
    1 or less, which leaves no gap to account for)."""
    if not record > 1.0:
        return float("nan")
    return float(np.clip(np.log(max(model, 1e-12)) / np.log(record), 0.0, 1.0))


@dataclass(frozen=True)
class PaperGrowthComparison:
    """What ``compare`` finds.

    Attributes:
        paper_at_fit, usable_at_fit: paper and usable output's growth over the run at the recorded fit
            (means over the seeds); ``at_fit`` their ratio, the model's official-over-Western ratio.
        largest: the largest ratio found among economies whose usable growth is at least ``floor``;
            ``largest_at`` the searched parameters' values there, ``paper_at_largest`` and
            ``usable_at_largest`` the two growths there (means over the seeds).
        by_mechanism: the largest ratio found moving one mechanism's parameters with the pace of the
            plan (tempo), the others at the fit; ``by_mechanism_at`` the values there.
        floor: the least usable growth an economy needs to count (``FLOOR``).
        record: the record's official-over-Western ratios (``record_ratios``; empty without rows).
        seeds: the seeds behind each value reported; ``runs`` the model runs the search made.
    """

    paper_at_fit: float
    usable_at_fit: float
    largest: float
    largest_at: dict[str, float]
    paper_at_largest: float
    usable_at_largest: float
    by_mechanism: dict[str, float]
    by_mechanism_at: dict[str, dict[str, float]]
    floor: float
    record: pd.Series = field(repr=False)
    seeds: tuple[int, ...] = ()
    runs: int = 0

    @property
    def at_fit(self) -> float:
        """The model's paper growth over its usable growth at the recorded fit."""
        return self.paper_at_fit / self.usable_at_fit

    @property
    def record_range(self) -> tuple[float, float]:
        """The lowest and highest of the record's official-over-Western ratios (``nan`` without any)."""
        if self.record.empty:
            return float("nan"), float("nan")
        return float(self.record.min()), float(self.record.max())

    @property
    def share(self) -> tuple[float, float]:
        """The share of the record's gap the largest model ratio accounts for: (against the widest gap,
        against the narrowest), each between 0 and 1 (``nan`` without record figures)."""
        low, high = self.record_range
        return gap_share(self.largest, high), gap_share(self.largest, low)

    @property
    def share_at_fit(self) -> tuple[float, float]:
        """The same share for the model's ratio at the recorded fit."""
        low, high = self.record_range
        return gap_share(self.at_fit, high), gap_share(self.at_fit, low)

    def lines(self) -> list[str]:
        """The comparison in a few lines of plain text."""
        alone = ", ".join(f"{m} {r:.3f}" for m, r in self.by_mechanism.items())
        out = [
            "Paper growth over usable growth, 1928 to 1932 (a comparison, not a moment; not fitted):",
            f"- model at the fit: paper output x{self.paper_at_fit:.3f}, usable output x{self.usable_at_fit:.3f}, "
            f"ratio {self.at_fit:.3f}",
            f"- largest ratio found with usable output not falling: {self.largest:.3f} "
            f"(paper x{self.paper_at_largest:.3f}, usable x{self.usable_at_largest:.3f}); "
            f"each mechanism with the plan's pace: {alone}",
        ]
        if self.record.empty:
            out.append(
                f"- record: no {INDEX_ITEM} rows in the data file, so no official-over-Western ratio to set "
                "beside the model"
            )
        else:
            low, high = self.record_range
            share_low, share_high = self.share
            out.append(
                f"- record: official index over the Western reconstructions {low:.3f} to {high:.3f}; "
                f"the mechanisms account for at most {share_low:.0%} to {share_high:.0%} of that gap "
                "(in logs), the rest being what the literature puts down to the pricing of new products"
            )
        return out


def _multiples(
    points: Sequence[Mapping[str, float]],
    seeds: Sequence[int],
    scenario: str,
    periods: int,
    enterprises: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Paper and usable growth at each point (parameter values over ``scenario``'s) on each seed:
    two arrays (points, seeds), from one vectorized computation per supply-chain depth."""
    values = [dict(resolve_params(scenario, **point)) for point in points for _ in seeds]
    columns, _ = _run_grouped(values, dict(DEFAULT_RULES), [s for _ in points for s in seeds], periods, enterprises)
    paper, usable = growth_multiples(columns)
    shape = (len(points), len(seeds))
    return paper.reshape(shape), usable.reshape(shape)


def _ratio(paper: np.ndarray, usable: np.ndarray, floor: float) -> np.ndarray:
    """Paper growth over usable growth where usable growth is at least ``floor`` (and positive), else -inf."""
    ok = (usable >= floor) & (usable > 0.0)
    return np.where(ok, np.divide(paper, usable, out=np.zeros_like(paper), where=ok), -np.inf)


def _levels(name: str, count: int = 3) -> list[float]:
    """``count`` values evenly spread over a parameter's range, ends included (rounded for an integer)."""
    p = BY_NAME[name]
    values = np.linspace(p.min, p.max, count)
    return sorted({int(round(v)) for v in values}) if p.kind == "int" else [float(v) for v in values]


def _draw(rng: np.random.Generator, names: Sequence[str]) -> dict[str, float]:
    point = {}
    for name in names:
        p = BY_NAME[name]
        point[name] = int(rng.integers(p.min, p.max + 1)) if p.kind == "int" else float(rng.uniform(p.min, p.max))
    return point


def _moved(point: Mapping[str, float], name: str, sign: float, step: float) -> float:
    p = BY_NAME[name]
    moved = float(np.clip(point[name] + sign * step * (p.max - p.min), p.min, p.max))
    return int(round(moved)) if p.kind == "int" else moved


def _neighbors(
    point: Mapping[str, float], names: Sequence[str], step: float, pace: str | None = None
) -> list[dict[str, float]]:
    """``point`` with one parameter at a time moved up and down by ``step`` of its range, and, when
    ``pace`` names a parameter, each other one moved together with it (four ways): the largest ratios
    lie where usable growth meets the floor, and there a mechanism can rise only if the pace gives way."""
    out = []
    for name in names:
        for sign in (-1.0, 1.0):
            moved = {**point, name: _moved(point, name, sign, step)}
            if moved != point:
                out.append(moved)
            if pace is None or name == pace:
                continue
            for pace_sign in (-1.0, 1.0):
                both = {**moved, pace: _moved(point, pace, pace_sign, step)}
                if both != point and both not in out:
                    out.append(both)
    return out


@dataclass(frozen=True)
class _Found:
    """The best economy a search found: its searched values, ratio and the two growths."""

    point: dict[str, float]
    ratio: float
    paper: float
    usable: float
    runs: int


def _search(
    names: Sequence[str],
    samples: int,
    seeds: tuple[int, ...],
    floor: float,
    steps: Sequence[float],
    rng: np.random.Generator,
    size: tuple[str, int, int],
    extra: Sequence[Mapping[str, float]] = (),
    pace: str | None = None,
) -> _Found:
    """The largest paper-over-usable ratio found by moving ``names``, usable growth at least ``floor``:
    ``samples`` uniform draws, a grid over the ranges (for at most ``CORNERS`` parameters) and the
    ``extra`` points, each on the first seed; the best eight (and the start) again on every seed; then
    a climb one parameter at a time by each of ``steps`` (see ``compare``)."""
    fitted = resolve_params(size[0])
    start = {n: fitted[n] for n in names}
    drawn = [_draw(rng, names) for _ in range(samples)]
    if len(names) <= CORNERS:
        levels = [_levels(n, 5 if len(names) <= 3 else 3) for n in names]
        drawn += [dict(zip(names, point, strict=True)) for point in itertools.product(*levels)]
    drawn += [{**start, **{n: point[n] for n in names if n in point}} for point in extra]
    paper, usable = _multiples(drawn, seeds[:1], *size)
    score = _ratio(paper[:, 0], usable[:, 0], floor)
    runs = len(drawn)
    finalists = [start] + [drawn[k] for k in np.argsort(-score)[:8] if np.isfinite(score[k])]

    def ratio(p: np.ndarray, u: np.ndarray) -> np.ndarray:
        return _ratio(p.mean(axis=1), u.mean(axis=1), floor)

    paper, usable = _multiples(finalists, seeds, *size)
    runs += len(finalists) * len(seeds)
    ratios = ratio(paper, usable)
    k = int(np.argmax(ratios))
    best = _Found(finalists[k], float(ratios[k]), float(paper[k].mean()), float(usable[k].mean()), 0)
    for step in steps:
        for _ in range(CLIMBS):
            near = _neighbors(best.point, names, step, pace)
            if not near:
                break
            paper, usable = _multiples(near, seeds, *size)
            runs += len(near) * len(seeds)
            ratios = ratio(paper, usable)
            k = int(np.argmax(ratios))
            if not ratios[k] > best.ratio + 1e-9:
                break
            best = _Found(near[k], float(ratios[k]), float(paper[k].mean()), float(usable[k].mean()), 0)
    point = {n: float(v) for n, v in best.point.items()}
    return _Found(point, best.ratio, best.paper, best.usable, runs)


def compare(
    samples: int = 600,
    seeds: Sequence[int] = (0, 1, 2, 3),
    floor: float = FLOOR,
    record: pd.Series | None = None,
    scenario: str = CALIBRATED_SCENARIO,
    mechanisms: Mapping[str, Sequence[str]] = MECHANISMS,
    steps: Sequence[float] = (0.1, 0.03, 0.01),
    rng_seed: int = 0,
    periods: int = DEFAULT_PERIODS,
    enterprises: int = DEFAULT_ENTERPRISES,
) -> PaperGrowthComparison:
    """The model's paper growth over usable growth at the recorded fit and at most, beside the record.

    The search moves the parameters of ``mechanisms`` within the parameter table's ranges, the others
    at ``scenario``'s values (the recorded fit). It draws ``samples`` points uniformly, runs each on the
    first seed, re-runs the best eight and the fit on all ``seeds``, and climbs from the best of those by
    moving one parameter at a time by each of ``steps`` (shares of its range), keeping a move only if
    the ratio rises and usable growth stays at least ``floor``. It does so for all the mechanisms
    together (``largest``) and for each mechanism with the pace of the plan (``by_mechanism``; a
    half the samples each). A search finds a lower bound on the model's largest ratio; with the
    defaults it takes a few seconds of one core.

    Args:
        samples: points drawn in the first stage of the joint search (at least 4).
        seeds: the seeds (integers >= 0) of every value reported; common to every point compared.
        floor: the least usable growth over the run an economy needs to count (``FLOOR``).
        record: the record's official-over-Western ratios; ``record_ratios()`` when not given.
        scenario: the scenario whose values the search starts from and holds for other parameters.
        mechanisms: the parameters searched, by mechanism (``MECHANISMS``); the one named
            ``PACE`` joins each of the others in ``by_mechanism``.
        rng_seed: the seed of the draws, so the search gives the same result each time.
        periods, enterprises: the size of each run.

    Returns:
        A ``PaperGrowthComparison``.

    Raises:
        ValueError: no seeds, fewer than 4 samples, or an unknown parameter.
    """
    seeds = tuple(int(s) for s in seeds)
    if not seeds or samples < 4:
        raise ValueError(f"compare needs at least one seed and 4 samples, got seeds={seeds} samples={samples}")
    names = tuple(dict.fromkeys(n for group in mechanisms.values() for n in group))
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise ValueError(f"unknown parameter {unknown[0]!r}: known are {', '.join(BY_NAME)}")
    record = record_ratios() if record is None else record
    size = (scenario, periods, enterprises)
    rng = np.random.default_rng(rng_seed)

    paper, usable = _multiples([{}], seeds, *size)
    pace = tuple(mechanisms.get(PACE, ()))
    alone = {
        mechanism: _search((*pace, *group), samples // 2, seeds, floor, steps, rng, size, pace=next(iter(pace), None))
        for mechanism, group in mechanisms.items()
        if mechanism != PACE
    }
    joint = _search(names, samples, seeds, floor, steps, rng, size, [found.point for found in alone.values()])
    return PaperGrowthComparison(
        paper_at_fit=float(paper.mean()),
        usable_at_fit=float(usable.mean()),
        largest=joint.ratio,
        largest_at=joint.point,
        paper_at_largest=joint.paper,
        usable_at_largest=joint.usable,
        by_mechanism={m: found.ratio for m, found in alone.items()},
        by_mechanism_at={m: found.point for m, found in alone.items()},
        floor=float(floor),
        record=record,
        seeds=seeds,
        runs=len(seeds) + joint.runs + sum(found.runs for found in alone.values()),
    )


def fit_lines(fit, record: pd.Series | None = None) -> list[str]:
    """Lines for ``antiplan calibrate``'s report: the model's paper growth over usable growth at the
    fit ``fit`` (an ``antiplan.calibration.Fit``, on its seeds and run size) beside the record's
    official-over-Western ratios (``record_ratios`` when ``record`` is not given). The search for the
    largest ratio takes a few seconds more, so the report names ``compare`` rather than running it."""
    record = record_ratios() if record is None else record
    batch = simulate_many(
        fit.base, seeds=list(fit.seeds), periods=fit.periods, enterprises=fit.enterprises, **fit.values
    )
    paper, usable = growth_multiples(batch.columns)
    ratio = float(paper.mean() / usable.mean())
    out = [
        "Paper growth over usable growth over the run, 1928 to 1932 (a comparison, not a moment; not fitted):",
        f"- model at the fit: paper output x{paper.mean():.3f}, usable output x{usable.mean():.3f}, ratio {ratio:.3f}",
    ]
    if record.empty:
        out.append(
            f"- record: the data file has no {INDEX_ITEM} rows for 1932, so there is no official-over-Western "
            "ratio to set beside it"
        )
    else:
        low, high = float(record.min()), float(record.max())
        out.append(
            f"- record: the official index over the Western reconstructions, {low:.3f} to {high:.3f}; at the fit "
            f"the model accounts for {gap_share(ratio, high):.0%} to {gap_share(ratio, low):.0%} of that gap (in logs)"
        )
    out.append("- the most the model's mechanisms reach: antiplan.calibration.paper_growth.compare() (a few seconds)")
    return out
