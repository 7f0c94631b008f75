"""Fitting a scenario's parameters to target moments: the simulated method of moments.

The model moments at a parameter vector are the mean of each statistic over several seeds. With
common random numbers the seeds are the same at every vector tried, so the objective is a smooth-ish
function of the parameters and the optimizer's steps compare like with like; without them every
evaluation draws new seeds and the optimizer chases noise. The optimizer is scipy's
(``scipy.optimize.minimize``, Nelder-Mead within the parameter table's bounds), in coordinates
scaled so that each parameter's range is 0 to 1.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..batch import simulate_many
from ..parameters import BY_NAME
from ..scenarios import SCENARIOS
from ..simulate import DEFAULT_ENTERPRISES, DEFAULT_PERIODS, resolve_params
from .held_out import check_hold_out
from .moments import Moment, load_moments
from .record import BASE_SCENARIO, CALIBRATED_SCENARIO, FIT_PARAMS
from .statistics import STATISTICS
from .uncertainty import NOISE_SEEDS, intervals, sandwich

MAX_SEEDS = 64
MAX_WORKERS = 16
JACOBIAN_STEP = 0.02
"""Step of the finite differences behind the derivatives and the bands, as a share of each
parameter's range."""
BANDS_MEAN = (
    "how far each parameter can move, the others adjusting, before the objective rises by one, from the "
    "objective's curvature at the fit; one unit of the objective is a moment's spread between its sources "
    "(half the range of its readings, or its tolerance for a single figure), so a band measures the "
    "disagreement among sources and the curvature, not sampling error, and leaves out the seeds' noise"
)
"""What the fit's ``bands`` are, in words, for the report and its ``--json``."""


@dataclass(frozen=True)
class Fit:
    """The result of ``calibrate``.

    Attributes:
        scenario: the scenario fitted; ``base`` the scenario whose values the fit holds fixed.
        params: the fitted parameters, in order; ``values`` their fitted values, ``start`` where the
            optimizer started, ``bounds`` the (low, high) it kept to.
        moments: every moment asked for, matched and unmatched (``antiplan.calibration.Moment``).
        targets: the value each matched moment was fitted to (its history, unless given).
        model: each matched moment's model value at the fit (mean over the seeds).
        seed_spread: each matched moment's standard deviation over the seeds at the fit.
        objective: the objective at the fit: sum of weight * ((model - target) / spread)^2.
        bands: each parameter's band (half-width, in the parameter's unit): how far it can move, the
            others adjusting, before the objective rises by one, from the Gauss-Newton curvature of
            the objective. One unit of the objective is a moment's spread between its sources, so a
            band reflects that disagreement and the curvature; it is not a sampling standard error
            and leaves out the seeds' noise (see ``BANDS_MEAN``). ``inf`` where the moments do not
            pin the parameter down. ``standard_errors`` is its former name.
        correlations: the correlation of the fitted parameters implied by the same curvature.
        jacobian: d(model moment)/d(parameter), a row per matched moment and a column per parameter.
        sandwich_errors: each parameter's sampling standard error (its unit; ``inf`` where not pinned
            down) by the simulated method of moments' sandwich formula, with the moments' reading
            noise and the seeds' noise times 1 + 1/S (``antiplan.calibration.uncertainty``).
        intervals: each parameter's 95 % interval (low, high), the value +/- 1.96 sandwich errors
            clipped to its bounds (see ``INTERVALS_MEAN``); it assumes the model is right.
        covariance: the parameters' covariance by the same formula (``nan`` where not pinned down).
        expected_objective: the objective's mean at the fit if the model were right, to set beside
            ``objective`` (a much larger objective says the intervals are too narrow).
        noise_seeds: the seeds, apart from the fit's, on which one run's variance was estimated.
        held_out: matched moments left out of the objective (``hold_out``); ``predictions`` their
            model value at the fit (mean over the seeds), ``prediction_spread`` its standard deviation
            over the seeds.
        seeds, periods, enterprises: the runs behind each evaluation.
        common_random_numbers: whether every evaluation used the same seeds.
        optimizer: the optimizer and its settings, in words.
        runs: model runs the fit took (the derivatives' runs included); ``seconds`` its time.
        converged: whether the optimizer stopped on its tolerance rather than its budget.
    """

    scenario: str
    base: str
    params: tuple[str, ...]
    values: dict[str, float]
    start: dict[str, float]
    bounds: dict[str, tuple[float, float]]
    moments: tuple[Moment, ...]
    targets: dict[str, float]
    model: dict[str, float]
    seed_spread: dict[str, float]
    objective: float
    bands: dict[str, float]
    correlations: np.ndarray = field(repr=False)
    jacobian: np.ndarray = field(repr=False)
    seeds: tuple[int, ...] = ()
    periods: int = DEFAULT_PERIODS
    enterprises: int = DEFAULT_ENTERPRISES
    common_random_numbers: bool = True
    optimizer: str = ""
    runs: int = 0
    seconds: float = 0.0
    converged: bool = True
    sandwich_errors: dict[str, float] = field(default_factory=dict)
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)
    covariance: np.ndarray = field(default=None, repr=False)
    expected_objective: float = float("nan")
    noise_seeds: tuple[int, ...] = ()
    held_out: tuple[Moment, ...] = ()
    predictions: dict[str, float] = field(default_factory=dict)
    prediction_spread: dict[str, float] = field(default_factory=dict)

    @property
    def standard_errors(self) -> dict[str, float]:
        """The former name of ``bands``, which are not sampling standard errors (kept so that code
        written against it, chapter 7's figures among it, still runs)."""
        return self.bands

    @property
    def matched(self) -> tuple[Moment, ...]:
        """The moments that entered the objective."""
        return tuple(m for m in self.moments if m.matched)

    @property
    def unmatched(self) -> tuple[Moment, ...]:
        """The moments the model has no statistic for."""
        return tuple(m for m in self.moments if not m.matched)


def base_scenario(scenario: str) -> str:
    """The scenario a fit of ``scenario`` starts from: its own values, except for a scenario whose
    values come from a recorded calibration, which starts from the recorded base."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}: known scenarios are {', '.join(SCENARIOS)}")
    return BASE_SCENARIO if scenario == CALIBRATED_SCENARIO else scenario


def check_params(params: Iterable[str]) -> tuple[str, ...]:
    """The parameter names, checked: known, continuous, no repeats; raises ``ValueError``."""
    names = tuple(params)
    if not names:
        raise ValueError("no parameters to fit: name at least one of " + ", ".join(_fittable()))
    for name in names:
        if name not in BY_NAME:
            raise ValueError(f"unknown parameter {name!r}: parameters that can be fitted are {', '.join(_fittable())}")
        if BY_NAME[name].kind != "float":
            raise ValueError(
                f"parameter {name!r} is {'an integer' if BY_NAME[name].kind == 'int' else 'a switch'}: "
                f"parameters that can be fitted are {', '.join(_fittable())}"
            )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"parameter {repeated[0]!r} is named twice: name each parameter once")
    return names


def _fittable() -> list[str]:
    return [p.name for p in BY_NAME.values() if p.kind == "float"]


def check_moments(names: Iterable[str] | None, declared: Mapping[str, Moment]) -> tuple[Moment, ...]:
    """The moments asked for (all declared ones when ``names`` is None); raises ``ValueError`` for an
    unknown name, an empty list, or a list with no moment the model has a statistic for."""
    if names is None:
        return tuple(declared.values())
    names = tuple(names)
    if not names:
        raise ValueError("no moments to fit: name at least one of " + ", ".join(declared))
    for name in names:
        if name not in declared:
            raise ValueError(f"unknown moment {name!r}: known moments are {', '.join(declared)}")
    chosen = tuple(declared[n] for n in dict.fromkeys(names))
    if not any(m.matched for m in chosen):
        matched = ", ".join(m.name for m in declared.values() if m.matched)
        raise ValueError(f"none of the moments {', '.join(names)} has a model statistic: fit one of {matched}")
    return chosen


def check_bounds(params: Sequence[str], bounds: Mapping[str, tuple[float, float]] | None) -> dict:
    """Each parameter's (low, high): the parameter table's range, or a narrower one given in
    ``bounds``; raises ``ValueError`` for bounds outside the table or the wrong way round."""
    bounds = dict(bounds or {})
    for name in bounds:
        if name not in params:
            raise ValueError(f"bounds given for {name!r}, which is not fitted: fitted are {', '.join(params)}")
    out = {}
    for name in params:
        p = BY_NAME[name]
        low, high = bounds.get(name, (p.min, p.max))
        if not (np.isfinite(low) and np.isfinite(high)) or low < p.min or high > p.max or not low < high:
            raise ValueError(
                f"bounds for {name} ({low:g}, {high:g}) are not allowed: "
                f"allowed is low < high within the parameter table's range {p.min:g} to {p.max:g}"
            )
        out[name] = (float(low), float(high))
    return out


def check_seeds(seeds: int | Sequence[int]) -> tuple[int, ...]:
    """Seeds ``0 .. seeds-1`` for a count, or the seeds given; raises ``ValueError`` if out of range."""
    if isinstance(seeds, bool) or not isinstance(seeds, (int, Sequence)):
        raise ValueError(f"seeds={seeds!r} is not allowed: allowed is a count from 1 to {MAX_SEEDS} or a list")
    if isinstance(seeds, int):
        if not 1 <= seeds <= MAX_SEEDS:
            raise ValueError(f"seeds={seeds!r} is out of range: allowed is an integer from 1 to {MAX_SEEDS}")
        return tuple(range(seeds))
    out = tuple(seeds)
    if not out or any(isinstance(s, bool) or not isinstance(s, int) or s < 0 for s in out):
        raise ValueError(f"seeds={seeds!r} is not allowed: allowed is a non-empty list of integers >= 0")
    return out


def statistics_on_seeds(
    base: str,
    values: Mapping[str, float],
    statistics: Sequence[str],
    seeds: Sequence[int],
    periods: int,
    enterprises: int,
) -> np.ndarray:
    """The named statistics of one run per seed: an array (seeds, statistics).

    Args:
        base: the scenario the runs start from; ``values`` overrides some of its parameters
            (each within the parameter table's range).
        statistics: names of ``antiplan.calibration.statistics.STATISTICS``.
        seeds: the seeds (integers >= 0), one run each.
        periods, enterprises: the size of each run (2 to 400 quarters, 2 to 1,000,000 enterprises).

    The seeds are run in one vectorized call (``antiplan.simulate_many``): each rule is called once
    per period for all of them, which is where a run's time goes; each row equals that seed's run alone.
    """
    batch = simulate_many(base, seeds=list(seeds), periods=periods, enterprises=enterprises, **values)
    out = np.empty((len(batch), len(statistics)))
    for k, params in enumerate(batch.params):
        arrays = {name: column[k] for name, column in batch.columns.items()}
        out[k] = [STATISTICS[s](arrays, params) for s in statistics]
    return out


class Simulator:
    """Model moments at parameter vectors, counting the runs it makes.

    Each statistic is computed once per run, however many moments share it. With ``workers`` above
    one the seeds are shared among that many worker processes (forked, so they start at once and
    share the process's session defaults); each seed's run is the same wherever it runs. Call
    ``close`` when done.
    """

    def __init__(
        self,
        base: str,
        params: Sequence[str],
        moments: Sequence[Moment],
        periods: int,
        enterprises: int,
        workers: int = 1,
    ):
        self.base, self.params, self.periods, self.enterprises = base, tuple(params), periods, enterprises
        self.statistics = tuple(dict.fromkeys(m.statistic for m in moments if m.matched))
        self.index = [self.statistics.index(m.statistic) for m in moments if m.matched]
        self.runs = 0
        self.workers = workers
        self._pool = None

    def per_seed(self, values: Sequence[float], seeds: Sequence[int]) -> np.ndarray:
        """Each matched moment's model value on each seed: an array (seeds, moments)."""
        point = dict(zip(self.params, (float(v) for v in values), strict=True))
        size = (self.periods, self.enterprises)
        if self.workers > 1 and len(seeds) > 1:
            if self._pool is None:
                # Imported here: most fits run in one process and need no pool machinery.
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
            chunks = [list(seeds[k :: self.workers]) for k in range(self.workers) if seeds[k :: self.workers]]
            jobs = [self._pool.submit(statistics_on_seeds, self.base, point, self.statistics, c, *size) for c in chunks]
            parts = [job.result() for job in jobs]
            order = [s for c in chunks for s in c]
            out = np.concatenate(parts)[[order.index(s) for s in seeds]]
        else:
            out = statistics_on_seeds(self.base, point, self.statistics, seeds, *size)
        self.runs += len(seeds)
        return out[:, self.index]

    def moments(self, values: Sequence[float], seeds: Sequence[int]) -> np.ndarray:
        """Each matched moment's model value: the mean over ``seeds``."""
        return self.per_seed(values, seeds).mean(axis=0)

    def close(self) -> None:
        """Stop the worker processes, if any."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _jacobian(sim: Simulator, x: np.ndarray, bounds: list, seeds: Sequence[int]) -> np.ndarray:
    """d(model moments)/d(parameters) by central differences (one-sided at a bound), same seeds."""
    columns = []
    for j, (low, high) in enumerate(bounds):
        h = JACOBIAN_STEP * (high - low)
        up, down = x.copy(), x.copy()
        up[j], down[j] = min(x[j] + h, high), max(x[j] - h, low)
        columns.append((sim.moments(up, seeds) - sim.moments(down, seeds)) / (up[j] - down[j]))
    return np.column_stack(columns)


def _curvature(jacobian: np.ndarray, weights: np.ndarray, spreads: np.ndarray):
    """Bands and correlations from the Gauss-Newton curvature of the objective (see ``Fit.bands``)."""
    scaled = jacobian * (np.sqrt(weights) / spreads)[:, None]
    info = scaled.T @ scaled
    p = info.shape[0]
    if np.linalg.matrix_rank(info, tol=1e-10 * max(1.0, float(np.abs(info).max()))) < p:
        errors = np.full(p, np.inf)
        diagonal = np.diag(info)
        for j in range(p):
            # A parameter alone on its own is pinned down by its own curvature, if any.
            if diagonal[j] > 0 and np.allclose(np.delete(info[j], j), 0.0):
                errors[j] = 1.0 / np.sqrt(diagonal[j])
        return errors, np.full((p, p), np.nan)
    covariance = np.linalg.inv(info)
    errors = np.sqrt(np.clip(np.diag(covariance), 0.0, None))
    correlations = covariance / np.outer(errors, errors)
    return errors, correlations


def calibrate(
    scenario: str = CALIBRATED_SCENARIO,
    params: Sequence[str] | None = None,
    moments: Sequence[str] | None = None,
    seeds: int | Sequence[int] = 8,
    *,
    periods: int = DEFAULT_PERIODS,
    enterprises: int = DEFAULT_ENTERPRISES,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    start: Mapping[str, float] | None = None,
    targets: Mapping[str, float] | None = None,
    common_random_numbers: bool = True,
    xatol: float = 2e-3,
    fatol: float = 1e-4,
    max_evaluations: int = 400,
    workers: int = 1,
    hold_out: Sequence[str] | None = None,
) -> Fit:
    """Fit ``params`` of ``scenario`` to target moments by the simulated method of moments.

    Args:
        scenario: the scenario whose parameters are fitted; the others stay at its values. The
            ``first-five-year-plan`` scenario takes its values from a recorded calibration, so its
            fit starts from (and holds the rest at) the ``command`` scenario.
        params: the parameters to fit (continuous ones of ``antiplan.PARAMETERS``); by default
            those of the recorded First Five-Year Plan calibration.
        moments: names of moments in ``antiplan/data/first_five_year_plan_moments.yml``; by default
            all of them. Unmatched ones are reported, never fitted.
        seeds: a number of seeds (``0 .. seeds-1``) or a list: each evaluation averages over them.
        periods, enterprises: the size of each run.
        bounds: narrower (low, high) bounds for some parameters, inside the parameter table's range.
        start: where the optimizer starts, by parameter (default: the base scenario's values).
        targets: values to fit some moments to instead of their history (for recovery checks).
        common_random_numbers: the same seeds at every evaluation (True) or fresh ones each time.
        xatol, fatol: the optimizer's tolerances: on each parameter, as a share of its range, and
            on the objective; it stops when both are met.
        max_evaluations: the optimizer's budget of objective evaluations.
        workers: processes sharing each evaluation's seeds (1 to 16); the fit is the same, only faster
            on a machine with that many free cores.
        hold_out: names of matched moments to leave out of the objective; the ``Fit`` gives the
            model's prediction of each at the fitted values (``Fit.predictions``). At least as many
            moments as parameters must remain.

    Returns:
        A ``Fit``. ``antiplan.calibration.report`` turns it into a table, a text and a figure.

    Raises:
        ValueError: an unknown scenario, parameter or moment, an empty list, bounds outside the
            table, bad seeds, or a moment held out that is unknown or unmatched, or that leaves fewer
            moments than parameters; the message names the value and what is allowed.
    """
    from scipy.optimize import minimize

    base = base_scenario(scenario)
    names = check_params(FIT_PARAMS if params is None else params)
    declared = load_moments()
    chosen = check_moments(moments, declared)
    held = check_hold_out(hold_out, declared, chosen, names)
    chosen = tuple(m for m in chosen if m not in held)
    limits = check_bounds(names, bounds)
    seed_list = check_seeds(seeds)
    resolve_params(base)  # a bad session default fails here, before any run
    matched = [m for m in chosen if m.matched]
    targets = dict(targets or {})
    for name in targets:
        if name not in {m.name for m in matched}:
            raise ValueError(f"target given for {name!r}, which is not a matched moment being fitted")
    goal = np.array([float(targets.get(m.name, m.value)) for m in matched])
    weights = np.array([m.weight for m in matched])
    spreads = np.array([m.spread for m in matched])
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise ValueError(f"workers={workers!r} is out of range: allowed is an integer from 1 to {MAX_WORKERS}")
    # The held-out moments are computed with the others but sit after them and never enter the objective.
    sim = Simulator(base, names, [*matched, *held], periods, enterprises, workers)
    low = np.array([limits[n][0] for n in names])
    width = np.array([limits[n][1] - limits[n][0] for n in names])
    base_values = resolve_params(base)
    x0 = np.array([float((start or {}).get(n, base_values[n])) for n in names])
    for name, value in zip(names, x0, strict=True):
        if not limits[name][0] <= value <= limits[name][1]:
            raise ValueError(f"start {name}={value:g} is outside its bounds {limits[name][0]:g} to {limits[name][1]:g}")
    draws = iter(range(len(seed_list), 10**9, len(seed_list)))

    def objective(u: np.ndarray) -> float:
        x = low + np.clip(u, 0.0, 1.0) * width
        use = seed_list if common_random_numbers else tuple(s + next(draws) for s in seed_list)
        deviation = (sim.moments(x, use)[: len(goal)] - goal) / spreads
        return float(np.sum(weights * deviation * deviation))

    try:
        began = time.perf_counter()
        u0 = (x0 - low) / width
        steps = [np.where(np.arange(len(u0)) == j, 0.1 if u0[j] <= 0.9 else -0.1, 0.0) for j in range(len(u0))]
        result = minimize(
            objective,
            u0,
            method="Nelder-Mead",
            bounds=[(0.0, 1.0)] * len(names),
            options={
                "xatol": xatol,
                "fatol": fatol,
                "maxfev": max_evaluations,
                "initial_simplex": np.array([u0, *[u0 + d for d in steps]]),
            },
        )
        x = low + np.clip(result.x, 0.0, 1.0) * width
        optimizer = (
            f"scipy.optimize.minimize, method Nelder-Mead within bounds, each parameter scaled to its range, "
            f"xatol {xatol:g}, fatol {fatol:g}, at most {max_evaluations} evaluations, initial simplex steps 0.1"
        )
        return _finish(
            sim,
            scenario,
            base,
            chosen,
            limits,
            goal,
            x,
            x0,
            seed_list,
            common_random_numbers,
            optimizer,
            began,
            bool(result.success),
            held,
        )
    finally:
        sim.close()


def noise_seeds(seeds: Sequence[int]) -> tuple[int, ...]:
    """The ``NOISE_SEEDS`` seeds after the fit's largest, on which one run's variance is estimated."""
    first = max(seeds) + 1
    return tuple(range(first, first + NOISE_SEEDS))


def _finish(sim, scenario, base, chosen, limits, goal, x, x0, seeds, crn, optimizer, began, converged, held=()) -> Fit:
    """The ``Fit`` at ``x``: model moments, their spread over seeds, the objective, the curvature, the
    sandwich errors and the held-out moments' predictions (``sim`` computes the fitted matched
    moments first, then the held-out ones)."""
    names = sim.params
    matched = [m for m in chosen if m.matched]
    k = len(matched)
    weights = np.array([m.weight for m in matched])
    spreads = np.array([m.spread for m in matched])
    per_seed = sim.per_seed(x, seeds)
    model = per_seed.mean(axis=0)
    deviation = (model[:k] - goal) / spreads
    full_jacobian = _jacobian(sim, x, [limits[n] for n in names], seeds)
    jacobian = full_jacobian[:k]
    errors, correlations = _curvature(jacobian, weights, spreads)
    extra = noise_seeds(seeds)
    spread = sandwich(jacobian, weights, spreads, sim.per_seed(x, extra)[:, :k], len(seeds))
    return Fit(
        scenario=scenario,
        base=base,
        params=names,
        values={n: float(v) for n, v in zip(names, x, strict=True)},
        start={n: float(v) for n, v in zip(names, x0, strict=True)},
        bounds=limits,
        moments=chosen,
        targets={m.name: float(g) for m, g in zip(matched, goal, strict=True)},
        model={m.name: float(v) for m, v in zip(matched, model[:k], strict=True)},
        seed_spread={m.name: float(v) for m, v in zip(matched, per_seed.std(axis=0)[:k], strict=True)},
        objective=float(np.sum(weights * deviation * deviation)),
        bands={n: float(e) for n, e in zip(names, errors, strict=True)},
        correlations=correlations,
        jacobian=jacobian,
        seeds=tuple(seeds),
        periods=sim.periods,
        enterprises=sim.enterprises,
        common_random_numbers=crn,
        optimizer=optimizer,
        runs=sim.runs,
        seconds=time.perf_counter() - began,
        converged=converged,
        sandwich_errors={n: float(e) for n, e in zip(names, spread.errors, strict=True)},
        intervals=dict(zip(names, intervals(x, spread.errors, [limits[n] for n in names]), strict=True)),
        covariance=spread.covariance,
        expected_objective=spread.expected_objective,
        noise_seeds=extra,
        held_out=tuple(held),
        predictions={m.name: float(v) for m, v in zip(held, model[k:], strict=True)},
        prediction_spread={m.name: float(v) for m, v in zip(held, per_seed.std(axis=0)[k:], strict=True)},
    )


def assess(
    values: Mapping[str, float],
    scenario: str = CALIBRATED_SCENARIO,
    moments: Sequence[str] | None = None,
    seeds: int | Sequence[int] = 8,
    *,
    periods: int = DEFAULT_PERIODS,
    enterprises: int = DEFAULT_ENTERPRISES,
) -> Fit:
    """A ``Fit`` at given parameter values, without optimizing: the model moments, the objective, the
    derivatives and the bands there. ``assess(recorded_values())`` reports the recorded calibration."""
    base = base_scenario(scenario)
    names = check_params(values)
    chosen = check_moments(moments, load_moments())
    limits = check_bounds(names, None)
    seed_list = check_seeds(seeds)
    matched = [m for m in chosen if m.matched]
    goal = np.array([m.value for m in matched])
    sim = Simulator(base, names, matched, periods, enterprises)
    x = np.array([float(values[n]) for n in names])
    return _finish(
        sim,
        scenario,
        base,
        chosen,
        limits,
        goal,
        x,
        x,
        seed_list,
        True,
        "none: values given",
        time.perf_counter(),
        True,
    )


def model_moments(
    values: Mapping[str, float],
    moments: Sequence[str] | None = None,
    scenario: str = BASE_SCENARIO,
    seeds: int | Sequence[int] = 8,
    *,
    periods: int = DEFAULT_PERIODS,
    enterprises: int = DEFAULT_ENTERPRISES,
) -> dict[str, float]:
    """The model's value of each matched moment at ``values`` (over ``scenario``), mean over ``seeds``.

    What ``calibrate`` compares with history, for a parameter vector of your choice.
    """
    names = check_params(values)
    chosen = [m for m in check_moments(moments, load_moments()) if m.matched]
    base_scenario(scenario)  # an unknown scenario fails here
    sim = Simulator(scenario, names, chosen, periods, enterprises)
    result = sim.moments([values[n] for n in names], check_seeds(seeds))
    return {m.name: float(v) for m, v in zip(chosen, result, strict=True)}
