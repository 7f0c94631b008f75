"""Dashboards: move the model's levers and replace its rules, live, in Jupyter.

In a chapter's "Try it" cell::

    from antiplan.widgets import dashboard
    dashboard(3)

In a page read without a kernel (the built book), ``dashboard_picture(3)`` shows the same
dashboard as a labelled picture at the chapter's defaults, with no control that cannot move.

``dashboard(None)`` shows every lever of the whole model. ``Dashboard(chapter=3, report_rule=my_report)``
(or ``rules={"report": my_report}``) checks a student's rule and runs it beside the default one.

Modules: ``controls`` (widgets generated from the parameter table), ``rulecheck`` (checking a
student's rule), ``panels`` (what each plot shows, in plain NumPy), ``views`` (the figure and the
tables), ``live`` (the dashboard: binding them to ``simulate``), ``picture`` (the dashboard as a
picture), ``opening`` (``dashboard``, the entry point), ``inbrowser`` (the live model the built book
runs in the reader's browser, with NumPy only).
"""

from .opening import dashboard

_LAZY = {
    "Dashboard": "live",
    "DashboardPicture": "picture",
    "ParameterControls": "controls",
    "Plots": "views",
    "RuleError": "rulecheck",
    "Run": "views",
    "check_rule": "rulecheck",
    "dashboard_picture": "picture",
    "make_control": "controls",
}
"""Where each name lives: loaded on first use, because ipywidgets and matplotlib take a second to
import, and a notebook being graded calls ``dashboard`` only to be told it is not drawn."""


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Dashboard",
    "DashboardPicture",
    "ParameterControls",
    "Plots",
    "RuleError",
    "Run",
    "check_rule",
    "dashboard",
    "dashboard_picture",
    "make_control",
]
