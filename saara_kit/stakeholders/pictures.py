"""The picture each step of the stakeholder app draws of its list (matplotlib loaded only once drawn).

Each takes the step's records as a DataFrame and the language; a step's picture is also given the
register (the app's main records), so that the network and the plane show every actor, with its
type and tower, even before anyone links them.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["grid_picture", "influences_picture", "network_picture", "positions_picture"]

NO_REGISTER = pd.DataFrame(columns=["name", "type", "influence"])


def grid_picture(frame: pd.DataFrame, lang: str):
    """The power × interest grid of the register."""
    from saara_kit.stakeholders.charts import power_interest_grid

    return power_interest_grid(frame, lang)


def _actors(register: pd.DataFrame, *named: pd.Series) -> list[str]:
    return list(dict.fromkeys([*register["name"], *(name for names in named for name in names)]))


def network_picture(frame: pd.DataFrame, lang: str, register: pd.DataFrame = NO_REGISTER):
    """The relations network: the register's actors, coloured by type and sized by influence tower."""
    from saara_kit.stakeholders.network import network
    from saara_kit.stakeholders.network_chart import network_chart

    by_name = register.set_index("name")
    graph = network(_actors(register, frame["source"], frame["target"]), frame)
    return network_chart(graph, by_name["type"], by_name.get("influence", None), lang)


def positions_picture(frame: pd.DataFrame, lang: str, register: pd.DataFrame = NO_REGISTER):
    """The actors × objectives heatmap of weighted positions (2MAO), of the actors who took one."""
    from saara_kit.stakeholders.mactor import matrices, weighted_positions
    from saara_kit.stakeholders.mactor_charts import positions_heatmap

    _, stances, intensities = matrices(
        list(dict.fromkeys(frame["actor"])),
        list(dict.fromkeys(frame["objective"])),
        pd.DataFrame(columns=["source", "target", "strength"]),
        frame,
    )
    return positions_heatmap(weighted_positions(stances, intensities), lang)


def influences_picture(frame: pd.DataFrame, lang: str, register: pd.DataFrame = NO_REGISTER):
    """The influence–dependence plane of MACTOR, from direct and indirect influences."""
    from saara_kit.stakeholders.mactor import indirect_influences, influence_dependence, matrices
    from saara_kit.stakeholders.mactor_charts import influence_dependence_plane

    mid, _, _ = matrices(
        _actors(register, frame["source"], frame["target"]),
        [],
        frame,
        pd.DataFrame(columns=["actor", "objective", "stance", "intensity"]),
    )
    return influence_dependence_plane(influence_dependence(indirect_influences(mid)), lang)
