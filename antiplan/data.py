"""Historical figures for the First Five-Year Plan, to set beside the model's runs.

``load_fyp()`` returns the table in ``antiplan/data/first_five_year_plan.csv``: one figure per row,
with the plan variant or author it belongs to, its kind (``plan``, ``report``, ``reconstruction``,
``archive``, ``estimate``), the original work it comes from (``source_key``, a key of the book's
``references.bib``), where it was read (``reproduction``) and how sure we are of it (``conf``).
``load_fyp_metadata()`` returns ``first_five_year_plan.yml``: what each column means, each source's
original work and each reproduction's address.

Where sources disagree, as on famine deaths, forced labor and real wages, each source's figure is
its own row: select by ``item`` and compare the ``variant`` column.

Example:
    >>> from antiplan.data import load_fyp
    >>> fyp = load_fyp()
    >>> fyp.query("item == 'pig_iron'")[["period", "variant", "value", "kind"]]  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import yaml

DATA = Path(__file__).resolve().parent / "data"
FYP_CSV = DATA / "first_five_year_plan.csv"
FYP_YML = DATA / "first_five_year_plan.yml"

COLUMNS = (
    "item",
    "period",
    "variant",
    "value",
    "low",
    "high",
    "unit",
    "kind",
    "source_key",
    "reproduction",
    "conf",
    "note",
)
"""The columns of the table, in order."""
KINDS = ("plan", "report", "reconstruction", "archive", "estimate")
"""The allowed values of ``kind``."""


def load_fyp() -> pd.DataFrame:
    """The First Five-Year Plan figures: one row per figure.

    Returns:
        A DataFrame with the columns in ``COLUMNS``: ``value``, ``low`` and ``high`` are floats
        (NaN where not given); the other columns are strings (``note`` is empty where there is none).
    """
    text_columns = [c for c in COLUMNS if c not in ("value", "low", "high")]
    table = pd.read_csv(
        FYP_CSV,
        dtype={c: str for c in text_columns},
        keep_default_na=False,
        na_values={"value": [""], "low": [""], "high": [""]},
    )
    for column in ("value", "low", "high"):
        table[column] = pd.to_numeric(table[column]).astype(float)
    return table[list(COLUMNS)]


def load_fyp_metadata() -> dict[str, Any]:
    """The table's metadata: column meanings, each source's original work and each reproduction's address."""
    with FYP_YML.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


INDUSTRY = ("pig_iron", "steel", "coal", "oil", "iron_ore", "electricity")
"""Industrial items with both plan targets and results."""


def targets_and_results(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The First Five-Year Plan's industrial targets beside the outcomes, one row per item.

    Columns: the unit, the level at the start (1927/28, or 1928), the starting, optimal and raised
    targets for 1932/33, the single target where the variant is not stated, and the official result
    for 1932. A cell is NaN where no confirmed figure is in the table.
    """
    fyp = load_fyp() if table is None else table
    rows = fyp[fyp["item"].isin(INDUSTRY)]

    def column(row: pd.Series) -> str:
        if row["kind"] == "plan":
            return row["variant"].removesuffix(" variant").removesuffix(" target")
        return "1932 result" if row["period"] == "1932" else "start (1927/28)"

    wide = rows.assign(column=rows.apply(column, axis=1)).pivot_table(
        index="item", columns="column", values="value", aggfunc="first", sort=False
    )
    order = ["start (1927/28)", "starting", "optimal", "raised", "target", "1932 result"]
    wide = wide.rename(columns={"target": "target (variant not stated)"})
    order[order.index("target")] = "target (variant not stated)"
    wide = wide.reindex(columns=[c for c in order if c in wide.columns]).reindex(INDUSTRY)
    units = rows.groupby("item")["unit"].first()
    wide.insert(0, "unit", units.reindex(INDUSTRY))
    wide.columns.name = None
    return wide
