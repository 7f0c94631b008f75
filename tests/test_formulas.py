"""Every formula the book shows is declared beside its rule and computes what the rule computes."""

import re
from pathlib import Path

import numpy as np
import pytest

import antiplan
from antiplan.figures.formulas import EXTRA, declared, democratic_mode_latex, legend
from antiplan.figures.odd import listed_rules, parameter_values, rationale
from antiplan.parameters import BY_NAME
from antiplan.rules import DEFAULT_RULES
from antiplan.rules.symbols import BY_VARIABLE, PARAMETER_SYMBOLS

BOOK = Path(__file__).resolve().parents[1] / "book"
DRAWS = 300


def _draw(name: str, rng: np.random.Generator, k: int):
    """A value of the argument ``name`` across its range; the range's ends come up often."""
    if name in BY_VARIABLE:
        v = BY_VARIABLE[name]
        if v.kind == "switch":
            return bool(rng.random() < 0.5)
        lo, hi, kind = v.min, v.max, "float"
    else:
        p = BY_NAME[name]
        lo, hi, kind = p.min, p.max, p.kind
    if kind == "int":
        return int(rng.integers(int(lo), int(hi) + 1))
    return float(lo if k % 10 == 0 else hi if k % 10 == 1 else rng.uniform(lo, hi))


@pytest.mark.parametrize("name", list(DEFAULT_RULES))
def test_each_rules_formula_computes_what_the_rule_computes_across_the_ranges(name):
    rule, formula = DEFAULT_RULES[name], DEFAULT_RULES[name].formula
    rng = np.random.default_rng(sum(map(ord, name)))
    draws = [[_draw(a, rng, k) for a in formula.arguments] for k in range(DRAWS)]
    want = [r if isinstance(r, tuple) else (r,) for r in (rule(*args) for args in draws)]
    got = formula.evaluate(*zip(*draws, strict=True))
    np.testing.assert_allclose(np.asarray(got).T, np.asarray(want, dtype=float), rtol=1e-12, atol=1e-12)


def test_paper_output_is_counted_as_its_formula_says():
    run = antiplan.simulate("command", seed=1, periods=6, enterprises=30)
    s = run.series
    (paper,) = EXTRA["paper_output"].evaluate(s["reported_output"], s["construction"], s["idle"])
    np.testing.assert_allclose(s["paper_output"], paper, rtol=1e-12)


@pytest.mark.parametrize("name", [*DEFAULT_RULES, *EXTRA])
def test_every_symbol_of_every_formula_is_in_the_notation_table_and_the_legend(name):
    formula = declared(name)
    assert formula.latex()
    text = legend(name)
    for used in formula.names():
        if used not in formula.where and formula.symbol(used) not in formula.lhs:
            assert f"${formula.symbol(used)}$" in text, (name, used)


def test_one_symbol_means_one_thing_across_the_book():
    symbols = [*PARAMETER_SYMBOLS.values(), *(v.symbol for v in BY_VARIABLE.values() if v.name != "actual_harvest")]
    assert len(symbols) == len(set(symbols)), sorted(s for s in symbols if symbols.count(s) > 1)


def test_the_democratic_mode_is_rendered_from_its_declaration():
    text = democratic_mode_latex()
    for name, value in antiplan.scenarios.DEMOCRATIC_MODE.items():
        assert f"{PARAMETER_SYMBOLS[name]} = {value:g}" in text


DISPLAY = re.compile(r"^\s*(\$\$|```\{math\}|:::\{math\}|\\begin\{(aligned|equation|align)\})", re.MULTILINE)


@pytest.mark.parametrize("page", sorted(BOOK.glob("*.md")), ids=lambda p: p.name)
def test_no_page_carries_a_display_formula_typed_by_hand(page):
    assert DISPLAY.findall(page.read_text()) == [], f"{page.name}: render formulas with antiplan.figures.formulas.show"


def test_a_hand_typed_formula_would_be_caught():
    assert DISPLAY.findall("Text\n\n$$\nq = 1\n$$\n")
    assert DISPLAY.findall("```{math}\nq = 1\n```\n")


def test_the_odd_appendix_shows_every_submodel_with_its_equation_parameters_and_rationale():
    assert sorted(listed_rules()) == sorted(DEFAULT_RULES)
    for name in DEFAULT_RULES:
        assert rationale(name) and parameter_values(name)
