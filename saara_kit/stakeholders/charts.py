"""The power × interest grid, coloured by position, readable at any size.

Each actor's dot stays inside its cell (score ± ``CELL_SPAN``), so it never crosses into another
quadrant. How actors are named depends on how many there are:

- ``names``: up to ``NAMES_UP_TO`` actors, each name beside its dot, placed where it covers
  nothing; if any label would still cover another text or dot, the grid numbers them instead;
- ``numbers``: each dot carries a number, keyed to ``figure.key`` (number, name), up to
  ``PER_CELL`` dots in a cell and ``NUMBERS_UP_TO`` actors (``grid_layout``, which the form's SVG shares);
- ``counts``: beyond that (a hub's whole register), one disc per cell with its count.

``figure.mode`` says which one was drawn.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.text import Annotation, Text

from saara_kit.charts import ChartFigure, drawable, new_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT, label_on_dot, line_spacing
from saara_kit.i18n import is_rtl, t
from saara_kit.stakeholders import grid_layout
from saara_kit.stakeholders.fields import display_name
from saara_kit.stakeholders.grid_layout import (
    HIGH_FROM,
    LIMITS,
    POSITION_COLOURS,
    QUADRANT_CORNERS,
    mode_without_names,
    position_colour,
)

__all__ = ["GRID_MODES", "power_interest_grid", "power_interest_grids"]

GRID_MODES = ("names", "numbers", "counts")
NAMES_UP_TO = 12
NUMBER_MARKER_SIZE = 190  # points²: a dot that holds two digits
COUNT_MARKER_SIZES = (200, 1400)  # points², the smallest and the largest count's disc
LABEL_RINGS = 3  # distances a label may stand from its dot, each ``RING_STEP_PT`` further, tied by a line
RING_STEP_PT = 16

LABEL_WIDTH = 16  # characters per line of an actor's label (the grid is drawn phone-narrow)
TITLE_WIDTH = 40  # characters per line of the title (a dossier's can be a long hub name)
LABEL_LINES = 3  # lines at most; a longer name ends in "…" (the list beside the grid has it whole)
GRID_HEIGHT_IN = 5.6  # the width is the phone's (FIGURE_WIDTH_IN); the legend goes below the axes
MARKER_SIZE = 140  # points², an actor's dot
LABEL_GAP_PT = 8  # from a dot's centre to its label


def dot_positions(frame: pd.DataFrame) -> list[tuple[float, float]]:
    """Return each actor's (x, y): its (interest, power) cell, moved within the cell when shared."""
    return grid_layout.dot_positions(zip(frame["interest"], frame["power"]))


def grid_mode(frame: pd.DataFrame) -> str:
    """Return how the grid names ``frame``'s actors: by name, by number or by counts per cell."""
    return "names" if len(frame) <= NAMES_UP_TO else _mode_without_names(frame)


def _mode_without_names(frame: pd.DataFrame) -> str:
    return mode_without_names(zip(frame["interest"], frame["power"]))


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
    (then the label runs inwards), else running to one side; then beside the point. The same
    again a ring further, ``LABEL_RINGS`` times (a line ties a far label to its dot)."""
    ha = "left" if x < 1.5 else "right" if x > 4.5 else "center"
    alignments = [ha, *(other for other in ("left", "right", "center") if other != ha)]
    sides = []
    for ring in range(LABEL_RINGS):
        gap = LABEL_GAP_PT + ring * RING_STEP_PT
        vertical = [(gap, "bottom"), (-gap, "top")]
        sides += [((0, dy), align, va) for dy, va in (vertical if up else vertical[::-1]) for align in alignments]
        sides += [((gap + 2, 0), "left", "center"), ((-gap - 2, 0), "right", "center")]
        diagonal = gap * 0.7
        sides += [
            ((dx * diagonal, dy * diagonal), "left" if dx > 0 else "right", "bottom" if dy > 0 else "top")
            for dy in ((1, -1) if up else (-1, 1))
            for dx in (1, -1)
        ]
    return sides


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels


def _covered(box: Box, other: Box) -> float:
    """Return the area ``box`` and ``other`` share."""
    width = min(box[2], other[2]) - max(box[0], other[0])
    height = min(box[3], other[3]) - max(box[1], other[1])
    return width * height if width > 0 and height > 0 else 0.0


def _keep_labels_apart(
    figure: ChartFigure, axes, captions: list[Text], labels: list[tuple[Annotation, list]], lay_out: bool = True
) -> bool:
    """Put each label on the side of its point where it covers the least of the labels placed
    before it, the points, the quadrant captions and what lies outside the axes (ties: the first
    side). Plain arithmetic on boxes: a label is measured once, its sides only move it.

    Return True when no label covers another label, a caption or a dot.
    """
    if lay_out:
        figure.draw_without_rendering()  # lays the figure out, so that extents are final
    renderer = figure.canvas.get_renderer()
    inside = tuple(axes.get_window_extent(renderer).extents)
    to_px = figure.dpi / 72
    radius = MARKER_SIZE**0.5 / 2 * to_px
    taken: list[Box] = [tuple(caption.get_window_extent(renderer).extents) for caption in captions]
    anchors = [axes.transData.transform(label.xy) for label, _ in labels]
    taken += [(x - radius, y - radius, x + radius, y + radius) for x, y in anchors]
    shift = {"left": 0.0, "center": 0.5, "right": 1.0, "bottom": 0.0, "top": 1.0}  # of the box, ha / va
    clear = True
    for (label, sides), (x, y) in zip(labels, anchors):
        size = Text.get_window_extent(label, renderer)  # the text alone: an annotation's also holds its line
        width, height = size.width, size.height

        def box(side) -> Box:
            (dx, dy), ha, va = side
            x0 = x + dx * to_px - shift[ha] * width
            y0 = y + dy * to_px - shift[va] * height
            return (x0, y0, x0 + width, y0 + height)

        def covered(side) -> float:
            placed = box(side)
            return sum(_covered(placed, other) for other in taken)

        def cost(side) -> float:
            return covered(side) + 2 * (width * height - _covered(box(side), inside))

        best = min(sides, key=cost)  # the first of equals
        clear = clear and covered(best) == 0
        label.xyann = best[0]
        label.set(ha=best[1], va=best[2])
        taken.append(box(best))
    return clear


def _names(figure, axes, frame: pd.DataFrame, lang: str, captions: list[Text]) -> bool:
    """Draw each actor's dot and its name beside it; return True when no label covers anything."""
    points = dot_positions(frame)
    labels = []
    for (x, y), (_, row) in zip(points, frame.iterrows()):
        axes.scatter([x], [y], s=MARKER_SIZE, color=position_colour(row["position"]), edgecolor="white", zorder=3)
        name = drawable(display_name(row["name"], row.get("name_ar", ""), lang))
        sides = _sides(x, up=y >= round(y))
        (offset, ha, va) = sides[0]
        label = axes.annotate(
            _label(name),
            (x, y),
            xytext=offset,
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=SMALLEST_FONT_PT,
            linespacing=line_spacing(),
            zorder=4,
            arrowprops={
                "arrowstyle": "-",
                "color": "#999999",
                "lw": 0.6,
                "shrinkA": 1,
                "shrinkB": MARKER_SIZE**0.5 / 2 + 1,
            },  # a line shows only when the label stands off
        )
        labels.append((label, sides))
    if _keep_labels_apart(figure, axes, captions, labels):
        return True
    crowded_first = sorted(
        range(len(labels)),
        key=lambda i: -sum(abs(points[i][0] - x) < 1.5 and abs(points[i][1] - y) < 1.5 for x, y in points),
    )
    return _keep_labels_apart(figure, axes, captions, [labels[i] for i in crowded_first], lay_out=False)


def _numbers(figure, axes, frame: pd.DataFrame, lang: str) -> None:
    """Draw each actor's dot with its number inside; the numbers are keyed in ``figure.key``."""
    for number, ((x, y), (_, row)) in enumerate(zip(dot_positions(frame), frame.iterrows()), start=1):
        axes.scatter(
            [x], [y], s=NUMBER_MARKER_SIZE, color=position_colour(row["position"]), edgecolor="white", zorder=3
        )
        label_on_dot(axes, x, y, number)
    names = [display_name(row["name"], row.get("name_ar", ""), lang) for _, row in frame.iterrows()]
    figure.key = pd.DataFrame({"number": range(1, len(frame) + 1), "name": names})


def _counts(axes, frame: pd.DataFrame) -> None:
    """Draw one disc per cell, sized by its number of actors, coloured by their average position."""
    cells = frame.groupby([frame["interest"].astype(int), frame["power"].astype(int)])["position"]
    sizes = cells.size()
    smallest, largest = COUNT_MARKER_SIZES
    for (interest, power), count in sizes.items():
        area = smallest + (largest - smallest) * (count - 1) / max(sizes.max() - 1, 1)
        colour = position_colour(cells.get_group((interest, power)).astype(float).mean())
        axes.scatter([interest], [power], s=area, color=colour, edgecolor="white", alpha=0.9, zorder=3)
        label_on_dot(axes, interest, power, count)


def power_interest_grids(frame: pd.DataFrame, by: str, lang: str = "fr") -> dict[str, ChartFigure]:
    """Draw one grid per value of column ``by`` (an association, a type), titled with it."""
    return {
        str(value): power_interest_grid(part, lang, title=str(value)) for value, part in frame.groupby(by, sort=True)
    }


def power_interest_grid(frame: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the Mendelow grid for the stakeholders in ``frame`` (columns of the model): by name, by
    number or by counts per cell, whichever stays readable (``figure.mode``)."""
    mode = grid_mode(frame)
    figure = new_figure(
        FIGURE_WIDTH_IN,
        GRID_HEIGHT_IN,
        alt=t("stakeholders.grid.alt", lang, count=len(frame), title=title or t("stakeholders.grid.title", lang)),
    )
    figure.key, figure.mode = None, mode
    axes = figure.add_subplot()
    axes.set_xlim(*LIMITS[0])
    axes.set_ylim(*LIMITS[1])
    middle = HIGH_FROM - 0.5
    axes.axvline(middle, color="#bbbbbb", linewidth=1)
    axes.axhline(middle, color="#bbbbbb", linewidth=1)
    captions = [
        axes.text(
            x,
            y,
            t(f"stakeholders.quadrant.{code}", lang),
            color="#777777",
            fontsize=SMALLEST_FONT_PT,
            ha="left" if x < middle else "right",
            va="top" if y > middle else "bottom",
        )
        for code, (x, y) in QUADRANT_CORNERS.items()
    ]
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
        handles=handles,
        title=t("stakeholders.field.position", lang),
        fontsize=SMALLEST_FONT_PT,
        title_fontsize=SMALLEST_FONT_PT,
        loc="outside lower center",
        ncols=2,
        frameon=False,
        markerfirst=not is_rtl(lang),
        columnspacing=1.2,
        handletextpad=0.4,
    )
    for text in (*legend.get_texts(), legend.get_title()):
        text.set_linespacing(line_spacing(1.4))
    if mode == "names" and not _names(figure, axes, frame, lang, captions):
        for artist in [*axes.texts[len(captions) :], *(c for c in axes.collections if len(c.get_offsets()))]:
            artist.remove()  # names cannot all stay clear: number the dots instead
        mode = figure.mode = _mode_without_names(frame)
    if mode == "numbers":
        _numbers(figure, axes, frame, lang)
    elif mode == "counts":
        _counts(axes, frame)
    return figure
