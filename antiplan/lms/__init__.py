"""Grades to a learning management system: ``antiplan export --format canvas|moodle|csv``.

``roster`` maps nbgrader's student ids to the LMS's; ``canvas`` and ``moodle`` lay out the files their
grade imports accept; ``command`` is the command line.
"""
