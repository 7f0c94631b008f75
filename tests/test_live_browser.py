"""The live model in the built book, in Chromium: three chapters over HTTP with every request off
loopback aborted, "Run it live" pressed from the keyboard, a lever moved and a rule typed; the
numbers the page draws are the native model's to 1e-9 (the browser's NumPy is Pyodide's 2.0.2, not
the pinned one). One Python load per page; the pages share the test run's one built book and server.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from axe_support import RUN_AXE, axe_script
from browser_support import headless_chromium

import antiplan
from antiplan.chapters import CHAPTER_RULES
from antiplan.widgets.inbrowser import read_rule, rule_starter
from antiplan.widgets.rulecheck import RuleSet

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("book")]

CHAPTERS = (2, 3, 5)
STEP_TIMEOUT = 120_000  # ms: loading Python on a loaded machine takes seconds, not minutes
TOLERANCE = 1e-9
LIVE = "() => document.querySelector('.antiplan-live').antiplanLive"
CONTRAST_JS = (Path(__file__).with_name("contrast.js")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, headless, driven by Playwright: one browser for the module's pages."""
    with headless_chromium() as browser:
        yield browser


def _changed_rule(starter: str) -> str:
    """The starting rule with its returned value scaled by 0.9: a rule that passes, and changes the run."""
    lines = starter.rstrip().splitlines()
    last = re.match(r"(\s*)return (.+)$", lines[-1])
    assert last, starter
    return "\n".join([*lines[:-1], f"{last.group(1)}return 0.9 * ({last.group(2)})"]) + "\n"


def _same(answer: dict, native: antiplan.Result, where: str) -> None:
    """Every series, the stage shares and the summary of the page's run equal the native run's."""
    assert set(answer["columns"]) == set(native.columns), where
    for name, values in native.columns.items():
        np.testing.assert_allclose(
            np.asarray(answer["columns"][name], dtype=float), values, rtol=0, atol=TOLERANCE, err_msg=f"{where}: {name}"
        )
    for name, values in native.stage_columns.items():
        np.testing.assert_allclose(answer["stage_columns"][name], values, rtol=0, atol=TOLERANCE, err_msg=where)
    summary = answer["runs"][0]["summary"]
    for name, value in native.summary.items():
        if np.isfinite(value):
            assert summary[name] == pytest.approx(value, abs=TOLERANCE), f"{where}: {name}"


def _wait_runs(page, count: int) -> dict:
    page.wait_for_function(f"() => {{ const r = ({LIVE})(); return r && r.moves.length >= {count}; }}")
    return page.evaluate(LIVE)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_live_model_in_the_page_gives_the_native_numbers(served, built, chromium, chapter):
    status, log, _ = built
    assert status == 0, log[-3000:]
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, color_scheme="light")
    off_host: list[str] = []
    errors: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost")):
            request_route.continue_()
        else:
            off_host.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{served}/book/ch{chapter:02d}.html", wait_until="load")
        button = page.get_by_role("button", name="Run it live")
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => {{ const r = ({LIVE})(); return r && r.ready !== null; }}")
        record = page.evaluate(LIVE)
        scenario = f"ch{chapter:02d}"
        _same(record["result"], antiplan.simulate(scenario, seed=0), f"{scenario} at its defaults")

        # A lever: the chapter's first, moved to the top of its range.
        lever = next(p for p in antiplan.PARAMETERS if p.chapter == chapter)
        control = page.locator(f".antiplan-live-lever-{lever.name} input")
        value = lever.max
        control.fill(str(value))
        record = _wait_runs(page, 2)
        assert record["result"]["params"][lever.name] == value
        moved = antiplan.simulate(scenario, seed=0, **{lever.name: value})
        _same(record["result"], moved, f"{scenario} with {lever.name}={value}")

        # A rule of the reader's own: checked, then run beside the default.
        rule_name = CHAPTER_RULES[chapter]
        source = _changed_rule(rule_starter(rule_name))
        page.get_by_label(re.compile("^Your rule")).fill(source)
        page.get_by_role("button", name="Run my rule").click()
        record = _wait_runs(page, 3)
        assert not record["result"]["messages"], record["result"]["messages"]
        assert [run["role"] for run in record["result"]["runs"]] == ["main", "default"]
        rule = {rule_name: read_rule(rule_name, source)}
        _same(record["result"], antiplan.simulate(scenario, seed=0, rules=rule, **{lever.name: value}), "your rule")
        assert record["result"]["runs"][1]["summary"]["statistics_gap"] == pytest.approx(
            moved.summary["statistics_gap"], abs=TOLERANCE
        )

        if chapter == 3:
            # A broken rule: the same plain message as the Jupyter dashboard's, and the default run stays.
            broken = f"def {rule_name}(penalty, audit):\n    return penalty * float('nan')\n"
            expected = RuleSet.check({rule_name: read_rule(rule_name, broken)}).problems[rule_name]
            page.get_by_label(re.compile("^Your rule")).fill(broken)
            page.get_by_role("button", name="Run my rule").click()
            record = _wait_runs(page, 4)
            assert record["result"]["messages"] == [expected]
            assert expected.split("`")[0] in page.locator(".antiplan-live-messages").inner_text()
            assert [run["role"] for run in record["result"]["runs"]] == ["main"]
            _same(record["result"], moved, "the default run after a broken rule")
            _accessible(page)
        moves = record["moves"][1:]
        print(f"\nch{chapter:02d}: ready in {record['ready']:.1f} s; moves {', '.join(f'{m:.0f}' for m in moves)} ms")
        assert not errors, errors
        assert not off_host, f"requests off loopback: {off_host[:5]}"
    finally:
        context.close()


def _accessible(page) -> None:
    """With the live controls open: no serious axe violation in them and readable text, light and dark,
    desktop and phone (the rest of the page is ``test_book_accessibility``'s)."""
    axe = axe_script()
    page.add_script_tag(content=axe)
    problems = []
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for mode in ("light", "dark"):
            page.evaluate(f"() => {{ document.documentElement.dataset.theme = '{mode}'; }}")
            for violation in page.evaluate(RUN_AXE.replace("axe.run(document,", "axe.run('.antiplan-live',")):
                if violation["impact"] in {"critical", "serious"}:
                    problems.append(f"{width} px {mode}: axe {violation['rule']} on {violation['nodes'][:3]}")
            for text in page.evaluate(CONTRAST_JS, ".antiplan-live"):
                if text["ratio"] < 4.5:
                    problems.append(f"{width} px {mode}: contrast {text['ratio']}:1 for {text['text']!r}")
            if width == 390:
                wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                if wide > 0:
                    problems.append(f"{width} px {mode}: the page is {wide} px wider than the screen")
    assert not problems, "\n".join(problems)


def test_a_page_opened_as_a_file_says_how_to_serve_the_book(built, chromium):
    _, _, html = built
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto((Path(html) / "book" / "ch03.html").as_uri(), wait_until="load")
        page.get_by_role("button", name="Run it live").click()
        status = page.locator(".antiplan-live-status").inner_text()
        assert "make serve" in status and "file" in status, status
        assert page.locator("figure.antiplan-dashboard-picture").is_visible()
        assert page.locator(".antiplan-explorer").count() >= 1
    finally:
        context.close()
