"""The target moments: historical figures of the First Five-Year Plan, declared as data.

``load_moments()`` reads ``antiplan/data/first_five_year_plan_moments.yml`` and computes each
moment's historical value and range from the rows of ``antiplan.data.load_fyp()`` it names, so no
figure is typed twice. The file's header explains readings, ranges, weights and tolerances.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from ..data import DATA, load_fyp
from .statistics import STATISTICS

MOMENTS_YML = DATA / "first_five_year_plan_moments.yml"


@dataclass(frozen=True)
class Moment:
    """One target of the calibration.

    Attributes:
        name: the moment's name (``--moments NAME``).
        meaning: what the historical figure measures.
        value: the historical value: the mean of the readings.
        low, high: the lowest and highest reading (their ranges included).
        rows: the data rows the readings come from, as ``item / period / variant`` strings.
        statistic: the model statistic it is matched to (``antiplan.calibration.statistics``),
            or ``None`` when the model has none.
        weight: its weight in the objective.
        spread: the deviation that counts as one unit in the objective: half the range, or the
            tolerance times the value for a single figure.
        unmatched: why the model has no statistic for it (empty when it has one).
    """

    name: str
    meaning: str
    value: float
    low: float
    high: float
    rows: tuple[str, ...]
    statistic: str | None
    weight: float
    spread: float
    unmatched: str = ""

    @property
    def matched(self) -> bool:
        """Whether the model has a statistic for this moment."""
        return self.statistic is not None


def _row(table: pd.DataFrame, selector: dict[str, Any], moment: str) -> pd.Series:
    picked = table
    for column in ("item", "period", "variant"):
        picked = picked[picked[column] == str(selector[column])]
    if len(picked) != 1:
        raise ValueError(f"moment {moment!r}: {len(picked)} data rows match {selector} (one is needed)")
    return picked.iloc[0]


def _levels(row: pd.Series) -> tuple[float, float, float]:
    """A row's (value, low, high): the range's middle when only a range is given."""
    low = row["low"] if np.isfinite(row["low"]) else row["value"]
    high = row["high"] if np.isfinite(row["high"]) else row["value"]
    value = row["value"] if np.isfinite(row["value"]) else (low + high) / 2.0
    return float(value), float(low), float(high)


def _label(row: pd.Series) -> str:
    return f"{row['item']} / {row['period']} / {row['variant']}"


def _reading(table: pd.DataFrame, spec: dict[str, Any], moment: str) -> tuple[tuple[float, float, float], list[str]]:
    row = _row(table, spec["row"], moment)
    value, low, high = _levels(row)
    rows = [_label(row)]
    if "over" in spec:
        base_row = _row(table, spec["over"], moment)
        base = _levels(base_row)[0]
        value, low, high = value / base, low / base, high / base
        rows.append(_label(base_row))
    scale, shift = float(spec.get("scale", 1.0)), float(spec.get("shift", 0.0))
    return (value * scale + shift, low * scale + shift, high * scale + shift), rows


def load_moments(path: Path = MOMENTS_YML, table: pd.DataFrame | None = None) -> dict[str, Moment]:
    """Every declared moment by name, with its historical value computed from the data rows.

    Raises ``ValueError`` naming a moment whose rows are missing or ambiguous, or whose statistic
    is unknown.
    """
    with path.open(encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    table = load_fyp() if table is None else table
    default_tolerance = float(spec.get("tolerance", 0.1))
    moments = {}
    for entry in spec["moments"]:
        name = entry["name"]
        readings, rows = [], []
        for reading in entry["readings"]:
            levels, used = _reading(table, reading, name)
            readings.append(levels)
            rows += used
        values = np.array(readings)
        value, low, high = float(values[:, 0].mean()), float(values.min()), float(values.max())
        statistic = entry.get("statistic")
        if statistic is not None and statistic not in STATISTICS:
            raise ValueError(f"moment {name!r}: unknown statistic {statistic!r}: known are {', '.join(STATISTICS)}")
        tolerance = float(entry.get("tolerance", default_tolerance))
        spread = (high - low) / 2.0 if high > low else tolerance * abs(value)
        moments[name] = Moment(
            name=name,
            meaning=entry["meaning"],
            value=value,
            low=low,
            high=high,
            rows=tuple(dict.fromkeys(rows)),
            statistic=statistic,
            weight=float(entry.get("weight", 1.0)) if statistic else 0.0,
            spread=spread,
            unmatched="" if statistic else entry.get("unmatched", "no model statistic"),
        )
    return moments


def moments_table(moments: dict[str, Moment] | None = None) -> pd.DataFrame:
    """The moments as a table: one row per moment, its history, statistic, weight and spread."""
    moments = load_moments() if moments is None else moments
    rows = [
        {
            "moment": m.name,
            "meaning": m.meaning,
            "history": m.value,
            "low": m.low,
            "high": m.high,
            "statistic": m.statistic or "(unmatched)",
            "weight": m.weight,
            "spread": m.spread,
            "rows": "; ".join(m.rows),
        }
        for m in moments.values()
    ]
    return pd.DataFrame(rows).set_index("moment")
