"""Each chapter has one title: the book's heading, the dashboard's and the assignment's agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from antiplan.chapters import CHAPTER_TITLES
from antiplan.grading.notebook import read

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("chapter", range(1, 11))
def test_book_dashboard_and_assignment_give_the_chapter_the_same_title(chapter):
    title = CHAPTER_TITLES[chapter]
    page = (ROOT / "book" / f"ch{chapter:02d}.md").read_text()
    assert re.search(r"^# (.+)$", page, re.M).group(1) == title
    for folder in ("source", "exercises"):
        header = read(ROOT / folder / f"ch{chapter:02d}" / f"ch{chapter:02d}.ipynb").cells[0].source
        assert header.splitlines()[0] == f"# Chapter {chapter} exercises: {title}"
