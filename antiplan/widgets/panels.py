"""The six panels a dashboard draws, what each curve shows of a run, and how its numbers read.

Plain NumPy, no widget or plotting library: the Jupyter dashboard (``views``, ``controls``), the
picture in the built book (``picture``) and the live model in the reader's browser (``inbrowser``,
drawn by the page's own script) all read the same panels, curves, axis tops, number formats and
slider steps from here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..parameters import Parameter
from ..simulate import Result

ROLES = ("main", "default", "democratic")
"""The runs a dashboard can show: the run itself, the default rules beside a student's, the democratic mode."""

ROLE_STYLE = {
    "main": {"linestyle": "-", "linewidth": 2.0},
    "default": {"linestyle": ":", "linewidth": 1.8},
    "democratic": {"linestyle": "--", "linewidth": 1.6},
}


@dataclass(frozen=True)
class Run:
    """One run shown by a dashboard: its role (see ``ROLES``), a label for the legend, and its result."""

    role: str
    label: str
    result: Result


Data = Callable[[Result], tuple[np.ndarray, np.ndarray]]


def _quarters(r: Result) -> np.ndarray:
    # The run's periods numbered from 1, as ``Result.series`` indexes them; read from the arrays, so
    # that drawing a run never needs pandas (the reader's browser loads none).
    return np.arange(1, r.periods + 1)


def _column(name: str) -> Data:
    return lambda r: (_quarters(r), r.columns[name])


def statistics_gap(r: Result) -> tuple[np.ndarray, np.ndarray]:
    """The summary's statistics gap quarter by quarter (reported over actual output, minus 1): (quarters, gap)."""
    c = r.columns
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.asarray(c["reported_output"]) / np.asarray(c["actual_output"]) - 1.0
    return _quarters(r), gap


def _index(name: str) -> Data:
    def data(r: Result) -> tuple[np.ndarray, np.ndarray]:
        values = np.asarray(r.columns[name])
        first = values[0] if values[0] != 0 else np.nan
        return _quarters(r), values / first

    return data


def _last_stages(r: Result) -> tuple[np.ndarray, np.ndarray]:
    values = np.array([float(column[-1]) for column in r.stage_columns.values()])
    return np.arange(1, len(values) + 1), values


@dataclass(frozen=True)
class Curve:
    """One quantity drawn in a panel, once per run."""

    label: str
    color: str
    data: Data


@dataclass(frozen=True)
class Panel:
    """One plot of the figure. ``top`` fixes the upper limit; otherwise it follows the data, at least ``floor``."""

    title: str
    curves: tuple[Curve, ...]
    xlabel: str = "quarter"
    percent: bool = False
    top: float | None = None
    floor: float = 0.05
    markers: bool = False


PANELS: tuple[Panel, ...] = (
    Panel(
        "Target, reported, actual output",
        (
            Curve("target", "#555555", _column("target")),
            Curve("reported", "#d62728", _column("reported_output")),
            Curve("actual", "#1f77b4", _column("actual_output")),
        ),
        floor=1.0,
    ),
    Panel("Statistics gap: reported/actual − 1", (Curve("gap", "#d62728", statistics_gap),), percent=True),
    Panel("Control: R² of output on target", (Curve("control", "#2ca02c", _column("control")),), top=1.0),
    Panel(
        "Defect share by stage, last quarter",
        (Curve("defects", "#9467bd", _last_stages),),
        xlabel="stage (1 = upstream)",
        percent=True,
        markers=True,
    ),
    Panel(
        "Paper and real growth (index)",
        (
            Curve("paper output", "#ff7f0e", _index("paper_output")),
            Curve("usable output", "#1f77b4", _index("usable_output")),
        ),
        floor=1.2,
    ),
    Panel("Turnover: quits per quarter", (Curve("turnover", "#8c564b", _column("turnover")),), percent=True),
)


NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_top(value: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) >= ``value``."""
    if not math.isfinite(value) or value <= 0.0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in NICE:
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10.0 * power


def sticky_top(current: float | None, high: float, floor: float) -> float:
    """An axis top that holds still while ``high`` stays between 40 % and 100 % of it."""
    need = max(high, floor)
    if current is not None and need <= current and (high >= 0.25 * current or current <= floor * 1.0001):
        return current
    return max(nice_top(need * 1.06), nice_top(floor))


GLANCE = (
    "target",
    "reported_output",
    "actual_output",
    "statistics_gap",
    "control",
    "defect_share",
    "paper_growth",
    "real_growth",
    "turnover",
)
"""The metrics the plots show, first in the table; the rest of ``METRICS`` follows."""

PERCENT = {
    "plan_fulfillment_reported",
    "plan_fulfillment_actual",
    "statistics_gap",
    "turnover",
    "defect_share",
    "paper_growth",
    "real_growth",
    "hidden_capacity",
    "strikes",
    "skill",
}


def format_metric(name: str, value: float) -> str:
    """A metric's value for reading: shares in percent, the rest to three significant figures."""
    if not math.isfinite(value):
        return "n/a"
    if name in PERCENT:
        return f"{100.0 * value:.1f} %"
    return f"{value:.3g}"


def slider_step(parameter: Parameter) -> float:
    """A round step for a float slider: about a hundredth of the range, with the default on the grid."""
    span = parameter.max - parameter.min
    step = 10.0 ** math.floor(math.log10(span)) / 100.0 if span > 0 else 0.01
    for _ in range(6):
        if abs(round(parameter.default / step) * step - parameter.default) < step * 1e-6:
            break
        step /= 10.0
    return step
