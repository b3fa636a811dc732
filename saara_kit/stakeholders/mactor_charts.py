"""MACTOR's charts: the influence–dependence plane (numbered actors, keyed in ``figure.key``) and
the actors × objectives heatmap of weighted positions, and the convergence graph (numbered too)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from saara_kit.charts import ChartFigure, new_figure, short_label
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT, label_on_dot
from saara_kit.i18n import format_number, is_rtl, t

__all__ = ["convergence_graph", "influence_dependence_plane", "positions_heatmap"]

MARKER_SIZE = 190  # points²: a dot that holds two digits


def influence_dependence_plane(table: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw each actor at (dependence, influence) from ``influence_dependence()``, split at the means
    into dominant, relay, dominated and autonomous actors."""
    heading = title or t("mactor.plane.title", lang)
    figure = new_figure(
        FIGURE_WIDTH_IN, FIGURE_WIDTH_IN + 0.6, alt=t("mactor.plane.alt", lang, count=len(table), title=heading)
    )
    axes = figure.add_subplot()
    axes.set_title(heading, loc="right" if is_rtl(lang) else "left")
    x, y = table["dependence"].astype(float), table["influence"].astype(float)
    axes.axvline(x.mean(), color="#bbbbbb", linewidth=1)
    axes.axhline(y.mean(), color="#bbbbbb", linewidth=1)
    axes.scatter(x, y, s=MARKER_SIZE, color="#2166ac", edgecolor="white", zorder=3)
    for number, (dependence, influence) in enumerate(zip(x, y), start=1):
        label_on_dot(axes, dependence, influence, number)
    if len(table):  # an empty concertation still draws its (empty) plane
        margin_x, margin_y = max(x.max() - x.min(), 1) * 0.12, max(y.max() - y.min(), 1) * 0.12
        axes.set_xlim(x.min() - margin_x, x.max() + margin_x)
        axes.set_ylim(y.min() - margin_y, y.max() + margin_y)
    axes.set_xlabel(t("mactor.dependence", lang))
    axes.set_ylabel(t("mactor.influence", lang))
    figure.key = pd.DataFrame({"number": range(1, len(table) + 1), "name": [str(name) for name in table.index]})
    return figure


def positions_heatmap(weighted: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw actors × objectives, each cell coloured and written with its weighted position (2MAO or 3MAO)."""
    heading = title or t("mactor.heatmap.title", lang)
    rows, columns = weighted.shape
    figure = new_figure(
        FIGURE_WIDTH_IN,
        max(3.0, 1.6 + 0.32 * rows),
        alt=t("mactor.heatmap.alt", lang, count=rows, objectives=columns, title=heading),
    )
    axes = figure.add_subplot()
    values = weighted.to_numpy(dtype=float)
    limit = max(float(np.abs(values).max()) if values.size else 0.0, 1.0)
    if values.size:  # an empty concertation draws an empty frame
        axes.imshow(values, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    for (row, column), value in np.ndenumerate(values):
        axes.text(
            column,
            row,
            format_number(round(value, 1), lang),
            ha="center",
            va="center",
            fontsize=SMALLEST_FONT_PT,
            color="white" if abs(value) > limit * 0.6 else "#222222",
        )
    axes.set_xticks(range(columns), [short_label(name, 18) for name in weighted.columns], rotation=30, ha="right")
    axes.set_yticks(range(rows), [short_label(name, 26) for name in weighted.index])
    # over the whole figure, not the cells: the actors' names take the left of the picture
    figure.suptitle(heading, x=0.98 if is_rtl(lang) else 0.02, ha="right" if is_rtl(lang) else "left")
    return figure


def convergence_graph(convergence: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the actors on a circle, each pair that converges joined by a line as thick as their
    convergence; pairs below the mean are left out, so that the alliances stand out."""
    import networkx as nx

    heading = title or t("mactor.convergence.title", lang)
    values = convergence.to_numpy(dtype=float)
    pairs = [(i, j, values[i, j]) for i in range(len(values)) for j in range(i + 1, len(values)) if values[i, j] > 0]
    threshold = float(np.mean([weight for _, _, weight in pairs])) if pairs else 0.0
    shown = [(i, j, weight) for i, j, weight in pairs if weight >= threshold]
    figure = new_figure(
        FIGURE_WIDTH_IN,
        FIGURE_WIDTH_IN + 0.4,
        alt=t("mactor.convergence.alt", lang, count=len(values), links=len(shown), title=heading),
    )
    axes = figure.add_subplot()
    axes.axis("off")
    axes.set_title(heading, loc="right" if is_rtl(lang) else "left")
    positions = nx.circular_layout(range(len(values)))
    strongest = max((weight for _, _, weight in shown), default=1.0)
    for i, j, weight in shown:
        (x1, y1), (x2, y2) = positions[i], positions[j]
        axes.plot([x1, x2], [y1, y2], color="#2166ac", linewidth=0.8 + 5 * weight / strongest, alpha=0.7, zorder=2)
    for number in range(len(values)):
        x, y = positions[number]
        axes.scatter([x], [y], s=MARKER_SIZE, color="#2166ac", edgecolor="white", zorder=3)
        label_on_dot(axes, x, y, number + 1)
    axes.set_xlim(-1.2, 1.2)
    axes.set_ylim(-1.2, 1.2)
    axes.set_aspect("equal")
    figure.key = pd.DataFrame({"number": range(1, len(values) + 1), "name": [str(n) for n in convergence.index]})
    return figure
