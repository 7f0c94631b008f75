"""Dashboards: move the model's levers and replace its rules, live, in Jupyter.

In a chapter's "Try it" cell::

    from antiplan.widgets import dashboard
    dashboard(3)

In a page read without a kernel (the built book), ``dashboard_picture(3)`` shows the same
dashboard as a labelled picture at the chapter's defaults, with no control that cannot move.

``dashboard(None)`` shows every lever of the whole model. ``Dashboard(chapter=3, report_rule=my_report)``
(or ``rules={"report": my_report}``) checks a student's rule and runs it beside the default one.

Modules: ``controls`` (widgets generated from the parameter table), ``rulecheck`` (checking a
student's rule), ``views`` (the figure and the tables), ``dashboard`` (binding them to ``simulate``),
``picture`` (the dashboard as a picture).
"""

from .controls import ParameterControls, make_control
from .dashboard import Dashboard, dashboard
from .picture import DashboardPicture, dashboard_picture
from .rulecheck import RuleError, check_rule
from .views import Plots, Run

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
