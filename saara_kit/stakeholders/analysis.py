"""Mendelow's power × interest grid: quadrants and engagement strategies (pure functions)."""
from __future__ import annotations

import pandas as pd

from saara_kit.i18n import t

__all__ = ["HIGH_FROM", "QUADRANTS", "engagement_plan", "quadrant", "quadrant_counts", "with_quadrants"]

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


def quadrant_counts(frame: pd.DataFrame) -> pd.Series:
    """Count stakeholders per quadrant, every quadrant listed, in priority order."""
    counts = with_quadrants(frame)["quadrant"].value_counts()
    return counts.reindex(QUADRANTS, fill_value=0)


def engagement_plan(frame: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return who to engage how, most pressing first, with headers and labels in ``lang``."""
    ranked = with_quadrants(frame)
    ranked["_order"] = ranked["quadrant"].map(QUADRANTS.index)
    ranked = ranked.sort_values(["_order", "power", "interest"], ascending=[True, False, False])
    return pd.DataFrame(
        {
            t("stakeholders.field.name", lang): [
                name_ar if lang == "ar" and name_ar else name
                for name, name_ar in zip(ranked["name"], ranked["name_ar"])
            ],
            t("stakeholders.field.type", lang): [t(f"stakeholders.type.{c}", lang) for c in ranked["type"]],
            t("stakeholders.field.power", lang): ranked["power"].to_numpy(),
            t("stakeholders.field.interest", lang): ranked["interest"].to_numpy(),
            t("stakeholders.field.position", lang): ranked["position"].to_numpy(),
            t("stakeholders.strategy", lang): [t(f"stakeholders.quadrant.{q}", lang) for q in ranked["quadrant"]],
        }
    ).reset_index(drop=True)
