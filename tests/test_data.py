"""The First Five-Year Plan data: it loads, it is tidy, and every figure names a cited source."""

import re
from pathlib import Path

import pandas as pd

from antiplan.data import COLUMNS, FYP_CSV, KINDS, load_fyp, load_fyp_metadata, targets_and_results

ROOT = Path(__file__).resolve().parents[1]


def _bib_keys() -> set[str]:
    text = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, re.M))


def test_loads_with_required_columns():
    """load_fyp returns a DataFrame with the documented columns and numeric values."""
    fyp = load_fyp()
    assert isinstance(fyp, pd.DataFrame)
    assert tuple(fyp.columns) == COLUMNS
    assert len(fyp) > 50
    for column in ("value", "low", "high"):
        assert pd.api.types.is_float_dtype(fyp[column]), column


def test_every_row_has_a_figure_or_a_range():
    """Each row gives a value, or a range (low and high), or a lower figure."""
    fyp = load_fyp()
    assert (fyp["value"].notna() | fyp["low"].notna()).all()
    ranged = fyp.dropna(subset=["low", "high"])
    assert (ranged["low"] <= ranged["high"]).all()


def test_kinds_and_confidence():
    """Kinds are from the fixed list; only high and med figures are used."""
    fyp = load_fyp()
    assert set(fyp["kind"]) <= set(KINDS)
    assert set(fyp["conf"]) <= {"high", "med"}


def test_no_unconfirmed_figures():
    """No row is marked UNCONFIRMED anywhere."""
    assert "unconfirmed" not in FYP_CSV.read_text(encoding="utf-8").lower()


def test_every_source_key_is_in_references_bib():
    """Each source_key is a key of book/references.bib."""
    missing = set(load_fyp()["source_key"]) - _bib_keys()
    assert not missing, f"source keys not in references.bib: {sorted(missing)}"


def test_metadata_names_every_source_and_reproduction():
    """The YAML names each source's original work and each reproduction's address."""
    fyp, meta = load_fyp(), load_fyp_metadata()
    assert set(fyp["source_key"]) <= set(meta["sources"])
    used = {r for cell in fyp["reproduction"] for r in cell.split(";")}
    assert used <= set(meta["reproductions"]), sorted(used - set(meta["reproductions"]))
    assert set(COLUMNS) == set(meta["columns"])


def test_no_duplicate_figures():
    """No two rows give the same item, period and variant."""
    fyp = load_fyp()
    assert not fyp.duplicated(["item", "period", "variant"]).any()


def test_disputed_figures_show_their_range():
    """Famine deaths, forced labor and real wages each have figures from several sources."""
    fyp = load_fyp()
    for item in ("famine_deaths_ussr", "forced_labor", "real_wage"):
        assert fyp.loc[fyp["item"] == item, "variant"].nunique() >= 3, item


def test_targets_and_results_table():
    """Pig iron: the starting and optimal targets and the raised one all exceed the 1932 result."""
    table = targets_and_results()
    iron = table.loc["pig_iron"]
    assert iron["starting"] == 8.0 and iron["optimal"] == 10.0 and iron["raised"] == 17.0
    assert iron["1932 result"] < iron["starting"]
