"""Where the power × interest grid puts each actor, and how it names them: plain arithmetic shared by
the form's SVG picture and the matplotlib grid of the room, the wall and the dossiers (no pandas)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

__all__ = [
    "CELL_SPAN",
    "HIGH_FROM",
    "LIMITS",
    "NUMBERS_UP_TO",
    "PER_CELL",
    "POSITION_COLOURS",
    "QUADRANT_CORNERS",
    "cell_offsets",
    "dot_positions",
    "mode_without_names",
    "position_colour",
]

HIGH_FROM = 3  # on the 1–5 scales, 3 and above count as "high"
PER_CELL = 9  # numbered dots in one cell, 3 × 3
NUMBERS_UP_TO = 99  # two digits inside a dot
CELL_SPAN = 0.3  # a dot lies within its score ± this: the dividers sit at ± 0.5
POSITION_COLOURS = {-2: "#b2182b", -1: "#ef8a62", 0: "#969696", 1: "#67a9cf", 2: "#2166ac"}
LIMITS = (0.4, 5.6), (-0.25, 6.25)  # interest, power: a band above and below the cells for the captions
QUADRANT_CORNERS = {  # (x, y) of each quadrant's caption, in score units: outside every cell's dots
    "keep_satisfied": (0.5, 6.2),
    "manage_closely": (5.5, 6.2),
    "monitor": (0.5, -0.2),
    "keep_informed": (5.5, -0.2),
}

Cell = tuple[int, int]  # (interest, power)


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


def dot_positions(cells: Iterable[Cell]) -> list[tuple[float, float]]:
    """Return each actor's (x, y): its (interest, power) cell, moved within the cell when shared."""
    cells = [(int(interest), int(power)) for interest, power in cells]
    sharing = Counter(cells)
    placed: Counter = Counter()
    points = []
    for cell in cells:
        dx, dy = cell_offsets(sharing[cell])[placed[cell]]
        placed[cell] += 1
        points.append((cell[0] + dx, cell[1] + dy))
    return points


def mode_without_names(cells: Iterable[Cell]) -> str:
    """Return "numbers" when every dot can hold its number, else "counts" (one disc per cell)."""
    cells = [(int(interest), int(power)) for interest, power in cells]
    most_in_a_cell = max(Counter(cells).values(), default=0)
    return "numbers" if len(cells) <= NUMBERS_UP_TO and most_in_a_cell <= PER_CELL else "counts"


def position_colour(position: float) -> str:
    """Return the colour of the position nearest ``position`` (an average, for a cell's disc)."""
    return POSITION_COLOURS[min(POSITION_COLOURS, key=lambda code: abs(code - position))]
