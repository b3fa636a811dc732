"""Consolidation: each review's weighted score, each application's mean and spread, reviewers'
z-scores beside the raw ones, and the disagreements that ask for another review.

Pure functions over DataFrames: applications as the store keeps them (``association``, ``region``,
the fields), reviews likewise (``application`` names the applying association).
"""

from __future__ import annotations

import pandas as pd

from saara_kit.grants.call import Call

__all__ = ["consolidate", "counted_reviews", "review_scores", "revised_after_submission", "submitted"]


def submitted(applications: pd.DataFrame, call: Call) -> pd.DataFrame:
    """Return the applications submitted to ``call`` (one per association)."""
    if not len(applications):
        return applications.assign(association=[], region=[], project=[], requested=[], submitted_at=[])
    return applications[(applications["call"] == call.id) & (applications["status"] == "submitted")]


def revised_after_submission(history: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Return the applications changed after they were first submitted, from their history (every
    revision, oldest first, as ``repository.history_frame`` gives it): (call, association) -> the
    latest revision number."""
    changed = {}
    for _, revisions in history.groupby("record_id", sort=False):
        submitted_at = revisions.loc[revisions["status"] == "submitted", "revision"]
        latest = revisions.iloc[-1]
        if len(submitted_at) and latest["revision"] > submitted_at.min():
            changed[(latest["call"], latest["association"])] = int(latest["revision"])
    return changed


def review_scores(reviews: pd.DataFrame, call: Call) -> pd.DataFrame:
    """Return one row per review of ``call``: application, reviewer, ``counted`` (submitted, no
    declared conflict of interest) and ``score``, the weighted score out of 100:
    sum of weight × (score − low) / (high − low), over the sum of the weights."""
    mine = reviews[reviews["call"] == call.id] if len(reviews) else reviews
    total_weight = sum(c.weight for c in call.criteria)
    rows = []
    for review in mine.to_dict("records"):
        counted = review["status"] == "submitted" and review["conflict"] != "yes"
        scored = all(_is_score(review.get(c.id)) for c in call.criteria)
        score = (
            100 * sum(c.weight * c.share(float(review[c.id])) for c in call.criteria) / total_weight
            if scored
            else float("nan")
        )
        rows.append(
            {
                "application": review["application"],
                "reviewer": review["reviewer"],
                "conflict": review["conflict"] == "yes",
                "counted": counted and scored,
                "score": score,
                **{c.id: float(review[c.id]) if _is_score(review.get(c.id)) else float("nan") for c in call.criteria},
            }
        )
    columns = ["application", "reviewer", "conflict", "counted", "score", *(c.id for c in call.criteria)]
    types = {"conflict": bool, "counted": bool, "score": float, **{c.id: float for c in call.criteria}}
    return pd.DataFrame(rows, columns=columns).astype(types)  # typed even when empty: a mask stays a mask


def _is_score(value) -> bool:
    return value is not None and value == value and value != ""  # not None, NaN or empty


def counted_reviews(reviews: pd.DataFrame, call: Call) -> pd.DataFrame:
    """Return the reviews that count, each with ``z``: how far its score sits from its reviewer's
    mean, in that reviewer's standard deviations (0 when the reviewer gave one score, or all alike)."""
    scores = review_scores(reviews, call)
    counted = scores[scores["counted"]].copy()
    by_reviewer = counted.groupby("reviewer")["score"]
    spread = by_reviewer.transform(lambda s: s.std(ddof=0))
    counted["z"] = ((counted["score"] - by_reviewer.transform("mean")) / spread.where(spread > 0)).fillna(0.0)
    return counted


def consolidate(applications: pd.DataFrame, reviews: pd.DataFrame, call: Call) -> pd.DataFrame:
    """Return one row per submitted application of ``call``, indexed by association.

    Columns: ``region``, ``project``, ``requested``, ``submitted_at``; ``reviews`` (counted),
    ``conflicts`` (declared, left out); ``score`` (mean weighted score /100), ``spread`` (highest
    minus lowest), ``z`` (mean z-score); each criterion's mean on its own scale; ``disagreement``
    (spread above the call's threshold: ask a third review) and ``missing`` (fewer counted reviews
    than the call asks)."""
    submitted_ones = submitted(applications, call)
    counted = counted_reviews(reviews, call)
    scores = review_scores(reviews, call)
    grouped = counted.groupby("application")
    table = pd.DataFrame(
        {
            "region": submitted_ones["region"].to_numpy(),
            "project": submitted_ones["project"].to_numpy(),
            "requested": submitted_ones["requested"].astype(float).to_numpy(),
            "submitted_at": submitted_ones["submitted_at"].to_numpy(),
        },
        index=pd.Index(submitted_ones["association"].to_numpy(), name="association"),
    )
    table["reviews"] = grouped.size().reindex(table.index).fillna(0).astype(int)
    table["conflicts"] = (
        scores[scores["conflict"]].groupby("application").size().reindex(table.index).fillna(0).astype(int)
    )
    table["score"] = grouped["score"].mean().reindex(table.index)
    table["spread"] = (grouped["score"].max() - grouped["score"].min()).reindex(table.index)
    table["z"] = grouped["z"].mean().reindex(table.index)
    for criterion in call.criteria:
        table[criterion.id] = grouped[criterion.id].mean().reindex(table.index)
    table["disagreement"] = table["spread"].fillna(0) > call.disagreement
    table["missing"] = table["reviews"] < call.reviews_per_application
    return table
