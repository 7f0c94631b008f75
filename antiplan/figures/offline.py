"""Controls that work in the built book without a kernel: every answer is computed at build time.

``explorer("ch03", "audit", metrics=("statistics_gap", "control"))`` runs the model once for each
value on a grid of ``audit`` (all in one ``antiplan.simulate_many`` call) and returns an object that
a notebook or a Jupyter Book page shows as a slider over those values and a small table of the
chosen metrics, with a bar for each, which updates as the slider moves. The page carries the
precomputed results and a few lines of inline JavaScript; it loads nothing from anywhere. Without
JavaScript the reader sees the row for the scenario's value and, under "All values", the whole
table.

The parameter's range, unit and meaning come from ``antiplan.PARAMETERS``.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..batch import simulate_many
from ..metrics import METRICS
from ..parameters import BY_NAME, Parameter
from ..simulate import DEFAULT_ENTERPRISES, DEFAULT_PERIODS, resolve_params

GRID_POINTS = 11
"""Number of values on the default grid of a float parameter."""

_counter = itertools.count()


def default_grid(parameter: Parameter, points: int = GRID_POINTS) -> list[Any]:
    """About ``points`` evenly spaced values across the parameter's range.

    Integers for an ``int`` parameter (no repeats), ``[False, True]`` for a ``bool`` one.
    """
    if parameter.kind == "bool":
        return [False, True]
    grid = np.linspace(parameter.min, parameter.max, points)
    if parameter.kind == "int":
        return sorted({int(round(x)) for x in grid})
    return [round(float(x), 10) for x in grid]


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    text = f"{value:.3g}"
    return "0" if text == "-0" else text


@dataclass
class Explorer:
    """The precomputed results of a one-parameter sweep, shown as a slider and a table.

    Attributes:
        scenario: the scenario the runs start from.
        parameter: the swept parameter (from ``antiplan.PARAMETERS``).
        values: the grid of values, in increasing order.
        metrics: the metric names shown.
        table: a DataFrame with a row per value (index: the value) and a column per metric.
        start: the position on the grid of the scenario's own value of the parameter.
        element_id: the id of the HTML element, unique for each call.
    """

    scenario: str
    parameter: Parameter
    values: list[Any]
    metrics: tuple[str, ...]
    table: pd.DataFrame = field(repr=False)
    start: int
    element_id: str

    def __repr__(self) -> str:
        value = self.values[self.start]
        row = ", ".join(f"{m}={_format(float(self.table.iloc[self.start][m]))}" for m in self.metrics)
        return f"<explorer {self.scenario}: {self.parameter.name}={_format(value)} ({self.parameter.unit}): {row}>"

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_html(self) -> str:
        """The self-contained HTML: the slider, the table of the chosen metrics, all rows, and inline JS."""
        p, uid = self.parameter, self.element_id
        esc = html.escape
        rows = [[float(self.table.iloc[i][m]) for m in self.metrics] for i in range(len(self.values))]
        scale = [max((abs(r[j]) for r in rows), default=0.0) or 1.0 for j in range(len(self.metrics))]
        labels = [_format(v) for v in self.values]
        current = rows[self.start]

        def bar(j: int, x: float) -> str:
            width = 100.0 * min(abs(x) / scale[j], 1.0)
            # The bars carry their own size and colors (the theme's, where the book's stylesheet
            # sets them; plain ones in a notebook, which does not load that stylesheet).
            return (
                f'<div class="antiplan-explorer-track" aria-hidden="true" '
                f'style="background-color:var(--pst-color-surface,#e8e8e8);width:10em;max-width:30vw;height:0.8em">'
                f'<div class="antiplan-explorer-bar" data-bar="{j}" '
                f'style="background-color:var(--pst-color-primary,#4a6fa5);height:100%;width:{width:.1f}%"></div></div>'
            )

        body = "".join(
            f'<tr><th scope="row" title="{esc(METRICS[m])}"><code>{esc(m)}</code></th>'
            f'<td class="antiplan-explorer-number" data-cell="{j}">{_format(current[j])}</td>'
            f"<td>{bar(j, current[j])}</td></tr>"
            for j, m in enumerate(self.metrics)
        )
        head = "".join(f'<th scope="col"><code>{esc(m)}</code></th>' for m in self.metrics)
        current_row = ' class="antiplan-explorer-current" aria-current="true"'
        all_rows = "".join(
            f'<tr data-value="{esc(labels[i])}"{current_row if i == self.start else ""}>'
            f"<td>{esc(labels[i])}</td>" + "".join(f"<td>{_format(x)}</td>" for x in rows[i]) + "</tr>"
            for i in range(len(self.values))
        )
        data = json.dumps({"labels": labels, "rows": rows, "scale": scale}).replace("</", "<\\/")
        # The row of the "All values" table that is bold (and aria-current) follows the slider.
        script = (
            "(function(){"
            f'var root=document.getElementById("{uid}");if(!root)return;'
            f'var d=JSON.parse(document.getElementById("{uid}-data").textContent);'
            f'var input=document.getElementById("{uid}-range"),out=document.getElementById("{uid}-value");'
            'var all=root.querySelectorAll(".antiplan-explorer-all tbody tr");'
            "function fmt(x){var t=Number(x.toPrecision(3));return String(t===0?0:t);}"
            "function show(i){var r=d.rows[i];out.textContent=d.labels[i];"
            'input.setAttribute("aria-valuetext",d.labels[i]);'
            "for(var j=0;j<r.length;j++){"
            'root.querySelector("[data-cell=\\""+j+"\\"]").textContent=fmt(r[j]);'
            'root.querySelector("[data-bar=\\""+j+"\\"]").style.width='
            '(100*Math.min(Math.abs(r[j])/d.scale[j],1)).toFixed(1)+"%";}'
            "for(var k=0;k<all.length;k++){var on=k===i;"
            'all[k].classList.toggle("antiplan-explorer-current",on);'
            'if(on){all[k].setAttribute("aria-current","true");}else{all[k].removeAttribute("aria-current");}}}'
            'input.addEventListener("input",function(){show(Number(input.value));});'
            "})();"
        )
        name = f"{p.name} ({p.unit})"
        return (
            f'<div class="antiplan-explorer" id="{uid}">'
            f'<label id="{uid}-label" for="{uid}-range"><code>{esc(p.name)}</code> ({esc(p.unit)})</label>: '
            f'<output id="{uid}-value" for="{uid}-range">{esc(labels[self.start])}</output><br>'
            f'<input type="range" id="{uid}-range" min="0" max="{len(self.values) - 1}" step="1" '
            f'value="{self.start}" aria-valuetext="{esc(labels[self.start])}">'
            f'<span class="antiplan-explorer-range">{esc(labels[0])} to {esc(labels[-1])}</span>'
            f'<p class="antiplan-explorer-note">{esc(p.meaning)}; scenario <code>{esc(self.scenario)}</code>.</p>'
            f'<table class="antiplan-explorer-metrics"><tbody>{body}</tbody></table>'
            f'<details><summary aria-label="All values of {esc(name)}">All values</summary>'
            f'<table class="antiplan-explorer-all"><thead><tr><th scope="col"><code>{esc(p.name)}</code></th>'
            f"{head}</tr></thead><tbody>{all_rows}</tbody></table></details>"
            f'<script type="application/json" id="{uid}-data">{data}</script>'
            f"<script>{script}</script></div>"
        )


def explorer(
    scenario: str,
    param: str,
    values: Sequence[Any] | None = None,
    metrics: tuple[str, ...] = ("reported_output", "actual_output", "statistics_gap", "control"),
    seed: int = 0,
    *,
    periods: int = DEFAULT_PERIODS,
    enterprises: int = DEFAULT_ENTERPRISES,
    **fixed: Any,
) -> Explorer:
    """Run ``scenario`` once for each value of ``param`` and return a kernel-free slider over the results.

    Args:
        scenario: a scenario name (``antiplan.SCENARIOS``).
        param: the parameter to sweep (a name in ``antiplan.PARAMETERS``).
        values: the values to run; by default about 11 evenly spaced values across the parameter's
            range (integers for an integer parameter), plus the scenario's own value.
        metrics: the summary metrics to show (names in ``antiplan.METRICS``).
        seed: the random seed, the same for every run.
        periods: number of periods of each run.
        enterprises: number of enterprises of each run.
        **fixed: other parameters held at these values in every run.

    Returns:
        An ``Explorer``; as the last expression of a cell it shows as a slider and a table.

    Raises:
        ValueError: an unknown parameter or metric, ``param`` also given in ``fixed``, a value out
            of range, or no values.
    """
    if param not in BY_NAME:
        raise ValueError(f"unknown parameter {param!r}: known parameters are {', '.join(sorted(BY_NAME))}")
    if param in fixed:
        raise ValueError(f"{param!r} is the parameter being swept: do not also fix it")
    metrics = tuple(metrics)
    unknown = [m for m in metrics if m not in METRICS]
    if unknown or not metrics:
        raise ValueError(f"unknown metrics {unknown}: known metrics are {', '.join(METRICS)}")
    parameter = BY_NAME[param]
    base = resolve_params(scenario, **fixed)[param]
    grid = default_grid(parameter) if values is None else list(values)
    if not grid:
        raise ValueError("values must hold at least one value")
    grid = [parameter.check(v) for v in grid]
    if values is None and base not in grid:
        grid.append(base)
    grid = sorted(dict.fromkeys(grid))
    start = min(range(len(grid)), key=lambda i: abs(float(grid[i]) - float(base)))

    runs = simulate_many(scenario, seeds=[seed], grid={param: grid}, periods=periods, enterprises=enterprises, **fixed)
    table = pd.DataFrame({m: runs.summary[m].to_numpy() for m in metrics}, index=pd.Index(grid, name=param))

    key = json.dumps(
        [
            scenario,
            param,
            [str(v) for v in grid],
            metrics,
            seed,
            periods,
            enterprises,
            sorted((k, str(v)) for k, v in fixed.items()),
        ]
    )
    digest = hashlib.sha1(key.encode()).hexdigest()[:8]
    element_id = f"antiplan-explorer-{digest}-{next(_counter)}"
    return Explorer(scenario, parameter, grid, metrics, table, start, element_id)
