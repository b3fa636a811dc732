"""Stakeholder salience (Mitchell, Agle & Wood 1997): power, legitimacy and urgency make seven types.

Each attribute is a 1–5 score, "present" from ``SALIENT_FROM`` on (the grid's threshold). Power is
always given; legitimacy and urgency start unset (``NOT_RATED``), and an actor missing either is
``untyped``, not guessed:

========================  =======  ==========  =======
type                      power    legitimacy  urgency
========================  =======  ==========  =======
dormant                   yes      no          no
discretionary             no       yes         no
demanding                 no       no          yes
dominant                  yes      yes         no
dangerous                 yes      no          yes
dependent                 no       yes         yes
definitive                yes      yes         yes
non_stakeholder           no       no          no
========================  =======  ==========  =======
"""

from __future__ import annotations

import pandas as pd

from saara_kit.records.fields import NOT_RATED
from saara_kit.stakeholders.analysis import HIGH_FROM
from saara_kit.stakeholders.fields import SALIENCE_TYPES, UNTYPED

__all__ = ["SALIENCE_TYPES", "SALIENT_FROM", "UNTYPED", "salience", "with_salience"]

SALIENT_FROM = HIGH_FROM
_TYPES = {
    (True, True, True): "definitive",
    (True, True, False): "dominant",
    (True, False, True): "dangerous",
    (False, True, True): "dependent",
    (True, False, False): "dormant",
    (False, True, False): "discretionary",
    (False, False, True): "demanding",
    (False, False, False): "non_stakeholder",
}


def salience(power: int, legitimacy: int, urgency: int) -> str:
    """Return the salience type of a stakeholder with these 1–5 scores (``untyped`` while one is ``NOT_RATED``)."""
    if NOT_RATED in (power, legitimacy, urgency):
        return UNTYPED
    return _TYPES[(power >= SALIENT_FROM, legitimacy >= SALIENT_FROM, urgency >= SALIENT_FROM)]


def with_salience(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with a ``salience`` column."""
    result = frame.copy()
    result["salience"] = [
        salience(p, legit, u) for p, legit, u in zip(result["power"], result["legitimacy"], result["urgency"])
    ]
    return result
