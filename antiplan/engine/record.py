"""The per-period record both engines keep: one row of means per period, and each stage's defects.

Written once so that the two engines cannot record different things: an engine hands over the
period's values per enterprise (arrays, or lists from the reference engine) and the record takes
the means, the paper and usable output, and the measure of control.
"""

from __future__ import annotations

import numpy as np

from ..rules.formula import formula
from .shared import Farm

SPREAD_FLOOR = 1e-8
"""Variance (in squared log units: a spread of 0.01 %) below which differences between enterprises
count as no spread when control is measured."""


def r_squared(sxx: float, syy: float, sxy: float) -> float:
    """Share of the variance of y explained by x, from (co)variances, in [0, 1].

    The engines measure control with x the log of each enterprise's target and y the log of its
    actual output, both relative to the enterprise's capacity at the start: a plan that only knows
    which enterprises were big in 1928 does not control what they do now.

    Both variances carry a floor, ``SPREAD_FLOOR``, as if every economy also held a perfectly
    planned spread of that size: ``(sxy**2 + F**2) / ((sxx + F) * (syy + F))``. Where the spread
    is far above the floor this is the ordinary R² (to within about twice the floor over the
    variance: 2e-4 for a spread of 1 %, 5e-7 for one of 20 %); where it vanishes the value is stated rather
    than left to rounding: 1 when neither targets nor output vary (the plan is met everywhere),
    falling to 0 as output varies while targets do not. The floor also keeps the measure well
    conditioned: a change of ``d`` in any (co)variance moves it by at most ``d / SPREAD_FLOOR``.
    """
    floor = SPREAD_FLOOR
    value = (sxy * sxy + floor * floor) / ((sxx + floor) * (syy + floor))
    return np.clip(value, 0.0, 1.0) if isinstance(value, np.ndarray) else min(1.0, max(0.0, value))


SERIES_COLUMNS = (
    "target",
    "reported_output",
    "actual_output",
    "usable_output",
    "potential_output",
    "hidden_capacity",
    "turnover",
    "skill",
    "effort",
    "strikes",
    "records",
    "construction",
    "paper_output",
    "capacity",
    "unfinished",
    "idle",
    "control",
    "diversion",
    "harvest",
    "reported_harvest",
    "grain",
    "livestock",
    "mechanization",
    "food",
    "raw_materials",
)
"""Per-period columns of ``Result.series``: means per enterprise, shares, or indices."""

FARM_COLUMNS = ("harvest", "reported_harvest", "grain", "livestock", "mechanization", "food", "raw_materials")
"""Columns read from the farm sector after its step."""


def stage_defect(defect, actual):
    """Defect share of one stage's output: its enterprises' defect shares weighted by their output.

    This is what the next stage downstream receives as the defect share of its inputs (0 when the
    stage made nothing): a float for one run, or a column with a row per run for a batch (arrays
    whose last axis is the stage's enterprises).
    """
    defect, actual = np.asarray(defect, dtype=float), np.asarray(actual, dtype=float)
    if actual.ndim < 2:
        total = float(actual.sum())
        return float((defect * actual).sum()) / total if total > 0.0 else 0.0
    total = actual.sum(axis=-1, keepdims=True)
    made = (defect * actual).sum(axis=-1, keepdims=True)
    if (total > 0.0).all():
        return made / total
    return np.divide(made, total, out=np.zeros_like(total), where=total > 0.0)


def control(target, actual, size):
    """Share of the variance of log actual output explained by log targets, both relative to
    each enterprise's size at the start (see ``r_squared``), in [0, 1]: a float for one run and
    period, or for arrays whose last axis is the enterprises and whose leading axes are runs or
    periods, an array with a value for each."""
    size = np.asarray(size)
    lt = np.log(np.broadcast_to(np.asarray(target), np.broadcast_shapes(np.shape(target), size.shape)) / size)
    la = np.log(np.broadcast_to(np.asarray(actual), np.broadcast_shapes(np.shape(actual), size.shape)) / size)
    if lt.ndim < 2:
        dt, da = lt - lt.mean(), la - la.mean()
        return r_squared(float((dt * dt).mean()), float((da * da).mean()), float((dt * da).mean()))
    dt, da = lt - lt.mean(axis=-1, keepdims=True), la - la.mean(axis=-1, keepdims=True)
    return r_squared((dt * dt).mean(axis=-1), (da * da).mean(axis=-1), (dt * da).mean(axis=-1))


@formula(r"\text{paper}_t", lambda report, investment, idle: report + investment + idle)
def paper_output(report, investment, idle):
    """Output on paper: what is reported, plus construction put in place, plus finished plants
    standing idle counted at their capacity (output units per period, per enterprise)."""
    return report + investment + idle


PAPER_OUTPUT = paper_output.formula
"""How the record counts paper output, for the book."""


INDUSTRY_COLUMNS = (
    ("target", "target"),
    ("reported_output", "reported"),
    ("actual_output", "actual"),
    ("potential_output", "potential"),
    ("hidden_capacity", "hidden"),
    ("turnover", "quit"),
    ("skill", "skill"),
    ("effort", "effort"),
    ("strikes", "striking"),
    ("records", "record"),
    ("construction", "built"),
    ("capacity", "capacity"),
    ("unfinished", "unfinished"),
    ("idle", "idle"),
)
"""Columns of the series that are means of a per-enterprise value, and the value's name."""

PENDING_LIMIT = 2_000_000
"""Per-enterprise values (numbers) the record holds before it takes their means: enough for a batch of
runs to be reduced a few periods at once, few enough that memory stays linear in the enterprises."""


class Record:
    """The run's record, filled one period at a time.

    ``size`` is each enterprise's capacity at the start (the base of the measure of control): one
    array for a run, or an array with a row per run for a batch; ``stages`` the number of
    supply-chain stages. The per-enterprise values of a few periods are held and reduced together,
    which gives the same means as reducing each period alone.
    """

    def __init__(self, size: np.ndarray, stages: int):
        self.size = np.asarray(size, dtype=float)
        self.runs = self.size.shape[0] if self.size.ndim == 2 else None
        self.series: dict[str, list] = {c: [] for c in SERIES_COLUMNS}
        self.stages: dict[str, list] = {f"stage_{k + 1}": [] for k in range(stages)}
        self._pending: dict[str, list] = {}

    def _value(self, value):
        """One period's value: a float for one run, an array with one value per run for a batch."""
        if self.runs is None:
            return float(value)
        value = np.asarray(value, dtype=float).reshape(-1)
        return value if value.shape == (self.runs,) else np.broadcast_to(value, (self.runs,))

    def _means(self, values: list[np.ndarray]) -> list:
        """Each period's mean over the enterprises, as ``_value`` gives it."""
        if all(v.shape == self.size.shape for v in values):
            stacked = np.stack(values)
            totals = np.add.reduce(stacked, axis=-1) / stacked.shape[-1]
            return list(totals) if self.runs is not None else [float(t) for t in totals]
        out = []
        for v in values:
            # A rule may return one number for every enterprise (or a column, one per run): its mean is itself.
            if v.ndim == 0:
                total = v
            elif self.runs is not None and v.ndim == 2 and v.shape[-1] == 1:
                total = v[:, 0]
            else:
                total = np.add.reduce(v, axis=-1) / v.shape[-1]
            out.append(self._value(total))
        return out

    def _flush(self) -> None:
        """Take the means of the held periods' values and append them to the series."""
        pending, self._pending = self._pending, {}
        if not pending:
            return
        for column, _ in (*INDUSTRY_COLUMNS, ("usable_output", None), ("paper_output", None)):
            self.series[column].extend(self._means(pending[column]))
        targets, actuals = pending["control_target"], pending["control_actual"]
        if all(v.shape == self.size.shape for v in (*targets, *actuals)):
            values = control(np.stack(targets), np.stack(actuals), self.size)
            self.series["control"].extend(list(values) if self.runs is not None else [float(v) for v in values])
        else:
            self.series["control"].extend(
                self._value(control(t, a, self.size)) for t, a in zip(targets, actuals, strict=True)
            )

    def finish(self) -> tuple[dict, dict]:
        """The record: ``(series, stages)``, each a dict of per-period arrays (a row per run for a batch)."""
        self._flush()

        def table(kept: dict) -> dict:
            return {name: np.array(values, dtype=float).T for name, values in kept.items()}

        return table(self.series), table(self.stages)

    def industry(self, *, stage_defects, defect, **values) -> None:
        """Record the period's industry from per-enterprise values (arrays, lists or numbers).

        ``values`` are ``target``, ``reported``, ``actual``, ``potential``, ``hidden``, ``quit``,
        ``skill``, ``effort``, ``striking``, ``record``, ``built``, ``capacity`` (at the start of
        the period), ``unfinished`` and ``idle``; ``defect`` is each enterprise's defect share and
        ``stage_defects`` each stage's (upstream first). Paper output counts reports, construction
        put in place and finished plants standing idle; usable output is actual output less defects.
        """
        v = {name: np.asarray(value, dtype=float) for name, value in values.items()}
        defect = np.asarray(defect, dtype=float)
        held = self._pending
        for column, name in INDUSTRY_COLUMNS:
            held.setdefault(column, []).append(v[name])
        held.setdefault("usable_output", []).append(v["actual"] * (1.0 - defect))
        held.setdefault("paper_output", []).append(paper_output(v["reported"], v["built"], v["idle"]))
        for key, name in (("control_target", "target"), ("control_actual", "actual")):
            value = v[name] if v[name].shape == self.size.shape else np.broadcast_to(v[name], self.size.shape)
            held.setdefault(key, []).append(value)
        for k, value in enumerate(stage_defects):
            self.stages[f"stage_{k + 1}"].append(self._value(value))
        if len(held["target"]) * self.size.size * (len(INDUSTRY_COLUMNS) + 4) > PENDING_LIMIT:
            self._flush()

    def agriculture(self, diversion: float, farm: Farm) -> None:
        """Record the diversion this period's construction met, and the farm sector after its step."""
        self.series["diversion"].append(self._value(diversion))
        for column in FARM_COLUMNS:
            self.series[column].append(self._value(getattr(farm, column)))
