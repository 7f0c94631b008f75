"""Sources as a reader checks them: every citation resolves, and every figure says where it was read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from antiplan.data import FYP_CSV, load_fyp, load_fyp_metadata

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
DATA = ROOT / "antiplan" / "data"
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
ENTRY = re.compile(r"^@(\w+)\{([^,\s]+),(.*?)^\}", re.M | re.S)
KEY = re.compile(r"[a-z]+[0-9]{4}[a-z]*")


def bib_entries() -> dict[str, str]:
    """Each entry of book/references.bib, by key, as its raw text."""
    text = (BOOK / "references.bib").read_text(encoding="utf-8")
    return {key: body for _kind, key, body in ENTRY.findall(text)}


def citations(path: Path) -> list[str]:
    """Every key a file cites with a ``{cite}`` role, pre- and post-notes (``{p. 12}``) removed."""
    keys = []
    for body in CITE_ROLE.findall(path.read_text(encoding="utf-8")):
        keys.extend(k.strip() for k in re.sub(r"\{[^}]*\}", "", body).split(","))
    return keys


def cited_files() -> list[Path]:
    """The book's pages and any package module that writes a citation into a page."""
    modules = [p for p in (ROOT / "antiplan").rglob("*.py") if "{cite" in p.read_text(encoding="utf-8")]
    return sorted(BOOK.glob("*.md")) + modules


def test_every_citation_key_is_well_formed_and_in_references_bib():
    """Each key cited anywhere in the book (or by a module that writes into it) is an entry of the bibliography."""
    known = bib_entries()
    problems = {}
    for path in cited_files():
        bad = sorted({k for k in citations(path) if not KEY.fullmatch(k) or k not in known})
        if bad:
            problems[str(path.relative_to(ROOT))] = bad
    assert not problems, f"citations that do not resolve in book/references.bib: {problems}"


def test_every_bibliography_entry_names_its_author_title_and_year():
    """A reader can find each work: every entry has an author (or editor), a title and a year."""
    missing = {}
    for key, body in bib_entries().items():
        fields = set(re.findall(r"^\s*(\w+)\s*=", body, re.M))
        lacking = [f for f in ("title", "year") if f not in fields]
        if not fields & {"author", "editor"}:
            lacking.append("author or editor")
        if lacking:
            missing[key] = lacking
    assert not missing, f"entries missing fields: {missing}"


@pytest.mark.parametrize("table", sorted(DATA.glob("*.csv")), ids=lambda p: p.name)
def test_every_figure_names_its_source_and_the_reproduction_it_was_read_in(table):
    """Each row of a data table names an original work of the bibliography and where the figure was read."""
    assert table == FYP_CSV, f"{table.name} has no loader or metadata: describe it like {FYP_CSV.name}"
    fyp, meta = load_fyp(), load_fyp_metadata()
    known = bib_entries()
    for index, row in fyp.iterrows():
        where = f"row {index + 2} ({row['item']}, {row['period']}, {row['variant']})"
        # "unidentified": no original work could be traced; the metadata says so and the book marks it.
        if row["source_key"] != "unidentified":
            assert row["source_key"] in known, f"{where}: source {row['source_key']!r} is not in references.bib"
        assert str(meta["sources"].get(row["source_key"], "")).strip(), f"{where}: source not described"
        read_in = [r.strip() for r in row["reproduction"].split(";")]
        assert read_in and all(read_in), f"{where}: no reproduction named"
        for rid in read_in:
            reproduction = meta["reproductions"].get(rid)
            assert reproduction, f"{where}: reproduction {rid!r} is not in the metadata"
            assert str(reproduction.get("address", "")).strip(), f"{where}: {rid} has no address"
            assert str(reproduction.get("what", "")).strip(), f"{where}: {rid} does not say what it is"


def test_every_reproduction_and_source_described_is_used():
    """The metadata describes no reproduction or source that no figure was read in (no stale entries)."""
    fyp, meta = load_fyp(), load_fyp_metadata()
    used = {r.strip() for cell in fyp["reproduction"] for r in cell.split(";")}
    assert set(meta["reproductions"]) <= used, sorted(set(meta["reproductions"]) - used)
    assert set(meta["sources"]) <= set(fyp["source_key"]), sorted(set(meta["sources"]) - set(fyp["source_key"]))


def test_every_calibration_moment_reads_figures_that_exist():
    """Each moment is computed from rows of the data file, so its figures carry a source and a reproduction."""
    fyp = load_fyp()
    moments = yaml.safe_load((DATA / "first_five_year_plan_moments.yml").read_text(encoding="utf-8"))["moments"]
    for moment in moments:
        for reading in moment.get("readings", []):
            for part in ("row", "over"):
                if part not in reading:
                    continue
                select = reading[part]
                match = fyp
                for column, value in select.items():
                    match = match[match[column] == str(value)]
                assert len(match) == 1, f"{moment['name']}: {part} {select} matches {len(match)} rows"


def test_every_figure_read_only_in_weak_copies_is_listed_with_what_would_settle_it():
    """The data page lists, in its section on weak copies, every item that has a row read only in weak reproductions."""
    fyp, meta = load_fyp(), load_fyp_metadata()
    weak = {rid for rid, entry in meta["reproductions"].items() if entry["quality"] == "weak"}
    only_weak = fyp["reproduction"].map(lambda cell: {r.strip() for r in cell.split(";")} <= weak)
    page = (BOOK / "data-and-sources.md").read_text(encoding="utf-8")
    section = page.split("## Figures still read only in weak copies", 1)[1].split("\n## ", 1)[0]
    first_cells = re.findall(r"^\|([^|]*)\|", section, re.M)
    listed = {name for cell in first_cells for name in re.findall(r"`([a-z_]+)`", cell)}
    missing = sorted(set(fyp.loc[only_weak, "item"]) - listed)
    assert not missing, f"items read only in weak copies but not listed on the data page: {missing}"


def test_the_ivanovo_strike_is_dated_both_ways_wherever_a_year_is_given():
    """A page or module that dates the Ivanovo strike gives the article's 1931 and the standard study's 1932."""
    dated = re.compile(r"Ivanovo.{0,400}1931|1931.{0,400}Ivanovo", re.S)
    for path in sorted(BOOK.glob("*.md")) + sorted((ROOT / "antiplan").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if dated.search(text):
            assert "1932" in text, f"{path.relative_to(ROOT)} dates the Ivanovo strike to 1931 only"
