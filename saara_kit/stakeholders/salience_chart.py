"""The salience diagram: three circles (power, legitimacy, urgency), each actor a numbered dot in
the zone of its type (a crowded zone: one disc with its count), keyed by name and type in
``figure.key``; non-stakeholders stand outside the circles, and actors not typed yet are left out."""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Circle

from saara_kit.charts import ChartFigure, new_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT, label_on_dot
from saara_kit.i18n import t
from saara_kit.stakeholders.fields import display_name
from saara_kit.stakeholders.grid_layout import cell_offsets
from saara_kit.stakeholders.salience import UNTYPED, with_salience

__all__ = ["CIRCLES", "ZONES", "salience_diagram"]

RADIUS = 1.0
CIRCLES = {  # attribute: (centre, colour)
    "power": ((-0.55, 0.35), "#4393c3"),
    "legitimacy": ((0.55, 0.35), "#5aae61"),
    "urgency": ((0.0, -0.55), "#f4a582"),
}
ZONES = {  # salience type: the centre of its zone (inside exactly its circles)
    "dormant": (-1.0, 0.65),
    "discretionary": (1.0, 0.65),
    "demanding": (0.0, -1.1),
    "dominant": (0.0, 0.85),
    "dangerous": (-0.62, -0.3),
    "dependent": (0.62, -0.3),
    "definitive": (0.0, 0.05),
    "non_stakeholder": (1.45, -1.4),
}
SPREAD = 0.35  # a zone's dots spread over a third of a grid cell's span: the lenses are narrow
NUMBERED_UP_TO = 4  # dots in one zone; more are one disc with their count (the key lists them)
MARKER_SIZE = 170  # points²: a dot that holds two digits
COUNT_MARKER_SIZE = 420
LABEL_POSITIONS = {"power": (-1.45, 1.45), "legitimacy": (1.45, 1.45), "urgency": (0.0, -1.7)}


def salience_diagram(frame: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the stakeholders of ``frame`` (with power, legitimacy and urgency) in their salience zones;
    those whose legitimacy or urgency is not given yet have no zone and are left out."""
    typed = with_salience(frame)
    typed = typed[typed["salience"] != UNTYPED]
    heading = title or t("stakeholders.salience_chart.title", lang)
    figure = new_figure(
        FIGURE_WIDTH_IN,
        FIGURE_WIDTH_IN + 0.4,
        alt=t("stakeholders.salience_chart.alt", lang, count=len(typed), title=heading),
    )
    axes = figure.add_subplot()
    axes.set_aspect("equal")
    axes.set_xlim(-1.95, 1.95)
    axes.set_ylim(-1.95, 1.75)
    axes.axis("off")
    axes.set_title(heading)
    for attribute, (centre, colour) in CIRCLES.items():
        axes.add_patch(Circle(centre, RADIUS, facecolor=colour, alpha=0.18, edgecolor=colour, linewidth=1.5))
        x, y = LABEL_POSITIONS[attribute]
        axes.text(
            x,
            y,
            t(f"stakeholders.field.{attribute}", lang),
            ha="center",
            va="center",
            color=colour,
            fontsize=SMALLEST_FONT_PT,
            fontweight="bold",
        )
    typed = typed.reset_index(drop=True)
    for salience_type, members in typed.groupby("salience", sort=False):
        zone_x, zone_y = ZONES[salience_type]
        if len(members) > NUMBERED_UP_TO:
            axes.scatter([zone_x], [zone_y], s=COUNT_MARKER_SIZE, color="#444444", edgecolor="white", zorder=3)
            label_on_dot(axes, zone_x, zone_y, f"×{len(members)}")
            continue
        for (dx, dy), number in zip(cell_offsets(len(members)), members.index + 1):
            x, y = zone_x + dx * SPREAD, zone_y + dy * SPREAD
            axes.scatter([x], [y], s=MARKER_SIZE, color="#444444", edgecolor="white", zorder=3)
            label_on_dot(axes, x, y, number)
    figure.key = pd.DataFrame(
        {
            "number": range(1, len(typed) + 1),
            "name": [
                display_name(name, name_ar, lang)
                for name, name_ar in zip(typed["name"], typed.get("name_ar", typed["name"]))
            ],
            "salience": [t(f"stakeholders.salience.{code}", lang) for code in typed["salience"]],
        }
    )
    return figure
