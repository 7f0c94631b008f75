"""Print the whole book to one PDF, offline: ``python -m antiplan.build.pdf`` (what ``make pdf`` runs).

Two steps, both with what the toolchain already has:

1. Jupyter Book builds the book as one HTML page (``jupyter-book build . --builder singlehtml``,
   strictly, through the same execution cache as ``make book``; see ``antiplan.build.book``) into
   ``_build/singlehtml``: every chapter and appendix in ``_toc.yml`` order.
2. Debian's Chromium, driven by Playwright, opens that page, waits for MathJax and every image, adds
   a title page and a table of contents, and prints it (A4, page numbers, bookmarks, tagged) to
   ``_build/pdf/antiplan.pdf``; pypdf then gives each bookmark its heading's own text. The book's
   print stylesheet (``book/_vendor/antiplan-print.css``) hides what only works on a screen.

Chromium gets the book's files from disk through Playwright: every request for the book's own
address is answered from ``_build/singlehtml`` and any other is refused, so the page cannot reach
another machine; a page that asks for one fails the build, naming the addresses. The PDF is written
to a temporary name and moved into place, so a failed run leaves no PDF half-written.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from .book import run_build
from .chromium import CHROMIUM, CHROMIUM_FLAGS

SINGLE_PAGE = Path("_build") / "singlehtml"
"""Where Jupyter Book writes the one-page book, relative to the course folder."""
OUTPUT = Path("_build") / "pdf" / "antiplan.pdf"
"""The PDF, relative to the course folder."""
ORIGIN = "http://book.localhost"
"""The address the page is opened at; never looked up: Playwright answers it from the built folder."""
TIMEOUT_MS = 180_000
"""How long to wait for the page, its math and its images (milliseconds)."""
MARGINS = {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
NOT_NEEDED = ("/searchindex.js",)
"""Files the one-page book links but Jupyter Book does not write, and paper does not need (search)."""
FOOTER = (
    '<div style="width:100%;font-size:8px;text-align:center;color:#333">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
"""Page numbers at the foot of every page (Chromium's footer template)."""


class PdfError(RuntimeError):
    """The PDF could not be made; the message says what is missing or what went wrong."""


@dataclass
class Requests:
    """What the page asked for while it was open.

    Attributes:
        served: paths answered from the built folder.
        missing: addresses of the book's own that have no file.
        refused: addresses off the book (another machine) that were refused.
        headings: the text of every heading printed, in order.
    """

    served: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)


WAIT_FOR_PAGE = """async () => {
  // MathJax typesets once it has started; math printed before that would show as TeX source.
  if (document.querySelector('.math') && !(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
    return {error: 'MathJax did not load, so the math would print as TeX source'};
  }
  if (window.MathJax && MathJax.startup) { await MathJax.startup.promise; }
  const images = [...document.images];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener('load', done); img.addEventListener('error', done);
  })));
  await document.fonts.ready;
  return {broken: images.filter(img => !img.naturalWidth).map(img => img.getAttribute('src'))};
}"""
"""Wait for MathJax's first typesetting, every image and every font; name the images that failed."""

PREPARE_FOR_PAPER = """({title, author, copyright}) => {
  document.documentElement.dataset.theme = 'light';
  document.documentElement.classList.add('antiplan-print-book');  // the print stylesheet's book rules
  const article = document.querySelector('article.bd-article') || document.querySelector('main') || document.body;
  // A document's own headings start at h1 and go one level down per section; a page nested in
  // another (the instructor's guide's sections) starts one level below it. The bookmarks follow.
  for (const heading of [...article.querySelectorAll('h1, h2, h3, h4, h5, h6')]) {
    let sections = 0, nested = 0;
    for (let node = heading.parentElement; node && node !== article; node = node.parentElement) {
      if (node.tagName === 'SECTION') sections += 1;
      if (node.classList.contains('toctree-wrapper')) nested += 1;
    }
    const level = Math.min(6, Math.max(1, sections - Math.min(nested, 1)));
    if (heading.tagName !== 'H' + level) {
      const replacement = document.createElement('h' + level);
      for (const attribute of heading.attributes) replacement.setAttribute(attribute.name, attribute.value);
      replacement.append(...heading.childNodes);
      heading.replaceWith(replacement);
    }
  }
  // A kernel-free explorer prints every value it holds: its table of all values, opened.
  for (const details of article.querySelectorAll('.antiplan-explorer details')) details.open = true;
  // The contents: the book's table of contents from the page's navigation, as links.
  const toc = document.querySelector('#pst-page-toc-nav');
  if (toc) {
    const contents = document.createElement('nav');
    contents.className = 'antiplan-print-contents';
    const heading = document.createElement('p');
    heading.className = 'antiplan-print-contents-title';
    heading.textContent = 'Contents';
    contents.append(heading);
    for (const node of toc.children) contents.append(node.cloneNode(true));
    for (const node of contents.querySelectorAll('[role="heading"]')) node.removeAttribute('role');
    article.prepend(contents);
  }
  const page = document.createElement('div');
  page.className = 'antiplan-print-title';
  for (const [text, name] of [[title, 'antiplan-print-book-title'], [author, ''], [copyright, '']]) {
    if (!text) continue;
    const line = document.createElement('p');
    line.className = name;
    line.textContent = text;
    page.append(line);
  }
  article.prepend(page);
  document.title = title || document.title;
}"""
"""Turn the one-page book into the printed one: light theme, chapter headings at the top level,
explorers' tables opened, a contents page and a title page first."""


HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(heading => heading.checkVisibility())
  .map(heading => {
    const copy = heading.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach(link => link.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  })"""
"""The text of every heading printed, in order: one bookmark each."""


def retitle_bookmarks(pdf: Path, titles: list[str]) -> bool:
    """Give the PDF's bookmarks, in order, the ``titles`` of the headings they point to.

    Chromium titles a bookmark with the heading's text as laid out, which drops the space where a
    heading wraps and, for a heading moved to the next page, repeats text ("ScenariosScenarios").
    The PDF is updated in place (an incremental update: the printed pages are left as they are).
    Returns False, changing nothing, when the bookmarks and the titles do not pair up one to one.
    """
    try:
        from pypdf import PdfWriter
        from pypdf.generic import NameObject, TextStringObject
    except ImportError:
        raise PdfError("pypdf is not installed: run `pip install -e '.[book]'` first") from None
    writer = PdfWriter(pdf, incremental=True)
    root = writer.root_object.get("/Outlines")
    items = []

    def walk(node) -> None:
        child = node.get("/First")
        while child is not None:
            child = child.get_object()
            items.append(child)
            walk(child)
            child = child.get("/Next")

    if root is not None:
        walk(root.get_object())
    if not items or len(items) != len(titles):
        return False
    for item, title in zip(items, titles, strict=True):
        item[NameObject("/Title")] = TextStringObject(title)
    updated = io.BytesIO()
    writer.write(updated)
    pdf.write_bytes(updated.getvalue())
    return True


def book_settings(root: Path) -> dict[str, str]:
    """The title, author and copyright year from ``_config.yml`` (empty strings where unset)."""
    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    except OSError:
        raise PdfError(f"{root} is not a course folder: it has no _config.yml") from None
    year = str(config.get("copyright") or "")
    return {
        "title": str(config.get("title") or ""),
        "author": str(config.get("author") or ""),
        "copyright": f"\N{COPYRIGHT SIGN} {year}" if year else "",
    }


def single_page(root: Path) -> Path:
    """The one-page book's HTML file: the ``_toc.yml`` root, under ``_build/singlehtml``."""
    try:
        toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    except OSError:
        raise PdfError(f"{root} is not a course folder: it has no _toc.yml") from None
    if not isinstance(toc, dict) or not toc.get("root"):
        raise PdfError(f"{root / '_toc.yml'} names no root page")
    return root / SINGLE_PAGE / f"{toc['root']}.html"


def build_single_page(root: Path, *, strict: bool = True) -> Path:
    """Build the book as one HTML page (``--builder singlehtml``) and return the page's path."""
    single_page(root)  # a course folder, before a build of minutes
    try:
        done = run_build(root, builder="singlehtml", strict=strict)
    except FileNotFoundError as error:  # no jupyter-book
        raise PdfError(str(error)) from None
    if done.returncode != 0:
        raise PdfError(f"the one-page book failed to build (exit status {done.returncode}); see the messages above")
    return single_page(root)


def _chromium(chromium: Path) -> Path:
    if not (chromium.is_file() and os.access(chromium, os.X_OK)):
        raise PdfError(
            f"Debian's chromium is missing ({chromium} not found): install it with "
            "'apt-get install chromium' or 'make system-deps'"
        )
    return chromium


@contextlib.contextmanager
def open_book(root: Path, *, chromium: Path = CHROMIUM) -> Iterator[tuple]:
    """Open the course at ``root``'s one-page book in headless Chromium, ready to print.

    Yields ``(page, requests)``: the Playwright page, emulated as printed, in light mode, with the
    title page and contents added; and a ``Requests`` record. Requests for the book's address are
    answered from ``_build/singlehtml``; every other one is refused and recorded.

    Raises ``PdfError`` if Chromium or Playwright is missing, the page is not built, MathJax did not
    load, an image did not load or the page asked for another machine.
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError("playwright is not installed: run `pip install -e '.[book,dev]'` first") from None
    chromium = _chromium(chromium)
    page_file = single_page(root)
    if not page_file.is_file():
        raise PdfError(f"the one-page book is not built ({page_file} not found): build it first")
    folder = (root / SINGLE_PAGE).resolve()
    requests = Requests()

    def answer(route) -> None:
        url = urlsplit(route.request.url)
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            requests.refused.append(route.request.url)
            route.abort("blockedbyclient")
            return
        wanted = unquote(url.path).lstrip("/")
        # Jupyter Book's one-page book links everything from the top of the folder, wherever the
        # page itself lies (``book/preface.html``), so the page is served at the top.
        path = page_file.resolve() if wanted == page_file.name else (folder / wanted).resolve()
        if path.is_file() and path.is_relative_to(folder):
            requests.served.append(path.relative_to(folder).as_posix())
            route.fulfill(path=path)
        else:
            requests.missing.append(route.request.url)
            route.fulfill(status=404, body="")

    with tempfile.TemporaryDirectory(prefix="antiplan-pdf-") as profile, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(chromium),
                headless=True,
                args=list(CHROMIUM_FLAGS),
                color_scheme="light",
                service_workers="block",
            )
        except PlaywrightError as error:
            raise PdfError(f"Chromium ({chromium}) did not start: {str(error).splitlines()[0]}") from None
        try:
            browser.route("**/*", answer)
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            address = f"{ORIGIN}/{page_file.name}"
            page.goto(address, wait_until="load")
            state = page.evaluate(WAIT_FOR_PAGE)
            if state.get("error"):
                raise PdfError(state["error"])
            if state["broken"]:
                shown = ", ".join(state["broken"][:5])
                raise PdfError(f"{len(state['broken'])} images of the book did not load: {shown}")
            if requests.refused:
                shown = ", ".join(sorted(set(requests.refused))[:5])
                raise PdfError(f"the book asked for {len(requests.refused)} addresses off this machine: {shown}")
            page.evaluate(PREPARE_FOR_PAPER, book_settings(root))
            page.emulate_media(media="print", color_scheme="light")
            requests.headings = page.evaluate(HEADINGS)
            yield page, requests
        finally:
            browser.close()


def print_pdf(root: Path, output: Path, *, chromium: Path = CHROMIUM) -> Requests:
    """Print the one-page book of the course at ``root`` to ``output`` (A4, page numbers, bookmarks, tagged).

    The PDF is written beside ``output`` under a temporary name and renamed once complete; on any
    failure nothing is left at ``output``'s temporary name and an existing ``output`` is untouched.
    Returns what the page requested. Raises ``PdfError`` (see ``open_book``).
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.stem}-", suffix=".pdf.partial", dir=output.parent)
    os.close(handle)
    try:
        with open_book(root, chromium=chromium) as (page, requests):
            page.pdf(
                path=temporary,
                format="A4",
                margin=MARGINS,
                print_background=True,
                display_header_footer=True,
                header_template="<div></div>",
                footer_template=FOOTER,
                outline=True,
                tagged=True,
            )
        if requests.refused:
            shown = ", ".join(sorted(set(requests.refused))[:5])
            raise PdfError(f"the book asked for {len(requests.refused)} addresses off this machine: {shown}")
        if not retitle_bookmarks(Path(temporary), requests.headings):
            print(f"warning: the bookmarks do not pair up with the {len(requests.headings)} headings", file=sys.stderr)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as readable as any file written here (mkstemp makes it private)
        os.replace(temporary, output)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return requests


def main(argv: list[str] | None = None) -> int:
    """Build the one-page book and print it to ``_build/pdf/antiplan.pdf``; return non-zero on failure."""
    parser = argparse.ArgumentParser(description="Print the whole book to one PDF, offline.")
    parser.add_argument("--course", type=Path, default=Path("."), help="the course folder (default: here)")
    parser.add_argument("--output", type=Path, help=f"where to write the PDF (default: {OUTPUT} in the course)")
    parser.add_argument("--no-build", action="store_true", help="print the one-page book already built")
    parser.add_argument("--no-strict", action="store_true", help="do not turn the build's warnings into errors")
    parser.add_argument("--json", action="store_true", help="end with what was made, as one line of JSON")
    args = parser.parse_args(argv)
    root = args.course.resolve()
    output = (args.output or root / OUTPUT).resolve()
    start = time.perf_counter()
    try:
        _chromium(CHROMIUM)  # before a build of minutes, not after
        if not args.no_build:
            build_single_page(root, strict=not args.no_strict)
        built = time.perf_counter()
        requests = print_pdf(root, output)
    except PdfError as error:
        print(f"make pdf: {error}", file=sys.stderr)
        return 1
    done = time.perf_counter()
    report = {
        "pdf": str(output),
        "bytes": output.stat().st_size,
        "build_seconds": round(built - start, 1),
        "print_seconds": round(done - built, 1),
        "files_served": len(requests.served),
        "missing": requests.missing,
        "refused": requests.refused,
    }
    if args.json:
        print(json.dumps(report))
    else:
        for address in requests.missing:
            if address.endswith(NOT_NEEDED):
                continue
            print(f"warning: the book asked for {address}, which it does not have", file=sys.stderr)
        print(
            f"The PDF ({report['bytes'] / 1e6:.1f} MB) is in {output}: built in {report['build_seconds']} s, "
            f"printed in {report['print_seconds']} s."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
