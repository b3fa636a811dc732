"""Place labels beside their points where they cover nothing and stay inside the axes.

Greedy and exact, most important label first: each label takes the first side around its point
(beside, above, below, on a diagonal; then a ring further) where its box covers no obstacle (the
dots) and no label placed before, inside the axes; a label with no such side is hidden. Plain
arithmetic on boxes in display pixels, measured once the figure is laid out.
"""

from __future__ import annotations

from matplotlib.text import Annotation, Text

__all__ = ["Box", "dot_box", "overlap", "place_labels", "sides"]

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels
GAP_PT = 3  # between a dot's edge and its label
RINGS = 5  # distances a label may stand from its dot, each RING_STEP_PT further
RING_STEP_PT = 9
PAD_PT = 1  # kept clear around a label: drawn at another size (the A3 wall), a box may grow a little


def overlap(box: Box, other: Box) -> float:
    """Return the area ``box`` and ``other`` share."""
    width = min(box[2], other[2]) - max(box[0], other[0])
    height = min(box[3], other[3]) - max(box[1], other[1])
    return width * height if width > 0 and height > 0 else 0.0


def dot_box(x: float, y: float, radius: float) -> Box:
    """Return the box around a dot of ``radius`` pixels centred at (``x``, ``y``)."""
    return (x - radius, y - radius, x + radius, y + radius)


def sides(radius_pt: float, rtl: bool = False) -> list[tuple[tuple[float, float], str, str]]:
    """Where a label may stand around a dot of ``radius_pt``, best first: (offset in points, ha, va);
    after the reading side: the other side, above, below, the diagonals, then a ring further."""
    found = []
    for ring in range(RINGS):
        gap = radius_pt + GAP_PT + ring * RING_STEP_PT
        beside = [((gap, 0), "left", "center"), ((-gap, 0), "right", "center")]
        found += beside[::-1] if rtl else beside
        found += [((0, gap), "center", "bottom"), ((0, -gap), "center", "top")]
        diagonal = gap * 0.75
        found += [
            ((dx * diagonal, dy * diagonal), "left" if dx > 0 else "right", "bottom" if dy > 0 else "top")
            for dy in (1, -1)
            for dx in (1, -1)
        ]
    return found


def place_labels(
    figure, axes, labels: list[Annotation], radii_pt: list[float], obstacles: list[Box], rtl: bool = False
) -> list[bool]:
    """Put each of ``labels`` (annotations of a point, in offset points) on the first of its
    ``sides`` where it covers none of ``obstacles`` nor a label placed before and stays inside
    ``axes`` (the reading side first: left of the dot when ``rtl``); hide it when no side will do. Return, per label, whether it is shown."""
    figure.draw_without_rendering()  # lays the figure out, so that extents are final
    renderer = figure.canvas.get_renderer()
    inside = tuple(axes.get_window_extent(renderer).extents)
    to_px = figure.dpi / 72
    shift = {"left": 0.0, "center": 0.5, "right": 1.0, "bottom": 0.0, "top": 1.0}  # of the box, ha / va
    taken = list(obstacles)
    shown = []
    for label, radius in zip(labels, radii_pt):
        x, y = axes.transData.transform(label.xy)
        size = Text.get_window_extent(label, renderer)  # the text alone: an annotation's also holds its line
        placed = None
        for (dx, dy), ha, va in sides(radius, rtl):
            x0, y0 = x + dx * to_px - shift[ha] * size.width, y + dy * to_px - shift[va] * size.height
            pad = PAD_PT * to_px
            box = (x0 - pad, y0 - pad, x0 + size.width + pad, y0 + size.height + pad)
            within = box[0] >= inside[0] and box[1] >= inside[1] and box[2] <= inside[2] and box[3] <= inside[3]
            if within and not any(overlap(box, other) for other in taken):
                placed = ((dx, dy), ha, va, box)
                break
        if placed is None:
            label.set_visible(False)
        else:
            label.xyann = placed[0]
            label.set(ha=placed[1], va=placed[2])
            taken.append(placed[3])
        shown.append(placed is not None)
    return shown
