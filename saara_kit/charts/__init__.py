"""Shared chart style: fonts that shape Arabic, PNG output."""

from saara_kit.charts.style import (
    ChartFigure,
    drawable,
    figure_to_png,
    legend_below,
    new_figure,
    short_label,
    short_names,
    title_figure,
    use_saara_style,
)

__all__ = [
    "ChartFigure",
    "drawable",
    "figure_to_png",
    "legend_below",
    "new_figure",
    "short_label",
    "short_names",
    "title_figure",
    "use_saara_style",
]
