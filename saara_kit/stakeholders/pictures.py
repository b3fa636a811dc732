"""The picture each step of the stakeholder app draws of its list.

Each takes the step's records and the language; a step's picture is also given the register (the
app's main records, as a table), so that the network and the plane show every actor, with its type
and tower, even before anyone links them. The register's own grid is drawn without pandas or
matplotlib (``grid_svg``): a participant who only fills the register never loads them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from saara_kit.records.domain import Record
from saara_kit.records.tables import records_frame

__all__ = ["influences_picture", "network_picture", "positions_picture"]

NO_REGISTER = pd.DataFrame(columns=["name", "type", "influence"])


def _actors(register: pd.DataFrame, *named: pd.Series) -> list[str]:
    return list(dict.fromkeys([*register["name"], *(name for names in named for name in names)]))


def network_picture(records: Sequence[Record], lang: str, register: pd.DataFrame = NO_REGISTER):
    """The relations network: the register's actors, coloured by type and sized by influence tower."""
    from saara_kit.stakeholders.network import network
    from saara_kit.stakeholders.network_chart import network_chart

    frame = records_frame(records)
    by_name = register.set_index("name")
    graph = network(_actors(register, frame["source"], frame["target"]), frame)
    return network_chart(graph, by_name["type"], by_name.get("influence", None), lang)


def positions_picture(records: Sequence[Record], lang: str, register: pd.DataFrame = NO_REGISTER):
    """The actors × objectives heatmap of weighted positions (2MAO), of the actors who took one."""
    from saara_kit.stakeholders.mactor import matrices, weighted_positions
    from saara_kit.stakeholders.mactor_charts import positions_heatmap

    frame = records_frame(records)
    _, stances, intensities = matrices(
        list(dict.fromkeys(frame["actor"])),
        list(dict.fromkeys(frame["objective"])),
        pd.DataFrame(columns=["source", "target", "strength"]),
        frame,
    )
    return positions_heatmap(weighted_positions(stances, intensities), lang)


def influences_picture(records: Sequence[Record], lang: str, register: pd.DataFrame = NO_REGISTER):
    """The influence–dependence plane of MACTOR, from direct and indirect influences."""
    from saara_kit.stakeholders.mactor import indirect_influences, influence_dependence, matrices
    from saara_kit.stakeholders.mactor_charts import influence_dependence_plane

    frame = records_frame(records)
    mid, _, _ = matrices(
        _actors(register, frame["source"], frame["target"]),
        [],
        frame,
        pd.DataFrame(columns=["actor", "objective", "stance", "intensity"]),
    )
    return influence_dependence_plane(influence_dependence(indirect_influences(mid)), lang)
