"""What the book says about the assignments is what the notebooks hold.

The syllabus, the instructor's pages, the preface and the chapters speak of the assignments: how many
questions, how many points, which are graded by hand and how, what a question asks. Each such
statement is either written from ``source/chNN/chNN.ipynb`` as the book builds (a ``{glue:text}``
filled by ``antiplan.figures.assignments``), and these tests read the notebooks again, with nbformat,
to check what those functions write; or it is written by hand, and a test here names it and checks
it against the notebook. A mention of a question that no test here checks fails too.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from grading_support import CHAPTERS, ROOT, read
from planted import planted

from antiplan.figures import assignments
from antiplan.grading.notebook import answer_names, cells_by_grade_id, nbgrader_meta, solution_code

BOOK = ROOT / "book"
INSTRUCTOR_PAGES = sorted(BOOK.glob("instructor-*.md")) + [BOOK / "preface.md"]
WORDS = {w: n for n, w in enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))}
HEADING = re.compile(r"^### Question (\d+)(?: \(([^)]*)\))?: (.+?) \((\d+(?:\.\d+)?) points?\)\s*$")


# ------------------------------------------------------------------- the notebooks, read afresh


def notebook(chapter: str):
    return read(ROOT / "source" / chapter / f"{chapter}.ipynb")


def truth(chapter: str) -> dict[int, dict]:
    """Per question of ``chapter``: its heading (title, note, points), its autograded and hand-graded
    points, its prompt, and its mark scheme (the hand-graded cell's), read with nbformat alone."""
    found: dict[int, dict] = {}
    for cell in notebook(chapter).cells:
        meta = nbgrader_meta(cell)
        gid = meta.get("grade_id", "")
        match = re.match(r"q(\d+)_", gid)
        if not match:
            continue
        q = found.setdefault(int(match.group(1)), {"auto": 0.0, "hand": 0.0, "scheme": "", "prompt": ""})
        if gid.endswith("_prompt"):
            heading = HEADING.match(cell.source.splitlines()[0])
            assert heading, f"{chapter} {gid}: a heading without its points"
            q.update(title=heading.group(3), note=heading.group(2) or "", points=float(heading.group(4)))
            q["prompt"] = cell.source
            body = [p for p in cell.source.split("\n\n")[1:] if p.strip()]
            q["asks"] = heading.group(3) + ". " + (body[0] if body else "")  # the title and what it asks
        if meta.get("grade"):
            q["hand" if cell.cell_type == "markdown" else "auto"] += float(meta["points"])
        if meta.get("grade") and cell.cell_type == "markdown":
            scheme = re.search(r"### BEGIN MARK SCHEME\n(.*?)### END MARK SCHEME", cell.source, re.S)
            q["scheme"] = scheme.group(1) if scheme else ""
    return found


ALL = {chapter: truth(chapter) for chapter in CHAPTERS}


def uses_data(chapter: str, number: int) -> bool:
    return any(
        nbgrader_meta(c).get("solution") and "antiplan.data" in solution_code(c.source)
        for gid, c in cells_by_grade_id(notebook(chapter)).items()
        if gid.startswith(f"q{number}_")
    )


def hand_parts(chapter: str) -> set[tuple[int, bool]]:
    """(question, also autograded) of every part graded by hand."""
    return {(n, q["auto"] > 0) for n, q in ALL[chapter].items() if q["hand"]}


def levels(scheme: str) -> list[int]:
    return [int(k) for k in re.findall(r"^- \*\*(\d+)\*\*:", scheme, re.M)]


def criteria(scheme: str) -> list[float]:
    return [float(p) for p in re.findall(r"^- (\d+(?:\.\d+)?) pts?:", scheme, re.M)]


def chapter_of(text: str) -> str:
    return f"ch{int(text):02d}"


def per_chapter(usual, exceptions: dict[str, object]) -> dict[str, object]:
    return {chapter: exceptions.get(chapter, usual) for chapter in CHAPTERS}


def number(word: str) -> int:
    return WORDS[word] if word in WORDS else int(word)


# ------------------------------------------------------------- the generated phrases are true


def test_the_notebooks_agree_with_themselves():
    """Each heading's points are its cells' points, so either may be quoted."""
    for chapter, qs in ALL.items():
        for n, q in qs.items():
            assert q["points"] == q["auto"] + q["hand"], f"{chapter} question {n}"


def test_sizes_give_every_assignment_its_questions_and_points():
    text = assignments.sizes()
    match = re.fullmatch(r"(\w+) questions and (\d+) points(?: \((.*)\))?", text)
    assert match, text
    other = {
        chapter_of(c): (number(n), float(p))
        for c, n, p in re.findall(r"chapter (\d+) has (\w+) and (\d+)", match.group(3) or "")
    }
    said = per_chapter((number(match.group(1)), float(match.group(2))), other)
    assert said == {ch: (len(qs), sum(q["points"] for q in qs.values())) for ch, qs in ALL.items()}


def test_question_counts_and_max_scores_give_every_assignment_its_own():
    counts = assignments.question_counts()
    match = re.fullmatch(r"(\w+) questions(?: \((.*)\))?", counts)
    assert match, counts
    other = {chapter_of(c): number(n) for n, c in re.findall(r"(\w+) in chapter (\d+)", match.group(2) or "")}
    assert per_chapter(number(match.group(1)), other) == {ch: len(qs) for ch, qs in ALL.items()}

    scores = assignments.max_scores()
    match = re.fullmatch(r"(\d+) per assignment((?:, \d+ for chapter \d+)*)", scores)
    assert match, scores
    other = {chapter_of(c): float(p) for p, c in re.findall(r"(\d+) for chapter (\d+)", match.group(2))}
    assert per_chapter(float(match.group(1)), other) == {
        ch: sum(q["points"] for q in qs.values()) for ch, qs in ALL.items()
    }


def _parts(names: str) -> set[tuple[int, bool]]:
    """``"question 1's explanation and questions 5 and 7"`` as (question, explanation) pairs."""
    found = {(int(n), True) for n in re.findall(r"question (\d+)'s explanation", names)}
    rest = re.sub(r"question \d+'s explanation", "", names)
    return found | {(int(n), False) for n in re.findall(r"\d+", rest)}


def test_the_parts_graded_by_hand_are_those_of_the_notebooks():
    text = assignments.written_parts()
    common, *extras = re.split(r",? (?:and )?in chapter (?=\d)", text)
    said = {chapter: _parts(common) for chapter in CHAPTERS}
    for extra in extras:
        c, names = extra.split(" ", 1)
        said[chapter_of(c)] |= _parts(names)
    assert said == {chapter: hand_parts(chapter) for chapter in CHAPTERS}, text


def test_mark_schemes_grade_as_the_grading_page_says():
    text = assignments.mark_schemes()
    level = re.search(
        r"Question (\d+)'s scheme grades by level: it describes an answer worth (\d+) points, "
        r"then what ([\d, and]+) lack",
        text,
    )
    assert level, text
    n, points = int(level.group(1)), int(level.group(2))
    below = [int(k) for k in re.findall(r"\d+", level.group(3))]
    explanation = re.search(r"Question (\d+)'s explanation \((\d+) points?\)", text)
    assert explanation, text
    extras = re.findall(r"chapter (\d+)'s question (\d+), out of (\d+), gives a point for each of (\w+) criteria", text)
    for chapter, qs in ALL.items():
        assert qs[n]["hand"] == points and not qs[n]["auto"], f"{chapter} question {n}"
        assert levels(qs[n]["scheme"]) == [points, *below] == list(range(points, -1, -1)), f"{chapter} question {n}"
        e = int(explanation.group(1))
        assert qs[e]["hand"] == float(explanation.group(2)) and qs[e]["auto"], f"{chapter} question {e}"
    for c, q, out_of, many in extras:
        scheme = ALL[chapter_of(c)][int(q)]
        assert scheme["hand"] == float(out_of) and not scheme["auto"]
        assert criteria(scheme["scheme"]) == [1.0] * number(many)
    named = {(n, False), (int(explanation.group(1)), True)}
    for chapter in CHAPTERS:
        others = {(int(q), False) for c, q, *_ in extras if chapter_of(c) == chapter}
        assert hand_parts(chapter) == named | others, (
            f"{chapter}: a part graded by hand that the page does not describe"
        )


def test_the_syllabus_hand_grading_estimate_counts_every_part_graded_by_hand():
    text = assignments.hand_grading()
    written = re.search(r"the written answer \((\d+) points, marked against the levels of its mark scheme\)", text)
    explanation = re.search(r"the (\d+)-point explanation of the student's own rule", text)
    assert written and explanation, text
    extras = re.findall(r"in chapter (\d+) also question (\d+) \((\d+) points, one point per criterion", text)
    for chapter, qs in ALL.items():
        plain = [n for n, q in qs.items() if q["hand"] and not q["auto"] and (chapter, n) not in _extra_keys(extras)]
        assert [qs[n]["hand"] for n in plain] == [float(written.group(1))], chapter
        assert levels(qs[plain[0]]["scheme"]), chapter
        own = planted(chapter).OWN_RULE["question"]
        assert [n for n, q in qs.items() if q["hand"] and q["auto"]] == [int(own[1:])], chapter
        assert qs[int(own[1:])]["hand"] == float(explanation.group(1)), chapter
    for c, q, p in extras:
        part = ALL[chapter_of(c)][int(q)]
        assert part["hand"] == float(p) and criteria(part["scheme"]) == [1.0] * int(p)


def _extra_keys(extras) -> set[tuple[str, int]]:
    return {(chapter_of(c), int(q)) for c, q, *_ in extras}


def test_the_syllabus_extra_time_names_the_extra_questions_by_their_titles():
    text = assignments.extra_time()
    usual = Counter(len(qs) for qs in ALL.values()).most_common(1)[0][0]
    longer = {ch for ch, qs in ALL.items() if len(qs) > usual}
    said = re.findall(r"Chapter (\d+) adds about [\w ]+ for questions? ([\d and]+) \(([^)]*)\)\.", text)
    assert {chapter_of(c) for c, *_ in said} == longer, text
    for c, numbers, titles in said:
        qs = ALL[chapter_of(c)]
        named = [int(n) for n in re.findall(r"\d+", numbers)]
        assert named == [n for n in qs if n > usual]
        assert re.findall(r"\u201c(.*?)\u201d", titles) == [qs[n]["title"] for n in named]


# ------------------------------------------------------------------- the pages use them


def flat(path: Path) -> str:
    """The page's prose on one line, its spaces and line breaks as single spaces."""
    return " ".join(prose(path).split())


def prose(path: Path) -> str:
    """The page without its front matter, code cells and code blocks."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


GLUED = {
    "instructor-syllabus.md": {
        "syllabus_sizes": "sizes()",
        "syllabus_extra_time": "extra_time()",
        "syllabus_hand_grading": "hand_grading()",
    },
    "instructor-grading.md": {
        "grading_question_counts": "question_counts()",
        "grading_written_parts": "written_parts()",
        "grading_mark_schemes": "mark_schemes()",
        "grading_max_scores": "max_scores()",
    },
    "instructor-variants.md": {
        "variants_ch03_moved": "numbered(moved)",
        "variants_ch03_same": "numbered(same)",
        "variants_ch05_points": "variant_points(spec)",
        "variants_ch01_same": "same_text",
    },
}


@pytest.mark.parametrize("page", sorted(GLUED))
def test_the_pages_state_counts_and_points_from_the_notebooks(page):
    text = (BOOK / page).read_text(encoding="utf-8")
    assert text.startswith("---\njupytext:"), f"{page} is not executed, so it cannot glue"
    for name, call in GLUED[page].items():
        assert f'glue("{name}", {call}, display=False)' in text, f"{page}: {name} is not glued from {call}"
        assert f"{{glue:text}}`{name}`" in prose(BOOK / page), f"{page}: {name} is glued but not shown"


NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
HARD_CODED = [
    rf"\b{NUMBER} questions\b",
    r"\b\d+ points\b",
    r"\b\d+ per assignment\b",
    rf"\bout of {NUMBER}\b",
    rf"\b{NUMBER}-point\b",
    rf"\({NUMBER} points?,",
]


@pytest.mark.parametrize("page", INSTRUCTOR_PAGES, ids=lambda p: p.stem)
def test_no_page_states_an_assignments_size_by_hand(page):
    """Counts of questions and points are glued, never typed (a variant spec's allowed points aside)."""
    text = prose(page)
    found = [m.group(0) for pattern in HARD_CODED for m in re.finditer(pattern, text)]
    assert not found, f"{page.name}: sizes typed by hand: {found}"


def test_the_grading_pages_example_export_has_chapter_3s_points():
    text = (BOOK / "instructor-grading.md").read_text(encoding="utf-8")
    rows = re.findall(r"^ch03,.*,([\d.]+),(?:graded|failed|missing|not graded),", text, re.M)
    assert rows, "the example export is gone"
    assert {float(r) for r in rows} == {sum(q["points"] for q in ALL["ch03"].values())}


# ------------------------------------------------- what the pages say in words, checked


def test_each_assignment_has_the_kinds_of_question_the_pages_describe():
    """Grading page: an own rule, a question on the historical record, two or more questions computed
    with the model (one on the dashboard) and a written judgment graded by level; a right rule with a
    slip in its run keeps 3 of its 4 autograded points. Preface: running the model, changing one of
    its rules, and a written answer that goes back to the article."""
    grading = flat(BOOK / "instructor-grading.md")
    assert "two or more questions computed with the model, one of them on the chapter's dashboard" in grading
    assert "keeps the rule's points (3 of 4)" in grading
    preface = flat(BOOK / "preface.md")
    assert "running the model, changing one of its rules, and a written answer that goes back to the article" in preface
    for chapter, qs in ALL.items():
        own = int(planted(chapter).OWN_RULE["question"][1:])
        data = [n for n in qs if uses_data(chapter, n)]
        computed = [n for n, q in qs.items() if q["auto"] and not q["hand"] and n not in data]
        assert data, chapter
        assert len(computed) >= 2 and [n for n in computed if qs[n]["note"] == "with the dashboard"], chapter
        judged = [n for n, q in qs.items() if q["hand"] and not q["auto"] and levels(q["scheme"])]
        assert judged and all("¶" in qs[n]["prompt"] for n in judged), chapter
        cells = cells_by_grade_id(notebook(chapter))
        names, functions = answer_names(solution_code(cells[f"q{own}_answer"].source))
        assert functions, f"{chapter}: the own-rule question defines no rule"
        run = names[-1]
        tests = {g: c for g, c in cells.items() if g.startswith(f"q{own}_test")}
        on_run = sum(nbgrader_meta(c)["points"] for c in tests.values() if re.search(rf"\b{run}\b", c.source))
        assert (qs[own]["auto"], on_run) == (4, 1), f"{chapter}: the rule's points are not 3 of 4"


def test_every_written_judgment_rewards_fair_positions_and_named_assumptions():
    """Syllabus: every mark scheme of a written judgment rewards stating the positions fairly and
    naming what the model assumes; chapter 10's asks each student to weigh Serge's account against
    the theories of the class nature, Ticktin's included."""
    text = flat(BOOK / "instructor-syllabus.md")
    assert (
        "Every mark scheme of a written judgment between positions rewards stating the competing positions fairly"
        in text
    )
    for chapter, qs in ALL.items():
        for n, q in qs.items():
            if levels(q["scheme"]):
                top = " ".join(q["scheme"].split("\n- **", 2)[1].split())
                # what the model assumes: its assumptions, or what follows from a rule's definition
                assumes = "assumptions" in top or "from a rule's definition" in top
                assert "fairly" in top and assumes, f"{chapter} question {n}"
    claim = re.search(r"chapter (\d+)'s written question then asks each student to weigh (.*?), argued", text, re.S)
    assert claim, "the syllabus's sentence on chapter 10's written question moved"
    qs = ALL[chapter_of(claim.group(1))]
    (judged,) = [q for q in qs.values() if levels(q["scheme"])]
    for name in ("Serge", "Ticktin"):
        assert name in claim.group(2) and name in judged["prompt"], name
    assert "theories of its class nature" in judged["prompt"]  # "those theories": of the class nature


STOP = set(
    """a an the of in on at to and or for with from by into than that which what who whose its it is are be
    as this these those their them they each one two any all more most less least such again also beside
    design find measure compute work set turn follow run read make makes stops out under over within keeps
    keep""".split()
)


def topic_words(text: str) -> set[str]:
    """The words a topic is told by, cut to five letters (``harvests`` and ``harvest`` alike)."""
    text = text.lower().replace("\u2019", "'").replace("'s", "")
    return {w[:5] for w in re.findall(r"[a-z]+|\d{4}", text) if len(w) >= 3 and w not in STOP}


def names_question(clause: str, prompt: str) -> bool:
    """Whether a clause that says what a question asks is about that question: at least three in four
    of its words are in the question's prompt."""
    words = topic_words(clause)
    return bool(words) and len(words & topic_words(prompt)) >= 0.75 * len(words)


def syllabus_rows() -> dict[str, list[tuple[int, str]]]:
    rows = {}
    for line in prose(BOOK / "instructor-syllabus.md").splitlines():
        match = re.match(r"^\| (\d+) \| [^|]* \| \{ref\}`(ch\d\d)` \| ([^|]*) \|", line)
        if match:
            rows[match.group(2)] = [(int(n), c.strip()) for n, c in re.findall(r"Q(\d+) ([^;]+)", match.group(3))]
    return rows


def test_the_syllabus_names_only_questions_the_notebooks_ask():
    """Each week's row says, question by question, what the assignment asks: it names every question
    of the notebook, in order, and each is about what the row says."""
    rows = syllabus_rows()
    assert sorted(rows) == CHAPTERS
    for chapter, clauses in rows.items():
        numbers = [n for n, _ in clauses]
        assert numbers == sorted(ALL[chapter]), (
            f"{chapter}: the row names questions {numbers}, the notebook has {sorted(ALL[chapter])}"
        )
        assert numbers[0] == int(planted(chapter).OWN_RULE["question"][1:]), f"{chapter}: the row skips the own rule"
        for n, clause in clauses:
            assert n in ALL[chapter], f"{chapter}: the syllabus names question {n}, which does not exist"
            assert names_question(clause, ALL[chapter][n]["prompt"]), (
                f"{chapter}: the syllabus says question {n} asks students to {clause!r}; it asks: "
                f"{ALL[chapter][n]['title']}"
            )


@pytest.mark.parametrize(
    "chapter, n, clause",
    [
        ("ch08", 3, "compare records with what consumers got"),
        ("ch09", 3, "weigh archival against earlier counts of the camps"),
        ("ch08", 1, "raise norms from the records"),
        ("ch03", 2, "find the statistics gap under the heaviest terror"),
    ],
)
def test_the_syllabus_check_rejects_promises_that_were_not_kept(chapter, n, clause):
    """What reviewers found the syllabus and chapter 8 promising, and no notebook asks, fails."""
    assert not names_question(clause, ALL[chapter][n]["prompt"])


def test_the_variants_page_says_what_its_examples_change():
    """The chapter 3 tests run at ``penalty=5.0``; the chapter 5 spec weights the defect cascade and
    the dashboard question and rewords question 2; chapter 1's question 2 stores ``model_output_ratio``
    and its question 3 runs no model."""
    text = flat(BOOK / "instructor-variants.md")
    assert "a test that runs chapter 3's economy with `penalty=5.0`, as those of its question 1 do" in text
    tests = [c.source for g, c in cells_by_grade_id(notebook("ch03")).items() if g.startswith("q1_test")]
    assert any("penalty=5.0" in t for t in tests)
    assert "chapter 5 gives more weight to the defect cascade and to the dashboard question, rewords question 2" in text
    spec = yaml.safe_load((ROOT / "autograder" / "variants" / "ch05-weighted.yml").read_text(encoding="utf-8"))
    weighted = sorted({int(g[1:].split("_")[0]) for g in spec["points"]})
    assert weighted == [1, 4] and "defect cascade" in ALL["ch05"][1]["title"]
    assert ALL["ch05"][4]["note"] == "with the dashboard" and list(spec["text"]) == ["q2_prompt"]
    assert "question 2's `model_output_ratio`" in text
    ch01 = cells_by_grade_id(notebook("ch01"))
    assert "model_output_ratio" in answer_names(solution_code(ch01["q2_answer"].source))[0]
    assert "which works from figures its prompt gives" in text
    assert "simulate" not in solution_code(ch01["q3_answer"].source)


def test_the_jupyterhub_demo_names_a_question_the_assignment_has():
    text = flat(BOOK / "instructor-jupyterhub.md")
    assert "ben answers question 1 with words" in text
    assert all(1 in qs for qs in ALL.values())


CHECKED = {  # every mention of a numbered question on an instructor's page, and the test that checks it
    "instructor-grading.md": [
        "Question 3 shows",  # the made-up assignment of `antiplan.stats.planted`, not a chapter's
        "question 3's visible test",
    ],
    "instructor-jupyterhub.md": ["question 1 with words"],
    "instructor-variants.md": ["its question 1 do", "rewords question 2", "question 2's `model_output_ratio`"],
}


@pytest.mark.parametrize("page", INSTRUCTOR_PAGES, ids=lambda p: p.stem)
def test_every_numbered_question_an_instructors_page_names_is_checked(page):
    text = prose(page).replace("\n", " ")
    allowed = CHECKED.get(page.name, [])
    for match in re.finditer(r"\b[Qq]uestions? \d+", text):
        around = text[max(0, match.start() - 30) : match.end() + 30]
        assert any(a in around for a in allowed), f"{page.name}: an unchecked mention: ...{around}..."


def test_the_stats_example_is_a_made_up_assignment_with_chapter_3s_answer_names():
    from antiplan.stats import planted as sample

    text = flat(BOOK / "instructor-grading.md")
    assert "assignment with chapter 3's points and answer names" in text
    assert "`control_fall`" in text
    assert sample.SAMPLE_ASSIGNMENT == "ch03"
    cells = cells_by_grade_id(notebook("ch03"))
    for cell in sample.SAMPLE_LAYOUT:
        assert cell.grade_id in cells, cell.grade_id
        if cell.points:
            assert nbgrader_meta(cells[cell.grade_id])["points"] == cell.points, cell.grade_id
        if cell.name:
            names, functions = answer_names(solution_code(cells[cell.grade_id].source))
            assert cell.name in names + list(functions), cell.name


# ------------------------------------------------------------------------- the chapters


def outside_exercises(chapter: str) -> str:
    text = prose(BOOK / f"{chapter}.md")
    start = text.index("## Exercises")
    end = text.index("\n## ", start + 5)
    return text[:start] + text[end:]


def discussion_questions(chapter: str) -> int:
    text = (BOOK / f"{chapter}.md").read_text(encoding="utf-8")
    section = text[text.index("## Discussion questions") :]
    section = section[: section.find("\n## ", 5)]
    return len(re.findall(r"^\d+\. ", section, re.M))


def the_question_meant(chapter: str, paragraph: str) -> int:
    """The question of ``chapter``'s assignment whose title and first paragraph (what it asks) share
    the most topic words with ``paragraph`` (0 if two share as many, or none shares two)."""
    words = topic_words(paragraph) - topic_words("question exercises assignment")
    shared = {n: len(words & topic_words(q["asks"])) for n, q in ALL[chapter].items()}
    ranked = sorted(shared.values(), reverse=True)
    best = max(shared, key=shared.get)
    return best if ranked[0] >= 2 and (len(ranked) == 1 or ranked[0] > ranked[1]) else 0


POINTER = re.compile(r"\bquestions? (\d+) of the (?:exercises|assignment)\b", re.I)
PROMISE = re.compile(r"[^.]*\b(?:exercises?|assignments?|graded|your own rule|rule of your own)\b[^.]*\.", re.I)


def unchecked(chapter: str, paragraph: str) -> list[str]:
    """What a paragraph of a chapter says about its assignment that is not so, or that no test can
    check: a statement about the exercises must point to one question ("question 3 of the exercises
    measures how far"), which exists and, of all the assignment's questions, is the one the
    statement is about; any other numbered question is one of the chapter's discussion questions."""
    problems = []
    for promise in PROMISE.findall(paragraph):
        said = " ".join(promise.split())
        if "no rule of your own can" in said:
            continue
        pointed = POINTER.search(promise)
        if not pointed:
            problems.append(f"a statement about the assignment that names no question: {said}")
        elif int(pointed.group(1)) not in ALL[chapter]:
            problems.append(f"names question {pointed.group(1)}, which the assignment does not have: {said}")
        elif the_question_meant(chapter, promise) != int(pointed.group(1)):
            problems.append(f"question {pointed.group(1)} does not ask what this says: {said}")
    for match in re.finditer(r"(\w+) questions? (\d+)(?! of the (?:exercises|assignment))", paragraph):
        if match.group(1) != "discussion" or int(match.group(2)) > discussion_questions(chapter):
            problems.append(f"an unknown question: {match.group(0)}")
    return problems


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_chapter_promises_an_exercise_outside_its_exercises_section(chapter):
    """Only the Exercises section, written from the notebook, lists the assignment; anything else a
    chapter says of it points to one question that asks it."""
    problems = [p for paragraph in outside_exercises(chapter).split("\n\n") for p in unchecked(chapter, paragraph)]
    assert not problems, f"{chapter}: " + "\n".join(problems)


@pytest.mark.parametrize(
    "chapter, paragraph",
    [
        (  # what ch08 said before: no question asks it
            "ch08",
            "A center that read the records as a measure of productivity and raised norms on them would push "
            "targets further still. The model does not do this by default, and one of the exercises asks you "
            "to add it.",
        ),
        (  # a pointer to the wrong question
            "ch05",
            "Output nearly doubled, and fell short of every target, far short of the raised one; question 2 of "
            "the exercises measures how far, and sets it beside the model.",
        ),
        ("ch05", "Question 9 of the exercises measures it."),
    ],
)
def test_the_chapter_check_rejects_a_promise_no_question_keeps(chapter, paragraph):
    assert unchecked(chapter, paragraph)


def test_chapter_8_no_longer_promises_an_exercise_on_norms():
    """The review found ch08 promising an exercise on raising norms from the records; none asks it,
    and the chapter now says a rule of the student's own cannot add it."""
    text = " ".join(outside_exercises("ch08").split())
    assert "no rule of your own can add it" in text
    assert not any("norm" in q["prompt"].split("\n\n")[1].lower() for q in ALL["ch08"].values())
