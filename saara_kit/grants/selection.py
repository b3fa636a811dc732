"""Ranking and selection: the consolidated table in order, with a stated tie-break, then the
selection under the envelope (and the quota), a reason for each application, and what changes
when the envelope grows or shrinks."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from saara_kit.grants.call import Call
from saara_kit.grants.consolidation import consolidate, submitted
from saara_kit.grants.eligibility import first_failure

__all__ = ["DECISIONS", "REASONS", "decide", "envelope_what_if", "rank", "select", "unsettled"]

REASONS = ("selected", "envelope", "quota", "ineligible", "below_threshold", "not_reviewed")
DECISIONS = {"selected": "selected"}  # every other reason is a "not selected"


def rank(table: pd.DataFrame, applications: pd.DataFrame, call: Call, today: dt.date | None = None) -> pd.DataFrame:
    """Return the consolidated ``table`` with eligibility (``eligible``, ``failed_rule``) and ``rank``.

    Eligible, reviewed applications are ranked by score, highest first. Ties are broken, in
    order, by the mean score on the heaviest criterion, then the smaller amount requested, then
    the earlier submission; ``tie`` marks the applications whose score equals another's.
    Ineligible or unreviewed ones come after, unranked."""
    mine = submitted(applications, call).set_index("association")
    failures = {
        association: first_failure({**mine.loc[association].to_dict(), "region": row["region"]}, call, today)
        for association, row in table.iterrows()
    }
    ranked = table.assign(
        eligible=[failures[a] is None for a in table.index],
        failed_rule=[failures[a].rule if failures[a] else "" for a in table.index],
    )
    rankable = ranked["eligible"] & ranked["score"].notna()
    ordered = ranked.assign(
        _rankable=rankable, _score=ranked["score"].round(2), _heaviest=ranked[call.heaviest.id].fillna(-1)
    ).sort_values(
        ["_rankable", "_score", "_heaviest", "requested", "submitted_at"],
        ascending=[False, False, False, True, True],
        kind="mergesort",
        na_position="last",
    )
    counts = ordered.loc[ordered["_rankable"], "_score"].value_counts()
    ordered["rank"] = pd.array([i + 1 if ok else pd.NA for i, ok in enumerate(ordered["_rankable"])], dtype="Int64")
    ordered["tie"] = ordered["_rankable"] & ordered["_score"].map(counts).fillna(0).gt(1)
    return ordered.drop(columns=["_rankable", "_score", "_heaviest"])


def select(ranked: pd.DataFrame, call: Call) -> pd.DataFrame:
    """Return ``ranked`` with ``reason`` (one of ``REASONS``), ``selected`` and ``granted``.

    In rank order, an eligible, reviewed application scoring at least the call's threshold is
    selected when its hub's quota is not reached and what it asks still fits in what is left of
    the envelope; one that does not fit is passed over, and the next that fits is selected."""
    left, per_hub, reasons = call.envelope, {}, []
    for _association, row in ranked.iterrows():
        if not row["eligible"]:
            reason = "ineligible"
        elif pd.isna(row["score"]):
            reason = "not_reviewed"
        elif round(row["score"], 2) < call.threshold:  # the score as ranked and shown
            reason = "below_threshold"
        elif call.quota and per_hub.get(row["region"], 0) >= call.quota.get(row["region"], float("inf")):
            reason = "quota"
        elif row["requested"] > left + 1e-6:
            reason = "envelope"
        else:
            reason = "selected"
            left -= row["requested"]
            per_hub[row["region"]] = per_hub.get(row["region"], 0) + 1
        reasons.append(reason)
    chosen = ranked.assign(reason=reasons)
    chosen["selected"] = chosen["reason"] == "selected"
    chosen["granted"] = chosen["requested"].where(chosen["selected"], 0.0)
    return chosen


def decide(applications: pd.DataFrame, reviews: pd.DataFrame, call: Call, today: dt.date | None = None) -> pd.DataFrame:
    """Return every submitted application of ``call`` consolidated, ranked and decided."""
    return select(rank(consolidate(applications, reviews, call), applications, call, today), call)


def unsettled(decided: pd.DataFrame) -> pd.Series:
    """Return why each decision is not final yet, by association (``""`` when it is).

    ``reviews``: the application has fewer counted reviews than its call asks. ``ranking``: its place
    under the envelope or the quota waits for another eligible application of its call that is not
    fully reviewed (an ineligible or below-threshold decision does not)."""
    calls = decided["call"].to_numpy() if "call" in decided.columns else [""] * len(decided)
    short = decided["missing"].astype(bool).to_numpy()
    others_short = (
        pd.Series(short & decided["eligible"].astype(bool).to_numpy()).groupby(calls).transform("any").to_numpy()
    )
    ranked = decided["reason"].isin(["selected", "envelope", "quota"]).to_numpy()
    why = [
        ("reviews" if own else "ranking" if rank_waits else "") for own, rank_waits in zip(short, others_short & ranked)
    ]
    return pd.Series(why, index=decided.index, dtype=object)


def envelope_what_if(decided: pd.DataFrame, call: Call, change: float = 0.10) -> pd.DataFrame:
    """Return what changes if the envelope shrinks or grows by ``change``: one row per
    application whose decision changes, with its reason now and at each envelope."""
    smaller = select(decided, call.with_envelope(call.envelope * (1 - change)))
    larger = select(decided, call.with_envelope(call.envelope * (1 + change)))
    table = pd.DataFrame(
        {
            "rank": decided["rank"],
            "requested": decided["requested"],
            "now": decided["reason"],
            "smaller": smaller["reason"],
            "larger": larger["reason"],
        }
    )
    changed = (table["now"] != table["smaller"]) | (table["now"] != table["larger"])
    return table[changed]
