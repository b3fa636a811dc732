"""Stakeholder analysis at hub scale: 2,000 actors with 20,000 links, and MACTOR at 40 × 15, against ten times fewer."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from bench import compare, timed
from saara_kit.charts import figure_to_png
from saara_kit.stakeholders.charts import power_interest_grid
from saara_kit.stakeholders.mactor import (
    convergences,
    force_ratios,
    indirect_influences,
    influence_dependence,
    weighted_positions,
)
from saara_kit.stakeholders.mactor_charts import convergence_graph, influence_dependence_plane, positions_heatmap
from saara_kit.stakeholders.network import LINK_KINDS, communities, network, network_metrics
from saara_kit.stakeholders.network_chart import network_chart

SCALE = {"actors": 2_000, "links": 20_000, "mactor_actors": 40, "objectives": 15}
SEED = 11


def _register(actors: int) -> pd.DataFrame:
    pick = random.Random(SEED)
    return pd.DataFrame(
        {
            "name": [f"Acteur {n}" for n in range(actors)],
            "name_ar": "",
            "interest": [pick.randint(1, 5) for _ in range(actors)],
            "power": [pick.randint(1, 5) for _ in range(actors)],
            "position": [pick.randint(-2, 2) for _ in range(actors)],
        }
    )


def _links(actors: int, count: int) -> pd.DataFrame:
    pick = random.Random(SEED)
    rows = []
    while len(rows) < count:
        source, target = pick.randrange(actors), pick.randrange(actors)
        if source != target:
            rows.append(
                (
                    f"Acteur {source}",
                    f"Acteur {target}",
                    pick.choice(LINK_KINDS),
                    pick.randint(1, 5),
                    "both_ways" if pick.random() < 0.2 else "one_way",
                )
            )
    return pd.DataFrame(rows, columns=["source", "target", "kind", "weight", "direction"])


def _measure(actors: int, links: int, mactor_actors: int, objectives: int) -> dict[str, float]:
    register, relations = _register(actors), _links(actors, links)
    graph = network(register["name"], relations)
    names = [f"A{n}" for n in range(mactor_actors)]
    rng = np.random.default_rng(SEED)
    mid = pd.DataFrame(rng.integers(0, 5, (mactor_actors, mactor_actors)), index=names, columns=names)
    positions = pd.DataFrame(rng.integers(-1, 2, (mactor_actors, objectives)), index=names)
    intensities = pd.DataFrame(rng.integers(0, 5, (mactor_actors, objectives)), index=names)

    def mactor() -> None:
        midi = indirect_influences(mid)
        influence_dependence(midi)
        convergences(weighted_positions(positions, intensities, force_ratios(midi)))

    return {
        "network built": timed(lambda: network(register["name"], relations)),
        "network metrics": timed(lambda: network_metrics(graph)),
        "communities": timed(lambda: communities(graph)),
        "network chart": timed(lambda: figure_to_png(network_chart(graph, pd.Series(dtype=str), lang="fr"))),
        "grid (counts per cell)": timed(lambda: figure_to_png(power_interest_grid(register, "fr"))),
        "MACTOR": timed(mactor),
        "MACTOR charts": timed(lambda: mactor_charts(mid, positions, intensities)),
    }


def mactor_charts(mid: pd.DataFrame, positions: pd.DataFrame, intensities: pd.DataFrame) -> None:
    """Draw the plane, the heatmap and the convergence graph, as lesson 03 does."""
    midi = indirect_influences(mid)
    weighted = weighted_positions(positions, intensities, force_ratios(midi))
    for chart in (
        influence_dependence_plane(influence_dependence(midi), "fr"),
        positions_heatmap(weighted, "fr"),
        convergence_graph(convergences(weighted), "fr"),
    ):
        figure_to_png(chart)


def main(scale: dict = SCALE) -> dict[str, float]:
    small = {name: max(1, value // 10) for name, value in scale.items()}
    growth = compare(_measure, scale, small)
    print(
        f"full: {scale['actors']} actors, {scale['links']} links; MACTOR {scale['mactor_actors']} × "
        f"{scale['objectives']}. Tenth: {small['actors']}, {small['links']}; {small['mactor_actors']} × {small['objectives']}."
    )
    return growth


if __name__ == "__main__":
    main()
