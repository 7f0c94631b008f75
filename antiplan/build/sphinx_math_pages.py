"""A Sphinx extension that loads MathJax only on pages that show math.

Sphinx's mathjax extension loads MathJax on a page with math, and also on a page whose table of
contents includes one: the book's root page (the preface, which has none) lists every chapter, so
it would load the math renderer for nothing. This drops MathJax's scripts from every page whose own
content holds no math. A build that asks for every asset on every page (Jupyter Book's
single-page build) is left alone. ``_config.yml`` loads this extension (``sphinx.extra_extensions``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


def _is_mathjax(script: Any, path: str) -> bool:
    filename = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    # The builder may have put the static folder in front of the configured path.
    return filename == path or filename.endswith("/" + path) or body.startswith("window.MathJax =")


def has_math(doctree: nodes.Node | None) -> bool:
    """Whether a page's own content holds inline or display math."""
    if doctree is None:
        return False
    return any(True for _ in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))))


def drop_unused_mathjax(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Remove MathJax's scripts from a page whose own content has no math."""
    if app.registry.html_assets_policy == "always" or has_math(doctree):
        return
    scripts = context.get("script_files")
    if scripts is not None:
        path = app.config.mathjax_path
        context["script_files"] = [script for script in scripts if not _is_mathjax(script, path)]


def setup(app: Any) -> dict[str, Any]:
    """Register the extension with Sphinx (after the mathjax extension has added its scripts)."""
    app.connect("html-page-context", drop_unused_mathjax, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
