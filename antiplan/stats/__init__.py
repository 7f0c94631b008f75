"""``antiplan stats ASSIGNMENT``: after grading, which questions worked, across the class.

One module per idea:

- ``results``: a graded class as the statistics read it: each test and hand-graded cell, and each
  submission's status, scores and failing tests' one-line errors.
- ``read``: gathers those from the course's gradebook (SQLite or PostgreSQL) and autograded notebooks.
- ``outputs``: the one-line errors of an autograded notebook's failed test cells.
- ``measures``: pure functions over scores: mean, spread, item-rest correlation, upper minus lower third.
- ``summary``: the report per question: statistics, flags, common wrong answers, visible against hidden.
- ``plot``: a small chart of a question's score distribution, as an SVG image.
- ``page``: the report as one HTML page, readable offline; ``report``: as JSON, CSV or that page.
- ``planted``: a made-up class with known answers, for trying the command, the benchmark and the book;
  ``planted_course`` lays one out on disk as a graded course.
- ``command``: the command line, ``main(argv) -> int``.
"""
