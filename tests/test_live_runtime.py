"""The live model's build side and Python side, without a browser: the runtime's files are checked
against Pyodide's lock (a tampered one stops the build with one line), the package's zip holds what
the browser imports, and ``LiveModel`` gives what ``simulate`` and the rule checker give."""

from __future__ import annotations

import hashlib
import json
import zipfile

import numpy as np
import pytest

import antiplan
from antiplan.build import live
from antiplan.build.book import run_build
from antiplan.chapters import CHAPTER_RULES, CHAPTER_TITLES
from antiplan.widgets.inbrowser import LiveModel, chapter_levers, read_rule, rule_starter
from antiplan.widgets.rulecheck import RuleSet

WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"


@pytest.fixture
def runtime(tmp_path):
    """A runtime folder as the cache holds it: the runtime's files and a wheel whose sha256 the lock records."""
    folder = tmp_path / f"pyodide-{live.PYODIDE[1]}"
    folder.mkdir()
    wheel = b"a wheel's bytes"
    lock = {
        "info": {"version": live.PYODIDE[1]},
        "packages": {"numpy": {"file_name": WHEEL, "sha256": hashlib.sha256(wheel).hexdigest(), "depends": []}},
    }
    for name in live.RUNTIME_FILES:
        (folder / name).write_text("runtime")
    (folder / "pyodide-lock.json").write_text(json.dumps(lock))
    (folder / WHEEL).write_bytes(wheel)
    return folder


def test_a_checked_runtime_is_staged_with_the_package_and_the_levers(runtime, tmp_path):
    assert live.verify(runtime) == [*live.RUNTIME_FILES, WHEEL]
    static = tmp_path / "_static"
    size = live.stage(static, runtime)
    assert (static / live.STATIC / WHEEL).read_bytes() == (runtime / WHEEL).read_bytes()
    with zipfile.ZipFile(static / live.LIVE_STATIC / "antiplan.zip") as archive:
        names = set(archive.namelist())
    assert {"antiplan/__init__.py", "antiplan/widgets/inbrowser.py", "antiplan/rules/numeric.py"} <= names
    assert not any(n.startswith(("antiplan/build/", "antiplan/autograde/")) or "__pycache__" in n for n in names)
    levers = json.loads((static / live.LIVE_STATIC / "levers.json").read_text())
    assert sorted(levers, key=int) == [str(c) for c in CHAPTER_TITLES]
    assert size > 0
    first = (static / live.LIVE_STATIC / "antiplan.zip").read_bytes()
    live.package_zip(tmp_path / "again.zip")
    assert (tmp_path / "again.zip").read_bytes() == first, "the zip changes from one build to the next"


def test_a_tampered_wheel_stops_the_build_with_one_line_naming_it(runtime, tmp_path, monkeypatch, capsys):
    (runtime / WHEEL).write_bytes(b"a wheel's bytes, changed")
    assert live.main(["--cache", str(runtime)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and WHEEL in err and "pyodide-lock.json" in err, err

    monkeypatch.setattr(live, "cache_folder", lambda: runtime)
    done = run_build(tmp_path / "no-book", capture=True)  # stops before jupyter-book is started
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and WHEEL in done.stderr, done.stderr


def test_without_the_registries_the_book_builds_without_the_live_model(tmp_path, monkeypatch, capsys):
    def unavailable(into):
        raise live.RuntimeUnavailableError("npm pack pyodide@0.27.7 failed: network unreachable")

    monkeypatch.setattr(live, "fetch", unavailable)
    assert live.ensure_runtime(tmp_path / "cache") is None
    out = capsys.readouterr().out.strip()
    assert len(out.splitlines()) == 1 and "left out" in out and "network unreachable" in out, out
    assert live.cached_runtime(tmp_path / "cache") is None


@pytest.mark.parametrize("chapter", [2, 3, 5])
def test_the_live_model_runs_what_simulate_runs(chapter):
    info = chapter_levers(chapter)
    own = [lever for lever in info["levers"] if lever["chapter"] == chapter]
    assert [lever["name"] for lever in own] == [p.name for p in antiplan.PARAMETERS if p.chapter == chapter]
    assert {lever["name"] for lever in info["levers"]} == {p.name for p in antiplan.PARAMETERS if p.chapter <= chapter}
    lever = own[0]
    moved = lever["max"] if lever["kind"] != "bool" else not lever["value"]
    model = LiveModel(chapter)
    answer = json.loads(model.run_json(json.dumps({lever["name"]: moved})))
    native = antiplan.simulate(f"ch{chapter:02d}", seed=0, **{lever["name"]: moved})
    assert [run["role"] for run in answer["runs"]] == ["main"]
    for name, values in native.columns.items():
        np.testing.assert_allclose(answer["columns"][name], values, rtol=0, atol=1e-12)
    for name, value in native.summary.items():
        assert answer["runs"][0]["summary"][name] == pytest.approx(value, abs=1e-12)


def test_a_readers_rule_is_checked_as_in_jupyter_and_runs_beside_the_default():
    model = LiveModel(3)
    starter = rule_starter(CHAPTER_RULES[3])
    assert starter.startswith("def padding_share(penalty, audit):") and '"""' not in starter
    assert model.set_rule(starter.replace("(1.0 - audit)", "0.5 * (1.0 - audit)")) is None
    answer = model.run({})
    assert [run["role"] for run in answer["runs"]] == ["main", "default"] and not answer["messages"]

    broken = "def padding_share(penalty, audit):\n    return float('nan')\n"
    expected = RuleSet.check({"padding_share": read_rule("padding_share", broken)}).problems["padding_share"]
    assert model.set_rule(broken) == expected
    answer = model.run({})
    assert answer["messages"] == [expected]
    assert [run["role"] for run in answer["runs"]] == ["main"]
    assert answer["columns"]["reported_output"] == pytest.approx(
        list(antiplan.simulate("ch03").columns["reported_output"])
    )
    assert "cannot be read" in model.set_rule("def padding_share(penalty, audit:\n")
    assert "no function called `padding_share`" in model.set_rule("def pad(penalty, audit):\n    return 0.1\n")
    assert model.set_rule("") is None and len(model.run({})["runs"]) == 1


def test_every_rules_starting_code_passes_the_checker():
    assert set(CHAPTER_RULES) == set(CHAPTER_TITLES) and set(CHAPTER_RULES.values()) <= set(antiplan.DEFAULT_RULES)
    for name in antiplan.DEFAULT_RULES:
        assert not RuleSet.check({name: read_rule(name, rule_starter(name))}).problems, name


def test_only_chapter_pages_load_the_live_script_and_only_with_the_runtime(runtime):
    from antiplan.build import sphinx_live

    class App:
        def __init__(self, folder):
            self.antiplan_live_runtime = folder
            self.added = []

        def add_js_file(self, name, **attributes):
            self.added.append((name, attributes))

    with_runtime, without = App(runtime), App(None)
    for app in (with_runtime, without):
        for page in ("book/ch03", "book/ch10", "book/preface", "book/appendix-odd", "index"):
            sphinx_live.add_script(app, page, "page.html", {}, None)
    assert [(n, a["data-chapter"]) for n, a in with_runtime.added] == [
        ("antiplan-live.js", "3"),
        ("antiplan-live.js", "10"),
    ]
    assert without.added == []
