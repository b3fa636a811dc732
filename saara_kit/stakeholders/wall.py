"""Charts for the workshop wall: the hub's grid, relations network and MACTOR planes as A3 pages,
PNG and PDF, ready for a print shop.

Each chart is drawn as on a phone, then printed at 300 dpi across the A3 page (portrait, 1.5 cm
margins): its text grows with it, about three times its phone size, readable from a few metres.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.image import imread

from saara_kit.charts import ChartFigure

__all__ = ["A3_INCHES", "WALL_FORMATS", "wall_charts", "write_a3"]

A3_INCHES = (297 / 25.4, 420 / 25.4)  # portrait
MARGIN_INCHES = 15 / 25.4
DPI = 300
WALL_FORMATS = ("pdf", "png")


def write_a3(chart: ChartFigure, path: Path) -> Path:
    """Write ``chart`` centred on an A3 page, as PNG or PDF (by the suffix of ``path``)."""
    width, height = A3_INCHES
    scale = min(
        (width - 2 * MARGIN_INCHES) / chart.get_figwidth(), (height - 2 * MARGIN_INCHES) / chart.get_figheight()
    )
    buffer = io.BytesIO()
    chart.savefig(buffer, format="png", dpi=DPI * scale)  # the chart's pixels are the page's at 300 dpi
    buffer.seek(0)
    image = imread(buffer, format="png")
    page = Figure(figsize=A3_INCHES, dpi=DPI)
    drawn_width, drawn_height = chart.get_figwidth() * scale / width, chart.get_figheight() * scale / height
    axes = page.add_axes(((1 - drawn_width) / 2, (1 - drawn_height) / 2, drawn_width, drawn_height))
    axes.imshow(image, interpolation="none")
    axes.axis("off")
    path.parent.mkdir(parents=True, exist_ok=True)
    page.savefig(path, dpi=DPI, metadata={"Title": chart.alt} if path.suffix == ".pdf" else None)
    return path


def wall_charts(
    register: pd.DataFrame,
    relations: pd.DataFrame,
    objectives: pd.DataFrame,
    influences: pd.DataFrame,
    positions: pd.DataFrame,
    hub_name: str,
    lang: str,
) -> dict[str, ChartFigure]:
    """Return the wall's charts by file name: the grid and the network of the hub, and the
    influence–dependence plane of each association that entered objectives."""
    from saara_kit.stakeholders.charts import power_interest_grid
    from saara_kit.stakeholders.mactor import concertation, indirect_influences, influence_dependence
    from saara_kit.stakeholders.mactor_charts import influence_dependence_plane
    from saara_kit.stakeholders.network import network
    from saara_kit.stakeholders.network_chart import network_chart

    actors = register.drop_duplicates("name").set_index("name")
    charts = {
        "grid": power_interest_grid(register, lang, title=hub_name),
        "network": network_chart(
            network(actors.index, relations), actors["type"], actors.get("influence"), lang, title=hub_name
        ),
    }
    for number, association in enumerate(sorted(set(objectives["association"])), start=1):
        _, mid, _, _ = concertation(register, objectives, influences, positions, association)
        charts[f"plane-{number}"] = influence_dependence_plane(
            influence_dependence(indirect_influences(mid)), lang, title=association
        )
    return charts
