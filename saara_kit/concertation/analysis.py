"""What the plan's records say once put together (pure functions over DataFrames)."""
from __future__ import annotations

import pandas as pd

from saara_kit.i18n import t
from saara_kit.records import References

__all__ = ["RACI_ROLES", "raci_matrix", "raci_table"]

RACI_ROLES = ("responsible", "accountable", "consulted", "informed")  # the letters R, A, C, I, in this order


def raci_matrix(activities: pd.DataFrame) -> pd.DataFrame:
    """Return activities × actors, each cell the letters of the actor's roles in the activity
    ("R", "A", "RA", "C", "I" or ""), actors in the order they first appear."""
    names = References("names")
    roles: dict[tuple[str, str], str] = {}
    actors: dict[str, None] = {}
    for activity in activities.itertuples(index=False):
        for role in RACI_ROLES:
            for actor in names.names(getattr(activity, role)):
                actors[actor] = None
                roles[activity.name, actor] = roles.get((activity.name, actor), "") + role[0].upper()
    index = list(dict.fromkeys(activities["name"])) if len(activities) else []
    return pd.DataFrame([[roles.get((activity, actor), "") for actor in actors] for activity in index],
                        index=pd.Index(index, name="activity"), columns=list(actors))


def raci_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return the RACI matrix as a sheet: one row per activity, its header in ``lang``."""
    matrix = raci_matrix(records["activities"])
    return matrix.reset_index().rename(columns={"activity": t("activities.field.name", lang)})
