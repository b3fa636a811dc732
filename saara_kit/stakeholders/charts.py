"""The power × interest grid, coloured by position, readable at any size.

Each actor's dot stays inside its cell (score ± ``CELL_SPAN``), so it never crosses into another
quadrant. How actors are named depends on how many there are:

- ``names``: up to ``NAMES_UP_TO`` actors, each name beside its dot, placed where it covers
  nothing; if any label would still cover another text or dot, the grid numbers them instead;
- ``numbers``: each dot carries a number, keyed to ``figure.key`` (number, name), up to
  ``PER_CELL`` dots in a cell and ``NUMBERS_UP_TO`` actors;
- ``counts``: beyond that (a hub's whole register), one disc per cell with its count.

``figure.mode`` says which one was drawn.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter

import pandas as pd
from matplotlib.text import Annotation, Text

from saara_kit.charts import ChartFigure, drawable, new_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT, label_on_dot, line_spacing
from saara_kit.i18n import is_rtl, t
from saara_kit.stakeholders.analysis import HIGH_FROM
from saara_kit.stakeholders.fields import display_name

__all__ = ["GRID_MODES", "power_interest_grid", "power_interest_grids"]

GRID_MODES = ("names", "numbers", "counts")
NAMES_UP_TO = 12
PER_CELL = 9  # numbered dots in one cell, 3 × 3
NUMBERS_UP_TO = 99  # two digits inside a dot
CELL_SPAN = 0.3  # a dot lies within its score ± this: the dividers sit at ± 0.5
NUMBER_MARKER_SIZE = 190  # points²: a dot that holds two digits
COUNT_MARKER_SIZES = (200, 1400)  # points², the smallest and the largest count's disc
LABEL_RINGS = 3  # distances a label may stand from its dot, each ``RING_STEP_PT`` further, tied by a line
RING_STEP_PT = 16

LABEL_WIDTH = 16  # characters per line of an actor's label (the grid is drawn phone-narrow)
TITLE_WIDTH = 40  # characters per line of the title (a dossier's can be a long hub name)
LABEL_LINES = 3  # lines at most; a longer name ends in "…" (the list beside the grid has it whole)
GRID_HEIGHT_IN = 5.6  # the width is the phone's (FIGURE_WIDTH_IN); the legend goes below the axes
POSITION_COLOURS = {-2: "#b2182b", -1: "#ef8a62", 0: "#969696", 1: "#67a9cf", 2: "#2166ac"}
MARKER_SIZE = 140  # points², an actor's dot
LABEL_GAP_PT = 8  # from a dot's centre to its label
LIMITS = (0.4, 5.6), (-0.25, 6.25)  # interest, power: a band above and below the cells for the captions
QUADRANT_CORNERS = {  # (x, y) of each quadrant's caption, in score units: outside every cell's dots
    "keep_satisfied": (0.5, 6.2),
    "manage_closely": (5.5, 6.2),
    "monitor": (0.5, -0.2),
    "keep_informed": (5.5, -0.2),
}


def cell_offsets(count: int) -> list[tuple[float, float]]:
    """Return where ``count`` dots sharing a cell sit, around its centre, within ± ``CELL_SPAN``:
    a square pattern, filled row by row from the top."""
    columns = math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)
    step = 2 * CELL_SPAN / max(columns - 1, 1) if columns > 1 else 0.0
    row_step = 2 * CELL_SPAN / max(rows - 1, 1) if rows > 1 else 0.0
    return [
        ((index % columns - (columns - 1) / 2) * step, ((rows - 1) / 2 - index // columns) * row_step)
        for index in range(count)
    ]


def dot_positions(frame: pd.DataFrame) -> list[tuple[float, float]]:
    """Return each actor's (x, y): its (interest, power) cell, moved within the cell when shared."""
    cells = list(zip(frame["interest"].astype(int), frame["power"].astype(int)))
    sharing = Counter(cells)
    placed: Counter = Counter()
    points = []
    for cell in cells:
        dx, dy = cell_offsets(sharing[cell])[placed[cell]]
        placed[cell] += 1
        points.append((cell[0] + dx, cell[1] + dy))
    return points


def grid_mode(frame: pd.DataFrame) -> str:
    """Return how the grid names ``frame``'s actors: by name, by number or by counts per cell."""
    return "names" if len(frame) <= NAMES_UP_TO else _mode_without_names(frame)


def _mode_without_names(frame: pd.DataFrame) -> str:
    """Return "numbers" when every dot can hold its number, else "counts"."""
    most_in_a_cell = max(Counter(zip(frame["interest"], frame["power"])).values(), default=0)
    return "numbers" if len(frame) <= NUMBERS_UP_TO and most_in_a_cell <= PER_CELL else "counts"


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


def _position_colour(position: float) -> str:
    """Return the colour of the position nearest ``position`` (an average, for a cell's disc)."""
    return POSITION_COLOURS[min(POSITION_COLOURS, key=lambda code: abs(code - position))]


def _names(figure, axes, frame: pd.DataFrame, lang: str, captions: list[Text]) -> bool:
    """Draw each actor's dot and its name beside it; return True when no label covers anything."""
    points = dot_positions(frame)
    labels = []
    for (x, y), (_, row) in zip(points, frame.iterrows()):
        axes.scatter([x], [y], s=MARKER_SIZE, color=_position_colour(row["position"]), edgecolor="white", zorder=3)
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
            [x], [y], s=NUMBER_MARKER_SIZE, color=_position_colour(row["position"]), edgecolor="white", zorder=3
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
        colour = _position_colour(cells.get_group((interest, power)).astype(float).mean())
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
