"""The book: it builds strictly, loads nothing from other sites, and every citation resolves.

The slow tests build the book once per session, in a copy of the repository (so a build in the
working tree is not disturbed), reusing the execution cache of ``_build/.jupyter_cache`` when there
is one. The other tests read the sources only.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from browser_support import CHROMIUM, CHROMIUM_FLAGS, require_chromium

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
CHAPTERS = [BOOK / f"ch{n:02d}.md" for n in range(1, 11)]
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
WARNING = re.compile(r"\b(WARNING|ERROR|CRITICAL)\b")


def bib_keys() -> set[str]:
    """Every key of book/references.bib."""
    return set(re.findall(r"^@\w+\{([^,\s]+),", (BOOK / "references.bib").read_text(encoding="utf-8"), re.M))


def cited_keys(path: Path) -> set[str]:
    """Every bibliography key a page cites with a ``{cite}`` role (pre- and post-notes removed)."""
    keys = set()
    for body in CITE_ROLE.findall(path.read_text(encoding="utf-8")):
        body = re.sub(r"\{[^}]*\}", "", body)
        keys.update(k.strip() for k in body.split(",") if k.strip())
    return keys


def toc_files() -> list[str]:
    """The files of _toc.yml, root first, without their suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            files.append(chapter["file"])
            files.extend(section["file"] for section in chapter.get("sections", []))
    return files


# --- fast: the sources ------------------------------------------------------------------------


def test_toc_lists_ten_chapters_in_order_then_appendices():
    """The table of contents holds the preface, the ten chapters in order, then the appendices."""
    files = toc_files()
    assert files[0] == "book/preface"
    assert files[1:11] == [f"book/ch{n:02d}" for n in range(1, 11)]
    assert "book/bibliography" in files[11:]
    for name in files:
        assert (ROOT / f"{name}.md").exists(), f"{name}.md is in _toc.yml but does not exist"


def test_bib_keys_are_lowercase_and_unique():
    """Keys are lowercase author-year keys, each defined once."""
    text = (BOOK / "references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,\s]+),", text, re.M)
    assert len(keys) == len(set(keys)), "a key is defined twice in references.bib"
    bad = [k for k in keys if not re.fullmatch(r"[a-z]+[0-9]{4}[a-z]*", k)]
    assert not bad, f"keys not in lowercase authorYEAR form: {bad}"


def test_every_citation_in_the_book_is_in_references_bib():
    """Every key cited in book/*.md exists in references.bib."""
    known = bib_keys()
    missing = {str(p.relative_to(ROOT)): sorted(cited_keys(p) - known) for p in BOOK.glob("*.md")}
    missing = {page: keys for page, keys in missing.items() if keys}
    assert not missing, f"cited but not in book/references.bib: {missing}"


def test_every_bib_entry_is_cited_somewhere():
    """No entry of references.bib is left uncited (the bibliography lists cited works only)."""
    cited = set().union(*(cited_keys(p) for p in BOOK.glob("*.md")))
    uncited = sorted(bib_keys() - cited)
    assert not uncited, f"entries of references.bib cited nowhere in book/: {uncited}"


def test_every_bib_entry_names_author_title_year_and_where_published():
    """Each entry has an author (or editor), a title, a year, and its journal, publisher or container."""
    from pybtex.database import parse_file

    needs = {"article": ("journal",), "book": ("publisher",), "incollection": ("booktitle", "publisher")}
    problems = []
    for key, entry in parse_file(str(BOOK / "references.bib")).entries.items():
        if not (entry.persons.get("author") or entry.persons.get("editor")):
            problems.append(f"{key}: no author or editor")
        for field in ("title", "year", *needs.get(entry.type, ())):
            if not entry.fields.get(field, "").strip():
                problems.append(f"{key}: no {field}")
    assert not problems, "\n".join(problems)


def test_every_source_of_the_data_file_is_in_the_printed_bibliography():
    """Each original work the data file names is cited in the book, so the bibliography lists it."""
    import pandas as pd

    sources = set(pd.read_csv(ROOT / "antiplan" / "data" / "first_five_year_plan.csv", dtype=str)["source_key"])
    cited = set().union(*(cited_keys(p) for p in BOOK.glob("*.md")))
    missing = sorted(sources - cited - {"unidentified"})
    assert not missing, f"data sources never cited in book/: {missing}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_every_chapter_cites_the_article(chapter):
    """Each chapter cites Weissman's article."""
    assert chapter.exists(), f"{chapter.name} is missing"
    assert "weissman1988" in cited_keys(chapter), f"{chapter.name} does not cite weissman1988"


def test_config_loads_nothing_remote():
    """_config.yml points widgets and math at vendored files that exist."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config["sphinx"]["config"]
    static = [ROOT / p for p in sphinx["html_static_path"]]
    files = [*sphinx["nb_ipywidgets_js"], sphinx["mathjax_path"]]
    for name in files:
        assert not REMOTE.match(name), f"{name} is remote"
        assert any((folder / name).is_file() for folder in static), f"{name} is not in {static}"
    assert all(folder.name != "_static" for folder in static)
    assert config["only_build_toc_files"] is True
    assert config["execute"]["execute_notebooks"] == "cache"


def test_vendored_files_match_their_pins():
    """Each vendored package's VERSION file matches the pin in antiplan.build.vendor."""
    from antiplan.build.vendor import PACKAGES, VENDOR

    for package in PACKAGES:
        version = (ROOT / VENDOR / package.folder / "VERSION").read_text(encoding="utf-8").strip()
        assert version == f"{package.name}@{package.version}", f"re-run python -m antiplan.build.vendor ({version})"


# --- slow: the built book ---------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"
        style = dict(attrs).get("style")
        if style:
            self.styles.append(style)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)


def _parse(page: Path) -> _Tags:
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _warnings(log: str) -> list[str]:
    # The kernel's own start-up notice about its transport is not a build warning.
    return [line for line in log.splitlines() if WARNING.search(line) and "[IPKernelApp]" not in line]


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_book_builds_strictly_without_warnings(built):
    """jupyter-book build -W -n --keep-going succeeds and reports no warning."""
    status, log, _ = built
    assert not _warnings(log), "build warnings:\n" + "\n".join(_warnings(log))
    assert status == 0, log[-3000:]


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_no_citation_is_unresolved(built):
    """No citation is unknown and no bibliography key is missing."""
    _, log, html = built
    lowered = log.lower()
    for marker in ("could not find bibtex key", "unknown citation", "citation not found", "bibtex key"):
        assert marker not in lowered, f"{marker!r} in the build log"
    for page in _pages(html):
        assert "could not find bibtex key" not in page.read_text(encoding="utf-8").lower(), page.name


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_every_toc_page_is_in_the_html(built):
    """Each file of _toc.yml has its HTML page, and index.html exists."""
    _, _, html = built
    assert (html / "index.html").is_file()
    for name in toc_files():
        assert (html / f"{name}.html").is_file(), f"{name}.html was not built"


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_nothing_is_loaded_from_another_site(built):
    """No script, stylesheet, image or CSS url() in the built book points off-site."""
    _, _, html = built
    remote = []
    for page in _pages(html):
        parsed = _parse(page)
        for tag, attrs in parsed.tags:
            for attribute in {"script": ("src",), "link": ("href",), "img": ("src", "srcset")}.get(tag, ()):
                value = attrs.get(attribute) or ""
                if REMOTE.match(value):
                    remote.append(f"{page.relative_to(html)}: <{tag} {attribute}={value}>")
        for style in parsed.styles:
            remote += [
                f"{page.relative_to(html)}: url({u})"
                for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", style)
                if REMOTE.match(u)
            ]
    for sheet in html.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        remote += [
            f"{sheet.relative_to(html)}: url({u})"
            for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
            if REMOTE.match(u)
        ]
        remote += [
            f"{sheet.relative_to(html)}: @import {u}"
            for u in re.findall(r"@import\s+['\"]([^'\"]+)", text)
            if REMOTE.match(u)
        ]
    assert not remote, "remote resources:\n" + "\n".join(remote)
    for page in _pages(html):
        text = page.read_text(encoding="utf-8")
        for cdn in ("unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com"):
            assert cdn not in text, f"{page.relative_to(html)} names {cdn}"


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_every_image_has_alt_text(built):
    """Every <img> has alt text that describes it (not empty, not just its file name)."""
    _, _, html = built
    bad = []
    for page in _pages(html):
        for tag, attrs in _parse(page).tags:
            if tag != "img":
                continue
            alt = (attrs.get("alt") or "").strip()
            src = attrs.get("src") or ""
            if not alt or re.search(r"\.(png|jpe?g|svg|gif)$", alt, re.I) or alt == Path(src).name:
                bad.append(f"{page.relative_to(html)}: {src}")
    assert not bad, "images without alt text:\n" + "\n".join(bad)


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_vendored_scripts_are_served(built):
    """The vendored require.js, widget manager, MathJax's loader and every MathJax component the
    configuration loads are copied into the built book."""
    _, _, html = built
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    components = config["mathjax3_config"]["loader"]["load"]
    assert components, "the MathJax configuration names the components it loads"
    names = ["requirejs/require.js", "html-manager/embed-amd.js", f"mathjax/{Path(config['mathjax_path']).name}"]
    names += [f"mathjax/{c.replace('[tex]/', 'input/tex/extensions/')}.js" for c in components]
    for name in names:
        assert (html / "_static" / name).is_file(), name


def test_build_fingerprint_covers_the_code_pages_import(tmp_path):
    """The fingerprint hashes the model and figure code, not the build tools; no record means None."""
    from antiplan.build.book import fingerprint, last_build

    files = fingerprint()
    assert "antiplan/rules/plan.py" in files and "antiplan/figures/offline.py" in files
    assert "antiplan/data/first_five_year_plan.csv" in files
    assert not any(name.startswith("antiplan/build/") for name in files)
    assert last_build(tmp_path) is None


# --- slow: the built book in a real browser ---------------------------------------------------

BROWSED = ("book/preface.html", "book/ch02.html", "book/ch05.html", "book/ch09.html")
BENIGN_CONSOLE = (
    # pydata-sphinx-theme logs this on a first visit, before any light/dark choice is stored.
    "Got invalid theme mode: . Resetting to auto.",
    # Chromium asks every site for /favicon.ico; the book has none.
    "Failed to load resource: the server responded with a status of 404",
)


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_pages_run_in_a_browser_offline_and_the_kernel_free_control_works(served):
    """Preface and three chapters in headless Chromium: no script errors, no request off the machine,
    every image loaded, and moving the chapter's kernel-free control changes the result shown."""
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            for path in BROWSED:
                page = browser.new_page()
                errors, remote = [], []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on(
                    "console",
                    lambda m, errors=errors: (
                        errors.append(m.text) if m.type == "error" and not m.text.startswith(BENIGN_CONSOLE) else None
                    ),
                )
                page.on(
                    "response",
                    lambda r, errors=errors: (
                        errors.append(f"{r.status} {r.url}")
                        if r.status >= 400 and not r.url.endswith("/favicon.ico")
                        else None
                    ),
                )
                page.on(
                    "request",
                    lambda r, remote=remote: remote.append(r.url) if not r.url.startswith(served) else None,
                )
                page.goto(f"{served}/{path}", wait_until="networkidle")
                broken = page.eval_on_selector_all(
                    "img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
                )
                assert not broken, f"{path}: images that did not load: {broken}"
                assert not [u for u in remote if not u.startswith(("data:", "blob:", "about:"))], (
                    f"{path}: requests off the machine: {remote}"
                )
                if path != "book/preface.html":
                    explorer = page.locator(".antiplan-explorer").first
                    before = explorer.inner_text()
                    slider = explorer.locator("input[type=range]")
                    top = slider.get_attribute("max")
                    now = slider.input_value()
                    slider.fill("0" if now == top else top)
                    after = explorer.inner_text()
                    assert after != before, f"{path}: moving the kernel-free control changed nothing"
                assert not errors, f"{path}: script errors: {errors}"
                page.close()
        finally:
            browser.close()
