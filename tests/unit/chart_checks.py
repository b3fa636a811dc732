"""Checks every domain's chart tests share: each chart says what it shows in the language, draws
every glyph, and keeps its text inside the picture and large enough to read."""

from __future__ import annotations

import re
import warnings

import matplotlib.text
from matplotlib.container import BarContainer

from saara_kit.charts import ChartFigure, figure_to_png
from saara_kit.charts.style import SMALLEST_FONT_PT

ARABIC = re.compile(r"[\u0600-\u06FF]")


def drawn_texts(figure) -> list[matplotlib.text.Text]:
    """Every text the picture shows: not the labels of ticks left outside the axes' view."""
    hidden = {
        id(label)
        for axes in figure.axes
        for axis in (axes.xaxis, axes.yaxis)
        for tick in axis.get_major_ticks() + axis.get_minor_ticks()
        if not axis.get_view_interval().min() - 1e-9 <= tick.get_loc() <= axis.get_view_interval().max() + 1e-9
        for label in (tick.label1, tick.label2)
    }
    return [
        text
        for text in figure.findobj(matplotlib.text.Text)
        if text.get_visible() and text.get_text().strip() and id(text) not in hidden
    ]


def bars_of(figure) -> BarContainer:
    """The one set of bars of the figure's first axes."""
    (found,) = [c for c in figure.axes[0].containers if isinstance(c, BarContainer)]
    return found


def colour(patch) -> str:
    """A patch's face colour as ``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*(round(255 * c) for c in patch.get_facecolor()[:3]))


def assert_charts_speak(draw, lang: str) -> list[ChartFigure]:
    """Draw the charts (``draw()``) and check each renders every glyph and has an alt text in
    ``lang`` that names its title; return them."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts = draw()
        pngs = [figure_to_png(chart) for chart in charts]
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert all(png.startswith(b"\x89PNG") for png in pngs)
    for chart in charts:
        assert isinstance(chart, ChartFigure) and chart.alt.strip()
        assert bool(ARABIC.search(chart.alt)) == (lang == "ar")
        assert chart._suptitle.get_text() in chart.alt  # the alt text names the chart it describes
    return charts


def assert_text_inside_and_readable(chart) -> None:
    """Check no text of ``chart`` is cut off by the picture's edges or smaller than the kit's minimum."""
    figure_to_png(chart)  # lays the figure out as the PNG has it
    renderer = chart.canvas.get_renderer()
    width, height = chart.bbox.width, chart.bbox.height
    texts = drawn_texts(chart)
    outside = [
        text.get_text()
        for text in texts
        if not (
            (box := text.get_window_extent(renderer)).x0 >= -0.5
            and box.y0 >= -0.5
            and box.x1 <= width + 0.5
            and box.y1 <= height + 0.5
        )
    ]
    assert outside == [], chart.alt
    assert min(text.get_fontsize() for text in texts) >= SMALLEST_FONT_PT
