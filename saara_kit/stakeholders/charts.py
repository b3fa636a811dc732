"""The power × interest grid, each actor labelled, coloured by position."""
from __future__ import annotations

import textwrap

import pandas as pd

from saara_kit.charts import ChartFigure, drawable, new_figure
from saara_kit.i18n import is_rtl, t
from saara_kit.stakeholders.analysis import HIGH_FROM
from saara_kit.stakeholders.fields import display_name

__all__ = ["power_interest_grid"]

LABEL_WIDTH = 22  # characters per line of an actor's label
POSITION_COLOURS = {-2: "#b2182b", -1: "#ef8a62", 0: "#969696", 1: "#67a9cf", 2: "#2166ac"}
QUADRANT_CORNERS = {  # (x, y) of each quadrant's caption, in score units
    "keep_satisfied": (0.6, 5.4),
    "manage_closely": (5.4, 5.4),
    "monitor": (0.6, 0.6),
    "keep_informed": (5.4, 0.6),
}


def _spread(frame: pd.DataFrame) -> list[tuple[float, float, int]]:
    """Place actors sharing a cell side by side; return (x, y, label offset in points)."""
    seen: dict[tuple[int, int], int] = {}
    points = []
    for interest, power in zip(frame["interest"], frame["power"]):
        rank = seen.get((interest, power), 0)
        seen[(interest, power)] = rank + 1
        shift = ((rank + 1) // 2) * 0.25 * (1 if rank % 2 else -1)
        points.append((interest + shift, power, 8 if rank % 2 == 0 else -8))
    return points


def power_interest_grid(frame: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the Mendelow grid for the stakeholders in ``frame`` (columns of the model)."""
    figure = new_figure(alt=t("stakeholders.grid.alt", lang, count=len(frame), title=title or t("stakeholders.grid.title", lang)))
    axes = figure.add_subplot()
    axes.set_xlim(0.4, 5.6)
    axes.set_ylim(0.4, 5.6)
    middle = HIGH_FROM - 0.5
    axes.axvline(middle, color="#bbbbbb", linewidth=1)
    axes.axhline(middle, color="#bbbbbb", linewidth=1)
    for code, (x, y) in QUADRANT_CORNERS.items():
        axes.text(
            x, y, t(f"stakeholders.quadrant.{code}", lang), color="#777777", fontsize=10,
            ha="left" if x < middle else "right", va="top" if y > middle else "bottom",
        )
    for (x, y, label_offset), (_, row) in zip(_spread(frame), frame.iterrows()):
        colour = POSITION_COLOURS.get(int(row["position"]), "#969696")
        axes.scatter([x], [y], s=140, color=colour, edgecolor="white", zorder=3)
        label = drawable(display_name(row["name"], row.get("name_ar", ""), lang))
        axes.annotate(
            textwrap.fill(label, LABEL_WIDTH), (x, y), xytext=(0, label_offset), textcoords="offset points", ha="center", va="bottom" if label_offset > 0 else "top", fontsize=8.5, linespacing=1.0, zorder=4
        )
    axes.set_xlabel(t("stakeholders.field.interest", lang))
    axes.set_ylabel(t("stakeholders.field.power", lang))
    axes.set_xticks(range(1, 6))
    axes.set_yticks(range(1, 6))
    axes.set_title(title or t("stakeholders.grid.title", lang), loc="right" if is_rtl(lang) else "left")
    handles = [
        axes.scatter([], [], s=80, color=POSITION_COLOURS[p], label=t(f"stakeholders.position.{p}", lang))
        for p in sorted(POSITION_COLOURS, reverse=True)
    ]
    axes.legend(handles=handles, title=t("stakeholders.field.position", lang), fontsize=8,
                title_fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return figure
