"""The book as one PDF (`make pdf`): every chapter and appendix in the table of contents' order, in the
text and in the bookmarks; figures in place; every font embedded; no control that cannot move on
paper; built with no network but loopback. A failed run leaves nothing half-written."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from browser_support import require_chromium
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from antiplan.build.pdf import NOT_NEEDED, OUTPUT, PdfError, main, open_book, print_pdf, single_page

ROOT = Path(__file__).resolve().parents[1]

CONTROLS = (
    "input, select, textarea, button, summary, [role='slider'], [role='button'], "
    ".jupyter-widgets, .widget-area, script[type='application/vnd.jupyter.widget-view+json']"
)
"""Everything in the book that only works on a screen: form controls, toggles, ipywidgets views."""


def _plain(text: str) -> str:
    """Text with typographic quotes made straight and all white space (line breaks too) removed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", "", text)


def toc_documents(root: Path = ROOT) -> list[str]:
    """Every document of the book in ``_toc.yml`` order (the root first, a page's sections after it)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(entries):
        for entry in entries:
            found.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        walk(part["chapters"])
    return found


def title_of(document: str, root: Path = ROOT) -> str:
    """A document's title: the first level-one heading of its source."""
    for line in (root / f"{document}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{document}.md has no title")


def outline_titles(reader: PdfReader) -> list[tuple[int, str]]:
    """The PDF's bookmarks, in order, as (depth, title)."""
    found: list[tuple[int, str]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))

    walk(reader.outline, 0)
    return found


def fonts_of(resources, seen: set[int]) -> list:
    """Every font in ``resources`` and in the resources of the forms it draws (each object once)."""
    resources = resources.get_object() if resources is not None else {}
    fonts = []
    for font in (resources.get("/Font") or {}).values():
        if isinstance(font, IndirectObject):
            if font.idnum in seen:
                continue
            seen.add(font.idnum)
        fonts.append(font.get_object())
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            fonts += fonts_of(xobject["/Resources"], seen)
    return fonts


def is_embedded(font) -> bool:
    """A Type 3 font is drawn by the PDF itself; any other needs a font file in its descriptor."""
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def offline(command: list[str]) -> list[str]:
    """``command`` run in a network namespace of its own where only loopback is up."""
    as_root = [] if os.geteuid() == 0 else ["--map-root-user"]
    return ["unshare", *as_root, "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "offline", *command]


@pytest.fixture(scope="module")
def book_pdf(built):
    """``make pdf`` run in the built book's copy with no network but loopback: (report, reader, course)."""
    require_chromium()
    status, log, html = built
    assert status == 0, f"the book did not build:\n{log[-3000:]}"
    course = html.parent.parent
    command = [sys.executable, "-m", "antiplan.build.pdf", "--course", str(course), "--json"]
    done = subprocess.run(offline(command), capture_output=True, text=True, timeout=3600)
    assert done.returncode == 0, f"make pdf failed offline:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    pdf = course / OUTPUT
    assert Path(report["pdf"]) == pdf and pdf.is_file()
    return report, PdfReader(pdf), course


@pytest.mark.slow
@pytest.mark.xdist_group("pdf")
def test_every_chapter_and_appendix_is_in_the_text_and_the_bookmarks_in_order(book_pdf):
    report, reader, course = book_pdf
    documents = toc_documents(course)
    titles = [title_of(document, course) for document in documents]
    text = _plain("".join(page.extract_text() for page in reader.pages))
    missing = [title for title in titles if _plain(title) not in text]
    assert not missing, f"titles not in the PDF's text: {missing}"

    bookmarks = outline_titles(reader)
    # Each document's bookmark, in order: a chapter's carries its number ("3. Anti-planning").
    position = 0
    for title in titles:
        wanted = _plain(title)
        while position < len(bookmarks) and re.sub(r"^[\d.]*", "", _plain(bookmarks[position][1])) != wanted:
            position += 1
        assert position < len(bookmarks), f"no bookmark for {title!r} after the one before it: {bookmarks}"
        assert bookmarks[position][0] <= 1, f"{title!r} is bookmarked {bookmarks[position][0]} levels deep"
    # A bookmark reads as its heading does, spaces included (Chromium's own drop a wrapped heading's).
    headings = re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", single_page(course).read_text(encoding="utf-8"), re.S)
    words = {word for heading in headings for word in html.unescape(re.sub(r"<[^>]+>", " ", heading)).split()}
    for _depth, title in bookmarks:
        assert set(title.split()) <= words | {"#"}, f"the bookmark {title!r} has words no heading has"
    top = [title for depth, title in bookmarks if depth == 0]
    assert len(top) >= len([d for d in documents if "instructor-" not in d]), top


@pytest.mark.slow
@pytest.mark.xdist_group("pdf")
def test_the_page_count_is_sensible_and_no_page_is_blank(book_pdf):
    report, reader, course = book_pdf
    documents = toc_documents(course)
    pages = [page.extract_text() for page in reader.pages]
    # A title page, a contents page, then each document starting on a page of its own.
    assert len(pages) >= len(documents) + 2, len(pages)
    unnumbered = [n for n, page in enumerate(pages, 1) if f"{n} / {len(pages)}" not in page]
    assert not unnumbered, f"pages without their number: {unnumbered}"
    blank = [
        n
        for n, page in enumerate(pages, 1)
        if not page.replace(f"{n} / {len(pages)}", "").strip() and not reader.pages[n - 1].images
    ]
    assert not blank, f"blank pages: {blank}"
    # Dense enough to be a book, not a page per paragraph: on average over 1,000 characters a page.
    assert sum(len(page) for page in pages) / len(pages) > 1000


@pytest.mark.slow
@pytest.mark.xdist_group("pdf")
def test_every_font_is_embedded(book_pdf):
    report, reader, course = book_pdf
    seen: set[int] = set()
    fonts = [font for page in reader.pages for font in fonts_of(page.get("/Resources"), seen)]
    assert fonts, "the PDF has no fonts at all"
    unembedded = sorted({str(font.get("/BaseFont")) for font in fonts if not is_embedded(font)})
    assert not unembedded, f"fonts not embedded: {unembedded}"


@pytest.mark.slow
@pytest.mark.xdist_group("pdf")
def test_the_math_is_typeset_not_printed_as_tex(book_pdf):
    report, reader, course = book_pdf
    assert single_page(course).read_text(encoding="utf-8").count('class="math') > 0, "the book has no math"
    text = "".join(page.extract_text() for page in reader.pages)
    tex = sorted({found for found in re.findall(r"\\(?:frac|begin|mathrm|text|left|right)\b|\\[(\[]|\$\$", text)})
    assert not tex, f"math printed as TeX source: {tex}"


@pytest.mark.slow
@pytest.mark.xdist_group("pdf")
def test_every_figure_is_printed(book_pdf):
    report, reader, course = book_pdf
    page = single_page(course).read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    figures = len(re.findall(r"<img\b", article))
    assert figures >= len(re.findall(r"<figure\b", article)) > 0
    images = sum(len(pdf_page.images) for pdf_page in reader.pages)
    assert images >= figures, f"{images} images in the PDF for {figures} in the book"


@pytest.mark.slow
@pytest.mark.xdist_group("pdf")
def test_no_control_is_printed_and_nothing_was_asked_of_another_machine(book_pdf):
    report, reader, course = book_pdf
    assert report["refused"] == [], report["refused"]
    assert all(address.endswith(NOT_NEEDED) for address in report["missing"]), report["missing"]
    assert "/AcroForm" not in reader.trailer["/Root"], "the PDF has form fields"
    for pdf_page in reader.pages:
        for annotation in pdf_page.get("/Annots") or []:
            assert annotation.get_object().get("/Subtype") != "/Widget", "the PDF has a form control"

    # The page as it is printed: no control is drawn, and no control's own words reach the paper.
    with open_book(course) as (page, requests):
        controls = page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)].map(el => ({
                 tag: el.tagName, drawn: el.checkVisibility({visibilityProperty: true}),
                 inBook: !!el.closest('article'),
                 words: [...el.querySelectorAll('*')].concat([el]).filter(e => !e.children.length)
                          .map(e => e.textContent.trim()).filter(t => t.length > 3),
               }))""",
            CONTROLS,
        )
        # An output that prints nothing prints no box either.
        empty = page.evaluate(
            """() => [...document.querySelectorAll('article .cell, article .cell_output, article .cell_input')]
                 .filter(el => el.checkVisibility() && !el.innerText.trim() && !el.querySelector('img, svg'))
                 .map(el => el.className)"""
        )
        # An explorer's "0 to 1" beside its slider describes the slider, so it goes with it.
        hints = page.evaluate(
            "() => [...document.querySelectorAll('.antiplan-explorer input[type=range] + span')]"
            ".filter(el => el.checkVisibility({visibilityProperty: true})).map(el => el.textContent)"
        )
    assert requests.refused == []
    assert controls, "the book has no controls at all: the selector no longer matches the page"
    drawn = [control["tag"] for control in controls if control["drawn"]]
    assert not drawn, f"controls drawn on paper: {drawn}"
    assert not hints, f"slider ranges drawn on paper: {hints}"
    assert not empty, f"empty boxes on paper: {empty}"
    text = _plain("".join(pdf_page.extract_text() for pdf_page in reader.pages))
    # The words of the book's own controls (the site's search box says "Search", as the text may).
    words = {word for control in controls if control["inBook"] for word in control["words"]}
    printed = sorted(word for word in words if _plain(word) in text)
    assert not printed, f"a control's words are in the PDF: {printed}"


def test_a_failed_print_leaves_nothing_behind(tmp_path):
    (tmp_path / "_toc.yml").write_text("root: book/intro\n")
    output = tmp_path / "out" / "antiplan.pdf"
    with pytest.raises(PdfError, match=r"chromium is missing \(.*no-chromium not found\)"):
        print_pdf(tmp_path, output, chromium=tmp_path / "no-chromium")
    assert list(output.parent.iterdir()) == []


def test_a_page_not_built_is_named(tmp_path):
    require_chromium()
    (tmp_path / "_toc.yml").write_text("root: book/intro\n")
    (tmp_path / "_config.yml").write_text("title: T\n")
    output = tmp_path / "antiplan.pdf"
    output.write_bytes(b"an earlier PDF")
    with pytest.raises(PdfError, match=r"the one-page book is not built \(.*singlehtml/book/intro.html not found\)"):
        print_pdf(tmp_path, output)
    assert output.read_bytes() == b"an earlier PDF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_config.yml", "_toc.yml", "antiplan.pdf"]


def test_a_folder_that_is_no_course_gets_one_line(tmp_path, capsys):
    require_chromium()
    assert main(["--course", str(tmp_path), "--no-build"]) == 1
    error = capsys.readouterr().err.strip()
    assert error == f"make pdf: {tmp_path} is not a course folder: it has no _toc.yml"


WIDGETS_PAGE = """<!doctype html><html><body><article class="bd-article"><section>
<div class="cell"><div class="cell_input"><pre>dashboard(3)</pre></div>
<div class="cell_output"><div class="jupyter-widgets widget-vbox"><div class="widget-slider">
<label>tempo of the plan</label><input type="range"><div class="widget-readout">0.08</div></div>
<button class="widget-button">Reset to defaults</button></div></div></div>
<div class="cell"><details class="hide above-input"><summary>Show code cell source</summary>
<div class="cell_input"><pre>hidden()</pre></div></details>
<div class="cell_output"><script type="application/vnd.jupyter.widget-view+json">{"model_id": "a"}</script></div></div>
<p>The text stays.</p></section></article></body></html>"""
"""A page holding what a chapter may: a drawn ipywidgets dashboard, a code toggle, an undrawn widget."""


@pytest.mark.slow
def test_the_print_stylesheet_hides_any_widget_and_changes_nothing_on_screen(tmp_path):
    require_chromium()
    from playwright.sync_api import sync_playwright

    from antiplan.build.pdf import CHROMIUM, CHROMIUM_FLAGS

    stylesheet = ROOT / "book" / "_vendor" / "antiplan-print.css"
    seen = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_FLAGS))
        try:
            page = browser.new_page()
            page.set_content(WIDGETS_PAGE)
            page.add_style_tag(path=str(stylesheet))
            for media in ("screen", "print"):
                page.emulate_media(media=media)
                seen[media] = page.evaluate("() => document.querySelector('article').innerText.trim()")
        finally:
            browser.close()
    assert "Reset to defaults" in seen["screen"] and "tempo of the plan" in seen["screen"]
    assert "Show code cell source" in seen["screen"]
    assert seen["print"].split() == ["dashboard(3)", "The", "text", "stays."], seen["print"]
