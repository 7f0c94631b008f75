"""What a dashboard shows: one figure of six panels updated in place, and the numbers behind it.

The figure is a plain matplotlib ``Figure`` drawn by the Agg renderer into an ``ipywidgets.Image``,
so it works in JupyterLab, in the classic notebook and in a static page alike (no ipympl). It is
made once; an update moves each line's data (``set_data``) and redraws only the lines over a saved
background. The axes, ticks and legends are redrawn only when a scale or the set of runs changes,
and scales change only when a curve leaves its axis or shrinks to a small part of it, so the axes
hold still while a slider moves.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator, PercentFormatter
from PIL import Image

from ..metrics import METRICS
from .panels import (  # noqa: F401 - the panels and number formats are part of this module's interface
    GLANCE,
    NICE,
    PANELS,
    PERCENT,
    ROLE_STYLE,
    ROLES,
    Curve,
    Data,
    Panel,
    Run,
    format_metric,
    nice_top,
    statistics_gap,
    sticky_top,
)

LEGEND_BOTTOM = 0.94
ROWS, COLUMNS = 3, 2
"""Figure fraction below which the panels lie; the legend of the runs sits above it."""


class Plots:
    """The dashboard's figure: six panels, one line per curve and run, updated in place.

    Attributes:
        figure: the matplotlib figure (made once).
        image: the ``ipywidgets.Image`` showing it, or ``None`` for a figure made with ``widget=False``.
        lines: ``(panel, curve, role)`` to its ``Line2D``.
        full_draws: how many times the whole figure was drawn (at the start, and when the runs shown change).
        panel_draws: how many times one panel was redrawn because its scale changed.
    """

    def __init__(self, width: float = 6.6, height: float = 7.6, dpi: int = 90, *, widget: bool = True):
        self.figure = Figure(figsize=(width, height), dpi=dpi)
        FigureCanvasAgg(self.figure)
        self.axes = list(self.figure.subplots(ROWS, COLUMNS).flat)
        self.figure.subplots_adjust(left=0.095, right=0.98, top=0.9, bottom=0.065, wspace=0.34, hspace=0.55)
        self.lines: dict[tuple[int, int, str], Line2D] = {}
        self._tops: list[float | None] = [p.top for p in PANELS]
        self._legend_key: tuple | None = None
        self._scales: tuple = ()
        self._background = None
        self._legend = None
        self._cells = self._grid_cells()
        self.full_draws = 0
        self.panel_draws = 0
        for k, (ax, panel) in enumerate(zip(self.axes, PANELS, strict=True)):
            ax.set_title(panel.title, fontsize=9)
            ax.set_xlabel(panel.xlabel, fontsize=8)
            ax.tick_params(labelsize=8)
            ax.grid(True, color="#e5e5e5", linewidth=0.6)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, min_n_ticks=1))
            if panel.percent:
                ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=None))
            for j, curve in enumerate(panel.curves):
                for role in ROLES:
                    (line,) = ax.plot(
                        [],
                        [],
                        color=curve.color,
                        animated=True,
                        marker="o" if panel.markers else None,
                        markersize=3.5,
                        **ROLE_STYLE[role],
                    )
                    self.lines[(k, j, role)] = line
            if len(panel.curves) > 1:
                handles = [Line2D([], [], color=c.color, linewidth=2) for c in panel.curves]
                ax.legend(handles, [c.label for c in panel.curves], fontsize=7, loc="upper left", frameon=False)
        # A picture made for a static page must not create a widget: a kernel records the state of
        # every widget it opens, and a page with widget state loads the widget scripts to draw it.
        self.image: widgets.Image | None = None
        if widget:
            self.image = widgets.Image(
                format="png",
                layout=widgets.Layout(width="100%", max_width=f"{int(width * dpi)}px", height="auto"),
            )  # no tooltip: ipywidgets 8.1's ImageView fails to render an Image that has one
            self.image.add_class("antiplan-plot")

    def _grid_cells(self) -> list[Rectangle]:
        """A blank rectangle over each panel's share of the figure: its axes, ticks, labels and title."""
        boxes = [ax.get_position() for ax in self.axes]
        width, height = self.figure.canvas.get_width_height()
        # Between two columns, the right panel's tick labels reach far to the left; the left panel's
        # reach only a few pixels to the right of its axes.
        cols = [0.0] + [boxes[c].x1 + 12 / width for c in range(COLUMNS - 1)] + [1.0]
        tops = [boxes[r * COLUMNS].y1 for r in range(ROWS)]
        bottoms = [boxes[r * COLUMNS].y0 for r in range(ROWS)]
        rows = [LEGEND_BOTTOM] + [(bottoms[r] + tops[r + 1]) / 2 for r in range(ROWS - 1)] + [0.0]
        cols = [round(x * width) / width for x in cols]  # whole pixels, so no seam is half-painted
        rows = [round(y * height) / height for y in rows]
        cells = []
        for k in range(len(self.axes)):
            row, col = divmod(k, COLUMNS)
            cell = Rectangle(
                (cols[col], rows[row + 1]),
                cols[col + 1] - cols[col],
                rows[row] - rows[row + 1],
                transform=self.figure.transFigure,
                facecolor="white",
                edgecolor="none",
                antialiased=False,
                animated=True,
            )
            self.figure.add_artist(cell)
            cells.append(cell)
        return cells

    def _set_scales(self, data: dict) -> tuple:
        scales = []
        for k, panel in enumerate(PANELS):
            xs = [x for (kk, _, _), (x, _) in data.items() if kk == k and len(x)]
            ys = [y[np.isfinite(y)] for (kk, _, _), (_, y) in data.items() if kk == k]
            high = max((float(y.max()) for y in ys if y.size), default=0.0)
            top = panel.top if panel.top is not None else sticky_top(self._tops[k], high, panel.floor)
            self._tops[k] = top
            left = min((float(x.min()) for x in xs), default=1.0)
            right = max((float(x.max()) for x in xs), default=2.0)
            if panel.markers:  # a point per stage: half a stage of margin, and a right end that holds still
                held = self._scales[k][1] - 0.5 if self._scales else None
                right = held if held is not None and right <= held and right >= held / 2 else right
                left, right = left - 0.5, right + 0.5
            elif right <= left:
                left, right = left - 0.5, right + 0.5
            scales.append((left, right, top))
        return tuple(scales)

    def _set_limits(self, k: int, scale: tuple) -> None:
        left, right, top = scale
        self.axes[k].set_xlim(left, right)
        self.axes[k].set_ylim(0.0, top * 1.02)

    def _redraw_all(self, runs: Sequence[Run], scales: tuple) -> None:
        for k, scale in enumerate(scales):
            self._set_limits(k, scale)
        if self._legend is not None:
            self._legend.remove()
        handles = [Line2D([], [], color="#333333", **ROLE_STYLE[run.role]) for run in runs]
        self._legend = self.figure.legend(
            handles,
            [run.label for run in runs],
            loc="upper center",
            ncol=max(1, len(runs)),
            fontsize=8.5,
            frameon=False,
            bbox_to_anchor=(0.5, 1.0),
        )
        self.figure.canvas.draw()
        self.full_draws += 1

    def _redraw_panels(self, changed: list[int], scales: tuple) -> None:
        # Blank each changed panel's cell of the grid and draw that panel alone over the background.
        self.figure.canvas.restore_region(self._background)
        for k in changed:
            self._set_limits(k, scales[k])
            self.figure.draw_artist(self._cells[k])
            self.figure.draw_artist(self.axes[k])
            self.panel_draws += 1

    def draw(self, runs: Sequence[Run]) -> None:
        """Move every line to ``runs``' data and draw the figure (axes only where a scale changed)."""
        shown = {run.role: run for run in runs}
        data = {}
        for (k, j, role), line in self.lines.items():
            run = shown.get(role)
            line.set_visible(run is not None)
            if run is not None:
                x, y = PANELS[k].curves[j].data(run.result)
                line.set_data(x, y)
                data[(k, j, role)] = (x, y)
        scales = self._set_scales(data)
        legend = tuple((run.role, run.label) for run in runs)
        canvas = self.figure.canvas
        if legend != self._legend_key or self._background is None:
            self._redraw_all(runs, scales)
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            changed = [k for k in range(len(PANELS)) if scales[k] != self._scales[k]]
            if changed:
                self._redraw_panels(changed, scales)
                self._background = canvas.copy_from_bbox(self.figure.bbox)
            else:
                canvas.restore_region(self._background)
        self._legend_key, self._scales = legend, scales
        for line in self.lines.values():
            if line.get_visible():
                line.axes.draw_artist(line)

    def png(self) -> bytes:
        """The figure as drawn, as PNG bytes (fast compression)."""
        canvas = self.figure.canvas
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="png", compress_level=1)
        return out.getvalue()

    def update(self, runs: Sequence[Run]) -> None:
        """Draw ``runs`` and show the result in ``image`` (when the figure has one)."""
        self.draw(runs)
        if self.image is not None:
            self.image.value = self.png()


# --- The numbers behind the plots -------------------------------------------------------------------

_TABLE = 'style="border-collapse:collapse;font-size:0.85em;font-variant-numeric:tabular-nums"'
_CELL = 'style="padding:1px 8px;text-align:right;border-bottom:1px solid #eee"'
_HEAD = 'style="padding:1px 8px;text-align:left;border-bottom:1px solid #eee"'


def summary_table(runs: Sequence[Run]) -> str:
    """The summary metrics of each run, side by side, as an HTML table (meanings on hover)."""
    order = list(GLANCE) + [m for m in METRICS if m not in GLANCE]
    head = "".join(f"<th {_CELL}>{html.escape(run.label)}</th>" for run in runs)
    rows = []
    for name in order:
        cells = "".join(f"<td {_CELL}>{format_metric(name, run.result.summary[name])}</td>" for run in runs)
        label = html.escape(name.replace("_", " "))
        if name in GLANCE:
            label = f"<b>{label}</b>"
        meaning = html.escape(METRICS[name], quote=True)
        rows.append(f'<tr><td {_HEAD} title="{meaning}">{label}</td>{cells}</tr>')
    return (
        f'<table class="antiplan-summary" {_TABLE}><thead><tr><th {_HEAD}>metric (hover for its meaning)</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


SERIES_COLUMNS = (
    ("target", "target", "{:.3f}"),
    ("reported_output", "reported", "{:.3f}"),
    ("actual_output", "actual", "{:.3f}"),
    ("usable_output", "usable", "{:.3f}"),
    ("control", "control", "{:.2f}"),
    ("paper_output", "paper output", "{:.3f}"),
    ("turnover", "turnover", "{:.1%}"),
    ("strikes", "strikes", "{:.1%}"),
)


def series_table(run: Run) -> str:
    """One run's per-quarter series (the data behind the line plots) as an HTML table."""
    s = run.result.series
    columns = [(c, label, fmt) for c, label, fmt in SERIES_COLUMNS if c in s.columns]
    _, gap = statistics_gap(run.result)
    last_stage = run.result.stages.iloc[:, -1].to_numpy()
    head = "".join(f"<th {_CELL}>{label}</th>" for _, label, _ in columns)
    head += f"<th {_CELL}>statistics gap</th><th {_CELL}>defects, last stage</th>"
    values = {c: s[c].to_numpy() for c, _, _ in columns}
    rows = []
    for i, period in enumerate(s.index):
        cells = "".join(f"<td {_CELL}>{fmt.format(values[c][i])}</td>" for c, _, fmt in columns)
        cells += f"<td {_CELL}>{gap[i]:.1%}</td><td {_CELL}>{last_stage[i]:.1%}</td>"
        rows.append(f"<tr><td {_HEAD}>{period}</td>{cells}</tr>")
    return (
        f'<table class="antiplan-series" {_TABLE}><thead><tr><th {_HEAD}>quarter</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
