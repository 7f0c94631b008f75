"""The book: it builds strictly, loads nothing from other sites, and every citation resolves.

The slow tests build the book once per session, in a copy of the repository (so a build in the
working tree is not disturbed), reusing the execution cache of ``_build/.jupyter_cache`` when there
is one; one builds a small course of one chapter twice, to see that a rebuild shows what changed. The
other tests read the sources only.
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
    """The fingerprint hashes the model, figure and grading code and the course files the pages read,
    not the build tools; no record means None."""
    from antiplan.build.book import fingerprint, last_build

    files = fingerprint(ROOT)
    assert "antiplan/rules/plan.py" in files and "antiplan/figures/offline.py" in files
    assert "antiplan/grading/notebook.py" in files
    assert "antiplan/data/first_five_year_plan.csv" in files
    assert not any(name.startswith("antiplan/build/") for name in files)
    assert "source/ch03/ch03.ipynb" in files and "autograder/variants/ch03-next-term.yml" in files
    assert last_build(tmp_path) is None


# What every page imports (the modules named in the book's code cells and every antiplan.figures
# module), then every antiplan module those import, at the top or inside a function (found by reading
# their code), until nothing new turns up; prints the parts of antiplan reached (subpackage or module).
_IMPORTED_BY_PAGES = r"""
import ast, importlib, json, pkgutil, re, sys
from pathlib import Path

import antiplan.figures

todo = {f"antiplan.figures.{m.name}" for m in pkgutil.iter_modules(antiplan.figures.__path__)}
for page in Path(sys.argv[1]).glob("*.md"):
    text = page.read_text(encoding="utf-8")
    todo |= set(re.findall(r"^\s*import\s+(antiplan[\w.]*)", text, re.M))
    for module, names in re.findall(r"^\s*from\s+(antiplan[\w.]*)\s+import\s+\(?([\w ,]+)", text, re.M):
        todo |= {module, *(f"{module}.{name.split()[0]}" for name in names.split(",") if name.strip())}
seen = set()
while todo:
    name = todo.pop()
    if name in seen:
        continue
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:  # `from package import name` may name an attribute, not a module
        if error.name != name:
            raise
        continue
    seen.add(name)
    todo |= {n for n in sys.modules if n.startswith("antiplan.")} - seen
    file = getattr(module, "__file__", None) or ""
    if not file.endswith(".py"):
        continue
    package = name if file.endswith("__init__.py") else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(Path(file).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            todo |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
            todo |= {target, *(f"{target}.{alias.name}" for alias in node.names)}
    todo = {n for n in todo if n.startswith("antiplan.")}
print(json.dumps(sorted({n.split(".")[1] for n in seen if n.startswith("antiplan.")})))
"""


def test_no_part_of_antiplan_the_pages_import_is_left_out_of_the_fingerprint():
    """Every subpackage or module of antiplan a page imports, directly or through another module (at
    import or inside a function), is hashed: none is in NOT_IMPORTED_BY_PAGES."""
    import json
    import subprocess
    import sys

    import antiplan
    from antiplan.build.book import NOT_IMPORTED_BY_PAGES

    package = Path(antiplan.__file__).parent
    assert all((package / part).exists() for part in NOT_IMPORTED_BY_PAGES), "a name that is not in antiplan"
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED_BY_PAGES, str(BOOK)], capture_output=True, text=True, cwd=BOOK
    )
    assert done.returncode == 0, done.stderr[-3000:]
    imported = set(json.loads(done.stdout))
    assert {"figures", "grading", "variants", "widgets"} <= imported
    left_out = sorted(p for p in NOT_IMPORTED_BY_PAGES if p.removesuffix(".py") in imported)
    assert not left_out, f"pages import {left_out}: remove them from NOT_IMPORTED_BY_PAGES"


@pytest.fixture
def small_course(tmp_path):
    """A course folder with ch03's instructor notebook, a variant spec, READMEs and a student copy,
    and a package folder with a model, a grading and a build module: (course, package)."""
    import shutil

    course, package = tmp_path / "course", tmp_path / "antiplan"
    for name in ("nbgrader_config.py", "source/ch03/ch03.ipynb", "autograder/variants/ch03-next-term.yml"):
        (course / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, course / name)
    for name in ("README.md", "autograder/README.md", "source/README.md", "exercises/ch03/ch03.ipynb"):
        (course / name).parent.mkdir(parents=True, exist_ok=True)
        (course / name).write_text("not read by any page\n", encoding="utf-8")
    (course / "book").mkdir()
    for name in ("rules/plan.py", "grading/notebook.py", "build/book.py"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("VALUE = 1\n", encoding="utf-8")
    return course, package


def _first_prompt_sentence(notebook: Path, grade_id: str) -> str:
    """The first line of text under the heading of the prompt cell ``grade_id``."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return next(line for line in cell.source.splitlines()[1:] if line.strip())


def _edit_prompt(notebook: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the instructor notebook's question prompts (nbformat)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    prompts = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_prompt")]
    assert any(old in cell.source for cell in prompts), f"{old!r} is in no prompt of {notebook}"
    for cell in prompts:
        cell.source = cell.source.replace(old, new)
    nbformat.write(nb, notebook)


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(n for n in set(before) | set(after) if before.get(n) != after.get(n))


@pytest.mark.parametrize(
    ("edited", "name"),
    [
        ("source/ch03/ch03.ipynb", "source/ch03/ch03.ipynb"),
        ("autograder/variants/ch03-next-term.yml", "autograder/variants/ch03-next-term.yml"),
        ("nbgrader_config.py", "nbgrader_config.py"),
        ("antiplan/grading/notebook.py", "antiplan/grading/notebook.py"),
        ("antiplan/rules/plan.py", "antiplan/rules/plan.py"),
        ("README.md", None),
        ("autograder/README.md", None),
        ("source/README.md", None),
        ("exercises/ch03/ch03.ipynb", None),
        ("antiplan/build/book.py", None),
    ],
)
def test_build_fingerprint_changes_with_what_the_pages_read_only(small_course, edited, name):
    """An edited exercise prompt, variant spec, course configuration, grading or model module changes
    the fingerprint (named as the rebuild message names it); a README, a student copy or a build tool
    does not. The fingerprint is the same from the book's folder below the course."""
    from antiplan.build.book import fingerprint

    course, package = small_course
    before = fingerprint(course, package)
    assert fingerprint(course / "book", package) == before
    path = package / edited.removeprefix("antiplan/") if edited.startswith("antiplan/") else course / edited
    if edited == "source/ch03/ch03.ipynb":
        _edit_prompt(path, "Design a padding rule", "Design an audit rule")
    else:
        path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert _changed(before, fingerprint(course, package)) == ([name] if name else [])


def test_build_fingerprint_follows_the_configured_source_folder(small_course):
    """Where ``nbgrader_config.py`` puts the source folder, the fingerprint looks for the notebooks."""
    from antiplan.build.book import fingerprint

    course, package = small_course
    (course / "source").rename(course / "instructor")
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write('\nc.CourseDirectory.source_directory = "instructor"\n')
    files = fingerprint(course, package)
    assert "instructor/ch03/ch03.ipynb" in files and not any(n.startswith("source/") for n in files)


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


# --- slow: a rebuild shows what changed --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_a_rebuild_shows_an_edited_exercise_prompt(tmp_path, capsys):
    """A small course (a title page and chapter 3) builds; after a question's prompt is edited in the
    instructor notebook, the rebuild executes the chapter again and shows the new prompt, not the old."""
    import shutil
    import time

    from antiplan.build.book import run_build

    root = tmp_path / "course"
    for name in ("_config.yml", "nbgrader_config.py", "book/ch03.md", "book/references.bib", "source/ch03/ch03.ipynb"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(BOOK / "_vendor", root / "book" / "_vendor")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: book/ch03\n", encoding="utf-8"
    )
    # The title page holds the bibliography of the chapter's citations and the one label it refers to.
    (root / "book" / "index.md").write_text(
        "(appendix-odd)=\n# A small course\n\nChapter 3 and the works it cites.\n\n```{bibliography}\n```\n",
        encoding="utf-8",
    )
    page = root / "_build" / "html" / "book" / "ch03.html"
    # The first words of question 1's prompt, as the chapter's Exercises section shows them.
    sentence = _first_prompt_sentence(root / "source" / "ch03" / "ch03.ipynb", "q1_prompt")
    old, new = " ".join(sentence.split()[:5]), "Design an audit rule you can argue for"

    start = time.perf_counter()
    first = run_build(root, capture=True)
    assert first.returncode == 0, (first.stdout + first.stderr)[-3000:]
    assert old in page.read_text(encoding="utf-8")
    built = time.perf_counter()

    _edit_prompt(root / "source" / "ch03" / "ch03.ipynb", sentence, new + ".")
    capsys.readouterr()
    second = run_build(root, capture=True)
    assert second.returncode == 0, (second.stdout + second.stderr)[-3000:]
    message = "the files the pages read changed since the last build (source/ch03/ch03.ipynb): executing every page"
    assert message in capsys.readouterr().out
    html = page.read_text(encoding="utf-8")
    assert new in html and old not in html
    print(f"built in {built - start:.1f} s, rebuilt in {time.perf_counter() - built:.1f} s")
