"""A fit in words, tables and numbers: what was fitted, how well, and what the model cannot match.

``moment_table`` and ``parameter_table`` are the two tables; ``derivative_lines`` shows how much each
fitted parameter moves each moment, and a moment matched by construction (equal to a parameter) or
moved by no parameter is reported as "set, not fitted" (``antiplan.calibration.identification``);
``cannot_match`` says in plain words which moments the model misses and why; the report closes with
the model's paper growth over usable growth beside the record's official index over the Western
reconstructions (``antiplan.calibration.paper_growth``, a comparison, not a moment); ``report_text`` is
what ``antiplan calibrate`` prints and ``as_dict`` what it prints with ``--json``; ``profile`` gives
the objective along one parameter.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd

from ..parameters import BY_NAME
from .fit import BANDS_MEAN, JACOBIAN_STEP, Fit, Simulator
from .held_out import prediction_lines, prediction_table, range_of
from .identification import SET, derivatives, identify
from .paper_growth import fit_lines
from .uncertainty import INTERVALS_MEAN


def moment_table(fit: Fit) -> pd.DataFrame:
    """One row per moment: history (value, low, high), the model at the fit, its spread over seeds,
    the deviation in units of the moment's spread, whether the model is ``within`` the history (inside
    its range, or within the tolerance of a single figure: a deviation of at most one), the moment's
    share of the objective, and its ``identification``: ``"fitted"``, or ``"set, not fitted"`` for a
    moment that equals a fitted parameter by construction or that no parameter moves (its ``within``
    then says nothing about the model). Unmatched moments have no model value."""
    identified = identify(fit)
    rows = []
    for m in fit.moments:
        model = fit.model.get(m.name, np.nan)
        target = fit.targets.get(m.name, m.value)
        deviation = (model - target) / m.spread if m.matched else np.nan
        rows.append(
            {
                "moment": m.name,
                "statistic": m.statistic or "(unmatched)",
                "history": m.value,
                "low": m.low,
                "high": m.high,
                "model": model,
                "seed_spread": fit.seed_spread.get(m.name, np.nan),
                "deviation": deviation,
                "within": _within(m, model, deviation) if m.matched else None,
                "weight": m.weight,
                "share_of_objective": (m.weight * deviation**2 / fit.objective)
                if m.matched and fit.objective > 0
                else np.nan,
                "identification": identified[m.name].status if m.matched else None,
            }
        )
    return pd.DataFrame(rows).set_index("moment")


def _within(moment, model: float, deviation: float) -> bool:
    if moment.high > moment.low:
        return bool(moment.low - 1e-12 <= model <= moment.high + 1e-12)
    return bool(abs(deviation) <= 1.0)


band = range_of
"""The values a model moment may take and still agree with history: the historical range, or the
single figure plus or minus its tolerance (``antiplan.calibration.held_out.range_of``)."""


def parameter_table(fit: Fit) -> pd.DataFrame:
    """One row per fitted parameter: its start, fitted value, band (``Fit.bands``: from the sources'
    spread and the objective's curvature, not a sampling error), bounds and unit, and its sampling
    standard error by the sandwich formula with the 95 % interval it gives (``Fit.sandwich_errors``,
    ``Fit.intervals``). The band is not shown under its former name, ``standard_error``, which read as
    a sampling error."""
    rows = [
        {
            "parameter": name,
            "start": fit.start[name],
            "fitted": fit.values[name],
            "band": fit.bands[name],
            "sandwich_error": fit.sandwich_errors.get(name, np.nan),
            "interval_low": fit.intervals.get(name, (np.nan, np.nan))[0],
            "interval_high": fit.intervals.get(name, (np.nan, np.nan))[1],
            "low": fit.bounds[name][0],
            "high": fit.bounds[name][1],
            "unit": BY_NAME[name].unit,
        }
        for name in fit.params
    ]
    return pd.DataFrame(rows).set_index("parameter")


def _pinned(fit: Fit, name: str) -> str:
    band, (low, high) = fit.bands[name], fit.bounds[name]
    if not np.isfinite(band):
        return "not pinned down: the moments do not tell it apart from the other parameters"
    share = band / (high - low)
    word = "well" if share < 0.05 else "loosely" if share < 0.25 else "hardly"
    return f"{word} pinned down (band +/-{band:.3g}, {share:.0%} of its range)"


def cannot_match(fit: Fit) -> list[str]:
    """Plain sentences on the moments the model does not match, and why."""
    table = moment_table(fit)
    lines = []
    matched = table[table["statistic"] != "(unmatched)"]
    for statistic, group in matched.groupby("statistic", sort=False):
        if len(group) > 1 and group["history"].max() - group["history"].min() > 2 * group["seed_spread"].max():
            names = ", ".join(group.index)
            lines.append(
                f"{names}: the model has one statistic ({statistic}) for all of them, "
                f"{group['model'].iloc[0]:.3g}, so it cannot show how they differ "
                f"({group['history'].min():.3g} to {group['history'].max():.3g}); it has one good, not branches."
            )
        for name, row in group.iterrows():
            if row["within"] or len(group) > 1:
                continue
            low, high = band(next(m for m in fit.moments if m.name == name))
            side = "above" if row["model"] > high else "below"
            what = "range" if row["high"] > row["low"] else "figure with its tolerance"
            lines.append(
                f"{name}: the model gives {row['model']:.3g}, {side} the historical {what}, "
                f"{low:.3g} to {high:.3g}{_pull(fit, name)}."
            )
    for m in fit.unmatched:
        lines.append(f"{m.name} (history {m.value:.3g}): unmatched: {m.unmatched}.")
    return lines


def _pull(fit: Fit, name: str) -> str:
    """Which fitted parameter moves this moment most, to say what the fit traded it against."""
    names = [m.name for m in fit.matched]
    row = fit.jacobian[names.index(name)]
    widths = np.array([fit.bounds[p][1] - fit.bounds[p][0] for p in fit.params])
    effect = np.abs(row * widths)
    if not effect.max() > 0:
        return ": no fitted parameter moves it, so no value of them can close the gap"
    lever = fit.params[int(np.argmax(effect))]
    at_bound = fit.values[lever] in fit.bounds[lever]
    if at_bound:
        return f": its strongest lever, {lever}, is already at its bound"
    return f": its strongest lever, {lever}, is held back by the other moments it also moves"


def report_text(fit: Fit) -> str:
    """The report ``antiplan calibrate`` prints: parameters, moments, objective and what cannot match."""
    out = [
        f"Calibration of scenario {fit.scenario} (others held at scenario {fit.base}), "
        f"{len(fit.seeds)} seeds, {fit.periods} quarters, {fit.enterprises} enterprises",
        f"objective {fit.objective:.4f} (sum of weight x ((model - history) / spread)^2), "
        f"{fit.runs} model runs, {fit.seconds:.1f} s{'' if fit.converged else ', optimizer stopped on its budget'}",
        "",
        f"{'parameter':<18} {'start':>8} {'fitted':>8} {'band +/-':>8} {'95% interval':>17}  how well",
    ]
    for name in fit.params:
        band = fit.bands[name]
        shown = f"{band:8.4f}" if np.isfinite(band) else f"{'inf':>8}"
        low, high = fit.intervals.get(name, (np.nan, np.nan))
        interval = f"{low:8.4f} {high:8.4f}" if np.isfinite(fit.sandwich_errors.get(name, np.nan)) else f"{'none':>17}"
        out.append(
            f"{name:<18} {fit.start[name]:8.4f} {fit.values[name]:8.4f} {shown} {interval}  {_pinned(fit, name)}"
        )
    out += [f"band: {line}" if k == 0 else f"      {line}" for k, line in enumerate(_wrap(BANDS_MEAN + "."))]
    note = _wrap(_intervals_note(fit))
    out += [f"95% interval: {line}" if k == 0 else f"      {line}" for k, line in enumerate(note)]
    out += ["", f"{'moment':<30} {'history':>8} {'low':>7} {'high':>7} {'model':>8} {'dev':>6}  within"]
    for name, row in moment_table(fit).iterrows():
        if row["statistic"] == "(unmatched)":
            history = f"{row['history']:8.3f} {row['low']:7.3f} {row['high']:7.3f}"
            out.append(f"{name:<30} {history} {'-':>8} {'-':>6}  unmatched")
            continue
        inside = SET if row["identification"] == SET else "yes" if row["within"] else "no"
        out.append(
            f"{name:<30} {row['history']:8.3f} {row['low']:7.3f} {row['high']:7.3f} "
            f"{row['model']:8.3f} {row['deviation']:6.2f}  {inside}"
        )
    if fit.held_out:
        out += ["", *prediction_lines(fit)]
    out += ["", *derivative_lines(fit)]
    set_lines = [f"- {m}: {i.reason}." for m, i in identify(fit).items() if i.status == SET]
    out += ["", "Set, not fitted:", *(set_lines or ["- none"])]
    lines = cannot_match(fit) or ["nothing: every moment is within its historical range or tolerance"]
    out += ["", "What the model cannot match:"] + [f"- {line}" for line in lines]
    out += ["", *fit_lines(fit)]
    return "\n".join(out)


def _intervals_note(fit: Fit) -> str:
    """What the intervals are, and the objective the model would reach on average were it right."""
    note = INTERVALS_MEAN.replace("S seeds", f"S = {len(fit.seeds)} seeds")
    if np.isfinite(fit.expected_objective):
        note += (
            f". Were the model right, the objective at the fit would be about {fit.expected_objective:.1f} on average; "
            f"it is {fit.objective:.1f}"
        )
        if fit.objective > 2 * fit.expected_objective:
            note += ", so the model misses the record by more than noise explains and the intervals are too narrow"
    return note + "."


def _wrap(text: str, width: int = 100) -> list[str]:
    return textwrap.wrap(text, width)


def derivative_lines(fit: Fit) -> list[str]:
    """The derivatives at the fit as text lines: a row per matched moment, a column per parameter."""
    table = derivatives(fit)
    lines = [
        "How much each parameter moves each moment: d(model moment)/d(parameter) at the fit",
        f"(central differences of {JACOBIAN_STEP:.0%} of the parameter's range, on the fit's seeds)",
        f"{'moment':<30} " + " ".join(f"{p[:16]:>16}" for p in table.columns),
    ]
    for name, row in table.iterrows():
        lines.append(f"{name:<30} " + " ".join(f"{value:16.4g}" for value in row))
    return lines


def as_dict(fit: Fit) -> dict[str, Any]:
    """The fit as plain data (for ``--json``): values, moments, objective, bands (and what they are),
    derivatives, and the moments set rather than fitted."""

    def clean(value: Any) -> Any:
        if isinstance(value, float) and not np.isfinite(value):
            return None
        if isinstance(value, (np.floating, np.bool_)):
            return clean(value.item())
        return value

    moments = [{"moment": name, **{k: clean(v) for k, v in row.items()}} for name, row in moment_table(fit).iterrows()]
    return {
        "scenario": fit.scenario,
        "base": fit.base,
        "values": fit.values,
        "start": fit.start,
        "bounds": {k: list(v) for k, v in fit.bounds.items()},
        "bands": {k: clean(v) for k, v in fit.bands.items()},
        "bands_mean": BANDS_MEAN,
        "sandwich_errors": {k: clean(v) for k, v in fit.sandwich_errors.items()},
        "intervals": {k: [clean(v[0]), clean(v[1])] for k, v in fit.intervals.items()},
        "intervals_mean": INTERVALS_MEAN,
        "expected_objective": clean(fit.expected_objective),
        "noise_seeds": list(fit.noise_seeds),
        "held_out": [
            {"moment": name, **{k: clean(v) for k, v in row.items()}} for name, row in prediction_table(fit).iterrows()
        ],
        "objective": fit.objective,
        "moments": moments,
        "cannot_match": cannot_match(fit),
        "derivatives": {m: {p: clean(float(v)) for p, v in row.items()} for m, row in derivatives(fit).iterrows()},
        "set_not_fitted": [
            {"moment": m, "parameter": i.parameter, "reason": i.reason}
            for m, i in identify(fit).items()
            if i.status == SET
        ],
        "seeds": list(fit.seeds),
        "periods": fit.periods,
        "enterprises": fit.enterprises,
        "common_random_numbers": fit.common_random_numbers,
        "optimizer": fit.optimizer,
        "model_runs": fit.runs,
        "seconds": fit.seconds,
        "converged": fit.converged,
    }


def profile(fit: Fit, name: str, points: int = 9) -> pd.DataFrame:
    """The objective along parameter ``name`` across its bounds, the others at their fitted values
    (same seeds): a flat profile is a parameter the moments do not pin down."""
    matched = list(fit.matched)
    sim = Simulator(fit.base, fit.params, matched, fit.periods, fit.enterprises)
    goal = np.array([fit.targets[m.name] for m in matched])
    weights = np.array([m.weight for m in matched])
    spreads = np.array([m.spread for m in matched])
    low, high = fit.bounds[name]
    rows = []
    for value in np.linspace(low, high, points):
        x = [value if p == name else fit.values[p] for p in fit.params]
        deviation = (sim.moments(x, fit.seeds) - goal) / spreads
        rows.append({name: float(value), "objective": float(np.sum(weights * deviation * deviation))})
    return pd.DataFrame(rows).set_index(name)
