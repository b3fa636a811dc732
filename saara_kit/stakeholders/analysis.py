"""Mendelow's power × interest grid: quadrants and engagement strategies (pure functions)."""
from __future__ import annotations

import pandas as pd

from saara_kit.stakeholders.fields import display_name

__all__ = [
    "HIGH_FROM", "QUADRANTS", "engagement_plan", "labelled_table", "quadrant", "quadrant_counts",
    "with_quadrants",
]

HIGH_FROM = 3  # on the 1–5 scales, 3 and above count as "high"
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")  # by priority


def quadrant(power: int, interest: int) -> str:
    """Return the Mendelow quadrant (and strategy) code for a power and an interest score."""
    high_power, high_interest = power >= HIGH_FROM, interest >= HIGH_FROM
    if high_power:
        return "manage_closely" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"


def with_quadrants(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with a ``quadrant`` column."""
    result = frame.copy()
    result["quadrant"] = [quadrant(p, i) for p, i in zip(result["power"], result["interest"])]
    return result


def labelled_table(frame: pd.DataFrame, lang: str = "fr", headers: dict[str, str] | None = None) -> pd.DataFrame:
    """Return stakeholders for people: codes turned into labels, headers translated into ``lang``."""
    from saara_kit.records import labelled_table as label
    from saara_kit.stakeholders.domain import DOMAIN

    return label(DOMAIN, frame, lang, headers)


def quadrant_counts(frame: pd.DataFrame, lang: str | None = None) -> pd.Series | pd.DataFrame:
    """Count stakeholders per quadrant, every quadrant listed, in priority order.

    Without ``lang``: a Series keyed by quadrant code. With ``lang``: a table to show, labelled.
    """
    counts = with_quadrants(frame)["quadrant"].value_counts().reindex(QUADRANTS, fill_value=0)
    if not lang:
        return counts
    table = labelled_table(counts.rename_axis("quadrant").reset_index(name="count"), lang,
                           {"count": "stakeholders.count"})
    return table.set_index(table.columns[0])  # the strategies, labelled


def engagement_plan(frame: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return who to engage how, most pressing first, with headers and labels in ``lang``."""
    ranked = with_quadrants(frame)
    ranked["_order"] = ranked["quadrant"].map(QUADRANTS.index)
    ranked = ranked.sort_values(["_order", "power", "interest"], ascending=[True, False, False])
    ranked["name"] = [display_name(n, a, lang) for n, a in zip(ranked["name"], ranked["name_ar"])]
    columns = ["name", "type", "power", "interest", "position", "quadrant"]
    return labelled_table(ranked[columns].reset_index(drop=True), lang)
