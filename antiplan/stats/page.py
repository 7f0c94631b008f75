"""The report as one HTML page: a table of every question part, then each part's chart, common wrong
answers and visible-against-hidden count, then how to read it all.

One file, nothing fetched: the charts are inline SVG images, the styles in the page, no script. It
is written to be read by everyone: the page's language is declared, table headers say what they
head, each chart has a text description, colors pass WCAG AA contrast, flags are marked in words as
well as color, and the wide table scrolls in a region a keyboard can reach.
"""

from __future__ import annotations

from jinja2 import Environment

from . import plot

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Question statistics: {{ r.assignment }}</title>
<style>
body { margin: 0; background: #ffffff; color: #1a1a1a; font: 16px/1.5 system-ui, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.05rem; }
.scroll { overflow-x: auto; }
.scroll:focus { outline: 3px solid #1f4e79; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #8c8c8c; padding: 0.3rem 0.5rem; text-align: right; vertical-align: top; }
th { background: #e8eef5; }
th[scope="row"], td.text, th.text { text-align: left; }
.flag { color: #8b1a1a; font-weight: 600; }
figure { margin: 0.5rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; }
dl.terms dt { font-weight: 600; margin-top: 0.5rem; } dl.terms dd { margin-left: 1.5rem; }
</style>
</head>
<body>
<main>
<h1>Question statistics: {{ r.assignment }}</h1>
<p>{{ counts }}</p>
{% if r.failed %}<p>Failed to grade, and not counted:
{% for f in r.failed %}
{{ f.student }}{% if f.reason %} ({{ f.reason }}){% endif %}{{ ", " if not loop.last else "." }}
{% endfor %}
</p>{% endif %}
{% if r.not_graded %}<p>Handed in but not graded, and not counted: {{ r.not_graded | join(", ") }}.</p>{% endif %}
<h2 id="flagged">Needs a look</h2>
{% if flagged %}<ul>{% for q in flagged %}{% for f in q.flags %}
<li><span class="flag">Flagged:</span> <a href="#{{ q.anchor }}">{{ q.question }}, {{ q.part }}</a>: {{ f }}.</li>
{% endfor %}{% endfor %}</ul>{% else %}<p>No question part is flagged.</p>{% endif %}
<h2 id="table">Every question</h2>
<div class="scroll" role="region" aria-labelledby="table" tabindex="0">
<table>
<caption>Scores as a share of each part's points, over the students graded on it</caption>
<thead><tr>
<th scope="col" class="text">Question</th><th scope="col" class="text">Part</th><th scope="col">Points</th>
<th scope="col">Graded</th><th scope="col">Awaiting hand grading</th><th scope="col">Left blank</th>
<th scope="col">Mean</th><th scope="col">Spread (SD)</th><th scope="col">Full marks</th><th scope="col">Zero marks</th>
<th scope="col">Item-rest correlation</th><th scope="col">Upper minus lower third</th>
<th scope="col">Passed visible tests, then failed hidden</th><th scope="col" class="text">Flags</th>
</tr></thead>
<tbody>
{% for q in rows %}<tr>
<th scope="row"><a href="#{{ q.anchor }}">{{ q.question }}</a></th>
<td class="text">{{ q.part }}</td><td>{{ q.points | pts }}</td>
<td>{{ q.graded }}</td><td>{{ q.awaiting_hand_grading }}</td><td>{{ q.left_blank }}</td>
<td>{{ q.mean | pct }}</td><td>{{ q.spread | pct }}</td>
<td>{{ q.full_marks | pct }}</td><td>{{ q.zero_marks | pct }}</td>
<td>{{ q.item_rest_correlation | signed }}</td><td>{{ q.upper_minus_lower_third | signed }}</td>
<td>{% if q.visible_hidden %}{{ q.visible_hidden.failed_hidden }} of {{ q.visible_hidden.passed_visible }}
{%- else %}n/a{% endif %}</td>
<td class="text">{% if q.flags %}<span class="flag">flagged</span>{% else %}none{% endif %}</td>
</tr>
{% endfor %}</tbody>
</table>
</div>
{% for q in rows %}
<section aria-labelledby="{{ q.anchor }}">
<h2 id="{{ q.anchor }}">{{ q.question }}, {{ q.part }}:
{{ q.points | pts }} point{{ "" if q.points == 1 else "s" }}</h2>
{% for f in q.flags %}<p><span class="flag">Flagged:</span> {{ f }}.</p>{% endfor %}
<figure>
<img src="{{ q.chart }}" alt="{{ q.description }}" width="{{ width }}" height="{{ height }}">
<figcaption>Students by points earned on {{ q.question }}, {{ q.part }} ({{ q.graded }} graded).</figcaption>
</figure>
{% if q.part == "by hand" %}<p>Points given by hand:
{% for d in q.distribution %}
{{ d.points | pts }} to {{ d.students }} student{{ "" if d.students == 1 else "s" }}{{ ", " if not loop.last }}
{% else %}
none yet
{% endfor %}
{% if q.awaiting_hand_grading %}; {{ q.awaiting_hand_grading }} still to grade{% endif %}.</p>
{% endif %}
{% if q.visible_hidden %}<p>{{ q.visible_hidden.passed_visible }} students passed every visible test
of {{ q.question }}; {{ q.visible_hidden.failed_hidden }} of them then failed a hidden test.
{% if q.visible_hidden.unclear %}{{ q.visible_hidden.unclear }} more passed every visible-only test and failed
one with hidden checks besides: which of its checks failed, the notebook does not say.{% endif %}</p>{% endif %}
{% if q.common_wrong_answers %}
<div class="scroll" role="region" aria-label="Common wrong answers to {{ q.question }}" tabindex="0">
<table>
<caption>Common wrong answers to {{ q.question }}: failed tests' messages shared by {{ shared }} students
or more</caption>
<thead><tr><th scope="col">Students</th><th scope="col" class="text">Message</th>
<th scope="col" class="text">Test cells</th></tr></thead>
<tbody>
{% for w in q.common_wrong_answers %}
<tr><th scope="row">{{ w.students }}</th><td class="text">{{ w.message }}</td>
<td class="text">{{ w.cells | join(", ") }}</td></tr>
{% endfor %}
</tbody>
</table>
</div>
{% elif q.part == "autograded" %}<p>No failed test's message is shared by {{ shared }} students or more.</p>{% endif %}
</section>
{% endfor %}
<h2 id="reading">How to read this page</h2>
<dl class="terms">
<dt>Graded</dt><dd>Students with a score on the part. A submission that failed to grade, or was handed in and
not graded, is counted above and left out, never counted as a zero; so is a hand-graded part still to grade.
A question left blank is a zero.</dd>
<dt>Mean, spread</dt><dd>The mean score as a share of the part's points, and its standard deviation.</dd>
<dt>Full marks, zero marks</dt><dd>The share of students graded with every point, and with none.</dd>
<dt>Item-rest correlation</dt><dd>Pearson's correlation between the part's score and the score on the rest of
the assignment (every other question's parts that all graded students have a score on). Near 0 the part does
not tell students apart; below 0 students who did better elsewhere did worse here: look for a wrong or unclear
question or test.</dd>
<dt>Upper minus lower third</dt><dd>The mean share of the third of students with the highest rest of the
assignment minus that of the third with the lowest (students tied at a third's boundary join it).
From -1 to 1, read like the correlation.</dd>
<dt>Passed visible tests, then failed hidden</dt><dd>Of the students who passed every test cell that checks in
the student's copy (what a student's self-check runs), how many failed a hidden test cell, one whose checks run
only at grading: many means the visible tests let wrong answers through. A visible test cell with hidden checks
besides shows one error whichever of its checks failed, so students who failed only such cells are counted
apart, as unclear.</dd>
<dt>Common wrong answers</dt><dd>The one-line messages of failed tests that several students share, each student
counted once; blank answers are counted as left blank instead.</dd>
<dt>n/a</dt><dd>Not measurable: fewer than three students, everyone scored the same, or no rest of the
assignment to compare with.</dd>
</dl>
</main>
</body>
</html>
"""


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f} %"


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.2f}".replace("-", "\u2212")


def _pts(value: float) -> str:
    return f"{value:g}"


def _environment() -> Environment:
    environment = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(pct=_pct, signed=_signed, pts=_pts)
    return environment


def _counts(report: dict) -> str:
    n = report["submissions"]
    return (
        f"{n['graded']} submissions graded; {n['failed']} failed to grade; "
        f"{n['not graded']} handed in but not graded; {n['missing']} handed nothing in."
    )


def render(report: dict, shared: int) -> str:
    """The page for ``report`` (``antiplan.stats.summary.summarize``); ``shared`` is how many students
    a wrong answer needs to be listed."""
    rows = []
    for index, row in enumerate(report["questions"]):
        chart = plot.svg(row["points"], row["distribution"])
        rows.append(
            {
                **row,
                "anchor": f"part-{index + 1}",
                "chart": plot.data_url(chart),
                "description": plot.describe(row["question"], row["part"], row["points"], row["distribution"]),
            }
        )
    return (
        _environment()
        .from_string(TEMPLATE)
        .render(
            r=report,
            rows=rows,
            flagged=[q for q in rows if q["flags"]],
            counts=_counts(report),
            shared=shared,
            width=round(plot.WIDTH * 96),
            height=round(plot.HEIGHT * 96),
        )
    )
