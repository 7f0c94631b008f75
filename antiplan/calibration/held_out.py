"""Moments held out of a fit: the fit never sees them, and the model's prediction at the fitted values
is set against the record.

A moment held out is left out of the objective (``calibrate(hold_out=...)``, ``antiplan calibrate
--hold-out``). After the fit the model computes it on the fit's seeds, so the prediction is what
the fitted parameters imply, not what they were chosen to give. ``check_hold_out`` checks the names;
``prediction_table`` and ``prediction_lines`` report the predictions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .moments import Moment


def check_hold_out(
    names: Iterable[str] | None,
    declared: Mapping[str, Moment],
    chosen: Sequence[Moment],
    params: Sequence[str],
) -> tuple[Moment, ...]:
    """The moments to hold out, checked; raises ``ValueError`` naming a bad name and what is allowed.

    Args:
        names: moment names (``None`` or empty: hold out nothing).
        declared: every declared moment, by name.
        chosen: the moments the fit would otherwise use.
        params: the parameters fitted: at least as many matched moments as parameters must remain.
    """
    names = tuple(dict.fromkeys(names or ()))
    allowed = [m.name for m in declared.values() if m.matched]
    for name in names:
        if not name:
            raise ValueError(f"--hold-out names an empty moment: allowed are {', '.join(allowed)}")
        if name not in declared:
            raise ValueError(f"unknown moment {name!r} to hold out: allowed are {', '.join(allowed)}")
        if not declared[name].matched:
            raise ValueError(
                f"moment {name!r} has no model statistic, so the model cannot predict it: "
                f"allowed are {', '.join(allowed)}"
            )
    remaining = [m for m in chosen if m.matched and m.name not in names]
    if names and len(remaining) < len(params):
        left = f"{len(remaining)} moment{'' if len(remaining) == 1 else 's'}"
        raise ValueError(
            f"holding out {', '.join(names)} leaves {left} to fit {len(params)} parameters "
            f"({', '.join(params)}): allowed is to hold out moments while at least as many moments as parameters remain"
        )
    return tuple(declared[n] for n in names)


def range_of(moment: Moment) -> tuple[float, float]:
    """The record's range for a moment: its readings' range, or a single figure +/- its tolerance."""
    if moment.high > moment.low:
        return moment.low, moment.high
    return moment.value - moment.spread, moment.value + moment.spread


def prediction_table(fit) -> pd.DataFrame:
    """One row per held-out moment of ``fit`` (an ``antiplan.calibration.Fit``): the record (value,
    low, high of its range, or the single figure +/- its tolerance), the model's prediction at the
    fitted values (mean over the fit's seeds), its standard deviation over the seeds, and ``inside``:
    whether the record's range contains the prediction."""
    rows = []
    for m in fit.held_out:
        low, high = range_of(m)
        prediction = fit.predictions[m.name]
        rows.append(
            {
                "moment": m.name,
                "statistic": m.statistic,
                "history": m.value,
                "low": low,
                "high": high,
                "prediction": prediction,
                "seed_spread": fit.prediction_spread[m.name],
                "inside": bool(low - 1e-12 <= prediction <= high + 1e-12),
            }
        )
    columns = ["statistic", "history", "low", "high", "prediction", "seed_spread", "inside"]
    return pd.DataFrame(rows, columns=["moment", *columns]).set_index("moment")


def prediction_lines(fit) -> list[str]:
    """The held-out moments as text lines for the report (none when nothing was held out)."""
    if not fit.held_out:
        return []
    out = [
        "Held out: left out of the objective, predicted by the model at the fitted values",
        f"{'moment':<30} {'history':>8} {'low':>7} {'high':>7} {'predicted':>9} {'seeds sd':>8}  inside the range",
    ]
    for name, row in prediction_table(fit).iterrows():
        out.append(
            f"{name:<30} {row['history']:8.3f} {row['low']:7.3f} {row['high']:7.3f} "
            f"{row['prediction']:9.3f} {row['seed_spread']:8.3f}  {'yes' if row['inside'] else 'no'}"
        )
    out.append("(seeds sd: the prediction's standard deviation over the seeds; the range of a single figure is its")
    out.append(" tolerance)")
    return out
