"""The directory drawn: approved resources per theme (coloured by how many languages they come in),
the theme × language gaps as a grid, and the resources each hub has. Pending and rejected
suggestions are never counted; a gap is drawn as a visible 0."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from saara_kit.charts import ChartFigure, legend_below, new_figure, short_label, title_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT
from saara_kit.directory.analysis import EVERY_HUB, by_hub, coverage, label, listed, theme_languages
from saara_kit.directory.moderation import published
from saara_kit.i18n import format_number, is_rtl, t

__all__ = ["GAP_COLOUR", "LANGUAGE_COVERAGE_COLOURS", "gaps_heatmap", "regions_chart", "themes_chart"]

# a theme's bar by the number of languages its resources come in: 3, 2, 1 (dark to light blue)
LANGUAGE_COVERAGE_COLOURS = {3: "#2166ac", 2: "#4393c3", 1: "#92c5de"}
GAP_COLOUR = "#d6604d"  # a 0: no resource
HUB_COLOUR, EVERY_HUB_COLOUR = "#4393c3", "#92c5de"
GRID_COLOURS = ListedColormap(["#d1e5f0", "#92c5de", "#4393c3", "#2166ac"])  # 1, 2, 3, 4 and more
LABEL_LENGTH = 24  # characters of a theme's or hub's label beside its bar


def _counted_bars(heading: str, alt: str, labels: list[str], counts: list[int], colours: list[str], lang: str):
    """Draw one horizontal bar per label, the first at the top, each with its count at its end
    (a 0 written in the gap colour, so that a missing bar is seen as a gap)."""
    figure = new_figure(FIGURE_WIDTH_IN, max(3.0, 1.9 + 0.42 * len(labels)), alt=alt)
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    places = list(range(len(labels)))
    axes.barh(places, counts, height=0.7, color=colours)
    for place, count in zip(places, counts):
        axes.annotate(
            format_number(count, lang),
            (count, place),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=SMALLEST_FONT_PT,
            color=GAP_COLOUR if count == 0 else "#333333",
            fontweight="bold" if count == 0 else "normal",
        )
    axes.set_yticks(places, [short_label(text, LABEL_LENGTH) for text in labels])
    axes.set_ylim(max(len(labels), 1) - 0.5, -0.5)  # the first at the top
    axes.set_xlim(0, max([*counts, 1]) * 1.18 + 0.5)  # room for the counts
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(t("directory.chart.resources", lang))
    return figure, axes


def themes_chart(resources: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the approved resources of each theme, every theme listed (a 0 for a gap), each bar
    coloured by how many of the kit's languages its resources come in. ``figure.counts`` is what
    was drawn (theme -> resources), ``figure.languages`` how many languages each theme has."""
    counts = coverage(resources, "themes")
    spoken = (theme_languages(resources) > 0).sum(axis=1).reindex(counts.index)
    heading = title or t("directory.chart.themes", lang)
    empty = [label("themes", code, lang) for code, count in counts.items() if count == 0]
    figure, _ = _counted_bars(
        heading,
        t(
            "directory.chart.themes_alt",
            lang,
            title=heading,
            count=len(published(resources)),
            themes=len(counts),
            empty=listed(empty, lang),
        ),
        [label("themes", code, lang) for code in counts.index],
        counts.to_list(),
        [LANGUAGE_COVERAGE_COLOURS.get(int(n), GAP_COLOUR) for n in spoken],
        lang,
    )
    legend_below(
        figure,
        [
            Patch(facecolor=colour, label=t("directory.chart.in_languages", lang, count=number))
            for number, colour in LANGUAGE_COVERAGE_COLOURS.items()
        ],
        columns=3,
    )
    figure.counts, figure.languages = counts, spoken
    return figure


def gaps_heatmap(resources: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the approved resources per theme (rows) and language (columns) as a grid of counts,
    the darker the more, each 0 a red cell: the directory's gaps. ``figure.counts`` is the grid."""
    counts = theme_languages(resources)
    zeros = int((counts == 0).to_numpy().sum())
    heading = title or t("directory.chart.gaps", lang)
    figure = new_figure(
        FIGURE_WIDTH_IN,
        max(3.4, 2.2 + 0.4 * len(counts)),
        alt=t("directory.chart.gaps_alt", lang, title=heading, gaps=zeros, cells=counts.size),
    )
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    grid = counts.to_numpy(dtype=float)
    shown = np.ma.masked_equal(grid, 0)  # a 0 is drawn in the gap colour
    axes.imshow(shown, cmap=GRID_COLOURS.with_extremes(bad=GAP_COLOUR), vmin=0.5, vmax=4.5, aspect="auto")
    for (row, column), value in np.ndenumerate(grid):
        axes.text(
            column,
            row,
            format_number(int(value), lang),
            ha="center",
            va="center",
            fontsize=SMALLEST_FONT_PT,
            color="white" if value >= 3 or value == 0 else "#222222",
            fontweight="bold" if value == 0 else "normal",
        )
    axes.set_xticks(range(counts.shape[1]), [label("languages", code, lang) for code in counts.columns])
    axes.xaxis.tick_top()
    axes.set_yticks(
        range(counts.shape[0]), [short_label(label("themes", code, lang), LABEL_LENGTH) for code in counts.index]
    )
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    legend_below(
        figure,
        [
            Patch(facecolor=GAP_COLOUR, label=t("directory.chart.gap", lang)),
            Patch(facecolor=GRID_COLOURS(3), label=t("directory.chart.darker", lang)),
        ],
    )
    figure.counts = counts
    return figure


def regions_chart(resources: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw, for each hub, the approved resources that name it, then, on a bar of its own, those
    meant for every hub (they name none). ``figure.counts`` is what was drawn (hub -> resources)."""
    counts = by_hub(resources)
    heading = title or t("directory.chart.regions", lang)
    empty = [label("regions", code, lang) for code, count in counts.items() if count == 0 and code != EVERY_HUB]
    figure, _ = _counted_bars(
        heading,
        t("directory.chart.regions_alt", lang, title=heading, every=int(counts[EVERY_HUB]), empty=listed(empty, lang)),
        [label("regions", code, lang) for code in counts.index],
        counts.to_list(),
        [EVERY_HUB_COLOUR if code == EVERY_HUB else HUB_COLOUR for code in counts.index],
        lang,
    )
    legend_below(
        figure,
        [
            Patch(facecolor=HUB_COLOUR, label=t("directory.chart.one_hub", lang)),
            Patch(facecolor=EVERY_HUB_COLOUR, label=t("export.all_hubs", lang)),
        ],
    )
    figure.counts = counts
    return figure
