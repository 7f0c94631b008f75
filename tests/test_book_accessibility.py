"""The built book in Chromium as readers meet it: on a desktop (1366 px) and a phone (390 px), in light
and dark mode, with a screen reader's eyes (axe-core, pinned from npm, on every page).

Every page must have no critical or serious axe violation, no console error, every icon drawn (by the
theme's webfonts: Font Awesome's script is not loaded), readable text in the kernel-free explorers and
figure captions (WCAG AA contrast, which axe leaves "incomplete" there), and, on a phone, nothing wider
than the screen. The chapter list and "On this page" open on a phone and a tablet, and the explorer's
"All values" table marks the value the slider is on.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from axe_support import RUN_AXE, axe_script
from browser_support import MATHJAX_DRAWN, headless_chromium

# No xdist group: its pages are spread over the workers, which share one built book.
pytestmark = pytest.mark.slow

DESKTOP, TABLET, PHONE = 1366, 768, 390
FAILING_IMPACTS = {"critical", "serious"}
AA_CONTRAST = 4.5  # normal-size text; the explorers and captions hold no large text
CONTRAST_JS = (Path(__file__).with_name("contrast.js")).read_text(encoding="utf-8")
READ_TEXT = ".antiplan-explorer, figcaption, .bd-content .caption-text"


def book_pages(html: Path) -> list[str]:
    """Every page of the built book, relative to its top (the top ``index.html`` only redirects)."""
    skip = ("_static", "_sources", "_images", "reports")
    pages = [p.relative_to(html).as_posix() for p in html.rglob("*.html")]
    return sorted(p for p in pages if not p.startswith(skip) and p != "index.html")


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, headless, driven by Playwright."""
    with headless_chromium() as browser:
        yield browser


@contextlib.contextmanager
def reader(chromium, width: int, mode: str | None = None):
    """A browser context of a reader at ``width`` px; ``mode`` "dark" or "light" is the mode picked
    with the theme's switch (stored as pydata-sphinx-theme does), ``None`` a first visit on a light
    system. Yields ``(context, messages)``: console errors and page errors are appended to ``messages``."""
    context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
    if mode is not None:
        # Every frame runs this, and a blank one has no storage of its own.
        context.add_init_script(
            f"try {{ localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}'); }} catch (e) {{}}"
        )
    messages: list[str] = []

    def listen(page):
        page.on("console", lambda m: messages.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda error: messages.append(f"page error: {error}"))

    context.on("page", listen)
    try:
        yield context, messages
    finally:
        context.close()


# The theme's icons (Font Awesome 6 classes); the dashboards' widgets bring their own icon font.
ICONS_DRAWN = """async () => {
  await document.fonts.ready;
  const icons = Array.from(document.querySelectorAll(".fa-solid, .fa-regular, .fa-brands"))
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden");
  const bad = icons.filter(el => {
    const before = getComputedStyle(el, "::before");
    return !before.content || before.content === "none" || !/Font ?Awesome/i.test(before.fontFamily)
      || !document.fonts.check(`${before.fontWeight} 16px ${before.fontFamily}`);
  });
  return {shown: icons.length, undrawn: bad.map(el => el.className)};
}"""


@pytest.mark.parametrize(("width", "mode"), [(DESKTOP, None), (DESKTOP, "dark"), (PHONE, None), (PHONE, "dark")])
def test_every_page_accessible_and_clean(built, served, chromium, width, mode):
    """Every page: no critical or serious axe violation, no console error, icons drawn without Font
    Awesome's script, AA contrast in explorers and captions, nothing wider than a phone's screen."""
    status, log, html = built
    assert status == 0, log[-3000:]
    axe = axe_script()
    pages = book_pages(html)
    assert len(pages) >= 20, pages
    expected_theme = mode or "light"
    problems: list[str] = []
    with reader(chromium, width, mode) as (context, messages):
        scripts: list[str] = []
        context.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
        for name in pages:
            messages.clear()
            page = context.new_page()
            page.goto(f"{served}/{name}", wait_until="load")
            # What a reader meets is the page once MathJax has drawn its equations (ten seconds at most).
            page.evaluate(MATHJAX_DRAWN)
            theme = page.evaluate("() => document.documentElement.dataset.theme")
            if theme != expected_theme:
                problems.append(f"{name}: shown in {theme} mode, not {expected_theme}")
            icons = page.evaluate(ICONS_DRAWN)
            if icons["shown"] == 0 or icons["undrawn"]:
                problems.append(f"{name}: {icons['shown']} icons shown, not drawn: {icons['undrawn']}")
            for text in page.evaluate(CONTRAST_JS, READ_TEXT):
                if text["ratio"] < AA_CONTRAST:
                    problems.append(f"{name}: contrast {text['ratio']}:1 for {text['text']!r} ({text})")
            if width == PHONE:
                wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                if wide > 0:
                    problems.append(f"{name}: the page is {wide} px wider than the {width} px screen")
            page.add_script_tag(content=axe)
            for violation in page.evaluate(RUN_AXE):
                if violation["impact"] in FAILING_IMPACTS:
                    nodes = violation["nodes"]
                    problems.append(
                        f"{name}: axe {violation['rule']} ({violation['impact']}) on {len(nodes)} nodes: {nodes[:3]}"
                    )
            problems += [f"{name}: {m}" for m in messages]
            page.close()
        fontawesome = [url for url in scripts if "fontawesome" in url]
        if fontawesome:
            problems.append(f"Font Awesome's script is loaded: {fontawesome[:2]}")
    assert not problems, f"{len(problems)} problems at {width} px, {mode or 'first visit'}:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", [PHONE, TABLET])
def test_navigation_opens_on_phone_and_tablet(served, chromium, width):
    """The visible menu button opens the chapter list, and the contents button "On this page"."""
    with reader(chromium, width) as (context, messages):
        page = context.new_page()
        page.goto(f"{served}/book/ch03.html", wait_until="load")
        page.locator(".primary-toggle:visible").click()
        dialog = page.locator("#pst-primary-sidebar-modal")
        assert dialog.evaluate("d => d.open"), "the chapter list opened"
        dialog.get_by_role("link", name="10. What kind of society?").wait_for(state="visible")
        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open"), "Escape closes the chapter list"

        page.locator(".secondary-toggle:visible").click()
        contents = page.locator("#pst-secondary-sidebar-modal")
        assert contents.evaluate("d => d.open"), "On this page opened"
        contents.get_by_role("link", name=re.compile("Try it")).wait_for(state="visible")
        contents.get_by_role("link", name=re.compile("Try it")).click()
        assert page.url.endswith("#try-it")
        assert not messages, messages


def test_desktop_menu_button_hides_and_shows_the_chapter_list(served, chromium):
    """At 1366 px the menu button folds the chapter list away, and brings it back."""
    with reader(chromium, DESKTOP) as (context, messages):
        page = context.new_page()
        page.goto(f"{served}/book/ch03.html", wait_until="load")
        chapters = page.get_by_role("link", name="10. What kind of society?").first
        assert chapters.is_visible()
        button = page.locator(".primary-toggle:visible")
        button.click()
        chapters.wait_for(state="hidden")
        assert page.locator("article").bounding_box()["x"] < 200, "the text takes the room"
        button.click()
        chapters.wait_for(state="visible")
        assert not messages, messages


def test_phone_figures_and_equations_stay_legible(served, chromium):
    """At 390 px figures keep a legible width and scroll in their box; wide equations scroll, with a cue."""
    with reader(chromium, PHONE) as (context, _):
        page = context.new_page()
        page.goto(f"{served}/book/ch03.html", wait_until="load")
        figures = page.evaluate(
            """() => Array.from(document.querySelectorAll('.bd-content figure img')).map(img => ({
                shown: img.getBoundingClientRect().width, natural: img.naturalWidth,
                scrolls: getComputedStyle(img.closest('figure')).overflowX}))"""
        )
        assert figures, "the chapter has figures"
        for figure in figures:
            assert figure["shown"] >= min(0.6 * figure["natural"], 576) - 1, figure
            assert figure["scrolls"] in {"auto", "scroll"}, figure
        page.goto(f"{served}/book/appendix-odd.html", wait_until="load")  # the page with the most equations
        page.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0")
        equations = page.evaluate(
            """() => Array.from(document.querySelectorAll('div.math mjx-container[display="true"]')).map(m => ({
                wider: m.scrollWidth > m.clientWidth, scrolls: getComputedStyle(m).overflowX,
                cue: getComputedStyle(m).backgroundImage}))"""
        )
        wide = [e for e in equations if e["wider"]]
        assert wide, "at 390 px some display equation is wider than the text"
        for equation in wide:
            assert equation["scrolls"] in {"auto", "scroll"} and "gradient" in equation["cue"], equation


def test_explorer_marks_the_current_value(served, chromium):
    """The explorer's slider and "All values" are named; the bold row follows the slider."""
    with reader(chromium, DESKTOP, "dark") as (context, messages):
        page = context.new_page()
        page.goto(f"{served}/book/ch03.html", wait_until="load")
        explorer = page.locator(".antiplan-explorer").first
        slider = explorer.get_by_role("slider", name=re.compile(r"^audit \("))
        summary = explorer.locator("summary")
        assert summary.get_attribute("aria-label").startswith(summary.inner_text())
        summary.click()
        start = explorer.locator("output").inner_text()
        current = explorer.locator("tr.antiplan-explorer-current")
        assert current.get_attribute("data-value") == start
        slider.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        moved = explorer.locator("output").inner_text()
        assert moved != start
        assert current.count() == 1 and current.get_attribute("data-value") == moved
        assert current.evaluate("row => getComputedStyle(row).fontWeight") == "700"
        assert explorer.locator('tr[aria-current="true"]').get_attribute("data-value") == moved
        assert not messages, messages
