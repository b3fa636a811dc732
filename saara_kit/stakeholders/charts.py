"""The power × interest grid, each actor labelled, coloured by position."""
from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.text import Annotation, Text

from saara_kit.charts import ChartFigure, drawable, new_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT, line_spacing
from saara_kit.i18n import is_rtl, t
from saara_kit.stakeholders.analysis import HIGH_FROM
from saara_kit.stakeholders.fields import display_name

__all__ = ["power_interest_grid"]

LABEL_WIDTH = 16  # characters per line of an actor's label (the grid is drawn phone-narrow)
TITLE_WIDTH = 40  # characters per line of the title (a dossier's can be a long hub name)
LABEL_LINES = 3  # lines at most; a longer name ends in "…" (the list beside the grid has it whole)
GRID_HEIGHT_IN = 5.6  # the width is the phone's (FIGURE_WIDTH_IN); the legend goes below the axes
POSITION_COLOURS = {-2: "#b2182b", -1: "#ef8a62", 0: "#969696", 1: "#67a9cf", 2: "#2166ac"}
MARKER_SIZE = 140  # points², an actor's dot
LABEL_GAP_PT = 8  # from a dot's centre to its label
LIMITS = (0.4, 5.6), (0.3, 5.8)  # interest, power: room above the top row for the captions
QUADRANT_CORNERS = {  # (x, y) of each quadrant's caption, in score units
    "keep_satisfied": (0.5, 5.75),
    "manage_closely": (5.5, 5.75),
    "monitor": (0.5, 0.35),
    "keep_informed": (5.5, 0.35),
}


def _spread(frame: pd.DataFrame) -> list[tuple[float, float, bool]]:
    """Place actors sharing a cell side by side; return (x, y, label preferably above)."""
    seen: dict[tuple[int, int], int] = {}
    points = []
    for interest, power in zip(frame["interest"], frame["power"]):
        rank = seen.get((interest, power), 0)
        seen[(interest, power)] = rank + 1
        shift = ((rank + 1) // 2) * 0.25 * (1 if rank % 2 else -1)
        points.append((interest + shift, power, rank % 2 == 0))
    return points


def _label(name: str) -> str:
    """Wrap an actor's name for the narrow grid, at most ``LABEL_LINES`` lines."""
    lines = textwrap.wrap(name, LABEL_WIDTH, break_long_words=True) or [""]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: LABEL_WIDTH - 1].rstrip() + "…"
    return "\n".join(lines)


def _sides(x: float, up: bool) -> list[tuple[tuple[float, float], str, str]]:
    """Where a label may go around its point, best first: (offset in points, ha, va).

    Above or below (first as ``up`` says), centred unless the point is at a side of the grid
    (then the label runs inwards), else running to one side; last, beside the point."""
    ha = "left" if x < 1.5 else "right" if x > 4.5 else "center"
    alignments = [ha, *(other for other in ("left", "right", "center") if other != ha)]
    vertical = [(LABEL_GAP_PT, "bottom"), (-LABEL_GAP_PT, "top")]
    sides = [((0, dy), align, va) for dy, va in (vertical if up else vertical[::-1]) for align in alignments]
    return sides + [((LABEL_GAP_PT + 2, 0), "left", "center"), ((-LABEL_GAP_PT - 2, 0), "right", "center")]


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels


def _covered(box: Box, other: Box) -> float:
    """Return the area ``box`` and ``other`` share."""
    width = min(box[2], other[2]) - max(box[0], other[0])
    height = min(box[3], other[3]) - max(box[1], other[1])
    return width * height if width > 0 and height > 0 else 0.0


def _keep_labels_apart(figure: ChartFigure, axes, captions: list[Text], labels: list[tuple[Annotation, list]]) -> None:
    """Put each label on the side of its point where it covers the least of the labels placed
    before it, the points, the quadrant captions and what lies outside the axes (ties: the first
    side). Plain arithmetic on boxes: a label is measured once, its sides only move it."""
    figure.draw_without_rendering()  # lays the figure out, so that extents are final
    renderer = figure.canvas.get_renderer()
    inside = tuple(axes.get_window_extent(renderer).extents)
    to_px = figure.dpi / 72
    radius = MARKER_SIZE**0.5 / 2 * to_px
    taken: list[Box] = [tuple(caption.get_window_extent(renderer).extents) for caption in captions]
    anchors = [axes.transData.transform(label.xy) for label, _ in labels]
    taken += [(x - radius, y - radius, x + radius, y + radius) for x, y in anchors]
    shift = {"left": 0.0, "center": 0.5, "right": 1.0, "bottom": 0.0, "top": 1.0}  # of the box, ha / va
    for (label, sides), (x, y) in zip(labels, anchors):
        size = label.get_window_extent(renderer)
        width, height = size.width, size.height

        def box(side) -> Box:
            (dx, dy), ha, va = side
            x0 = x + dx * to_px - shift[ha] * width
            y0 = y + dy * to_px - shift[va] * height
            return (x0, y0, x0 + width, y0 + height)

        def cost(side) -> float:
            placed = box(side)
            return sum(_covered(placed, other) for other in taken) + 2 * (width * height - _covered(placed, inside))

        best = min(sides, key=cost)  # the first of equals
        label.xyann = best[0]
        label.set(ha=best[1], va=best[2])
        taken.append(box(best))


def power_interest_grid(frame: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the Mendelow grid for the stakeholders in ``frame`` (columns of the model)."""
    figure = new_figure(FIGURE_WIDTH_IN, GRID_HEIGHT_IN, alt=t("stakeholders.grid.alt", lang, count=len(frame), title=title or t("stakeholders.grid.title", lang)))
    axes = figure.add_subplot()
    axes.set_xlim(*LIMITS[0])
    axes.set_ylim(*LIMITS[1])
    middle = HIGH_FROM - 0.5
    axes.axvline(middle, color="#bbbbbb", linewidth=1)
    axes.axhline(middle, color="#bbbbbb", linewidth=1)
    captions = [
        axes.text(
            x, y, t(f"stakeholders.quadrant.{code}", lang), color="#777777", fontsize=SMALLEST_FONT_PT,
            ha="left" if x < middle else "right", va="top" if y > middle else "bottom",
        )
        for code, (x, y) in QUADRANT_CORNERS.items()
    ]
    labels = []
    for (x, y, up), (_, row) in zip(_spread(frame), frame.iterrows()):
        colour = POSITION_COLOURS.get(int(row["position"]), "#969696")
        axes.scatter([x], [y], s=MARKER_SIZE, color=colour, edgecolor="white", zorder=3)
        name = drawable(display_name(row["name"], row.get("name_ar", ""), lang))
        sides = _sides(x, up)
        (offset, ha, va) = sides[0]
        label = axes.annotate(
            _label(name), (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
            fontsize=SMALLEST_FONT_PT, linespacing=line_spacing(), zorder=4,
        )
        labels.append((label, sides))
    axes.set_xlabel(t("stakeholders.field.interest", lang))
    axes.set_ylabel(t("stakeholders.field.power", lang))
    axes.set_xticks(range(1, 6))
    axes.set_yticks(range(1, 6))
    heading = textwrap.fill(title or t("stakeholders.grid.title", lang), TITLE_WIDTH)
    axes.set_title(heading, loc="right" if is_rtl(lang) else "left", linespacing=line_spacing())
    handles = [
        axes.scatter([], [], s=80, color=POSITION_COLOURS[p], label=t(f"stakeholders.position.{p}", lang))
        for p in sorted(POSITION_COLOURS, reverse=True)
    ]
    # below the axes, not beside them: the figure is phone-narrow; markers on the reading side
    legend = figure.legend(
        handles=handles, title=t("stakeholders.field.position", lang), fontsize=SMALLEST_FONT_PT,
        title_fontsize=SMALLEST_FONT_PT, loc="outside lower center", ncols=2, frameon=False,
        markerfirst=not is_rtl(lang), columnspacing=1.2, handletextpad=0.4,
    )
    for text in (*legend.get_texts(), legend.get_title()):
        text.set_linespacing(line_spacing(1.4))
    _keep_labels_apart(figure, axes, captions, labels)
    return figure
