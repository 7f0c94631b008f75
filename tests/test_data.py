"""The First Five-Year Plan data: it loads, it is tidy, and every figure names a cited source."""

import re
from pathlib import Path

import pandas as pd
import yaml

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
    """Each row gives a value, or a range (low and high), or a lower or an upper figure."""
    fyp = load_fyp()
    assert (fyp["value"].notna() | fyp["low"].notna() | fyp["high"].notna()).all()
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


UNIDENTIFIED = "unidentified"
WEAK_NOTE = "read only in a weak reproduction"


def _reproductions(cell: str) -> list[str]:
    return [r.strip() for r in cell.split(";")]


def test_every_source_key_is_in_references_bib():
    """Each source_key is a key of book/references.bib, or declared unidentified in the metadata."""
    assert UNIDENTIFIED in load_fyp_metadata()["sources"]
    missing = set(load_fyp()["source_key"]) - _bib_keys() - {UNIDENTIFIED}
    assert not missing, f"source keys not in references.bib: {sorted(missing)}"


def test_every_figure_names_its_source_and_reproduction():
    """No row leaves its original work or the reproduction it was read in empty."""
    fyp = load_fyp()
    for column in ("source_key", "reproduction"):
        empty = fyp[fyp[column].str.strip() == ""]
        assert empty.empty, f"rows without {column}: {empty[['item', 'period', 'variant']].values.tolist()}"
    assert all(r for cell in fyp["reproduction"] for r in _reproductions(cell))


def test_every_reproduction_says_where_and_how_good():
    """Each reproduction has an address, a description and a quality from the declared list."""
    meta = load_fyp_metadata()
    qualities = set(meta["qualities"])
    assert {"original", "weak"} <= qualities
    for rid, entry in meta["reproductions"].items():
        assert str(entry.get("address", "")).strip(), f"{rid} has no address"
        assert str(entry.get("what", "")).strip(), f"{rid} says nothing about what it is"
        assert entry.get("quality") in qualities, f"{rid}: quality {entry.get('quality')!r} not in {sorted(qualities)}"


def test_figures_read_only_in_weak_reproductions_say_so():
    """A figure read only in weak reproductions is at most of medium confidence and its note says so."""
    fyp, meta = load_fyp(), load_fyp_metadata()
    weak = {rid for rid, entry in meta["reproductions"].items() if entry["quality"] == "weak"}
    only_weak = fyp["reproduction"].map(lambda cell: set(_reproductions(cell)) <= weak)
    marked = fyp["note"].str.lower().str.contains(WEAK_NOTE)
    assert only_weak.any() and (only_weak == marked).all(), fyp.loc[only_weak != marked, ["item", "period", "variant"]]
    assert (fyp.loc[only_weak, "conf"] == "med").all()


def test_unidentified_sources_are_weak_reproductions_only():
    """A figure with no traceable original was read in a weak reproduction, and is not of high confidence."""
    fyp = load_fyp()
    rows = fyp[fyp["source_key"] == UNIDENTIFIED]
    assert (rows["conf"] == "med").all()
    assert rows["note"].str.lower().str.contains(WEAK_NOTE).all()


def test_every_row_the_moments_name_is_one_sourced_figure():
    """The calibration's moments point at rows of the table that exist once each, so they carry its sources."""
    fyp = load_fyp()
    moments_file = ROOT / "antiplan" / "data" / "first_five_year_plan_moments.yml"
    moments = yaml.safe_load(moments_file.read_text(encoding="utf-8"))
    keys = set(zip(fyp["item"], fyp["period"], fyp["variant"], strict=True))
    named = [
        (ref[part]["item"], str(ref[part]["period"]), ref[part]["variant"])
        for moment in moments["moments"]
        for ref in moment["readings"]
        for part in ("row", "over")
        if part in ref
    ]
    assert named, "the moments file names no rows"
    missing = [key for key in named if key not in keys]
    assert not missing, f"moments name rows the table does not have: {missing}"


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


def test_plan_targets_name_their_variant():
    """Every plan target of an industrial item names the plan variant it belongs to (electricity included)."""
    fyp = load_fyp()
    industry = ["pig_iron", "steel", "coal", "oil", "iron_ore", "electricity"]
    plans = fyp[(fyp["kind"] == "plan") & fyp["item"].isin(industry)]
    assert set(plans["variant"]) <= {"starting variant", "optimal variant", "raised target"}
    electricity = plans[plans["item"] == "electricity"].set_index("variant")["value"]
    assert electricity["starting variant"] < electricity["optimal variant"]


def test_figures_quoted_in_the_article_are_cited_to_their_authors():
    """A figure Weissman quotes is cited to the work it comes from and read 'quoted in' her article, at its own date."""
    fyp, meta = load_fyp(), load_fyp_metadata()
    assert meta["reproductions"]["ATC14"]["quality"] == "quoted"
    quoted = fyp[fyp["reproduction"].str.split(";").map(lambda ids: "ATC14" in ids)]
    assert not quoted.empty and (quoted["source_key"] != "weissman1988").all()
    serge = fyp[(fyp["item"] == "forced_labor") & fyp["variant"].str.startswith("Serge")]
    assert serge["period"].tolist() == ["1937-1947"]  # note 18 names works of 1937 to 1947 and gives no date
    assert not fyp["variant"].str.contains("Weissman").any()


def test_one_row_per_pre_archival_estimate_of_the_camps():
    """Conquest's late-1938 estimate is one row (prisons and camps), the total the archival counts are set against."""
    fyp = load_fyp()
    labor = fyp[fyp["item"] == "forced_labor"]
    conquest = labor[labor["variant"].str.startswith("Conquest")]
    assert len(conquest) == 1
    row = conquest.iloc[0]
    assert row["value"] == 9 and row["low"] == 8


def test_plan_percentages_in_notes_are_checked_against_the_figures():
    """A note that repeats a printed percentage of the base year says so when the figures do not give it."""
    fyp = load_fyp().set_index(["item", "period", "variant"])
    base = fyp.loc[("electricity", "1927/28", "official"), "value"]
    optimal = fyp.loc[("electricity", "1932/33", "optimal variant")]
    assert round(100 * optimal["value"] / base, 1) == 435.6
    assert "435.6" in optimal["note"]
