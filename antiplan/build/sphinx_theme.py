"""A Sphinx extension that makes the book's theme work on every screen and for every reader.

sphinx-book-theme 1.3 on pydata-sphinx-theme 0.17 needs a few corrections, made here rather than in
the built HTML:

- Templates (``theme/templates``) that replace four of the theme's: its asset macros without Font
  Awesome's 1.5 MB script (the stylesheet's webfonts draw the icons), a search button and a
  color-mode switch whose accessible names match what they show, and the book's title in the
  sidebar in a landmark of its own, like the navigation beside it.
- A stylesheet (``theme/static/antiplan-book.css``): figures that stay legible on a phone, equations
  and tables that scroll visibly, and the kernel-free explorers' colors in light and dark mode.
- A script (``theme/static/antiplan-book.js``): on a wide screen the menu button folds the chapter
  list away and back (the theme would open it a second time, as a pop-up); a figure that scrolls
  sideways on a phone can be reached with the keyboard.
- A small icon for the browser's tab (``theme/static/favicon.svg``).
- The sidebar's expand/collapse toggles are named after the section they open.
- Citations in the bibliography are list items of their list (docutils gives them a role that
  screen readers do not expect inside a list).
- A hidden code cell's "Show code cell source" is its toggle's name (myst-nb labels it "Toggle
  hidden content", which is not what a reader sees).

``_config.yml`` loads this extension (``sphinx.extra_extensions``) and sets the theme options it
relies on (no header bar: ``navbar_persistent: []``; ``default_mode: auto``).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from docutils import nodes

THEME = Path(__file__).with_name("theme")
STYLESHEET = "antiplan-book.css"
SCRIPT = "antiplan-book.js"


def label_toggles(fragment: str) -> str:
    """Name each ``<summary>`` toggle of a sidebar fragment after the page or section it opens."""
    if "<summary" not in fragment:
        return fragment
    soup = BeautifulSoup(fragment, "html.parser")
    for summary in soup.find_all("summary"):
        if summary.get("aria-label") or summary.get_text(strip=True):
            continue
        item = summary.find_parent("li")
        link = item.find("a", recursive=False) if item is not None else None
        title = link.get_text(" ", strip=True) if link is not None else "this section"
        summary["aria-label"] = f"Pages under {title}"
    return str(soup)


def _wrap_toctree(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    make = context.get("generate_toctree_html")
    if make is None or getattr(make, "labels_toggles", False):
        return

    def generate_toctree_html(*args: Any, **kwargs: Any) -> str:
        return label_toggles(str(make(*args, **kwargs)))

    generate_toctree_html.labels_toggles = True
    context["generate_toctree_html"] = generate_toctree_html


def visit_citation(self: Any, node: nodes.citation) -> None:
    """Open a citation as an item of the bibliography's list."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self: Any, node: nodes.citation) -> None:
    """Close a citation, and the list after the last one."""
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def visit_hidden_cell(self: Any, node: Any) -> None:
    """Open a hidden cell part; its toggle is named by the prompt it shows."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{html.escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{html.escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def depart_hidden_cell(self: Any, node: Any) -> None:
    """Close a hidden cell part."""
    self.body.append("</details>\n")


def _add_paths(app: Any, config: Any) -> None:
    config.templates_path = [str(THEME / "templates"), *config.templates_path]
    config.html_static_path = [*config.html_static_path, str(THEME / "static")]
    if not config.html_favicon:  # without one, every browser asks for /favicon.ico, which is not there
        config.html_favicon = str(THEME / "static" / "favicon.svg")


def setup(app: Any) -> dict[str, Any]:
    """Register the templates, the stylesheet and the markup corrections with Sphinx."""
    from myst_nb.sphinx_ import HideCodeCellNode

    app.connect("config-inited", _add_paths, priority=100)
    app.add_css_file(STYLESHEET)
    app.add_js_file(SCRIPT, loading_method="defer")
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_hidden_cell))
    app.connect("html-page-context", _wrap_toctree, priority=900)  # after the theme adds its own
    return {"parallel_read_safe": True, "parallel_write_safe": True}
