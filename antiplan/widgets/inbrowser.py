"""The live model in the reader's browser: what the built book's "Run it live" runs, in Pyodide.

A chapter page of the built book loads Python (Pyodide), NumPy and this package from the book's
own files when the reader asks for it, and then calls ``LiveModel`` for every move of a control.
It needs nothing but NumPy: no widgets, no matplotlib, no pandas. The page's script draws the
panels of ``antiplan.widgets.panels`` from the numbers returned here, so the live plots show the
same curves, on the same axis tops, as the Jupyter dashboard.

A reader's rule goes through the same checks as in the dashboard (``rulecheck``): a rule that fails
them gets the same plain message and the model runs with its default rules; a rule that passes is
drawn beside the default. The book's build writes ``chapter_levers`` for every chapter as JSON, so
the page can draw its controls before Python has loaded.
"""

from __future__ import annotations

import ast
import inspect
import json
import math
import sys
import textwrap
import time
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..chapters import CHAPTER_RULES, CHAPTER_TITLES
from ..economy import current_economy
from ..metrics import METRICS
from ..parameters import PARAMETERS, Parameter, check_params
from ..rules import DEFAULT_RULES, numeric
from ..scenarios import DESCRIPTIONS
from ..simulate import DEFAULT_ENTERPRISES, DEFAULT_PERIODS, Result, resolve_params, simulate
from .panels import GLANCE, PANELS, Run, format_metric, slider_step, sticky_top
from .rulecheck import RuleError, RuleSet
from .timelimit import RUN_SECONDS, TimeLimitExceeded, time_limit

RULE_NAMESPACE: dict[str, Any] = {
    "np": np,
    **{name: getattr(numeric, name) for name in ("positive", "clip", "exp", "where")},
}
"""What a reader's rule can use without importing it: NumPy as ``np`` and the helpers the model's own
rules use (``antiplan.rules.numeric``); ``rule_namespace`` adds the names of the rule's own module."""


def rule_namespace(name: str) -> dict[str, Any]:
    """What the reader's code for the rule ``name`` runs with: ``RULE_NAMESPACE`` and the public names
    of the module the model's rule is in (its constants and helpers), so that its code runs as it is."""
    module = sys.modules[DEFAULT_RULES[name].__module__]
    own = {k: v for k, v in vars(module).items() if not k.startswith("_") and k != name}
    return {**own, **RULE_NAMESPACE}


def rule_starter(name: str) -> str:
    """The model's rule ``name`` as a reader starts from: its ``def`` line and body, without decorator
    or docstring, so that the code runs as typed."""
    source = textwrap.dedent(inspect.getsource(DEFAULT_RULES[name]))
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    lines = source.splitlines()
    body = function.body
    first = body[0]
    documented = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and len(body) > 1
    # The signature runs from the ``def`` line to the line before the body (or its docstring).
    head = lines[function.lineno - 1 : first.lineno - 1] or [lines[function.lineno - 1]]
    code = body[1:] if documented else body
    return "\n".join([*head, *lines[code[0].lineno - 1 : function.end_lineno]]) + "\n"


def _lever(parameter: Parameter, value: Any) -> dict[str, Any]:
    lever = {
        "name": parameter.name,
        "meaning": parameter.meaning,
        "unit": parameter.unit,
        "kind": parameter.kind,
        "chapter": parameter.chapter,
        "min": parameter.min,
        "max": parameter.max,
        "value": value,
    }
    if parameter.kind == "float":
        lever["step"] = slider_step(parameter)
    elif parameter.kind == "int":
        lever["step"] = 1
    return lever


def chapter_levers(chapter: int) -> dict[str, Any]:
    """What the page needs to draw a chapter's live controls before Python loads, as plain JSON data.

    The chapter's levers first and earlier chapters' after them (as ``dashboard(chapter)`` shows
    them), each with its range, step and starting value from ``antiplan.PARAMETERS`` and the
    chapter's scenario; the rule a reader may replace, its arguments and starting code; the seed;
    and the panels (titles, curves, colors) the plots draw.
    """
    if isinstance(chapter, bool) or chapter not in CHAPTER_TITLES:
        raise ValueError(f"chapter={chapter!r}: allowed is a chapter number from 1 to 10")
    scenario = f"ch{chapter:02d}"
    values = resolve_params(scenario)
    shown = sorted((p for p in PARAMETERS if p.chapter <= chapter), key=lambda p: (p.chapter != chapter, -p.chapter))
    rule = CHAPTER_RULES[chapter]
    function = DEFAULT_RULES[rule]
    return {
        "chapter": chapter,
        "title": CHAPTER_TITLES[chapter],
        "scenario": scenario,
        "about": DESCRIPTIONS.get(scenario, scenario),
        "seed": current_economy().seed,
        "periods": DEFAULT_PERIODS,
        "enterprises": DEFAULT_ENTERPRISES,
        "levers": [_lever(p, values[p.name]) for p in shown],
        "rule": {
            "name": rule,
            "arguments": list(inspect.signature(function).parameters),
            "meaning": (inspect.getdoc(function) or "").split("\n\n")[0].replace("\n", " "),
            "starter": rule_starter(rule),
            "helpers": sorted(RULE_NAMESPACE),
        },
        "panels": [
            {
                "title": panel.title,
                "xlabel": panel.xlabel,
                "percent": panel.percent,
                "markers": panel.markers,
                "curves": [{"label": c.label, "color": c.color} for c in panel.curves],
            }
            for panel in PANELS
        ],
    }


def _finite(values: Any) -> list[float | None]:
    """Numbers for JSON: a value that is not finite becomes ``None`` (JSON has no NaN)."""
    return [float(v) if math.isfinite(v) else None for v in np.asarray(values, dtype=float).ravel()]


def _number(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def read_rule(name: str, source: str) -> Any:
    """The function ``name`` defined by the reader's ``source``; raise ``RuleError`` in plain words if
    the code cannot be read or run, or defines no such function."""
    try:
        code = compile(source, f"<your rule {name}>", "exec")
    except SyntaxError as error:
        where = f" (line {error.lineno})" if error.lineno else ""
        raise RuleError(name, f"Your rule `{name}` cannot be read: {error.msg}{where}.") from None
    namespace = rule_namespace(name)
    try:
        exec(code, namespace)  # noqa: S102 - the reader's own code, run in the reader's own browser
    except Exception as error:  # noqa: BLE001 - any error in the reader's code becomes a message
        raise RuleError(name, f"Your rule `{name}` stopped with an error as it was defined: {error}.") from None
    if name not in namespace:
        given = rule_namespace(name)
        defined = [k for k, v in namespace.items() if callable(v) and k not in given]
        also = f" (it defines {', '.join(defined)})" if defined else ""
        raise RuleError(name, f"Your code defines no function called `{name}`{also}: start it with `def {name}(`.")
    return namespace[name]


class LiveModel:
    """One chapter's economy, run again for each move of the page's controls.

    Args:
        chapter: 1 to 10; the economy is the chapter's scenario, as ``dashboard(chapter)`` opens it.
    """

    def __init__(self, chapter: int):
        if isinstance(chapter, bool) or chapter not in CHAPTER_TITLES:
            raise ValueError(f"chapter={chapter!r}: allowed is a chapter number from 1 to 10")
        self.chapter = chapter
        self.scenario = f"ch{chapter:02d}"
        self.rule_name = CHAPTER_RULES[chapter]
        self.rule_set = RuleSet({}, {})
        self.tops: list[float | None] = [p.top for p in PANELS]
        self.economy = current_economy()

    def set_rule(self, source: str | None) -> str | None:
        """Check the reader's rule (Python source defining the chapter's rule); ``None`` or blank source
        goes back to the default. Returns the plain message for a rule that cannot be used, else ``None``."""
        if source is None or not source.strip():
            self.rule_set = RuleSet({}, {})
            return None
        try:
            function = read_rule(self.rule_name, source)
        except RuleError as problem:
            self.rule_set = RuleSet({}, {self.rule_name: problem.message})
            return problem.message
        self.rule_set = RuleSet.check({self.rule_name: function})
        return self.rule_set.problems.get(self.rule_name)

    def _simulate(self, values: Mapping[str, Any], seed: int, rules: Mapping[str, Any] | None = None) -> Result:
        return simulate(self.scenario, seed=seed, rules=rules or None, **values)

    def runs(self, values: Mapping[str, Any], seed: int) -> tuple[list[Run], list[str]]:
        """The runs to draw at ``values`` (parameter name to value) and ``seed``, and the messages to
        show, as the Jupyter dashboard makes them: the reader's rule and the default beside it, or the
        default alone, with the rule's problem in plain words."""
        errors = list(self.rule_set.problems.values())
        student = self.rule_set.usable
        runs: list[Run] = []
        if student:
            try:
                with time_limit(RUN_SECONDS):
                    runs.append(Run("main", f"your rule ({self.rule_name})", self._simulate(values, seed, student)))
            except TimeLimitExceeded:
                errors.append(
                    f"The run with your rule ({self.rule_name}) was stopped after {RUN_SECONDS:g} seconds: look "
                    "for a loop that never ends. The plots show the default rules."
                )
            except RuleError as problem:
                errors.append(f"{problem.message} The plots show the default rules.")
            except Exception as error:  # noqa: BLE001 - a reader's rule can break the run anywhere
                errors.append(
                    f"The model could not run with your rule ({self.rule_name}): {type(error).__name__}: {error}. "
                    "The plots show the default rules."
                )
        label = "default rules" if student else "this run"
        runs.append(Run("default" if runs else "main", label, self._simulate(values, seed)))
        return runs, errors

    def _scales(self, runs: list[Run]) -> list[dict[str, Any]]:
        scales = []
        for k, panel in enumerate(PANELS):
            highs = []
            for run in runs:
                for curve in panel.curves:
                    _, y = curve.data(run.result)
                    y = np.asarray(y, dtype=float)
                    if np.isfinite(y).any():
                        highs.append(float(y[np.isfinite(y)].max()))
            top = panel.top if panel.top is not None else sticky_top(self.tops[k], max(highs, default=0.0), panel.floor)
            self.tops[k] = top
            scales.append({"top": top})
        return scales

    def run(self, values: Mapping[str, Any], seed: int | None = None) -> dict[str, Any]:
        """Run the chapter's economy at ``values`` (the page's controls) and ``seed``; return what the
        page draws: each run's curves and summary, the panels' axis tops, the messages, and the main
        run's every series (``columns``, ``stage_columns``) as plain numbers."""
        start = time.perf_counter()
        seed = self.economy.seed if seed is None else int(seed)
        checked = check_params(dict(values))
        runs, errors = self.runs(checked, seed)
        shown = [*GLANCE, *(m for m in METRICS if m not in GLANCE)]
        main = runs[0].result
        return {
            "chapter": self.chapter,
            "seed": seed,
            "params": {k: (v if isinstance(v, (bool, int)) else float(v)) for k, v in checked.items()},
            "messages": errors,
            "runs": [
                {
                    "role": run.role,
                    "label": run.label,
                    "panels": [
                        [[_finite(part) for part in curve.data(run.result)] for curve in panel.curves]
                        for panel in PANELS
                    ],
                    "summary": {m: _number(run.result.summary[m]) for m in shown},
                }
                for run in runs
            ],
            "scales": self._scales(runs),
            "table": [
                {
                    "name": m,
                    "meaning": METRICS[m],
                    "glance": m in GLANCE,
                    "values": [format_metric(m, run.result.summary[m]) for run in runs],
                }
                for m in shown
            ],
            "columns": {k: _finite(v) for k, v in main.columns.items()},
            "stage_columns": {k: _finite(v) for k, v in main.stage_columns.items()},
            "seconds": time.perf_counter() - start,
        }

    def run_json(self, values_json: str, seed: int | None = None) -> str:
        """``run`` with the values as JSON text, and the answer as JSON text (what the page exchanges)."""
        return json.dumps(self.run(json.loads(values_json), seed), allow_nan=False)


def all_levers() -> dict[str, Any]:
    """``chapter_levers`` of every chapter, by chapter number as text: the JSON the book's build writes."""
    return {str(chapter): chapter_levers(chapter) for chapter in CHAPTER_TITLES}


__all__ = ["LiveModel", "RULE_NAMESPACE", "all_levers", "chapter_levers", "read_rule", "rule_namespace", "rule_starter"]
