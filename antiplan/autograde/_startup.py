"""Imported first by the command: trims the grader's start-up.

``jsonschema`` (through ``nbformat``) compiles a grammar for IRI checks when the optional package
``rfc3987_syntax`` is installed: about 1.5 s at every start, for a format notebooks never use.
Marking that package as absent before ``jsonschema`` loads skips it (``jsonschema`` expects it to be
missing). This is most of the ~2 s each ``nbgrader`` command spends starting.
"""

import sys

if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)
