"""``python -m antiplan``: the same entry point as the installed ``antiplan`` command."""

import sys

from antiplan.cli import main

if __name__ == "__main__":
    sys.exit(main())
