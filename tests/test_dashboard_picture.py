"""The dashboard as a picture for static pages: the run it shows, a caption that says what it is,
a description with the run's numbers, and no widget left in the kernel for the page to carry."""

from __future__ import annotations

import base64
import io
import re

import nbformat
import pytest
from nbclient import NotebookClient
from PIL import Image

import antiplan
from antiplan.widgets import dashboard_picture
from antiplan.widgets.views import format_metric


@pytest.mark.parametrize("chapter", range(1, 11))
def test_the_picture_names_each_lever_of_the_chapter_with_its_range_and_value(chapter):
    """The caption lists every parameter the chapter brings in, its range and the value drawn, and
    the one line that opens the live dashboard."""
    picture = dashboard_picture(chapter)
    caption = picture.caption()
    defaults = antiplan.resolve_params(f"ch{chapter:02d}")
    own = [p for p in antiplan.PARAMETERS if p.chapter == chapter]
    assert own, "every chapter brings in at least one lever"
    for p in own:
        assert f"<code>{p.name}</code>" in caption
        if p.kind == "bool":
            assert f"(a switch, {'on' if defaults[p.name] else 'off'} here)" in caption
        else:
            assert f"{p.min:g} to {p.max:g}, {float(defaults[p.name]):g} here" in caption
    assert "not a control" in caption
    assert f"dashboard({chapter})</code>" in caption


def test_the_picture_shows_the_run_the_live_dashboard_opens_with():
    """The description's numbers are those of the chapter's run at its defaults and seed 0."""
    picture = dashboard_picture(3)
    run = antiplan.simulate("ch03", seed=0)
    assert picture.result.summary == run.summary
    for metric in ("statistics_gap", "control", "turnover"):
        assert f"{metric.replace('_', ' ')} {format_metric(metric, run.summary[metric])}" in picture.alt


def test_the_html_is_an_image_with_its_description_and_size():
    """The page gets one image, described by its alt text, at the figure's own size."""
    picture = dashboard_picture(5)
    page = picture._repr_html_()
    assert page.count("<img ") == 1
    alt = re.search(r'alt="([^"]*)"', page).group(1)
    assert len(alt) > 100 and "statistics gap" in alt
    data = re.search(r'src="data:image/png;base64,([^"]+)"', page).group(1)
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    assert image.size == picture.size
    assert f'width="{picture.size[0]}" height="{picture.size[1]}"' in page
    assert "<input" not in page and "<button" not in page


@pytest.mark.parametrize(("chapter", "flat"), [(1, {5, 6}), (4, {5, 6}), (5, {6}), (6, set()), (10, set())])
def test_a_panel_that_stays_flat_says_which_chapter_switches_it_on(chapter, flat):
    """Defects and turnover are off before chapters 5 and 6: the caption says so, and only then."""
    picture = dashboard_picture(chapter)
    assert {later for _, later in picture.flat} == flat
    for _, later in picture.flat:
        assert f"(chapter {later} switches it on)" in picture.caption()


@pytest.mark.parametrize("bad", [0, 11, True, "3", None])
def test_a_bad_chapter_is_refused_in_one_line(bad):
    with pytest.raises(ValueError, match=r"chapter=.*allowed is a chapter number from 1 to 10") as caught:
        dashboard_picture(bad)
    assert "\n" not in str(caught.value)


def test_a_notebook_showing_the_picture_carries_no_widget_state():
    """Run as the book runs a page (nbclient, widget state stored), the picture leaves no widget:
    the built page has nothing for a widget script to draw."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from antiplan.widgets import dashboard_picture\ndashboard_picture(2)")]
    NotebookClient(nb, timeout=120, kernel_name="python3", store_widget_state=True).execute()
    outputs = nb.cells[0].outputs
    assert any("text/html" in o.get("data", {}) for o in outputs), outputs
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    assert not state.get("state"), "the picture created widgets"
