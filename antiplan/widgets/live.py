"""The dashboard: controls bound to ``antiplan.simulate``, and the views of its results.

The dashboard holds no model logic: it reads the controls, calls ``simulate`` (once for the run,
once more for each overlay), and hands the results to the views.
"""

from __future__ import annotations

import contextlib
import html
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import ipywidgets as widgets

from ..chapters import CHAPTER_TITLES
from ..economy import current_economy, use_economy
from ..engine import ENGINES
from ..parameters import PARAMETERS, check_params
from ..scenarios import DESCRIPTIONS
from ..settings import LIMITS, check_setting
from ..simulate import DEFAULT_ENTERPRISES, DEFAULT_PERIODS, Result, resolve_params, simulate
from .controls import ParameterControls
from .rulecheck import RuleError, RuleSet
from .timelimit import RUN_SECONDS, TimeLimitExceeded, time_limit
from .views import Plots, Run, series_table, summary_table

RULE_SUFFIX = "_rule"


def _split_keywords(kwargs: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Keyword arguments split into rules (``<name>_rule=``) and parameter values."""
    rules, params = {}, {}
    for key, value in kwargs.items():
        if key.endswith(RULE_SUFFIX):
            rules[key[: -len(RULE_SUFFIX)]] = value
        else:
            params[key] = value
    return rules, params


def _code(text: str) -> str:
    """Escape ``text`` for HTML and show its `backquoted` parts as code."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{part}</code>" if k % 2 else part for k, part in enumerate(parts))


class Dashboard:
    """Controls for the model's parameters, bound to a live run, with its plots and numbers.

    Args:
        chapter: 1 to 10 for a chapter's dashboard (that chapter's levers first, earlier chapters'
            in closed groups, later chapters' mechanisms off), or ``None`` for the whole model.
        scenario: the economy to start from; by default ``chNN`` for a chapter, ``command`` otherwise.
        seed, periods, enterprises, engine: as in ``antiplan.simulate``.
        rules: student rules by name, in place of the defaults (``antiplan.DEFAULT_RULES``).
        democratic_overlay: start with the democratic mode drawn over the run.
        **kwargs: ``<name>_rule=function`` for any rule (as ``rules``), or a parameter's starting value.

    A student rule is checked first (signature, the shape of what it returns, finite values); a rule
    that fails is set aside with a message in the dashboard, and the model runs with the default.
    A rule that passes runs beside the default rules, drawn as a second set of lines.

    Example:
        >>> Dashboard(chapter=3, report_rule=my_report)  # doctest: +SKIP
    """

    def __init__(
        self,
        chapter: int | None = None,
        *,
        scenario: str | None = None,
        seed: int | None = None,
        periods: int = DEFAULT_PERIODS,
        enterprises: int = DEFAULT_ENTERPRISES,
        engine: str = "vectorized",
        rules: Mapping[str, Callable] | None = None,
        democratic_overlay: bool = False,
        **kwargs: Any,
    ):
        # The economy the dashboard opens in (an assignment variant's, if any) is the one it runs in.
        self.economy = current_economy()
        seed = self.economy.seed if seed is None else seed
        if chapter is not None and (isinstance(chapter, bool) or chapter not in CHAPTER_TITLES):
            raise ValueError(f"chapter={chapter!r}: allowed is a chapter number from 1 to 10, or None")
        for name, value in {"seed": seed, "periods": periods, "enterprises": enterprises}.items():
            check_setting(name, value)
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}: known engines are {', '.join(ENGINES)}")
        keyword_rules, keyword_params = _split_keywords(kwargs)
        self.chapter = chapter
        self.scenario = scenario or (f"ch{chapter:02d}" if chapter else "command")
        self.defaults = resolve_params(self.scenario)  # with an assignment variant's economy, if any
        start = {**self.defaults, **check_params(keyword_params)}
        self.periods, self.enterprises, self.engine = periods, enterprises, engine
        self.start_seed = seed
        shown = [p for p in PARAMETERS if chapter is None or p.chapter <= chapter]
        self.fixed = {name: value for name, value in start.items() if name not in {p.name for p in shown}}

        self.parameter_controls = ParameterControls(shown, start)
        self.seed = widgets.BoundedIntText(
            value=seed,
            min=LIMITS["seed"][0],
            max=max(seed, 2**31 - 1),
            description="seed",
            tooltip="The random seed: the same seed gives the same run",
            style={"description_width": "130px"},
            layout=widgets.Layout(width="260px"),
        )
        self.seed.add_class("antiplan-seed")
        self.overlay = widgets.Checkbox(
            value=democratic_overlay,
            description="overlay the democratic mode",
            tooltip="Draw the same economy, with the same seed and rules, run in the democratic mode",
            indent=False,
            layout=widgets.Layout(width="340px"),
        )
        self.overlay.add_class("antiplan-overlay")
        self.reset_button = widgets.Button(
            description="Reset to defaults",
            icon="undo",
            tooltip="Set every control back to its default for this dashboard, and the seed to its start",
        )
        self.reset_button.add_class("antiplan-reset")
        self.messages = widgets.HTML()
        self.messages.add_class("antiplan-messages")
        self.status = widgets.HTML()
        self.status.add_class("antiplan-status")
        self.plots = Plots()
        self.summary = widgets.HTML()
        self.summary.add_class("antiplan-numbers")
        self.series = widgets.HTML()
        self.series_box = widgets.Accordion(children=[self.series], titles=("Numbers by quarter (the run)",))
        self.series_box.selected_index = None

        self._rules: dict[str, Callable] = {}
        self.rule_set = RuleSet({}, {})
        self.runs: list[Run] = []
        self.errors: list[str] = []
        self.last_update_seconds = 0.0
        self.updates = 0
        self._held = 0
        self._pending = False

        self.widget = self._layout()
        self.parameter_controls.observe(self._changed)
        self.seed.observe(self._changed, names="value")
        self.overlay.observe(self._changed, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.use_rules({**(rules or {}), **keyword_rules})

    # --- layout ---------------------------------------------------------------------------------

    def _layout(self) -> widgets.Box:
        if self.chapter is None:
            title = "The whole model"
        else:
            title = f"Chapter {self.chapter}: {CHAPTER_TITLES[self.chapter]}"
        about = DESCRIPTIONS.get(self.scenario, self.scenario)
        header = widgets.HTML(
            f"<b style='font-size:1.1em'>{html.escape(title)}</b> "
            f"<span style='color:#555'>scenario <code>{html.escape(self.scenario)}</code>: {html.escape(about)}; "
            f"{self.enterprises} enterprises, {self.periods} quarters.</span>"
        )
        left = widgets.VBox(
            [self.parameter_controls.layout(self.chapter), self.seed, self.overlay, self.reset_button],
            layout=widgets.Layout(width="370px", min_width="370px"),
        )
        right = widgets.VBox(
            [self.messages, self.plots.image, self.status, self.summary, self.series_box],
            layout=widgets.Layout(flex="1 1 600px", min_width="0"),
        )
        body = widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        box = widgets.VBox([header, body])
        box.add_class("antiplan-dashboard")
        return box

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    # --- what the controls say --------------------------------------------------------------------

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        """Parameter name to its control."""
        return self.parameter_controls.controls

    def params(self) -> dict[str, Any]:
        """Every parameter's value for the next run: the controls, and the fixed values of the rest."""
        return {**self.fixed, **self.parameter_controls.values()}

    def _simulate(self, rules: Mapping[str, Callable] | None = None, **changes: Any) -> Result:
        with use_economy(self.economy):
            return simulate(
                self.scenario,
                seed=int(self.seed.value),
                periods=self.periods,
                enterprises=self.enterprises,
                engine=self.engine,
                rules=rules or None,
                **{**self.params(), **changes},
            )

    # --- running --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Change several controls at once with a single update at the end."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._pending:
                self.refresh()

    def _changed(self, _change: dict) -> None:
        self.refresh()

    def _runs(self) -> tuple[list[Run], list[str]]:
        """Run the model for every line the dashboard draws; return the runs and the messages to show."""
        errors = list(self.rule_set.problems.values())
        student = self.rule_set.usable
        runs: list[Run] = []
        rules_used: dict[str, Callable] = {}
        if student:
            names = ", ".join(student)
            try:
                label = f"your rules ({names})" if len(student) <= 2 else f"your {len(student)} rules"
                with time_limit(RUN_SECONDS):
                    runs.append(Run("main", label, self._simulate(student)))
                rules_used = student
            except TimeLimitExceeded:
                errors.append(
                    f"The run with your rules ({names}) was stopped after {RUN_SECONDS:g} seconds (the model's "
                    "own rules take a fraction of a second): look for a loop that never ends. "
                    "The plots show the default rules."
                )
            except RuleError as problem:
                errors.append(f"{problem.message} The plots show the default rules.")
            except Exception as error:  # noqa: BLE001 - a student rule can break the run anywhere
                errors.append(
                    f"The model could not run with your rules ({names}): {type(error).__name__}: {error}. "
                    "The plots show the default rules."
                )
        label = "default rules" if self._student_rules() else "this run"
        runs.append(Run("default" if runs else "main", label, self._simulate()))
        if self.overlay.value:
            try:
                with time_limit(RUN_SECONDS):
                    runs.append(Run("democratic", "democratic mode", self._simulate(rules_used, democratic=True)))
            except TimeLimitExceeded:
                errors.append(f"The democratic mode was stopped after {RUN_SECONDS:g} seconds.")
            except Exception as error:  # noqa: BLE001 - the run itself is still shown
                message = error.message if isinstance(error, RuleError) else f"{type(error).__name__}: {error}"
                errors.append(f"The democratic mode could not run: {message}")
        return runs, errors

    def refresh(self) -> None:
        """Rerun the model with the controls' values and update every view."""
        if self._held:
            self._pending = True
            return
        self._pending = False
        start = time.perf_counter()
        try:
            runs, errors = self._runs()
        except Exception as error:  # noqa: BLE001 - keep the dashboard alive and say what went wrong
            self._show_errors([f"The model could not run at these settings: {type(error).__name__}: {error}"])
            return
        self.runs = runs
        self.plots.update(runs)
        self.summary.value = summary_table(runs)
        self.series.value = series_table(runs[0])
        self._show_errors(errors)
        self.last_update_seconds = time.perf_counter() - start
        self.updates += 1
        count = f"{len(runs)} run{'s' if len(runs) > 1 else ''}"
        self.status.value = (
            f"<span style='color:#555;font-size:0.85em'>seed {self.seed.value}; {count} and plots updated in "
            f"{1000 * self.last_update_seconds:.0f} ms</span>"
        )

    def _show_errors(self, errors: list[str]) -> None:
        self.errors = errors
        if not errors:
            self.messages.value = ""
            return
        heading = "Your rule needs attention" if self._student_rules() else "The model could not run"
        items = "".join(f"<li>{_code(e)}</li>" for e in errors)
        self.messages.value = (
            "<div role='alert' style='border:1px solid #c33;background:#fff3f3;color:#600;padding:4px 10px;"
            f"border-radius:4px;margin-bottom:6px'><b>{heading}</b><ul style='margin:2px 0'>{items}</ul></div>"
        )

    @property
    def results(self) -> dict[str, Result]:
        """The latest results by role: ``main``, and ``default`` or ``democratic`` when shown."""
        return {run.role: run.result for run in self.runs}

    @property
    def result(self) -> Result:
        """The latest result of the run itself."""
        return self.runs[0].result

    # --- actions ----------------------------------------------------------------------------------

    def reset(self) -> None:
        """Set every control back to its default for this dashboard, and the seed to its start."""
        with self.hold():
            shown = {name: self.defaults[name] for name in self.controls}
            self.parameter_controls.set_values(shown)
            self.seed.value = self.start_seed
            self._pending = True

    def set(self, **values: Any) -> None:
        """Set several controls at once (checked against the table), with one update."""
        values = check_params(values)
        unknown = [name for name in values if name not in self.controls]
        if unknown:
            raise ValueError(f"no control for {', '.join(unknown)} in this dashboard")
        with self.hold():
            self.parameter_controls.set_values(values)

    def use_rules(self, rules: Mapping[str, Callable | None]) -> None:
        """Check and use student rules by name; ``None`` for a name goes back to the default rule."""
        current = {n: f for n, f in self._student_rules().items() if n not in rules}
        current.update({n: f for n, f in rules.items() if f is not None})
        self._rules = current
        self.rule_set = RuleSet.check(current)
        self.refresh()

    def use_rule(self, name: str, function: Callable | None) -> None:
        """Check and use one student rule (``None`` goes back to the default rule)."""
        self.use_rules({name: function})

    def _student_rules(self) -> dict[str, Callable]:
        return dict(self._rules)

    def __repr__(self) -> str:
        rules = ", ".join(self._student_rules()) or "default"
        return f"Dashboard(chapter={self.chapter!r}, scenario={self.scenario!r}, rules={rules})"


from .opening import NotDrawn, dashboard  # noqa: E402 - the entry point, kept light in its own module

__all__ = ["Dashboard", "NotDrawn", "dashboard"]
