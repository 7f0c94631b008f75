"""The figure functions of chapters 6 to 10: each returns a labelled Figure, quickly."""

import math
import time

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from antiplan.figures import ch06, ch07, ch08, ch09, ch10

FIGURES = [
    ch06.turnover_run_figure,
    ch06.conditions_figure,
    ch06.decomposition_figure,
    ch06.history_figure,
    ch07.paper_real_figure,
    ch07.coordination_figure,
    ch07.fyp_figure,
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
KEY_NUMBERS = [ch06.key_numbers, ch07.key_numbers, ch08.key_numbers, ch09.key_numbers, ch10.key_numbers]
SECONDS = 10.0
"""Most a figure may take to draw; the book runs every figure at every build."""

FYP_SAMPLE = pd.DataFrame(
    [
        ("pig_iron", "1927/28", "official", 3.3, np.nan, np.nan, "report"),
        ("pig_iron", "1932/33", "optimal variant", 10.0, np.nan, np.nan, "plan"),
        ("pig_iron", "1932/33", "raised target", 17.0, np.nan, np.nan, "plan"),
        ("pig_iron", "1932", "official", 6.2, np.nan, np.nan, "report"),
        ("grain_harvest", "1928", "official", 73.3, np.nan, np.nan, "report"),
        ("grain_harvest", "1933", "official", 89.8, np.nan, np.nan, "report"),
        ("grain_harvest", "1933", "Western estimate", 65.0, 62.4, 67.6, "reconstruction"),
        ("iron_ore", "1932/33", "optimal variant", 19.4, np.nan, np.nan, "plan"),
    ],
    columns=["item", "period", "variant", "value", "low", "high", "kind"],
)
"""A few rows in the schema of ``antiplan.data.load_fyp`` (figures from the course's sources file)."""


def _check_labelled(fig, name):
    assert isinstance(fig, Figure), f"{name} returned {type(fig).__name__}, not a Figure"
    visible = [ax for ax in fig.axes if ax.axison]
    assert visible, f"{name}: the figure has no visible axes"
    for ax in visible:
        assert ax.get_xlabel(), f"{name}: an axis has no x label"
        assert ax.get_ylabel(), f"{name}: an axis has no y label"
        assert ax.has_data(), f"{name}: an axis has nothing drawn on it"


@pytest.mark.parametrize("make", FIGURES, ids=lambda f: f"{f.__module__.split('.')[-1]}.{f.__name__}")
def test_figure_is_labelled_and_fast(make):
    """A figure function returns a Figure whose visible axes all carry labels, within the time limit."""
    start = time.perf_counter()
    fig = make()
    elapsed = time.perf_counter() - start
    try:
        _check_labelled(fig, make.__name__)
        assert elapsed < SECONDS, f"{make.__name__} took {elapsed:.1f} s (limit {SECONDS} s)"
    finally:
        plt.close(fig)


@pytest.mark.parametrize("compute", KEY_NUMBERS, ids=lambda f: f.__module__.split(".")[-1])
def test_key_numbers_are_finite_and_prefixed(compute):
    """The numbers a chapter glues into its prose are finite floats named after the chapter."""
    chapter = compute.__module__.split(".")[-1]
    numbers = compute()
    assert numbers, f"{chapter}.key_numbers returned nothing"
    for name, value in numbers.items():
        assert name.startswith(chapter), f"{name} is not prefixed with {chapter}"
        assert isinstance(value, float), f"{name} is a {type(value).__name__}, not a float"
        assert math.isfinite(value), f"{name} is not a finite number: {value!r}"


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
    assert ratios["report"] > ratios["reconstruction"]


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


def test_democratic_levers_end_with_the_democratic_mode():
    """Chapter 10's levers table starts at the command economy (1) and ends with the democratic mode."""
    table = ch10.levers(seeds=(0,))
    assert table["usable_output"].iloc[0] == pytest.approx(1.0)
    assert table["statistics_gap"].iloc[-1] == pytest.approx(0.0, abs=1e-12)
    assert table["usable_output"].iloc[-1] > 1.0
