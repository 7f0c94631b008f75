"""A Sphinx extension that puts the live model ("Run it live") on each chapter page.

When the runtime is in its cache folder (``antiplan.build.live``: fetched and checked by
``antiplan.build.book`` before the build), each chapter page (``book/chNN``) loads the small script
``antiplan-live.js`` (with ``data-chapter``), and at the end of the build the runtime, NumPy, this
package's zip and the chapters' levers are copied into the built book's ``_static/``. Without the
runtime, or for any other builder than ``html`` (the one-page book printed as the PDF has no use for
a button), pages are built as before, with the picture and the explorer.
``_config.yml`` loads this extension (``sphinx.extra_extensions``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.errors import ExtensionError

from .live import HashMismatchError, cached_runtime, stage

SCRIPT = "antiplan-live.js"
CHAPTER_PAGE = re.compile(r"(?:^|/)ch(\d\d)$")
"""A chapter's page name (``book/ch03``): the live model goes on these."""


def _runtime(app: Any) -> Path | None:
    if app.builder.name != "html":
        return None
    try:
        return cached_runtime()
    except HashMismatchError as error:
        raise ExtensionError(str(error)) from None


def _inited(app: Any) -> None:
    app.antiplan_live_runtime = _runtime(app)


def add_script(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Load ``antiplan-live.js`` on a chapter page, naming its chapter, when the runtime is there."""
    found = CHAPTER_PAGE.search(pagename)
    if found is None or getattr(app, "antiplan_live_runtime", None) is None:
        return
    app.add_js_file(SCRIPT, loading_method="defer", **{"data-chapter": str(int(found.group(1)))})


def copy_runtime(app: Any, exception: Exception | None) -> None:
    """Copy the runtime and the model's files into ``_static/`` once the pages are written."""
    runtime = getattr(app, "antiplan_live_runtime", None)
    if exception is not None or runtime is None:
        return
    try:
        size = stage(Path(app.outdir) / "_static", runtime)
    except HashMismatchError as error:
        raise ExtensionError(str(error)) from None
    print(f"the live model's files: {size / 1e6:.1f} MB in _static/", flush=True)


def setup(app: Any) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.connect("builder-inited", _inited)
    app.connect("html-page-context", add_script)
    app.connect("build-finished", copy_runtime)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
