"""A chapter's dashboard as a labelled picture, for pages read without a running kernel.

In a static page (the built book, its PDF) a live dashboard would show sliders that drag while
nothing they drive can move. ``dashboard_picture(3)`` draws the dashboard's six panels for the
chapter's economy at its defaults, as ``dashboard(3)`` opens, and says in its caption that it is
a picture, which levers the live dashboard has, and how to open it in Jupyter. It creates no
widget, so the page carries no widget state and loads no widget script.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field

import numpy as np

from ..chapters import CHAPTER_TITLES
from ..economy import current_economy
from ..parameters import PARAMETERS, Parameter
from ..simulate import DEFAULT_ENTERPRISES, DEFAULT_PERIODS, Result, resolve_params, simulate
from .views import PANELS, Plots, Run, format_metric

SUMMARY = ("statistics_gap", "control", "defect_share", "paper_growth", "real_growth", "turnover")
"""The summary metrics the picture's description gives, one for each panel the figure draws."""

WHEN_ON = {3: "defect_share", 5: "turnover"}
"""Panels (by position in ``PANELS``) that stay flat until a later chapter's mechanism switches on,
and the summary metric that tells whether it has."""


def _value(parameter: Parameter, value) -> str:
    if parameter.kind == "bool":
        return "on" if value else "off"
    if parameter.kind == "int":
        return str(int(value))
    return f"{float(value):g}"


def _first_chapter_with(metric: str, after: int) -> int | None:
    """The first chapter after ``after`` whose economy, at its defaults, has ``metric`` above zero."""
    for chapter in range(after + 1, max(CHAPTER_TITLES) + 1):
        if simulate(f"ch{chapter:02d}").summary[metric] > 0:
            return chapter
    return None


@dataclass
class DashboardPicture:
    """The picture of a chapter's dashboard at its defaults, with its caption and description.

    Attributes:
        chapter: the chapter (1 to 10).
        scenario: the economy drawn (``chNN``).
        result: the run the panels show.
        png: the figure as PNG bytes.
        levers: the chapter's own parameters with the values the picture uses.
        flat: the titles of panels that stay flat here, with the chapter that switches them on.
    """

    chapter: int
    scenario: str
    result: Result = field(repr=False)
    png: bytes = field(repr=False)
    levers: list[tuple[Parameter, object]]
    flat: list[tuple[str, int | None]]
    size: tuple[int, int]

    @property
    def alt(self) -> str:
        """The picture's text alternative: what it shows, and the run's summary numbers."""
        s = self.result.summary
        numbers = ", ".join(f"{m.replace('_', ' ')} {format_metric(m, s[m])}" for m in SUMMARY)
        titles = "; ".join(p.title for p in PANELS)
        return (
            f"The chapter {self.chapter} dashboard's six charts over {self.result.periods} quarters "
            f"of the {self.scenario} economy at its defaults ({titles}). Summary of this run: {numbers}."
        )

    def caption(self) -> str:
        """The caption, as HTML: a picture, its settings, the live dashboard's levers, how to open it."""
        esc = html.escape

        def lever(p: Parameter, v: object) -> str:
            if p.kind == "bool":
                return f"<code>{esc(p.name)}</code> (a switch, {esc(_value(p, v))} here)"
            span = f"{esc(_value(p, p.min))} to {esc(_value(p, p.max))}"
            return f"<code>{esc(p.name)}</code> ({span}, {esc(_value(p, v))} here)"

        levers = ", ".join(lever(p, v) for p, v in self.levers)
        flat = "".join(
            f" The panel “{esc(title)}” is flat: that mechanism is off in this economy"
            + (f" (chapter {later} switches it on)." if later else ".")
            for title, later in self.flat
        )
        noun, below = ("lever", "it") if len(self.levers) == 1 else ("levers", "them")
        earlier = f" Earlier chapters' levers sit below {below}." if self.chapter > 1 else ""
        return (
            f"<strong>A picture of the chapter {self.chapter} dashboard</strong>, not a control: it shows the "
            f"<code>{esc(self.scenario)}</code> economy at its defaults ({self.result.enterprises} enterprises, "
            f"{self.result.periods} quarters, seed {self.result.seed}). In Jupyter the live dashboard has controls "
            f"for this chapter's {noun}: {levers}.{earlier}{flat} To move them, open this chapter as a notebook "
            '(<a href="preface.html#running-the-notebooks">“Running the notebooks”</a> in the preface says how) '
            "and run "
            f"<code>from antiplan.widgets import dashboard; dashboard({self.chapter})</code>."
        )

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        width, height = self.size
        return (
            f'<figure class="antiplan-dashboard-picture" style="margin:1em 0">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" '
            f'width="{width}" height="{height}" style="max-width:100%;height:auto">'
            f'<figcaption style="text-align:left">{self.caption()}</figcaption></figure>'
        )

    def __repr__(self) -> str:
        return f"<picture of the chapter {self.chapter} dashboard: {self.scenario} at its defaults>"


def dashboard_picture(
    chapter: int, *, periods: int = DEFAULT_PERIODS, enterprises: int = DEFAULT_ENTERPRISES
) -> DashboardPicture:
    """The dashboard of ``chapter`` (1 to 10) drawn as a picture at the chapter's defaults.

    The run is the one ``dashboard(chapter)`` opens with: the chapter's scenario, the current
    economy's seed (0 unless an assignment variant sets one), ``periods`` quarters (1 to 400) and
    ``enterprises`` enterprises (1 to 5000).

    Returns:
        A ``DashboardPicture``; as the last line of a cell it shows as an image with a caption.

    Raises:
        ValueError: ``chapter`` is not a chapter number from 1 to 10.
    """
    if isinstance(chapter, bool) or chapter not in CHAPTER_TITLES:
        raise ValueError(f"chapter={chapter!r}: allowed is a chapter number from 1 to 10")
    scenario = f"ch{chapter:02d}"
    params = resolve_params(scenario)
    result = simulate(scenario, seed=current_economy().seed, periods=periods, enterprises=enterprises)
    plots = Plots(widget=False)
    plots.update([Run("main", "this run", result)])
    flat = []
    for k, metric in WHEN_ON.items():
        x, y = PANELS[k].curves[0].data(result)
        if not np.any(np.asarray(y, dtype=float)):
            flat.append((PANELS[k].title, _first_chapter_with(metric, chapter)))
    width, height = plots.figure.canvas.get_width_height()
    return DashboardPicture(
        chapter=chapter,
        scenario=scenario,
        result=result,
        png=plots.png(),
        levers=[(p, params[p.name]) for p in PARAMETERS if p.chapter == chapter],
        flat=flat,
        size=(width, height),
    )


__all__ = ["DashboardPicture", "dashboard_picture"]
