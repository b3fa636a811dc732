"""The network, the influence–dependence plane and the positions heatmap draw what they are given."""

from __future__ import annotations

import pandas as pd

from saara_kit.charts import figure_to_png
from saara_kit.stakeholders.mactor import indirect_influences, influence_dependence, weighted_positions
from saara_kit.stakeholders.mactor_charts import influence_dependence_plane, positions_heatmap
from saara_kit.stakeholders.network import network
from saara_kit.stakeholders.network_chart import LINK_COLOURS, network_chart
from tests.unit.test_mactor import INTENSITIES, MID, POSITIONS
from tests.unit.test_network_and_salience import ACTORS, LINKS


def test_the_network_chart_draws_each_link_in_its_kind_and_names_each_actor():
    graph = network(ACTORS, LINKS)
    types = pd.Series(
        {
            "APC": "apc",
            "Wilaya": "wilaya",
            "Association": "association",
            "Radio": "media",
            "Bailleur": "donor",
            "Isolé": "other",
        }
    )
    figure = network_chart(graph, types, pd.Series({"Wilaya": 5, "APC": 3}), "fr")
    assert figure_to_png(figure).startswith(b"\x89PNG")
    names = {text.get_text() for text in figure.axes[0].texts}
    assert set(ACTORS) - {"Isolé"} <= names and "Isolé" not in names  # the actor without links is set apart
    assert figure.axes[1].texts[0].get_text() == "Sans relation (1) : Isolé"
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend[:4] == ["Argent", "Autorité", "Information", "Coopération"]  # kinds present, in order
    assert "Média" in legend[4:] and "APC (commune)" in legend[4:]  # then the actors' types
    colours = {tuple(round(c, 3) for c in patch.get_edgecolor()[:3]) for patch in figure.axes[0].patches}
    assert len(colours) == 4 and len(LINK_COLOURS) == 5


def test_the_plane_and_the_heatmap_show_the_worked_example():
    table = influence_dependence(indirect_influences(MID))
    plane = influence_dependence_plane(table, "ar")
    assert figure_to_png(plane).startswith(b"\x89PNG")
    assert plane.key["name"].tolist() == ["APC", "Direction", "Radio"]
    assert [text.get_text() for text in plane.axes[0].texts] == ["1", "2", "3"]
    heatmap = positions_heatmap(weighted_positions(POSITIONS, INTENSITIES), "fr")
    assert figure_to_png(heatmap).startswith(b"\x89PNG")
    assert sorted(text.get_text() for text in heatmap.axes[0].texts) == sorted(["3", "-2", "2", "4", "-1", "0"])
