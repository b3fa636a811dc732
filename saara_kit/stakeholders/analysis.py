"""Mendelow's power × interest grid, and the engagement plan it leads to (pure functions)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from saara_kit.i18n import t
from saara_kit.stakeholders.fields import QUADRANTS, display_name
from saara_kit.stakeholders.grid_layout import HIGH_FROM

__all__ = [
    "HIGH_FROM",
    "QUADRANTS",
    "engagement_plan",
    "is_overdue",
    "labelled_table",
    "quadrant",
    "quadrant_counts",
    "recommended_iap2",
    "with_engagement",
    "with_quadrants",
]

# The IAP2 level a quadrant calls for, raised to at least what the salience type calls for.
# Mendelow (1991) gives each quadrant a strategy; the IAP2 spectrum (2018) says what each level promises.
# Manage closely: partners in the decision (collaborate). Keep satisfied and keep informed: both are
# heard (consult): the first because its power can stop the project, the second because its interest
# makes it a relay; neither shares the decision by its quadrant alone. Monitor: inform. A salient
# actor is raised (SALIENCE_IAP2): a dependent one, for instance, is involved.
QUADRANT_IAP2 = {
    "manage_closely": "collaborate",
    "keep_satisfied": "consult",
    "keep_informed": "consult",
    "monitor": "inform",
}
SALIENCE_IAP2 = {"definitive": "collaborate", "dominant": "consult", "dangerous": "consult", "dependent": "involve"}


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
    table = labelled_table(
        counts.rename_axis("quadrant").reset_index(name="count"), lang, {"count": "stakeholders.count"}
    )
    return table.set_index(table.columns[0])  # the strategies, labelled


def recommended_iap2(quadrant_code: str, salience_type: str) -> str:
    """Return the IAP2 level to aim for: the quadrant's, raised to the salience type's if higher."""
    from saara_kit.stakeholders.fields import IAP2_LEVELS

    wanted = [QUADRANT_IAP2[quadrant_code], SALIENCE_IAP2.get(salience_type, "inform")]
    return max(wanted, key=IAP2_LEVELS.index)


def is_overdue(next_contact: str | None, today: dt.date) -> bool:
    """Tell whether a planned contact (ISO date; None, '' or NaN when there is none) is in the past."""
    return isinstance(next_contact, str) and bool(next_contact) and dt.date.fromisoformat(next_contact[:10]) < today


def with_engagement(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with its derived columns: ``quadrant``, ``salience`` and the IAP2
    level ``recommended``."""
    from saara_kit.stakeholders.domain import DOMAIN
    from saara_kit.stakeholders.salience import with_salience

    result = with_salience(with_quadrants(DOMAIN.with_defaults(frame)))
    result["recommended"] = [recommended_iap2(q, s) for q, s in zip(result["quadrant"], result["salience"])]
    return result


def engagement_plan(frame: pd.DataFrame, lang: str = "fr", today: dt.date | None = None) -> pd.DataFrame:
    """Return who to engage how, most pressing first, with headers and labels in ``lang``: the
    quadrant and salience type, the IAP2 level recommended and the one chosen, the position now
    and the one aimed for, who owns the relationship, the next contact and whether it is overdue."""
    today = today or dt.date.today()
    ranked = with_engagement(frame)
    ranked["overdue"] = [
        t("stakeholders.overdue", lang) if is_overdue(d, today) else "" for d in ranked["next_contact"]
    ]
    ranked["_order"] = ranked["quadrant"].map(QUADRANTS.index)
    ranked = ranked.sort_values(["_order", "power", "interest"], ascending=[True, False, False])
    ranked["name"] = [display_name(n, a, lang) for n, a in zip(ranked["name"], ranked["name_ar"])]
    columns = [
        "name",
        "type",
        "quadrant",
        "salience",
        "recommended",
        "iap2",
        "position",
        "target_position",
        "owner",
        "next_contact",
        "overdue",
    ]
    return labelled_table(ranked[columns].reset_index(drop=True), lang, {"overdue": "stakeholders.overdue_column"})
