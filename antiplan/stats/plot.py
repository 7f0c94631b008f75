"""A small chart of one question part's score distribution: how many students earned each score.

Drawn with matplotlib's figure objects (no pyplot, no window, nothing global changed) into an SVG
image, so the report needs no script and no network to show it. Each chart has a text description
of the same numbers, for readers who cannot see it.
"""

from __future__ import annotations

import base64
import io

BAR = "#1f4e79"  # dark blue: 8.9:1 against white, and against the axes' black
WIDTH, HEIGHT = 3.4, 1.9  # inches: small enough for a row of charts on a laptop


def _points(value: float) -> str:
    return f"{value:g} point" + ("" if value == 1 else "s")


def describe(question: str, part: str, points: float, distribution: list[dict]) -> str:
    """The chart in words: ``"q3, autograded (3 points): 8 students earned 0 points, ..."``."""
    if not distribution:
        return f"{question}, {part} ({_points(points)}): no student graded yet."
    counts = ", ".join(
        f"{d['students']} student{'' if d['students'] == 1 else 's'} earned {_points(d['points'])}"
        for d in distribution
    )
    return f"Bar chart of {question}, {part} ({_points(points)}): {counts}."


def svg(points: float, distribution: list[dict]) -> str:
    """The chart of ``distribution`` (``{"points", "students"}`` items) as SVG text."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    # Text stays text (smaller, and searchable); a fixed salt and no date make the file repeatable.
    settings = {"svg.fonttype": "none", "svg.hashsalt": "antiplan-stats", "font.size": 8}
    with rc_context(settings):
        figure = Figure(figsize=(WIDTH, HEIGHT))
        axes = figure.add_subplot()
        xs = [d["points"] for d in distribution]
        ys = [d["students"] for d in distribution]
        width = max(points, 1.0) / 12
        axes.bar(xs, ys, width=width, color=BAR)
        axes.set_xlim(-width, max(points, max(xs, default=0.0)) + width)
        axes.set_xlabel("points earned")
        axes.set_ylabel("students")
        axes.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 5, 10]))
        axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout(pad=0.3)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def data_url(text: str) -> str:
    """``text`` (an SVG image) as a ``data:`` address an ``<img>`` can show, inline in the page."""
    return "data:image/svg+xml;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
