"""The book's figure functions: each returns a labelled Figure; the helpers behind them compute what they say."""

import math
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from antiplan.figures import ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08, ch09, ch10

FIGURES = [
    ch01.cast_figure,
    ch01.run_figure,
    ch01.chapters_figure,
    ch02.ratchet_figure,
    ch02.drift_figure,
    ch02.weitzman_figure,
    ch03.padding_figure,
    ch03.fulfillment_figure,
    ch03.audit_figure,
    ch03.paradox_figure,
    ch04.farm_figure,
    ch04.tradeoff_figure,
    ch04.procurement_figure,
    ch05.defect_rule_figure,
    ch05.tempo_figure,
    ch05.cascade_figure,
    ch05.wear_figure,
    ch06.turnover_run_figure,
    ch06.conditions_figure,
    ch06.decomposition_figure,
    ch06.history_figure,
    ch07.paper_real_figure,
    ch07.coordination_figure,
    ch07.fyp_figure,
    ch07.calibration_figure,
    ch08.records_run_figure,
    ch08.bonus_figure,
    ch09.penalty_figure,
    ch09.hunger_figure,
    ch09.terror_run_figure,
    ch09.ranges_figure,
    ch10.side_by_side_figure,
    ch10.metrics_figure,
    ch10.levers_figure,
    ch10.conditions_figure,
]
CHAPTERS = [ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08, ch09, ch10]

FYP_SAMPLE = pd.DataFrame(
    [
        ("pig_iron", "1927/28", "official", 3.3, np.nan, np.nan, "report"),
        ("pig_iron", "1932/33", "optimal variant", 10.0, np.nan, np.nan, "plan"),
        ("pig_iron", "1932/33", "raised target", 17.0, np.nan, np.nan, "plan"),
        ("pig_iron", "1932", "official", 6.2, np.nan, np.nan, "report"),
        ("grain_harvest", "1928", "official", 73.3, np.nan, np.nan, "report"),
        ("grain_harvest", "1933", "official", 89.8, np.nan, np.nan, "report"),
        ("grain_harvest", "1933", "Western low estimate", 65.0, 62.4, 67.6, "reconstruction"),
        ("iron_ore", "1932/33", "optimal variant", 19.4, np.nan, np.nan, "plan"),
    ],
    columns=["item", "period", "variant", "value", "low", "high", "kind"],
)
"""A few rows in the schema of ``antiplan.data.load_fyp`` (figures from the course's sources file)."""


def _check_labelled(fig, name):
    assert isinstance(fig, Figure), f"{name} returned {type(fig).__name__}, not a Figure"
    visible = [ax for ax in fig.axes if ax.axison]
    if not visible:  # a diagram: it must say what it shows
        assert any(ax.get_title() for ax in fig.axes), f"{name}: a diagram needs a title"
    for ax in visible:
        assert ax.get_xlabel(), f"{name}: an axis has no x label"
        assert ax.get_ylabel(), f"{name}: an axis has no y label"
        assert ax.has_data(), f"{name}: an axis has nothing drawn on it"


@pytest.mark.parametrize("make", FIGURES, ids=lambda f: f"{f.__module__.split('.')[-1]}.{f.__name__}")
def test_figure_is_labelled(make):
    """A figure function returns a Figure whose visible axes all carry labels and data."""
    fig = make()
    try:
        _check_labelled(fig, make.__name__)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda m: m.__name__.split(".")[-1])
def test_key_numbers_are_finite_and_prefixed(chapter):
    """The numbers a chapter glues into its prose are finite numbers named after the chapter."""
    name = chapter.__name__.split(".")[-1]
    numbers = chapter.key_numbers()
    assert numbers, f"{name}.key_numbers returned nothing"
    for key, value in numbers.items():
        assert key.startswith(name) or key.startswith("ch10"), f"{key} is not prefixed with {name}"
        assert math.isfinite(float(value)), f"{key} is not a finite number: {value!r}"


def test_sweep_indexes_by_the_parameter():
    """``sweep`` returns one row per value, indexed by the parameter, with the metrics asked for."""
    table = ch01.sweep("ch02", "tempo", [0.0, 0.05], ("target", "control"))
    assert list(table.index) == [0.0, 0.05]
    assert table.index.name == "tempo"
    assert list(table.columns) == ["target", "control"]


def test_honest_manager_keeps_less_slack_than_a_cautious_one():
    """Under the ratchet rule a manager who reports all spare capacity ends with less slack."""
    honest, potential = ch02.one_enterprise(1.0)
    cautious, _ = ch02.one_enterprise(0.0)
    assert (potential[-1] / honest[-1]) < (potential[-1] / cautious[-1])


def test_fyp_ratios_use_the_earliest_report_as_base():
    """Every figure is a multiple of the item's earliest report; items without one are skipped."""
    table = ch07.fyp_ratios(FYP_SAMPLE)
    assert "iron_ore" not in set(table["item"])
    pig = table[table["item"] == "pig_iron"].set_index("variant")["ratio"]
    assert pig["optimal variant"] == pytest.approx(10.0 / 3.3)
    assert pig["official"] == pytest.approx(6.2 / 3.3)
    grain = table[(table["item"] == "grain_harvest") & (table["kind"] == "reconstruction")].iloc[0]
    assert grain["ratio_low"] == pytest.approx(62.4 / 73.3)
    assert grain["ratio_high"] == pytest.approx(67.6 / 73.3)


def test_fyp_figure_draws_sample_data_and_the_model_row():
    """The First Five-Year Plan figure accepts data in the loader's schema and adds the model's row."""
    fig = ch07.fyp_figure(FYP_SAMPLE)
    try:
        _check_labelled(fig, "fyp_figure")
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert labels[:2] == ["pig iron", "grain harvest"]
        assert labels[-1].startswith("model")
    finally:
        plt.close(fig)


def test_model_ratios_order_plan_paper_usable():
    """In the first-five-year-plan scenario the model's plan is above its paper output, above usable output."""
    ratios = ch07.model_ratios()
    assert ratios["plan"] > ratios["report"] > ratios["reconstruction"]


def test_terror_breaks_strikes_and_not_withheld_effort():
    """Chapter 9's sweep: a harsher penalty lowers strikes and leaves withheld effort unchanged."""
    table = ch09.penalty_sweep(values=(0.0, 5.0), seeds=(0,))
    assert table["strikes"].iloc[-1] < table["strikes"].iloc[0]
    assert table["withheld"].iloc[-1] == pytest.approx(table["withheld"].iloc[0])
    assert table["statistics_gap"].iloc[-1] > table["statistics_gap"].iloc[0]


def test_historical_ranges_come_from_the_data_file():
    """The forced-labor and famine tables name a source for every row."""
    tables = ch09.historical_ranges()
    for name, table in tables.items():
        assert len(table) > 0, f"no {name} rows in the data file"
        assert table["source_key"].str.len().gt(0).all(), f"a {name} row has no source"


def test_forced_labor_rows_near_the_archival_counts_come_first():
    """Fig. 9.1 sets beside the counts of 1 January 1939 only figures for late 1938 to 1941, the rest below a line."""
    labor = ch09.historical_ranges()["forced_labor"]
    near = labor["near_1939"].tolist()
    assert near == sorted(near, reverse=True) and any(near) and not all(near)
    assert (labor.loc[labor["kind"] == "archive", "near_1939"]).all()
    later = labor.loc[~labor["near_1939"], "label"]
    assert later.str.contains("Serge").any() and later.str.contains("1952").any()


def test_democratic_levers_end_with_the_democratic_mode():
    """Chapter 10's levers table starts at the command economy (1) and ends with the democratic mode."""
    table = ch10.levers(seeds=(0,))
    assert table["usable_output"].iloc[0] == pytest.approx(1.0)
    assert table["statistics_gap"].iloc[-1] == pytest.approx(0.0, abs=1e-12)
    assert table["usable_output"].iloc[-1] > 1.0


def test_mechanisms_table_shows_every_meaning_whole_under_named_headers():
    """Chapter 1's table of levers: every meaning whole (not cut at 50 characters), a header per column."""
    import antiplan

    page = ch01.mechanisms_table().to_html()
    for parameter in antiplan.PARAMETERS:
        assert parameter.meaning in page.replace("&#x27;", "'"), parameter.name
    headers = [h.strip() for h in re.findall(r"<th[^>]*>([^<]*)</th>", page)]
    assert headers == ["chapter", "parameter", "meaning", "default", "off"]
