"""The form's power × interest grid, as SVG text: no pandas, numpy or matplotlib in a participant's kernel.

The phone draws it: the browser shapes Arabic and scales it crisp. Each dot holds its number, keyed to
the register's list (``picture.key``), up to ``PER_CELL`` dots in a cell and ``NUMBERS_UP_TO`` actors;
beyond, one disc per cell holds its count (``picture.mode``). Sizes are CSS pixels of a phone's
picture, ``WIDTH`` wide. The room, the wall and the dossiers keep the matplotlib grid (``charts``).
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from saara_kit.i18n import is_rtl, t
from saara_kit.stakeholders.fields import display_name
from saara_kit.stakeholders.grid_layout import (
    HIGH_FROM,
    LIMITS,
    POSITION_COLOURS,
    QUADRANT_CORNERS,
    dot_positions,
    mode_without_names,
    position_colour,
)

__all__ = ["FONT_PX", "WIDTH", "SvgPicture", "grid_svg"]

WIDTH, HEIGHT = 358, 490  # a phone's picture (charts.style.PHONE_CHART_WIDTH_PX), one unit a CSS pixel
FONT_PX = 12  # no text smaller (charts.style.MIN_TEXT_CSS_PX is 11)
TITLE_PX = 15
PLOT = (46, 30, 348, 360)  # left, top, right, bottom of the axes
DOT_RADIUS = 8  # a numbered dot: two digits inside
COUNT_RADII = (8, 21)  # the smallest and the largest count's disc
LEGEND_TOP, LEGEND_ROW = PLOT[3] + 52, 20
GREY, DIVIDER = "#666666", "#bbbbbb"


@dataclass(frozen=True)
class SvgPicture:
    """A picture the form shows as it is: its SVG text, its text alternative, how it names the actors
    ("numbers" or "counts") and, when numbered, the key (``key["name"][i]`` is number ``i + 1``)."""

    svg: str
    alt: str
    mode: str
    key: dict[str, list] | None


def _x(interest: float) -> float:
    low, high = LIMITS[0]
    return PLOT[0] + (interest - low) / (high - low) * (PLOT[2] - PLOT[0])


def _y(power: float) -> float:
    low, high = LIMITS[1]
    return PLOT[3] - (power - low) / (high - low) * (PLOT[3] - PLOT[1])


class _Canvas:
    """SVG elements in the reader's direction: ``side`` says where a text stands ("left", "right", "middle")."""

    def __init__(self, lang: str):
        self.rtl = is_rtl(lang)
        self.parts: list[str] = []

    def text(self, x: float, y: float, words: str, side: str = "middle", size: int = FONT_PX, **style: Any) -> None:
        anchor = {"middle": "middle", "left": "end" if self.rtl else "start", "right": "start" if self.rtl else "end"}
        attributes = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in style.items())
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor[side]}"{attributes}>'
            f"{html.escape(words)}</text>"
        )

    def dot(self, x: float, y: float, radius: float, colour: str, label: str) -> None:
        self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" stroke="white"/>')
        self.text(x, y, label, fill="white", font_weight="bold", dominant_baseline="central", direction="ltr")

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str = DIVIDER) -> None:
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}"/>')

    def svg(self, alt: str) -> str:
        direction = ' direction="rtl"' if self.rtl else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" font-family="sans-serif"{direction}>'
            f'<title>{html.escape(alt)}</title><rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>'
            + "".join(self.parts)
            + "</svg>"
        )


def _axes(canvas: _Canvas, lang: str, title: str) -> None:
    """The title, the frame, the quadrants' dividers and captions, the ticks and the axes' names."""
    left, top, right, bottom = PLOT
    canvas.text(right if canvas.rtl else left, 18, title, side="right" if canvas.rtl else "left", size=TITLE_PX)
    canvas.parts.append(
        f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" fill="none" stroke="#cccccc"/>'
    )
    middle = HIGH_FROM - 0.5
    canvas.line(_x(middle), top, _x(middle), bottom)
    canvas.line(left, _y(middle), right, _y(middle))
    for code, (x, y) in QUADRANT_CORNERS.items():
        baseline = _y(y) + FONT_PX if y > middle else _y(y) - 3
        side = "left" if x < middle else "right"
        canvas.text(_x(x), baseline, t(f"stakeholders.quadrant.{code}", lang), side=side, fill=GREY)
    for score in range(1, 6):
        canvas.text(_x(score), bottom + FONT_PX + 4, str(score), fill=GREY)
        canvas.text(left - 6, _y(score) + 4, str(score), side="right", fill=GREY)
    canvas.text((left + right) / 2, bottom + 2 * FONT_PX + 10, t("stakeholders.field.interest", lang))
    power = t("stakeholders.field.power", lang)
    canvas.parts.append(
        f'<text x="0" y="0" font-size="{FONT_PX}" text-anchor="middle" '
        f'transform="translate(14 {(top + bottom) / 2:.1f}) rotate(-90)">{html.escape(power)}</text>'
    )


def _legend(canvas: _Canvas, lang: str) -> None:
    """The positions' colours below the axes, in two columns that start on the reading side."""
    canvas.text(WIDTH / 2, LEGEND_TOP, t("stakeholders.field.position", lang), fill=GREY)
    column_width = (WIDTH - 20) / 2
    for index, position in enumerate(sorted(POSITION_COLOURS, reverse=True)):
        row, column = divmod(index, 2)
        start = 10 + column * column_width
        x = WIDTH - start if canvas.rtl else start
        y = LEGEND_TOP + (row + 1) * LEGEND_ROW
        towards = -1 if canvas.rtl else 1
        canvas.parts.append(
            f'<circle cx="{x + towards * 7:.1f}" cy="{y - 4:.1f}" r="6" fill="{POSITION_COLOURS[position]}"/>'
        )
        side = "right" if canvas.rtl else "left"  # the label runs away from its dot
        canvas.text(x + towards * 18, y, t(f"stakeholders.position.{position}", lang), side=side)


def _numbers(canvas: _Canvas, records: list[Mapping[str, Any]]) -> None:
    cells = [(record["interest"], record["power"]) for record in records]
    for number, ((x, y), record) in enumerate(zip(dot_positions(cells), records), start=1):
        canvas.dot(_x(x), _y(y), DOT_RADIUS, position_colour(record["position"]), str(number))


def _counts(canvas: _Canvas, records: list[Mapping[str, Any]]) -> None:
    positions: dict[tuple[int, int], list[float]] = defaultdict(list)
    for record in records:
        positions[(int(record["interest"]), int(record["power"]))].append(float(record["position"]))
    largest = max(len(found) for found in positions.values())
    smallest_r, largest_r = COUNT_RADII
    for (interest, power), found in positions.items():
        share = (len(found) - 1) / max(largest - 1, 1)  # the disc's area grows with the count
        radius = (smallest_r**2 + (largest_r**2 - smallest_r**2) * share) ** 0.5
        canvas.dot(_x(interest), _y(power), radius, position_colour(sum(found) / len(found)), str(len(found)))


def grid_svg(records: Iterable[Mapping[str, Any]], lang: str = "fr", title: str | None = None) -> SvgPicture:
    """Draw the Mendelow grid of ``records`` (stakeholders) as SVG: numbered dots, or counts per cell."""
    records = list(records)
    heading = title or t("stakeholders.grid.title", lang)
    mode = mode_without_names((record["interest"], record["power"]) for record in records)
    canvas = _Canvas(lang)
    _axes(canvas, lang, heading)
    _legend(canvas, lang)
    key = None
    if mode == "numbers":
        _numbers(canvas, records)
        key = {
            "number": list(range(1, len(records) + 1)),
            "name": [display_name(record["name"], record.get("name_ar", "") or "", lang) for record in records],
        }
    else:
        _counts(canvas, records)
    alt = t("stakeholders.grid.alt", lang, count=len(records), title=heading)
    return SvgPicture(canvas.svg(alt), alt, mode, key)
