"""Mendelow's power × interest grid: quadrants and engagement strategies (pure functions)."""
from __future__ import annotations

import pandas as pd

from saara_kit.i18n import t
from saara_kit.stakeholders.model import Stakeholder, display_name

__all__ = [
    "HIGH_FROM", "QUADRANTS", "engagement_plan", "labelled_table", "quadrant", "quadrant_counts",
    "with_quadrants",
]

HIGH_FROM = 3  # on the 1–5 scales, 3 and above count as "high"
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")  # by priority
CODE_LABELS = {  # column -> catalogue prefix of its codes' labels
    "type": "stakeholders.type",
    "sector": "stakeholders.sector",
    "level": "stakeholders.level",
    "quadrant": "stakeholders.quadrant",
}
HEADER_KEYS = {
    **{field: f"stakeholders.field.{field}" for field in ("region", "association", *Stakeholder.__dataclass_fields__)},
    "quadrant": "stakeholders.strategy",
    "count": "stakeholders.count",
    **{field: f"store.field.{field}" for field in ("record_id", "revision", "saved_at", "author")},
}


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


def labelled_table(frame: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return ``frame`` for people: codes turned into labels, headers translated into ``lang``."""
    table = frame.copy()
    for column, prefix in CODE_LABELS.items():
        if column in table:
            table[column] = [t(f"{prefix}.{code}", lang) for code in table[column]]
    return table.rename(columns={c: t(HEADER_KEYS[c], lang) for c in table.columns if c in HEADER_KEYS})


def quadrant_counts(frame: pd.DataFrame, lang: str | None = None) -> pd.Series | pd.DataFrame:
    """Count stakeholders per quadrant, every quadrant listed, in priority order.

    Without ``lang``: a Series keyed by quadrant code. With ``lang``: a table to show, labelled.
    """
    counts = with_quadrants(frame)["quadrant"].value_counts().reindex(QUADRANTS, fill_value=0)
    if not lang:
        return counts
    table = labelled_table(counts.rename_axis("quadrant").reset_index(name="count"), lang)
    return table.set_index(table.columns[0])  # the strategies, labelled


def engagement_plan(frame: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return who to engage how, most pressing first, with headers and labels in ``lang``."""
    ranked = with_quadrants(frame)
    ranked["_order"] = ranked["quadrant"].map(QUADRANTS.index)
    ranked = ranked.sort_values(["_order", "power", "interest"], ascending=[True, False, False])
    ranked["name"] = [display_name(n, a, lang) for n, a in zip(ranked["name"], ranked["name_ar"])]
    columns = ["name", "type", "power", "interest", "position", "quadrant"]
    return labelled_table(ranked[columns].reset_index(drop=True), lang)
