"""The built book read without a kernel: no control that cannot move, and pages light enough for a phone.

Every chapter shows its dashboard as a labelled picture (a live dashboard in a static page drags
its sliders while nothing they drive can change), beside a kernel-free explorer that does work.
Each page's weight is what Chromium downloads for it with an empty cache, every script, style
sheet, font and image included, served uncompressed as a plain static host serves it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_FLAGS, MATHJAX_DRAWN, require_chromium

CHAPTERS = [f"book/ch{n:02d}.html" for n in range(1, 11)]
PREFACE = "book/preface.html"
CHAPTER_LIMIT = 2.5e6  # bytes a chapter page may transfer in all
PREFACE_LIMIT = 1.5e6
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _pages(html: Path) -> list[str]:
    return sorted(str(p.relative_to(html)) for p in (html / "book").glob("*.html"))


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_no_page_carries_widget_state_and_each_chapter_shows_its_dashboard_as_a_labelled_picture(built):
    """No page holds widgets for a script to draw; each chapter's "Try it" has one dashboard picture
    whose caption says it is a picture, how to open it live, and whose image is described."""
    _, _, html = built
    for name in _pages(html):
        text = (html / name).read_text(encoding="utf-8")
        assert WIDGET_STATE not in text and "jupyter-widgets" not in text, f"{name} carries widgets"
    for n, name in enumerate(CHAPTERS, start=1):
        text = (html / name).read_text(encoding="utf-8")
        figures = re.findall(r'<figure class="antiplan-dashboard-picture".*?</figure>', text, re.S)
        assert len(figures) == 1, f"{name}: {len(figures)} dashboard pictures"
        alt = re.search(r'alt="([^"]+)"', figures[0])
        assert alt and len(alt.group(1)) > 100, f"{name}: the dashboard picture has no description"
        assert "not a control" in figures[0] and f"dashboard({n})" in figures[0], name


def _open(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    weights: dict[str, int] = {}

    def count(response):
        try:
            weights[response.url] = len(response.body())
        except Exception:  # noqa: BLE001 - a redirect or aborted response has no body to count
            weights.setdefault(response.url, 0)

    page.on("response", count)
    page.goto(url, wait_until="networkidle")
    # MathJax fetches its fonts once it has typeset: wait for that, then for the fetches to end.
    page.evaluate(MATHJAX_DRAWN)
    page.evaluate("() => document.fonts.ready.then(() => null)")
    page.wait_for_load_state("networkidle")
    return context, page, weights


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_every_control_in_a_chapter_moves_what_it_shows(served, built):
    """In each chapter, at desktop and phone width, every form control in the text is a kernel-free
    explorer's, and moving it changes the numbers it shows."""
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            for width in (1366, 390):
                for name in CHAPTERS:
                    context, page, _ = _open(browser, f"{served}/{name}", width)
                    stray = page.eval_on_selector_all(
                        "article input, article select, article textarea",
                        "els => els.filter(e => !e.closest('.antiplan-explorer')).map(e => e.outerHTML.slice(0, 120))",
                    )
                    assert not stray, f"{name} at {width} px: controls that are not kernel-free explorers: {stray}"
                    explorers = page.locator(".antiplan-explorer")
                    assert explorers.count() >= 1, f"{name}: no kernel-free explorer"
                    for k in range(explorers.count()):
                        explorer = explorers.nth(k)
                        slider = explorer.locator("input[type=range]")
                        before = explorer.locator("table").first.inner_text()
                        top = slider.get_attribute("max")
                        slider.fill("0" if slider.input_value() == top else top)
                        after = explorer.locator("table").first.inner_text()
                        assert after != before, f"{name} at {width} px: explorer {k} changed nothing"
                    context.close()
        finally:
            browser.close()


@pytest.mark.slow
@pytest.mark.xdist_group("book")
def test_pages_are_light_enough(served, built):
    """With an empty cache, a chapter page downloads under 2.5 MB in all and the preface under 1.5 MB,
    every other page under 2.5 MB; the figures are printed."""
    from playwright.sync_api import sync_playwright

    require_chromium()
    _, _, html = built
    measured: dict[str, tuple[int, int]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            for name in _pages(html):
                context, _, weights = _open(browser, f"{served}/{name}", 1366)
                measured[name] = (sum(weights.values()), len(weights))
                context.close()
        finally:
            browser.close()
    print("\npage weights (bytes, requests):")
    for name, (size, requests) in measured.items():
        print(f"  {name:40s} {size / 1e6:6.2f} MB {requests:3d}")
    heavy = [
        f"{name}: {size / 1e6:.2f} MB"
        for name, (size, _) in measured.items()
        if size >= (PREFACE_LIMIT if name == PREFACE else CHAPTER_LIMIT)
    ]
    assert set(CHAPTERS) | {PREFACE} <= set(measured)
    assert not heavy, f"pages over their weight limit (chapters {CHAPTER_LIMIT / 1e6} MB, preface 1.5 MB): {heavy}"
