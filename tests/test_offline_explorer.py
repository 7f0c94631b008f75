"""The kernel-free explorer: one precomputed row per value, the same numbers as simulate, clear errors."""

import json
import re

import pytest

import antiplan
from antiplan.figures.offline import default_grid, explorer


def _data(page: str, element_id: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}-data">(.*?)</script>', page, re.S)
    assert match, "the page carries its precomputed data"
    return json.loads(match.group(1).replace("<\\/", "</"))


def test_one_row_per_value_in_html():
    """The HTML holds one precomputed row (in the data and in the static table) per grid value."""
    shown = explorer("ch03", "audit", metrics=("statistics_gap", "control"))
    page = shown._repr_html_()
    assert isinstance(page, str)
    assert len(shown.values) == 11
    assert page.count("<tr data-value=") == len(shown.values)
    data = _data(page, shown.element_id)
    assert len(data["rows"]) == len(shown.values) == len(data["labels"])
    assert all(len(row) == 2 for row in data["rows"])


def test_values_match_simulate():
    """Each precomputed row equals the summary of a direct run with that value."""
    shown = explorer("ch03", "penalty", values=[0.0, 1.5, 5.0], metrics=("statistics_gap", "control"), seed=3)
    for value in (0.0, 1.5, 5.0):
        run = antiplan.simulate("ch03", seed=3, penalty=value)
        for metric in ("statistics_gap", "control"):
            assert shown.table.loc[value, metric] == pytest.approx(run.summary[metric], rel=1e-12, abs=1e-15)


def test_fixed_parameters_are_held():
    """Parameters passed as keywords are held fixed in every run."""
    shown = explorer("command", "tempo", values=[0.02, 0.1], metrics=("control",), audit=0.5)
    run = antiplan.simulate("command", tempo=0.1, audit=0.5)
    assert shown.table.loc[0.1, "control"] == pytest.approx(run.summary["control"])


def test_page_shows_default_row_without_js():
    """Without JavaScript the slider starts at the scenario's value and its row is written out."""
    shown = explorer("ch03", "audit", metrics=("statistics_gap",))
    default = antiplan.BY_NAME["audit"].default
    assert shown.values[shown.start] == pytest.approx(default)
    page = shown.to_html()
    assert f'value="{shown.start}"' in page
    gap = shown.table.iloc[shown.start]["statistics_gap"]
    assert f">{gap:.3g}</td>" in page


def test_label_has_name_unit_and_no_remote_script():
    """The label names the parameter and its unit; the page loads nothing from elsewhere."""
    page = explorer("ch03", "audit", metrics=("control",)).to_html()
    assert 'type="range"' in page
    assert "audit" in page and antiplan.BY_NAME["audit"].unit in page
    assert "src=" not in page and "http" not in page


def test_ids_are_unique_per_call():
    """Two identical calls give two different element ids."""
    first = explorer("ch03", "audit", values=[0.0, 1.0], metrics=("control",))
    second = explorer("ch03", "audit", values=[0.0, 1.0], metrics=("control",))
    assert first.element_id != second.element_id
    assert first.element_id in first.to_html()


def test_default_grids():
    """Default grids span the range: ~11 floats, distinct integers, both switch positions."""
    tempo = default_grid(antiplan.BY_NAME["tempo"])
    assert len(tempo) == 11 and tempo[0] == 0.0 and tempo[-1] == pytest.approx(0.15)
    depth = default_grid(antiplan.BY_NAME["chain_depth"])
    assert depth == list(range(1, 11)) and all(isinstance(x, int) for x in depth)
    assert default_grid(antiplan.BY_NAME["democratic"]) == [False, True]


def test_int_parameter_includes_scenario_value():
    """An integer parameter's grid holds integers and the scenario's own value."""
    shown = explorer("command", "build_periods", metrics=("paper_growth",))
    assert all(isinstance(v, int) for v in shown.values)
    assert shown.values[shown.start] == antiplan.BY_NAME["build_periods"].default


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"param": "no_such_lever"}, "unknown parameter"),
        ({"param": "audit", "metrics": ("no_such_metric",)}, "unknown metrics"),
        ({"param": "audit", "values": [2.0]}, "out of range"),
        ({"param": "audit", "values": []}, "at least one"),
        ({"param": "audit", "audit": 0.5}, "being swept"),
    ],
)
def test_bad_arguments_raise_value_error(kwargs, message):
    """Bad names and values raise ValueError with a message that says what is wrong."""
    with pytest.raises(ValueError, match=message):
        explorer("ch03", **kwargs)


def test_colors_come_from_the_stylesheet_and_the_current_row_is_marked():
    """No inline colors (the book's stylesheet gives light and dark ones); the scenario's row is marked
    current, and the "All values" toggle is named after the parameter."""
    shown = explorer("ch03", "audit", metrics=("control",))
    page = shown.to_html()
    assert not re.search(r"(?<![-\w])(color|background)\s*:", page), "no inline colors"
    current = re.findall(r'<tr data-value="([^"]+)" class="antiplan-explorer-current" aria-current="true">', page)
    assert current == [page.split(f'id="{shown.element_id}-value" for="{shown.element_id}-range">')[1].split("<")[0]]
    assert '<summary aria-label="All values of audit (' in page
