"""The relations network drawn: actors coloured by type and sized by influence, links coloured by
kind and as wide as their weight, arrows where a link runs one way."""

from __future__ import annotations

import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D

from saara_kit.charts import ChartFigure, new_figure, short_label
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT
from saara_kit.i18n import is_rtl, t
from saara_kit.stakeholders.network import LINK_KINDS

__all__ = ["LINK_COLOURS", "network_chart"]

LINK_COLOURS = {
    "money": "#1b7837",
    "command": "#762a83",
    "information": "#2166ac",
    "cooperation": "#4d9221",
    "conflict": "#b2182b",
}
TYPE_PALETTE = (
    "#8dd3c7",
    "#bebada",
    "#fb8072",
    "#80b1d3",
    "#fdb462",
    "#b3de69",
    "#fccde5",
    "#d9d9d9",
    "#bc80bd",
    "#ccebc5",
    "#ffed6f",
)
NODE_SIZES = (120, 900)  # points², influence 0 and 5
NAMES_UP_TO = 25  # actors named on the chart; beyond, the chart stays a shape (the tables name them)
ARROWS_UP_TO = 400  # links drawn as arrows; beyond, plain lines (one drawing, not one patch per link)
SEED = 7  # the same network is always laid out the same way


def _layout(graph: nx.MultiDiGraph) -> dict:
    """Lay the linked actors out by springs; line the isolated ones up below them."""
    linked = nx.Graph(graph)
    isolated = sorted(nx.isolates(linked), key=str)
    linked.remove_nodes_from(isolated)
    positions = nx.spring_layout(linked, seed=SEED, iterations=50) if len(linked) else {}
    bottom = min((y for _, y in positions.values()), default=0.0) - 0.35
    for index, actor in enumerate(isolated):
        positions[actor] = (-1.0 + 2.0 * (index + 0.5) / len(isolated), bottom)
    return positions


def network_chart(
    graph: nx.MultiDiGraph,
    types: pd.Series,
    influence: pd.Series | None = None,
    lang: str = "fr",
    title: str | None = None,
) -> ChartFigure:
    """Draw ``graph`` (from ``network()``): node colour by ``types`` (actor -> type code), size by
    ``influence`` (actor -> 0–5, the influence towers), one line per link."""
    heading = title or t("stakeholders.network.title", lang)
    figure = new_figure(
        FIGURE_WIDTH_IN,
        FIGURE_WIDTH_IN + 1.2,
        alt=t(
            "stakeholders.network.alt",
            lang,
            count=graph.number_of_nodes(),
            links=graph.number_of_edges(),
            title=heading,
        ),
    )
    axes = figure.add_subplot()
    axes.axis("off")
    axes.set_title(heading, loc="right" if is_rtl(lang) else "left")
    positions = _layout(graph)
    codes = sorted({str(types.get(actor, "other")) for actor in graph})
    colour_of = {code: TYPE_PALETTE[index % len(TYPE_PALETTE)] for index, code in enumerate(codes)}
    low, high = NODE_SIZES
    towers = influence if influence is not None else pd.Series(dtype=float)
    sizes = [low + (high - low) * float(towers.get(actor, 0)) / 5 for actor in graph]
    handles = []
    for kind in LINK_KINDS:
        links = [(u, v, data["weight"]) for u, v, data in graph.edges(data=True) if data["kind"] == kind]
        if not links:
            continue
        edges, weights = [(u, v) for u, v, _ in links], [0.6 + 0.5 * weight for _, _, weight in links]
        if graph.number_of_edges() <= ARROWS_UP_TO:
            nx.draw_networkx_edges(
                graph,
                positions,
                edgelist=edges,
                width=weights,
                edge_color=LINK_COLOURS[kind],
                arrows=True,
                arrowsize=8,
                connectionstyle="arc3,rad=0.12",
                ax=axes,
                node_size=sizes,
            )
        else:
            nx.draw_networkx_edges(
                graph,
                positions,
                edgelist=edges,
                width=0.3,
                alpha=0.35,
                edge_color=LINK_COLOURS[kind],
                arrows=False,
                ax=axes,
            )
        handles.append(Line2D([], [], color=LINK_COLOURS[kind], linewidth=2, label=t(f"relations.kind.{kind}", lang)))
    nx.draw_networkx_nodes(
        graph,
        positions,
        node_size=sizes,
        node_color=[colour_of[str(types.get(a, "other"))] for a in graph],
        edgecolors="white",
        ax=axes,
    )
    if graph.number_of_nodes() <= NAMES_UP_TO:
        labels = {actor: short_label(actor, 24) for actor in graph}
        nx.draw_networkx_labels(graph, positions, labels=labels, font_size=SMALLEST_FONT_PT, ax=axes)
    axes.margins(x=0.3, y=0.15)  # room for the names of the actors on the sides
    figure.legend(
        handles=handles,
        loc="outside lower center",
        ncols=2,
        frameon=False,
        fontsize=SMALLEST_FONT_PT,
        markerfirst=not is_rtl(lang),
    )
    return figure
