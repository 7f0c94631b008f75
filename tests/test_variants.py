"""Instructor-authored variants (antiplan.variants): specs, building, per-student numbers, and grading
through the real commands (nbgrader autograde and antiplan grade), all in scratch copies of the course."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import autograde_course
import nbformat
import pytest
import yaml

from antiplan import BY_NAME, Economy, cli, use_economy
from antiplan.course import Course
from antiplan.grading.notebook import nbgrader_meta, read
from antiplan.variants import check as checking
from antiplan.variants import load_spec, resolve, student_params, validate_spec
from antiplan.variants.build import GRADE_ID, variant_notebook
from antiplan.variants.command import main as variant
from antiplan.variants.spec import FIELDS, spec_text

ROOT = Path(__file__).resolve().parents[1]
REPO = Course.load(ROOT)
"""The repository's own course."""
BASE = "ch01"  # the cheapest assignment to grade
PLAIN = {"base": BASE, "id": "ch01-b", "params": {"capital_ratio": 3.0, "depreciation": 0.02}, "seed": 3}
PER_STUDENT = {**PLAIN, "id": "ch01-s", "per_student": True}


def _course(folder: Path) -> Path:
    """A scratch course: the course's configuration and source/ (no exercises/, no gradebook)."""
    shutil.copytree(ROOT / "source", folder / "source")
    shutil.copy(ROOT / "nbgrader_config.py", folder / "nbgrader_config.py")
    return folder


def _spec(folder: Path, spec, name: str = "spec.yml") -> Path:
    path = folder / name
    path.write_text(spec if isinstance(spec, str) else yaml.safe_dump(spec))
    return path


@pytest.fixture
def course(tmp_path):
    return _course(tmp_path / "course")


BAD_SPECS = {
    "not YAML": ("base: ch01\nid: [unclosed", "not valid YAML"),
    "not a mapping": ("- base\n- id\n", "must be a mapping"),
    "unknown field": ({**PLAIN, "colour": "red"}, "unknown field 'colour': allowed fields are base, id"),
    "missing id": ({"base": BASE}, "id: missing"),
    "unknown base": ({**PLAIN, "base": "ch99"}, "base: unknown assignment 'ch99': allowed are"),
    "unknown parameter": ({**PLAIN, "params": {"tempoo": 0.1}}, "params: unknown parameter 'tempoo'"),
    "value out of range": ({**PLAIN, "params": {"tempo": 0.9}}, "params: tempo=0.9 is out of range"),
    "bad seed": ({**PLAIN, "seed": -1}, "seed: -1 is not allowed"),
    "bad per_student": ({**PLAIN, "per_student": "yes"}, "per_student: 'yes' is not allowed: true or false"),
    "bad spread": ({**PER_STUDENT, "spread": 2}, "spread: 2 is not allowed"),
    "unknown points cell": ({**PLAIN, "points": {"q9_test": 2}}, "points: unknown graded cell 'q9_test'"),
    "unknown text cell": ({**PLAIN, "text": {"q1_answer": "x"}}, "text: unknown cell 'q1_answer'"),
    "id is the base": ({**PLAIN, "id": BASE}, "id: must differ from base"),
}


@pytest.mark.parametrize("case", list(BAD_SPECS))
def test_a_bad_spec_exits_2_with_one_line_naming_the_field(course, case, capsys):
    spec, message = BAD_SPECS[case]
    status = variant(["build", str(_spec(course, spec))], root=course)
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and message in err, err
    assert sorted(p.name for p in (course / "source").iterdir()) == [f"ch{n:02d}" for n in range(1, 11)]


EXAMPLES = sorted((ROOT / "autograder" / "variants").glob("*.yml"))


def test_the_example_specs_are_valid_and_the_guide_documents_every_field():
    specs = [load_spec(path, REPO) for path in EXAMPLES]
    assert [spec["id"] for spec in specs] == [path.stem for path in EXAMPLES]
    assert any(spec["per_student"] for spec in specs) and any(spec["points"] and spec["text"] for spec in specs)
    guide = (ROOT / "book" / "instructor-variants.md").read_text()
    assert all(f"| `{field}` |" in guide for field in FIELDS)
    assert all(f"autograder/variants/{path.name}" in guide for path in EXAMPLES)


def test_new_points_restate_the_headings_and_the_totals():
    spec = validate_spec({"base": "ch05", "id": "ch05-w", "points": {"q1_test_properties": 2, "q4_test_near": 2}}, REPO)
    cells = {nbgrader_meta(c).get("grade_id"): c.source for c in variant_notebook(spec, REPO).cells}
    assert "**Total: 20 points**: 15 autograded" in cells["header"] and "5 graded by hand" in cells["header"]
    assert cells["q1_prompt"].startswith("### Question 1: A defect cascade of your own (6 points)")
    assert "(3 points)" in cells["q2_prompt"].splitlines()[0]
    assert "(4 points)" in cells["q4_prompt"].splitlines()[0]


def test_the_command_line_routes_variant_and_needs_a_course(tmp_path, capsys):
    assert cli.main(["variant", "params", "ch01-s", "--student", "a", "--course", str(tmp_path)]) == 2
    assert "has no source/ folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        cli.main(["variant", "rebuild"])
    assert stop.value.code == 2 and "invalid choice: 'rebuild'" in capsys.readouterr().err


def test_a_base_assignment_is_never_overwritten_even_with_force(course, capsys):
    before = (course / "source" / "ch02" / "ch02.ipynb").read_bytes()
    status = variant(["build", str(_spec(course, {**PLAIN, "id": "ch02"})), "--force"], root=course)
    assert status == 2 and "never overwritten" in capsys.readouterr().err
    assert (course / "source" / "ch02" / "ch02.ipynb").read_bytes() == before


def test_a_failed_build_leaves_nothing_half_written(course, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("nbgrader is down")

    monkeypatch.setattr(Course, "nbgrader_api", broken)
    with pytest.raises(RuntimeError, match="nbgrader is down"):
        variant(["build", str(_spec(course, PLAIN))], root=course)
    assert not (course / "source" / "ch01-b").exists() and not (course / "exercises").exists()
    assert not list(course.glob(".variant-build-*"))


def test_per_student_parameters_are_deterministic_distinct_and_in_range():
    spec = validate_spec(PER_STUDENT, REPO)
    alice, bob = student_params(spec, "alice"), student_params(spec, "bob")
    assert alice == student_params(spec, "alice")
    assert alice != bob and alice["params"] != bob["params"] and alice["seed"] != bob["seed"]
    for name in spec["params"]:
        table = BY_NAME[name]
        for student in [f"s{i}" for i in range(200)]:
            value = student_params(spec, student)["params"][name]
            assert table.min <= value <= table.max
            assert abs(value - spec["params"][name]) <= spec["spread"] * abs(spec["params"][name]) + 1e-9
    assert student_params(validate_spec(PLAIN, REPO), "alice")["params"] == PLAIN["params"]


def test_activation_sets_the_defaults_in_the_kernel_and_in_the_graders_fresh_process(tmp_path):
    folder = tmp_path / "ch01-b"
    folder.mkdir()
    (folder / "variant.yml").write_text(spec_text(validate_spec(PLAIN, REPO)))
    program = textwrap.dedent(
        """
        import json, antiplan, antiplan.variants
        from antiplan.grading.asserts import model
        base = antiplan.simulate("ch01").summary["real_growth"]
        antiplan.variants.activate("ch01-b", quiet=True)
        mine = antiplan.simulate("ch01").summary["real_growth"]
        code = "import antiplan\\nresult = float(antiplan.simulate('ch01').summary['real_growth'])"
        print(json.dumps({
            "base": base, "mine": mine, "model": model(code),
            "explicit": antiplan.simulate("ch01", seed=0, capital_ratio=4.0, depreciation=0.01).summary["real_growth"],
            "params": antiplan.simulate("ch01").params["capital_ratio"], "seed": antiplan.simulate("ch01").seed,
        }))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTIPLAN_")}
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=folder, env=env, capture_output=True, text=True, check=True
    )
    out = json.loads(done.stdout)
    assert out["mine"] != out["base"]
    assert out["model"] == out["mine"]  # the grader's fresh process sees the same economy
    assert out["explicit"] == out["base"]  # an argument given in the call wins
    assert out["params"] == 3.0 and out["seed"] == 3


def test_a_dashboard_opens_in_the_variants_economy():
    from antiplan.widgets import Dashboard

    economy = Economy("ch01-d", {"invest_share": 0.35}, seed=5)
    with use_economy(economy):
        board = Dashboard(1)
        assert board.seed.value == 5 and board.controls["invest_share"].value == 0.35
        assert board.result.params["invest_share"] == 0.35 and board.result.seed == 5
    board.refresh()  # a run after the block: still in the economy the dashboard opened in
    assert board.result.economy == economy
    assert Dashboard(1).controls["invest_share"].value != 0.35


def test_when_grading_the_economy_is_the_submissions_not_the_notebooks(course, monkeypatch):
    """In nbgrader's grading folder, the student is the folder's name and the spec the course's."""
    (course / "source" / "ch01-s").mkdir()
    (course / "source" / "ch01-s" / "variant.yml").write_text(
        spec_text(validate_spec(PER_STUDENT, Course.load(course)))
    )
    folder = course / "autograder" / "autograded" / "bob" / "ch01-s"
    folder.mkdir(parents=True)
    forged = {**PER_STUDENT, "per_student": False, "params": {"capital_ratio": 4.0}}
    (folder / "variant.yml").write_text(yaml.safe_dump(forged))  # handed in beside the notebook
    monkeypatch.setenv("ANTIPLAN_STUDENT", "alice")  # what a notebook might claim
    bob = student_params(validate_spec(PER_STUDENT, Course.load(course)), "bob")
    assert resolve("ch01-s", folder) == Economy("ch01-s", bob["params"], bob["seed"], "bob")
    # antiplan grade hands the economy over; it wins over everything in the folder.
    handed = Economy("ch01-s", {"capital_ratio": 2.5}, 7, "carol")
    monkeypatch.setenv("ANTIPLAN_GRADING_ECONOMY", handed.to_json())
    assert resolve("ch01-s", folder) == handed


# ---------------------------------------------------------------------------------------------
# Through the real grading commands, in a scratch course


def _grade(course: Path, ident: str, student: str, nb):
    checking.submit(Course.load(course), ident, student, nb)
    api = Course.load(course).nbgrader_api()
    outcome = api.autograde(ident, student, force=True, create=True)
    assert outcome["success"], outcome.get("error") or outcome.get("log")
    return checking.code_scores(api, ident, student)


def _failed_cells(course: Path, ident: str, student: str) -> dict[str, float]:
    """The autograded test cells ``student`` lost, with their points."""
    from nbgrader.api import Gradebook

    with Gradebook(Course.load(course).db_url) as gradebook:
        nb = gradebook.find_submission_notebook(ident, ident, student)
        return {g.name: g.max_score for g in nb.grades if "_test" in g.name and g.score < g.max_score}


@pytest.fixture(scope="module")
def built():
    """A scratch course with the plain and the per-student variant of ch01 built (outside /tmp, which
    the grader's sandbox covers with its own)."""
    course = _course(autograde_course.course_base())
    for spec in (PLAIN, PER_STUDENT):
        assert variant(["build", str(_spec(course, spec, f"{spec['id']}.yml"))], root=course) == 0
    yield course
    shutil.rmtree(course, ignore_errors=True)


def _paths(course: Path, ident: str) -> tuple[Path, Path]:
    return course / "source" / ident / f"{ident}.ipynb", course / "exercises" / ident / f"{ident}.ipynb"


@pytest.mark.parametrize("ident", ["ch01-b", "ch01-s"])
@pytest.mark.slow
@pytest.mark.xdist_group("variants")
def test_build_writes_the_variant_with_its_locked_activation_cell(built, ident):
    for path in _paths(built, ident):
        nb = read(path)
        ids = [nbgrader_meta(c).get("grade_id") for c in nb.cells]
        cell = nb.cells[ids.index(GRADE_ID)]
        assert ids.index(GRADE_ID) == 2 and nbgrader_meta(cell)["locked"]
        assert f'activate("{ident}")' in cell.source
        assert (path.parent / "variant.yml").is_file()
        prompts = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "seed 0" not in prompts and "(this economy's seed)" in prompts
    assert not checking.leaks(*_paths(built, ident))
    from nbgrader.api import Gradebook

    with Gradebook(Course.load(built).db_url) as gradebook:  # ready to grade: the gradebook knows it
        assert gradebook.find_assignment(ident).max_score >= 9


@pytest.mark.slow
@pytest.mark.xdist_group("variants")
def test_force_rebuilds_and_without_it_nothing_changes(built, capsys):
    spec = _spec(built, {**PLAIN, "points": {"q1_test_value": 3}}, "changed.yml")
    before = _paths(built, "ch01-b")[0].read_bytes()
    assert variant(["build", str(spec)], root=built) == 2
    assert "already exists: use --force" in capsys.readouterr().err
    assert _paths(built, "ch01-b")[0].read_bytes() == before
    assert variant(["build", str(spec), "--force"], root=built) == 0
    cells = {nbgrader_meta(c).get("grade_id"): c for c in read(_paths(built, "ch01-b")[1]).cells}
    assert nbgrader_meta(cells["q1_test_value"])["points"] == 3
    assert variant(["build", str(_spec(built, PLAIN, "ch01-b.yml")), "--force"], root=built) == 0
    assert _paths(built, "ch01-b")[0].read_bytes() == before  # the same spec gives the same bytes


@pytest.mark.slow
@pytest.mark.xdist_group("variants")
def test_plain_variant_grades_and_its_answers_differ_from_the_base(built):
    source, student_copy = _paths(built, "ch01-b")
    base = checking.answers(built / "source" / BASE / f"{BASE}.ipynb")
    mine = checking.answers(source, "ch01-b")
    assert base["growth_ch01"] != mine["growth_ch01"]
    score, top = _grade(built, "ch01-b", "plain-solution", checking.solved_submission(student_copy, source))
    assert top >= 9 and score == top
    assert _grade(built, "ch01-b", "plain-blank", read(student_copy))[0] == 0
    score, top = _grade(built, "ch01-b", "plain-base", checking.frozen_submission(student_copy, source, base))
    assert score < top and "q1_test_value" in _failed_cells(built, "ch01-b", "plain-base")


@pytest.mark.slow
@pytest.mark.xdist_group("variants")
def test_per_student_variant_grades_each_student_against_their_own_numbers(built):
    source, student_copy = _paths(built, "ch01-s")
    values = {s: checking.answers(source, "ch01-s", s) for s in ("alice", "bob")}
    assert values["alice"]["growth_ch01"] != values["bob"]["growth_ch01"]
    assert values["alice"] == checking.answers(source, "ch01-s", "alice")
    for student in ("alice", "bob"):
        score, top = _grade(built, "ch01-s", student, checking.solved_submission(student_copy, source))
        assert top >= 9 and score == top, student
    assert _grade(built, "ch01-s", "carol", read(student_copy))[0] == 0
    # Alice's numbers, frozen, earn everything for Alice ...
    frozen = checking.frozen_submission(student_copy, source, values["alice"])
    score, top = _grade(built, "ch01-s", "alice", frozen)
    assert score == top
    # ... and handed in by Bob lose the points of the tests that check those numbers.
    score, top = _grade(built, "ch01-s", "bob", frozen)
    lost = _failed_cells(built, "ch01-s", "bob")
    assert "q1_test_value" in lost and score == top - sum(lost.values())
    differing = {name for name in values["alice"] if values["alice"][name] != values["bob"][name]}
    questions = {"growth_ch01": "q1", "model_output_ratio": "q2", "invest_for_growth": "q4"}
    assert {cell.split("_")[0] for cell in lost} <= {questions[n] for n in differing if n in questions}


@pytest.mark.slow
@pytest.mark.xdist_group("variants")
def test_antiplan_grade_grades_each_student_in_their_own_economy(built):
    """The class-scale grader, sandboxed when run as root: the economy comes from the course, by id."""
    source, student_copy = _paths(built, "ch01-s")
    alice = checking.answers(source, "ch01-s", "alice")
    spec = validate_spec(PER_STUDENT, Course.load(built))
    claimed = {"name": "ch01-s", "student": "alice", **student_params(spec, "alice")}
    forge = nbformat.v4.new_code_cell(  # claims Alice's economy where the unsandboxed grader puts its own
        f"import json, os\nos.environ['ANTIPLAN_GRADING_ECONOMY'] = json.dumps({claimed!r})"
    )
    greg = checking.frozen_submission(student_copy, source, alice)
    greg.cells.insert(0, forge)
    hand_ins = {
        "dora": checking.solved_submission(student_copy, source),
        "erik": checking.frozen_submission(student_copy, source, alice),
        "fay": read(student_copy),
        "greg": greg,
    }
    for student, nb in hand_ins.items():
        checking.submit(Course.load(built), "ch01-s", student, nb)
    # Erik also hands in a spec that claims Alice's economy, and his notebook claims to be hers.
    forged = yaml.safe_load((built / "source" / "ch01-s" / "variant.yml").read_text())
    (built / "autograder" / "submitted" / "erik" / "ch01-s" / "variant.yml").write_text(yaml.safe_dump(forged))
    report = built / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "antiplan.autograde", "ch01-s", "--course", str(built), "--quiet"]
        + ["--report", str(report), "--jobs", "2"],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {row["student"]: row for row in json.loads(report.read_text())["students"]}
    assert {row["status"] for row in rows.values()} == {"graded"}
    api = Course.load(built).nbgrader_api()
    scores = {student: checking.code_scores(api, "ch01-s", student) for student in hand_ins}
    assert {student: rows[student]["score"] for student in hand_ins} == {s: v[0] for s, v in scores.items()}
    top = scores["dora"][1]
    assert top >= 9 and scores["dora"][0] == top  # the autograded points; question 5 is graded by hand
    assert scores["fay"][0] == 0
    assert 0 < scores["erik"][0] < top
    if "sandbox on" in done.stderr:  # the economy is sealed where the student's code cannot change it
        assert scores["greg"][0] == scores["erik"][0]
    else:  # without the sandbox, student code runs with the grader's rights (see the instructor's guide)
        assert scores["greg"][0] == top


@pytest.mark.slow
@pytest.mark.xdist_group("variants")
def test_variant_check_passes_and_params_prints_one_students_numbers(built, capsys):
    assert variant(["check", "ch01-s"], root=built) == 0
    assert "ch01-s: sound" in capsys.readouterr().out
    assert variant(["params", "ch01-s", "--student", "alice", "--json"], root=built) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "id": "ch01-s",
        "student": "alice",
        **student_params(validate_spec(PER_STUDENT, Course.load(built)), "alice"),
    }
    assert variant(["params", "ch01-zz", "--student", "alice"], root=built) == 2
    assert "no variant 'ch01-zz'" in capsys.readouterr().err
