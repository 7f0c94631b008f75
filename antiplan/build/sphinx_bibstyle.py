"""A bibliography style for the book: entries labeled by author and year, as they are cited.

In the text citations read "Weissman, 1988" (``bibtex_reference_style: author_year``); this style
labels the bibliography's entries the same way instead of numbering them, and sorts them by author
and year. ``_config.yml`` loads this extension and selects the style (``bibtex_default_style:
authoryear``).
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitle


def _plain(text: str) -> str:
    return re.sub(r"[{}\\]", "", text).replace("--", "\u2013")


def _names(entry: Any) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if not people:
        return _plain(entry.fields.get("author", entry.key))
    last = [_plain(" ".join(p.last_names)) for p in people]
    if len(last) == 1:
        return last[0]
    if len(last) == 2:
        return f"{last[0]} and {last[1]}"
    return f"{last[0]} et al."


class AuthorYearLabels(BaseLabelStyle):
    """Labels such as "Weissman 1988", with a letter added where two entries would share one."""

    def format_labels(self, sorted_entries):
        labels = [f"{_names(e)} {_plain(e.fields.get('year', 'n.d.'))}" for e in sorted_entries]
        seen: dict[str, int] = {}
        for label in labels:
            seen[label] = seen.get(label, 0) + 1
        count: dict[str, int] = {}
        for label in labels:
            if seen[label] > 1:
                count[label] = count.get(label, 0) + 1
                yield f"{label}{chr(ord('a') + count[label] - 1)}"
            else:
                yield label


class AuthorYearSorting(AuthorYearTitle):
    """Sorted by author, year and title, with braces (which protect corporate authors) ignored."""

    def sorting_key(self, entry):
        author, year, title = super().sorting_key(entry)
        if not author and entry.persons.get("editor"):
            author = self.persons_key(entry.persons["editor"])
        return _plain(author).lower(), year, title


class AuthorYearStyle(PlainStyle):
    """pybtex's plain style with author-year labels, sorted by author, year and title."""

    default_label_style = AuthorYearLabels
    default_sorting_style = AuthorYearSorting


def setup(app: Any) -> dict[str, Any]:
    """Register the style with pybtex under the name ``authoryear``."""
    register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
