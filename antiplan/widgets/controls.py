"""Controls generated from the parameter table: one widget per parameter, grouped by chapter.

Nothing here is written for a particular parameter: the widget type, range, step, default, unit and
meaning all come from ``antiplan.PARAMETERS``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as widgets

from ..chapters import CHAPTER_TITLES
from ..parameters import PARAMETERS, Parameter
from .panels import slider_step

CONTROL_WIDTH = "340px"


def chapter_heading(chapter: int) -> str:
    """A group's heading, such as ``"Chapter 3: Anti-planning"``."""
    title = CHAPTER_TITLES.get(chapter)
    return f"Chapter {chapter}: {title}" if title else f"Chapter {chapter}"


def _readout_format(step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return f".{decimals}f"


def _format_value(parameter: Parameter, value: Any) -> str:
    if parameter.kind == "bool":
        return "on" if value else "off"
    if parameter.kind == "int":
        return str(int(value))
    return f"{value:g}"


def clean_value(parameter: Parameter, value: Any) -> Any:
    """A control's value in the parameter's type, without the float noise a browser's slider adds.

    A slider in the browser sends back 0.06 as 0.06000000000000001; rounded to 12 decimals it is
    the value of the table again.
    """
    if parameter.kind == "bool":
        return bool(value)
    if parameter.kind == "int":
        return int(value)
    return round(float(value), 12)


def make_control(parameter: Parameter, value: Any | None = None) -> widgets.ValueWidget:
    """The widget for one parameter, with the table's range, and ``value`` (default: the table's)."""
    value = parameter.default if value is None else value
    common = {
        "description": parameter.name,
        "tooltip": parameter.meaning,
        "style": {"description_width": "130px"},
        "layout": widgets.Layout(width=CONTROL_WIDTH),
    }
    if parameter.kind == "bool":
        control = widgets.Checkbox(value=bool(value), indent=True, **common)
    elif parameter.kind == "int":
        control = widgets.IntSlider(value=int(value), min=int(parameter.min), max=int(parameter.max), step=1, **common)
    else:
        step = slider_step(parameter)
        control = widgets.FloatSlider(
            value=float(value),
            min=float(parameter.min),
            max=float(parameter.max),
            step=step,
            readout_format=_readout_format(step),
            **common,
        )
    control.add_class("antiplan-control")
    control.add_class(f"antiplan-control-{parameter.name}")
    return control


def describe(parameter: Parameter) -> widgets.HTML:
    """The parameter's meaning, unit and default as a small line of text under its control."""
    text = (
        f"{html.escape(parameter.meaning)}. <i>Unit:</i> {html.escape(parameter.unit)}; "
        f"<i>default</i> {html.escape(_format_value(parameter, parameter.default))}; "
        f"<i>allowed</i> {html.escape(parameter.allowed())}."
    )
    return widgets.HTML(
        f'<div style="font-size:0.85em;line-height:1.25;color:#555;margin:0 0 6px 8px">{text}</div>',
        layout=widgets.Layout(width=CONTROL_WIDTH),
    )


class ParameterControls:
    """A control for each of ``parameters``, with their meaning and unit, grouped by chapter.

    Attributes:
        parameters: the parameters shown, in table order.
        controls: parameter name to its value widget.
        rows: parameter name to the box holding its control and description.
    """

    def __init__(self, parameters: Iterable[Parameter] = PARAMETERS, values: Mapping[str, Any] | None = None):
        values = values or {}
        self.parameters: tuple[Parameter, ...] = tuple(parameters)
        self.controls: dict[str, widgets.ValueWidget] = {}
        self.rows: dict[str, widgets.Box] = {}
        for p in self.parameters:
            control = make_control(p, values.get(p.name))
            self.controls[p.name] = control
            self.rows[p.name] = widgets.VBox([control, describe(p)])

    def values(self) -> dict[str, Any]:
        """Every control's value, by parameter name, in the parameter's type."""
        return {p.name: clean_value(p, self.controls[p.name].value) for p in self.parameters}

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Set the controls named in ``values`` (others are left alone)."""
        for name, value in values.items():
            if name in self.controls:
                self.controls[name].value = value

    def observe(self, callback: Callable[[dict], None]) -> None:
        """Call ``callback(change)`` whenever a control's value changes (not for a rounding echo)."""
        for p in self.parameters:

            def changed(change: dict, p: Parameter = p) -> None:
                if clean_value(p, change["old"]) != clean_value(p, change["new"]):
                    callback(change)

            self.controls[p.name].observe(changed, names="value")

    def chapters(self) -> list[int]:
        """The chapters that have parameters here, in order."""
        return sorted({p.chapter for p in self.parameters})

    def group(self, chapter: int) -> widgets.VBox:
        """The controls of one chapter, in table order."""
        rows = [self.rows[p.name] for p in self.parameters if p.chapter == chapter]
        return widgets.VBox(rows or [widgets.HTML("<i>No lever in this chapter.</i>")])

    def layout(self, chapter: int | None = None) -> widgets.VBox:
        """The controls laid out for a chapter's dashboard, or for the whole model (``None``).

        A chapter's own controls come first and open; earlier chapters' sit below in closed groups.
        For the whole model, every chapter is a group and the first one is open.
        """
        if chapter is None:
            groups = self.chapters()
            accordion = widgets.Accordion(
                children=[self.group(c) for c in groups],
                titles=tuple(chapter_heading(c) for c in groups),
                selected_index=0 if groups else None,
            )
            return widgets.VBox([accordion])
        # The dashboard's header already names the chapter: this group is headed by what it holds.
        own = widgets.VBox([widgets.HTML("<b>This chapter's levers</b>"), self.group(chapter)])
        earlier = [c for c in self.chapters() if c < chapter]
        if not earlier:
            return widgets.VBox([own])
        accordion = widgets.Accordion(
            children=[self.group(c) for c in earlier],
            titles=tuple(chapter_heading(c) for c in earlier),
            selected_index=None,
        )
        return widgets.VBox([own, widgets.HTML("<b>Earlier chapters</b>"), accordion])
