"""The dashboards, headless: controls from the table, reruns, reset, student rules, the democratic overlay."""

import ipywidgets as widgets
import numpy as np
import pandas as pd
import pytest

import antiplan
from antiplan.scenarios import DEMOCRATIC_MODE
from antiplan.widgets import Dashboard, dashboard
from antiplan.widgets.views import PANELS, format_metric, nice_top, sticky_top

SMALL = {"periods": 12, "enterprises": 60}


def model_run(dash, **changes):
    """What the model itself says for the dashboard's current settings."""
    params = {**dash.params(), **changes}
    return antiplan.simulate(
        dash.scenario, seed=dash.seed.value, periods=dash.periods, enterprises=dash.enterprises, **params
    )


def other_value(parameter, value):
    """A value in the parameter's range that differs from ``value``."""
    if parameter.kind == "bool":
        return not value
    if parameter.kind == "int":
        return int(parameter.max) if value != parameter.max else int(parameter.min)
    return parameter.max if value < (parameter.min + parameter.max) / 2 else parameter.min


def honest_report(actual, target, padding, caught):
    """Managers report the truth."""
    return actual


# --- controls come from the table -------------------------------------------------------------------


def test_every_parameter_has_a_control_with_the_tables_range_and_default():
    dash = Dashboard(**SMALL)
    assert set(dash.controls) == {p.name for p in antiplan.PARAMETERS}
    kinds = {"float": widgets.FloatSlider, "int": widgets.IntSlider, "bool": widgets.Checkbox}
    for p in antiplan.PARAMETERS:
        control = dash.controls[p.name]
        assert isinstance(control, kinds[p.kind]), p.name
        assert control.value == p.default, p.name
        if p.kind != "bool":
            assert (control.min, control.max) == (p.min, p.max), p.name
            assert control.step == 1 if p.kind == "int" else control.step <= (p.max - p.min) / 50, p.name


def test_each_control_shows_its_meaning_and_unit():
    dash = Dashboard(**SMALL)
    for p in antiplan.PARAMETERS:
        row = dash.parameter_controls.rows[p.name]
        text = " ".join(getattr(child, "value", "") for child in row.children if isinstance(child, widgets.HTML))
        assert p.meaning.split(";")[0][:30] in text.replace("&#x27;", "'"), p.name
        assert p.unit in text, p.name
        assert row.children[0].description == p.name


def test_a_chapter_dashboard_shows_its_levers_first_and_earlier_ones_closed():
    dash = Dashboard(3, **SMALL)
    assert set(dash.controls) == {p.name for p in antiplan.PARAMETERS if p.chapter <= 3}
    assert dash.scenario == "ch03"
    controls_box = dash.widget.children[1].children[0].children[0]
    own, _, earlier = controls_box.children
    own_names = [row.children[0].description for row in own.children[1].children]
    assert own_names == [p.name for p in antiplan.PARAMETERS if p.chapter == 3]
    assert isinstance(earlier, widgets.Accordion) and earlier.selected_index is None
    assert len(earlier.children) == 2
    # later chapters' mechanisms stay at their "off" values
    assert dash.params()["collectivization"] == antiplan.BY_NAME["collectivization"].off


def test_dashboard_function_opens_a_chapters_dashboard_that_displays_itself():
    dash = dashboard(3, **SMALL)
    assert isinstance(dash, Dashboard) and dash.chapter == 3
    bundle = dash._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    with pytest.raises(ValueError, match="chapter"):
        dashboard(11)


def test_starting_values_are_checked_against_the_table():
    dash = Dashboard(3, penalty=4.0, **SMALL)
    assert dash.controls["penalty"].value == 4.0
    assert dash.result.params["penalty"] == 4.0
    with pytest.raises(ValueError, match="out of range"):
        Dashboard(3, penalty=50.0)
    with pytest.raises(ValueError, match="unknown parameter"):
        Dashboard(3, tempoo=0.1)


# --- moving a control reruns the model -------------------------------------------------------------


def test_every_control_reruns_the_model_with_its_value():
    dash = Dashboard(**SMALL)
    for p in antiplan.PARAMETERS:
        control = dash.controls[p.name]
        new = other_value(p, control.value)
        control.value = new
        assert dash.result.params[p.name] == new, p.name
        pd.testing.assert_frame_equal(dash.result.series, model_run(dash).series)
        control.value = p.default


def test_a_control_changes_the_output_as_the_model_says():
    dash = Dashboard(3, **SMALL)
    dash.controls["penalty"].value = 0.0
    honest_gap = dash.result.summary["statistics_gap"]
    assert honest_gap == pytest.approx(0.0, abs=1e-12)
    dash.controls["penalty"].value = 5.0
    assert dash.result.summary["statistics_gap"] > 0.01
    assert dash.result.summary == model_run(dash).summary


def test_the_plots_and_numbers_show_the_new_run():
    dash = Dashboard(3, **SMALL)
    figure, lines = dash.plots.figure, dict(dash.plots.lines)
    image = dash.plots.image.value
    dash.controls["tempo"].value = 0.12
    series = dash.result.series
    assert dash.plots.figure is figure and dash.plots.lines == lines  # updated in place, not re-created
    reported = dash.plots.lines[(0, 1, "main")]
    np.testing.assert_allclose(reported.get_ydata(), series["reported_output"])
    assert bytes(dash.plots.image.value) != bytes(image)
    assert bytes(dash.plots.image.value).startswith(b"\x89PNG")
    gap = format_metric("statistics_gap", dash.result.summary["statistics_gap"])
    assert gap in dash.summary.value
    assert dash.series.value.count("<tr>") == SMALL["periods"] + 1
    assert f"{series['target'].iloc[-1]:.3f}" in dash.series.value


def test_the_seed_control_reruns_the_model():
    dash = Dashboard(3, **SMALL)
    first = dash.result.series
    dash.seed.value = 7
    assert dash.result.seed == 7
    assert not dash.result.series.equals(first)
    pd.testing.assert_frame_equal(dash.result.series, model_run(dash).series)


def test_axes_hold_still_for_small_moves_and_redraw_only_the_panel_that_needs_it():
    dash = Dashboard(3, **SMALL)
    full = dash.plots.full_draws
    dash.controls["audit"].value = 0.12
    dash.controls["audit"].value = 0.14
    assert dash.plots.full_draws == full
    # a picture built by redrawing panels is the same as one drawn from scratch
    dash.controls["penalty"].value = 0.0
    dash.controls["penalty"].value = 5.0
    patched = dash.plots.png()
    dash.plots._background = None
    dash.plots.draw(dash.runs)
    assert dash.plots.png() == patched


def test_axis_tops_are_round_and_sticky():
    assert nice_top(0.031) == pytest.approx(0.04)
    assert nice_top(2.6) == pytest.approx(3.0)
    assert sticky_top(3.0, 2.0, 1.0) == 3.0  # still fits: hold
    assert sticky_top(3.0, 3.2, 1.0) > 3.2  # out of the axis: grow
    assert sticky_top(3.0, 0.3, 0.05) < 1.0  # shrunk to a tenth: shrink
    assert len(PANELS) == 6


def test_reset_restores_the_defaults_with_one_rerun():
    dash = Dashboard(3, seed=2, **SMALL)
    default = dash.result.series
    dash.set(penalty=5.0, audit=0.9, tempo=0.15)
    dash.seed.value = 9
    before = dash.updates
    dash.reset_button.click()
    assert dash.updates == before + 1
    for p in antiplan.PARAMETERS:
        if p.chapter <= 3:
            assert dash.controls[p.name].value == p.default, p.name
    assert dash.seed.value == 2
    pd.testing.assert_frame_equal(dash.result.series, default)


# --- the democratic overlay ----------------------------------------------------------------------


def test_the_democratic_overlay_runs_the_same_economy_in_the_democratic_mode():
    dash = Dashboard(**SMALL)
    assert [run.role for run in dash.runs] == ["main"]
    dash.overlay.value = True
    assert [run.role for run in dash.runs] == ["main", "democratic"]
    democratic = dash.results["democratic"]
    assert democratic.params == {**dash.result.params, "democratic": True, **DEMOCRATIC_MODE}  # what it used
    pd.testing.assert_frame_equal(democratic.series, model_run(dash, democratic=True).series)
    assert democratic.summary["statistics_gap"] == pytest.approx(0.0, abs=1e-12)  # honest reports
    assert dash.plots.lines[(0, 1, "democratic")].get_visible()
    assert "democratic mode" in dash.summary.value
    dash.controls["tempo"].value = 0.1
    assert dash.results["democratic"].params["tempo"] == 0.1  # follows the controls
    dash.overlay.value = False
    assert [run.role for run in dash.runs] == ["main"]
    assert not dash.plots.lines[(0, 1, "democratic")].get_visible()


# --- student rules ---------------------------------------------------------------------------------


def test_a_student_rule_runs_beside_the_default():
    dash = Dashboard(3, report_rule=honest_report, **SMALL)
    assert dash.errors == []
    assert [run.role for run in dash.runs] == ["main", "default"]
    mine = antiplan.simulate("ch03", rules={"report": honest_report}, **SMALL)
    pd.testing.assert_frame_equal(dash.result.series, mine.series)
    pd.testing.assert_frame_equal(dash.results["default"].series, antiplan.simulate("ch03", **SMALL).series)
    assert dash.result.summary["statistics_gap"] == pytest.approx(0.0, abs=1e-12)
    assert dash.plots.lines[(0, 1, "default")].get_visible()
    same = Dashboard(3, rules={"report": honest_report}, **SMALL)
    pd.testing.assert_frame_equal(same.result.series, dash.result.series)


def test_every_rule_can_be_given_by_keyword():
    keywords = {f"{name}_rule": function for name, function in antiplan.DEFAULT_RULES.items()}
    dash = Dashboard(**keywords, **SMALL)
    assert dash.errors == []
    assert set(dash.rule_set.usable) == set(antiplan.DEFAULT_RULES)
    assert [run.role for run in dash.runs] == ["main", "default"]
    pd.testing.assert_frame_equal(dash.result.series, dash.results["default"].series)


def wrong_arity(actual, target):
    return actual


def not_a_number(actual, target, padding, caught):
    return actual * np.nan


def raises(actual, target, padding, caught):
    return actual + undefined_name  # noqa: F821 - the student's mistake


def one_number(actual, target, padding, caught):
    return float(np.mean(actual))


def no_return(actual, target, padding, caught):
    actual + padding


def python_if(actual, target, padding, caught):
    if caught:
        return actual
    return actual + padding * max(target - actual, 0)


BROKEN = [
    (wrong_arity, "takes 4 arguments"),
    (not_a_number, "NaN"),
    (raises, "NameError"),
    (one_number, "a single number"),
    (no_return, "forget `return`"),
    (python_if, "np.where"),
]


@pytest.mark.parametrize(("rule", "words"), BROKEN, ids=[r.__name__ for r, _ in BROKEN])
def test_a_broken_student_rule_shows_a_plain_error_and_the_dashboard_still_works(rule, words):
    dash = Dashboard(3, report_rule=rule, **SMALL)
    assert len(dash.errors) == 1 and words in dash.errors[0]
    assert "`report`" in dash.errors[0]
    assert "Traceback" not in dash.messages.value and words.split("`")[0] in dash.messages.value
    assert [run.role for run in dash.runs] == ["main"]  # the default rules carry on
    dash.controls["penalty"].value = 4.0
    assert dash.result.params["penalty"] == 4.0
    pd.testing.assert_frame_equal(dash.result.series, model_run(dash).series)
    assert dash.errors  # the message stays until the rule is fixed
    dash.use_rule("report", honest_report)
    assert dash.errors == [] and dash.messages.value == ""
    assert [run.role for run in dash.runs] == ["main", "default"]


def test_a_rule_that_fails_only_at_some_settings_is_reported_when_it_does():
    def fragile(actual, target, padding, caught):
        return np.where(padding > 0.7, np.inf, actual)

    dash = Dashboard(3, report_rule=fragile, **SMALL)
    assert dash.errors == [] and dash.runs[0].role == "main"
    dash.set(penalty=5.0, audit=0.0)  # padding share 5/6
    assert len(dash.errors) == 1 and "infinite" in dash.errors[0]
    assert [run.role for run in dash.runs] == ["main"]
    pd.testing.assert_frame_equal(dash.result.series, model_run(dash).series)
    dash.set(penalty=0.5)
    assert dash.errors == [] and [run.role for run in dash.runs] == ["main", "default"]


def test_a_rule_that_never_returns_is_stopped_with_a_message(monkeypatch):
    import antiplan.widgets.rulecheck as rulecheck

    monkeypatch.setattr(rulecheck, "RULE_SECONDS", 0.5)

    def endless(actual, target, padding, caught):
        while True:
            try:
                actual = actual + 0
            except Exception:  # noqa: BLE001, S110 - a student's blanket except does not swallow the limit
                pass

    dash = Dashboard(3, report_rule=endless, **SMALL)
    assert len(dash.errors) == 1 and "stopped after 0.5 seconds" in dash.errors[0] and "loop" in dash.errors[0]
    assert [run.role for run in dash.runs] == ["main"]
    pd.testing.assert_frame_equal(dash.result.series, model_run(dash).series)


def test_a_rule_that_loops_only_at_some_settings_stops_the_run_not_the_kernel(monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules["antiplan.widgets.live"], "RUN_SECONDS", 1.0)

    def stalls(actual, target, padding, caught):
        while np.max(padding) > 0.7:
            pass
        return actual

    dash = Dashboard(3, report_rule=stalls, **SMALL)
    assert dash.errors == []
    dash.set(penalty=5.0, audit=0.0)  # padding share 5/6
    assert len(dash.errors) == 1 and "stopped after 1 seconds" in dash.errors[0]
    assert [run.role for run in dash.runs] == ["main"]
    dash.set(penalty=0.5)
    assert dash.errors == [] and [run.role for run in dash.runs] == ["main", "default"]


def test_an_unknown_rule_or_a_wrong_tuple_is_explained():
    dash = Dashboard(3, reprot_rule=honest_report, **SMALL)
    assert "Did you mean `report`?" in dash.errors[0]
    dash = Dashboard(3, rules={"construction": lambda u, i, s, b, c: u}, **SMALL)
    assert "must return 3 values" in dash.errors[0]
    dash = Dashboard(3, rules={"report": "actual"}, **SMALL)
    assert "must be a function" in dash.errors[0]


def test_a_dashboard_embeds_in_a_static_page_with_its_figure(tmp_path):
    from ipywidgets.embed import dependency_state, embed_minimal_html

    dash = Dashboard(3, **SMALL)
    page = tmp_path / "dashboard.html"
    embed_minimal_html(page, views=[dash.widget], title="chapter 3", state=dependency_state([dash.widget]))
    text = page.read_text()
    assert "ImageModel" in text and "antiplan-plot" in text and "statistics gap" in text


def test_a_browsers_rounding_echo_does_not_rerun_the_model():
    dash = Dashboard(3, **SMALL)
    before = dash.updates
    dash.controls["tempo"].value = 0.06000000000000001  # what a slider sends back for 0.06
    assert dash.updates == before
    assert dash.params()["tempo"] == 0.06


def test_a_dashboard_is_not_drawn_while_the_notebook_is_graded(monkeypatch):
    """nbgrader (and ``antiplan grade``) set NBGRADER_EXECUTION: nobody sees the widget, so none is made."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    shown = dashboard(7)
    assert repr(shown) == "dashboard(7) is not drawn while the notebook is graded."
    assert not isinstance(shown, (Dashboard, widgets.Widget))
