"""The figure functions of chapters 1 to 5: each returns a labelled Figure, quickly."""

import math
import time

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from antiplan.figures import ch01, ch02, ch03, ch04, ch05

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
]
KEY_NUMBERS = [ch01.key_numbers, ch02.key_numbers, ch03.key_numbers, ch04.key_numbers, ch05.key_numbers]
SECONDS = 10.0
"""Most a figure may take to draw; the book runs every figure at every build."""


@pytest.mark.parametrize("make", FIGURES, ids=lambda f: f"{f.__module__.split('.')[-1]}.{f.__name__}")
def test_figure_is_labelled_and_fast(make):
    """A figure function returns a Figure whose visible axes all carry labels, within the time limit."""
    start = time.perf_counter()
    fig = make()
    elapsed = time.perf_counter() - start
    try:
        assert isinstance(fig, Figure), f"{make.__name__} returned {type(fig).__name__}, not a Figure"
        visible = [ax for ax in fig.axes if ax.axison]
        if not visible:  # a diagram: it must say what it shows
            assert any(ax.get_title() for ax in fig.axes), f"{make.__name__}: a diagram needs a title"
        for ax in visible:
            assert ax.get_xlabel(), f"{make.__name__}: an axis has no x label"
            assert ax.get_ylabel(), f"{make.__name__}: an axis has no y label"
            assert ax.has_data(), f"{make.__name__}: an axis has nothing drawn on it"
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
        assert name.startswith(chapter) or name.startswith("ch10"), f"{name} is not prefixed with {chapter}"
        assert math.isfinite(float(value)), f"{name} is not a finite number: {value!r}"


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
