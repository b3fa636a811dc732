"""MACTOR (Godet): actors' strategies from their influences and their positions on objectives.

Inputs, as DataFrames labelled by actor (and objective):

- ``mid``: direct influences, actors × actors, 0–4 (the diagonal is ignored);
- ``positions``: actors × objectives, −1 / 0 / +1 (1MAO);
- ``intensities``: actors × objectives, 0–4, how much each objective matters to the actor.

``matrices`` builds them from the records of the steps (influences, positions).
Everything else is computed (pure functions, no I/O):

- ``indirect_influences`` (MIDI): direct influence plus the strongest relay through each third actor;
- ``influence_dependence``: each actor's influence (row sum) and dependence (column sum) in MIDI,
  the diagonal (an actor's influence on itself through others) left out;
- ``force_ratios``: r*ᵢ = (Iᵢ / ΣI) × Iᵢ / (Iᵢ + Dᵢ), normalised so that they sum to the number of actors;
- ``weighted_positions``: 2MAO (position × intensity) and 3MAO (2MAO × force ratio);
- ``convergences`` / ``divergences`` between actors, of order 1 (objectives), 2 (2MAO) or 3 (3MAO);
- ``objective_balance``: on each objective, the weighted support and opposition.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "GOOD_ACTOR_COUNT",
    "ROLES",
    "actor_count_advice",
    "actor_roles",
    "concertation",
    "convergences",
    "divergences",
    "force_ratios",
    "indirect_influences",
    "influence_dependence",
    "matrices",
    "objective_balance",
    "weighted_positions",
]

GOOD_ACTOR_COUNT = (10, 20)  # Godet's good practice: fewer says little, more is unreadable


def matrices(
    actors: list[str], objectives: list[str], influences: pd.DataFrame, positions: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return MID (actors × actors), positions and intensities (actors × objectives) from the
    records of the steps: ``influences`` (``source``, ``target``, ``strength``) and ``positions``
    (``actor``, ``objective``, ``stance``, ``intensity``). A cell nobody filled in is 0; a record
    naming an actor or an objective the lists lack (withdrawn since) is left out."""
    mid = pd.DataFrame(0, index=actors, columns=actors)
    for row in influences.itertuples(index=False):
        if row.source in mid.index and row.target in mid.columns:
            mid.loc[row.source, row.target] = int(row.strength)
    stances = pd.DataFrame(0, index=actors, columns=objectives)
    intensities = stances.copy()
    for row in positions.itertuples(index=False):
        if row.actor in stances.index and row.objective in stances.columns:
            stances.loc[row.actor, row.objective] = int(row.stance)
            intensities.loc[row.actor, row.objective] = int(row.intensity)
    return mid, stances, intensities


def _square(mid: pd.DataFrame) -> np.ndarray:
    values = mid.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, 0.0)
    return values


def indirect_influences(mid: pd.DataFrame) -> pd.DataFrame:
    """Return MIDI: MIDᵢⱼ + Σₖ min(MIDᵢₖ, MIDₖⱼ), k ≠ i, j; its diagonal holds each actor's retroaction
    Σₖ min(MIDᵢₖ, MIDₖᵢ)."""
    direct = _square(mid)
    relays = np.minimum(direct[:, :, None], direct[None, :, :])  # [i, k, j] = min(MIDᵢₖ, MIDₖⱼ)
    count = len(direct)
    index = np.arange(count)
    relays[index, index, :] = 0.0  # k = i: no relay through oneself
    relays[:, index, index] = 0.0  # k = j
    midi = direct + relays.sum(axis=1)
    np.fill_diagonal(midi, np.minimum(direct, direct.T).sum(axis=1))
    return pd.DataFrame(midi, index=mid.index, columns=mid.columns)


def influence_dependence(midi: pd.DataFrame) -> pd.DataFrame:
    """Return each actor's ``influence`` (what it exerts) and ``dependence`` (what it undergoes),
    from MIDI without its diagonal."""
    values = midi.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, 0.0)
    return pd.DataFrame({"influence": values.sum(axis=1), "dependence": values.sum(axis=0)}, index=midi.index)


def force_ratios(midi: pd.DataFrame) -> pd.Series:
    """Return each actor's force ratio: r*ᵢ = (Iᵢ / ΣI) × Iᵢ / (Iᵢ + Dᵢ), scaled to sum to the number of actors."""
    table = influence_dependence(midi)
    influence, dependence = table["influence"], table["dependence"]
    total = influence.sum()
    raw = (influence / total if total else influence * 0.0) * influence / (influence + dependence).replace(0, np.nan)
    raw = raw.fillna(0.0)
    if raw.sum() == 0:
        return pd.Series(1.0, index=midi.index, name="force")  # nobody influences anybody: equal forces
    return (len(raw) * raw / raw.sum()).rename("force")


def weighted_positions(
    positions: pd.DataFrame, intensities: pd.DataFrame, forces: pd.Series | None = None
) -> pd.DataFrame:
    """Return 2MAO (position × intensity), or 3MAO when the actors' ``forces`` are given."""
    weighted = positions.astype(float) * intensities.astype(float)
    return weighted if forces is None else weighted.mul(forces.reindex(weighted.index), axis=0)


def _pairwise(matrix: pd.DataFrame, agree: bool) -> pd.DataFrame:
    """Σ over objectives of (|aᵢₖ| + |aⱼₖ|) / 2 where actors i and j take the same (``agree``) or
    opposite signs, neither neutral."""
    values = matrix.to_numpy(dtype=float)
    signs = np.sign(values)
    same = signs[:, None, :] * signs[None, :, :]
    chosen = same > 0 if agree else same < 0
    sizes = (np.abs(values)[:, None, :] + np.abs(values)[None, :, :]) / 2
    result = np.where(chosen, sizes, 0.0).sum(axis=2)
    np.fill_diagonal(result, 0.0)
    return pd.DataFrame(result, index=matrix.index, columns=matrix.index)


def convergences(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return how much each pair of actors converges: on 1MAO, the number of objectives they
    both favour or both oppose; on 2MAO or 3MAO, the mean weight they put on those objectives."""
    return _pairwise(matrix, agree=True)


def divergences(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return how much each pair of actors diverges (the objectives one favours and the other opposes)."""
    return _pairwise(matrix, agree=False)


def objective_balance(weighted: pd.DataFrame) -> pd.DataFrame:
    """Return, for each objective, the weighted ``support``, the ``opposition`` and the ``balance``."""
    support = weighted.clip(lower=0).sum()
    opposition = weighted.clip(upper=0).sum().abs()  # never −0.0 in a table
    return pd.DataFrame({"support": support, "opposition": opposition, "balance": support - opposition})


def actor_count_advice(count: int) -> str | None:
    """Return the catalogue key of a warning when ``count`` actors is outside good practice, else None."""
    low, high = GOOD_ACTOR_COUNT
    if count < low:
        return "mactor.too_few_actors"
    if count > high:
        return "mactor.too_many_actors"
    return None


ROLES = ("dominant", "relay", "dominated", "autonomous")  # Godet's four zones of the influence–dependence plane


def actor_roles(table: pd.DataFrame) -> pd.Series:
    """Return each actor's zone of the plane from ``influence_dependence()``, split at the means:
    ``dominant`` (influence high, dependence low), ``relay`` (both high), ``dominated`` (dependence
    high only) or ``autonomous`` (both low)."""
    high_influence = table["influence"] >= table["influence"].mean()
    high_dependence = table["dependence"] > table["dependence"].mean()
    roles = [
        ("relay" if dependent else "dominant") if influential else ("dominated" if dependent else "autonomous")
        for influential, dependent in zip(high_influence, high_dependence)
    ]
    return pd.Series(roles, index=table.index, name="role")


def concertation(
    register: pd.DataFrame,
    objectives: pd.DataFrame,
    influences: pd.DataFrame,
    positions: pd.DataFrame,
    association: str = "",
) -> tuple[str, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return one association's concertation as MACTOR sees it: its name, MID, positions and
    intensities. MACTOR studies one concertation at a time: ``association``, or else the first
    (by name) that entered objectives; ('', empty matrices) when none did."""
    named = sorted(set(objectives["association"]))
    chosen = association if association in named else (named[0] if named and not association else "")

    def of(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["association"] == chosen]

    actors = list(dict.fromkeys(of(register)["name"]))
    mid, stances, intensities = matrices(
        actors, list(dict.fromkeys(of(objectives)["name"])), of(influences), of(positions)
    )
    return chosen, mid, stances, intensities
