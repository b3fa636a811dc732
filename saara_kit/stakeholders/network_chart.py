"""The relations network drawn: actors coloured by type and sized by influence, links coloured by
kind and as wide as their weight, arrows where a link runs one way.

Readable on a phone and on the A3 wall: the linked actors fill the picture and each name stands
where it covers no dot and no other name, inside the picture (``saara_kit.charts.placement``);
beyond ``NAMES_UP_TO`` actors only the most central are named (``figure.named``), and beyond
``DRAWN_UP_TO`` (a hub's whole register) only the most central are drawn, as the band says. The actors
with no link are set apart, listed by name in a band under the network. A legend below says the
links' kinds and the actors' types.
"""

from __future__ import annotations

import textwrap

import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke

from saara_kit.charts import ChartFigure, new_figure, short_label, title_figure
from saara_kit.charts.placement import dot_box, place_labels
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT
from saara_kit.i18n import format_number, is_rtl, t
from saara_kit.stakeholders.network import LINK_KINDS, network_metrics

__all__ = ["LINK_COLOURS", "NAMES_UP_TO", "network_chart"]

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
NODE_SIZES = (120, 900)  # points², influence 0 and 5, for up to CROWD actors; smaller beyond
CROWD = 12
NAMES_UP_TO = 12  # actors named on the chart; beyond, the most central (degree, then betweenness)
# linked actors drawn; beyond, the most central and the links among them: more dots are a tangle on a
# phone, and laying them out grows with their square (2,000 actors: a minute; the tables list them all)
DRAWN_UP_TO = 150
NAME_LENGTH = 22  # characters of a name on the chart (the tables have it whole)
LIST_WIDTH = 56  # characters per line of the list of actors without links
LIST_LINES = 4  # lines of that list at most; the rest is counted
ARROWS_UP_TO = 400  # links drawn as arrows; beyond, plain lines (one drawing, not one patch per link)
NETWORK_HEIGHT_IN = 4.4  # the network's square, the width a phone shows
LINE_HEIGHT_IN = 0.3  # a line of text at SMALLEST_FONT_PT, for the band and the legend
LIMITS = (-1.15, 1.15)  # the axes around the layout, which fills -1..1
SEED = 7  # the same network is always laid out the same way


def _layout(linked: nx.Graph) -> dict:
    """Lay the linked actors out by springs, spread to fill -1..1 both ways; the same register
    gives the same picture whatever order its actors and relations were entered in."""
    linked = nx.Graph(sorted(tuple(sorted(edge, key=str)) for edge in linked.edges))
    if len(linked) == 0:
        return {}
    if len(linked) == 1:
        return {next(iter(linked)): (0.0, 0.0)}
    positions = nx.kamada_kawai_layout(linked) if nx.is_connected(linked) else None
    positions = positions or nx.spring_layout(linked, seed=SEED, iterations=200, k=2.5 / len(linked) ** 0.5)
    return nx.rescale_layout_dict(positions, scale=1.0)


def _most_central(graph: nx.MultiDiGraph, actors: list[str], count: int) -> list[str]:
    """Return the ``count`` most central of ``actors`` (degree, then betweenness, then name), most first."""
    metrics = network_metrics(graph).loc[actors]
    ranked = sorted(actors, key=lambda a: (-metrics.at[a, "degree"], -metrics.at[a, "betweenness"], str(a)))
    return ranked[:count]


def _isolated_lines(isolated: list[str], lang: str) -> list[str]:
    """Say the actors without links in at most ``LIST_LINES`` lines, the rest counted."""
    if not isolated:
        return []
    separator = "، " if is_rtl(lang) else ", "
    names = [short_label(actor, NAME_LENGTH) for actor in isolated]
    for shown in range(len(names), 0, -1):
        rest = len(names) - shown
        listed = separator.join(names[:shown]) + (t("stakeholders.network.more", lang, count=rest) if rest else "")
        lines = textwrap.wrap(t("stakeholders.network.isolated", lang, count=len(names), names=listed), LIST_WIDTH)
        if len(lines) <= LIST_LINES:
            return lines
    return lines[:LIST_LINES]


def _legend(figure, graph: nx.MultiDiGraph, codes: list[str], colour_of: dict, lang: str) -> None:
    """Say below the chart what each link colour and each actor colour means, two columns if they fit."""
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    handles = [
        Line2D([], [], color=LINK_COLOURS[kind], linewidth=2, label=t(f"relations.kind.{kind}", lang))
        for kind in LINK_KINDS
        if kind in kinds
    ] + [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=9,
            markerfacecolor=colour_of[code],
            markeredgecolor="#777777",
            label=t(f"stakeholders.type.{code}", lang),
        )
        for code in codes
    ]
    options = {"loc": "outside lower center", "frameon": False, "markerfirst": not is_rtl(lang)}
    legend = figure.legend(handles=handles, ncols=2, **options)
    figure.draw_without_rendering()
    if legend.get_window_extent().width > figure.bbox.width * 0.98:
        legend.remove()  # a legend lays its entries out once: draw it again, one entry a line
        figure.legend(handles=handles, ncols=1, **options)


def network_chart(
    graph: nx.MultiDiGraph,
    types: pd.Series,
    influence: pd.Series | None = None,
    lang: str = "fr",
    title: str | None = None,
) -> ChartFigure:
    """Draw ``graph`` (from ``network()``): node colour by ``types`` (actor -> type code), size by
    ``influence`` (actor -> 0–5, the influence towers), one line per link; the actors without
    links listed apart. ``figure.named`` lists the actors named on the network."""
    heading = title or t("stakeholders.network.title", lang)
    whole = graph  # the alternative text describes the whole register, drawn or not
    simple = nx.Graph(graph)
    isolated = sorted(nx.isolates(simple), key=str)
    simple.remove_nodes_from(isolated)
    band = _isolated_lines(isolated, lang)
    if len(simple) > DRAWN_UP_TO:
        total = len(simple)
        simple = nx.Graph(simple.subgraph(_most_central(graph, list(simple), DRAWN_UP_TO)))
        simple.remove_nodes_from(list(nx.isolates(simple)))  # linked only to actors not drawn
        graph = graph.subgraph(simple)
        drawn = t("stakeholders.network.drawn", lang, count=len(simple), total=format_number(total, lang))
        band[:0] = textwrap.wrap(drawn, LIST_WIDTH)
    linked = list(simple)
    codes = sorted({str(types.get(actor, "other")) for actor in graph})
    colour_of = {code: TYPE_PALETTE[index % len(TYPE_PALETTE)] for index, code in enumerate(codes)}
    legend_lines = (graph.number_of_edges() > 0) * len(LINK_KINDS) + len(codes)
    band_height = LINE_HEIGHT_IN * (len(band) + 0.5) if band else 0.0
    figure = new_figure(
        FIGURE_WIDTH_IN,
        NETWORK_HEIGHT_IN + 0.6 + band_height + LINE_HEIGHT_IN * legend_lines,
        alt=t(
            "stakeholders.network.alt",
            lang,
            count=whole.number_of_nodes(),
            links=whole.number_of_edges(),
            title=heading,
        ),
    )
    title_figure(figure, heading, is_rtl(lang))
    if band:
        axes, list_axes = figure.subplots(2, 1, height_ratios=[NETWORK_HEIGHT_IN, band_height])
        list_axes.axis("off")
        list_axes.text(
            1.0 if is_rtl(lang) else 0.0,
            1.0,
            "\n".join(band),
            ha="right" if is_rtl(lang) else "left",
            va="top",
            transform=list_axes.transAxes,
            color="#444444",
        ).set_in_layout(False)
    else:
        axes = figure.add_subplot()
    axes.axis("off")
    axes.set_xlim(*LIMITS)
    axes.set_ylim(*LIMITS)
    positions = _layout(simple)
    low, high = (size * min(1.0, CROWD / max(len(linked), 1)) for size in NODE_SIZES)
    towers = influence if influence is not None else pd.Series(dtype=float)
    sizes = {actor: low + (high - low) * float(towers.get(actor, 0)) / 5 for actor in linked}
    node_sizes = [sizes[actor] for actor in linked]
    for kind in LINK_KINDS:
        edges = [(u, v) for u, v, data in graph.edges(data=True) if data["kind"] == kind]
        widths = [0.6 + 0.5 * data["weight"] for _, _, data in graph.edges(data=True) if data["kind"] == kind]
        if not edges:
            continue
        many = graph.number_of_edges() > ARROWS_UP_TO
        nx.draw_networkx_edges(
            graph,
            positions,
            edgelist=edges,
            nodelist=linked,
            width=0.3 if many else widths,
            alpha=0.35 if many else None,
            edge_color=LINK_COLOURS[kind],
            # plain lines take no arrow options (networkx warns of each one given)
            **({"arrows": False} if many else {"arrows": True, "arrowsize": 8, "connectionstyle": "arc3,rad=0.12"}),
            node_size=node_sizes,
            ax=axes,
        )
    if linked:
        nx.draw_networkx_nodes(
            graph,
            positions,
            nodelist=linked,
            node_size=node_sizes,
            node_color=[colour_of[str(types.get(a, "other"))] for a in linked],
            edgecolors="white",
            ax=axes,
        )
    _legend(figure, graph, codes, colour_of, lang)
    figure.named = _name(figure, axes, graph, linked, positions, sizes, lang)
    return figure


def _name(figure, axes, graph, linked: list[str], positions: dict, sizes: dict, lang: str) -> list[str]:
    """Name the most central linked actors beside their dots, where no name covers a dot or another
    name; return the actors named."""
    chosen = _most_central(graph, linked, NAMES_UP_TO) if linked else []
    radii = {actor: sizes[actor] ** 0.5 / 2 for actor in linked}  # points
    labels = [
        axes.annotate(
            short_label(actor, NAME_LENGTH),
            positions[actor],
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=SMALLEST_FONT_PT,
            path_effects=[withStroke(linewidth=2.5, foreground="white")],  # readable across a link
            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6, "shrinkA": 1, "shrinkB": radii[actor] + 1},
            zorder=5,
        )
        for actor in chosen
    ]
    for label in labels:
        label.set_in_layout(False)
    figure.draw_without_rendering()
    to_px = figure.dpi / 72
    dots = [dot_box(*axes.transData.transform(positions[actor]), radii[actor] * to_px) for actor in linked]
    shown = place_labels(figure, axes, labels, [radii[actor] for actor in chosen], dots, is_rtl(lang))
    return [actor for actor, named in zip(chosen, shown) if named]
