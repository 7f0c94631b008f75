"""A Sphinx extension that keeps the book's pages free of scripts pointing at other sites.

Jupyter Book 1 always loads sphinx-thebe, which writes its settings (with the address of thebe on a
CDN) into every page, twice, and loads ``sphinx-thebe.js``. The book has no launch buttons, so both
are dropped from every page. ``_config.yml`` loads this extension (``sphinx.extra_extensions``).
"""

from __future__ import annotations

from typing import Any


def _is_thebe(script: Any) -> bool:
    filename = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return filename.endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body


def drop_thebe(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Remove sphinx-thebe's scripts from a page's context before it is rendered."""
    scripts = context.get("script_files")
    if scripts is not None:
        context["script_files"] = [script for script in scripts if not _is_thebe(script)]


def setup(app: Any) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
