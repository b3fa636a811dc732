"""The committee's tables, labelled in the reader's language: the call in words, eligibility, the
reviewers side by side, the ranking with the reason for each decision, what changes with the
envelope or a harsher reviewer, and the committee's workbook."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd

from saara_kit.data.hubs import hub_name
from saara_kit.exports.tables import write_tables
from saara_kit.grants.call import Call, load_call
from saara_kit.grants.consolidation import counted_reviews, submitted
from saara_kit.grants.eligibility import check
from saara_kit.grants.selection import decide, envelope_what_if
from saara_kit.i18n import format_date, format_money, format_number, is_rtl, language, t

__all__ = [
    "call_text",
    "calls_of",
    "criteria_table",
    "decisions",
    "disagreements_table",
    "eligibility_table",
    "harsher_table",
    "ranking_table",
    "reason_text",
    "reviewers_table",
    "scores_table",
    "what_if_table",
    "write_ranking",
]


def calls_of(applications: pd.DataFrame) -> list[Call]:
    """Return the calls the applications answer, in the order first met."""
    return [load_call(call_id) for call_id in dict.fromkeys(applications["call"])] if len(applications) else []


def decisions(
    applications: pd.DataFrame, reviews: pd.DataFrame, call: Call | None = None, today: dt.date | None = None
) -> pd.DataFrame:
    """Return every submitted application decided, call by call (``call`` alone when given), with a ``call`` column."""
    decided = [
        decide(applications, reviews, one, today).assign(call=one.id)
        for one in ([call] if call else calls_of(applications))
    ]
    return pd.concat(decided) if decided else pd.DataFrame()


def reason_text(row: pd.Series, call: Call, lang: str) -> str:
    """Say why an application was or was not selected, naming the rule or the threshold."""
    values = {"threshold": format_number(call.threshold, lang)}
    if row["reason"] == "ineligible":
        failed = (
            next(r for r in check({**row.to_dict(), "region": row["region"]}, call) if r.rule == row["failed_rule"])
            if "total_cost" in row
            else None
        )
        values["rule"] = failed.message(lang) if failed else t(f"grants.rule.{row['failed_rule']}", lang)
    return t(f"grants.reason.{row['reason']}", lang, **values)


def _decision(selected: bool, lang: str) -> str:
    return t("grants.decision.selected", lang) if selected else t("grants.decision.not_selected", lang)


def _flags(row: pd.Series, lang: str, revision: int | None = None) -> str:
    shown = [t(f"grants.flag.{name}", lang) for name in ("disagreement", "missing", "tie") if bool(row.get(name))]
    if revision is not None:
        shown.append(t("grants.revised_after_submission", lang, revision=revision))
    return "; ".join(shown)


def ranking_table(
    applications: pd.DataFrame,
    reviews: pd.DataFrame,
    lang: str = "fr",
    call: Call | None = None,
    decided: pd.DataFrame | None = None,
    revised: dict[tuple[str, str], int] | None = None,
) -> pd.DataFrame:
    """Return the ranked table a committee signs: rank, association, hub, project, amounts, score,
    z-score, spread, reviews, flags (``revised``: the applications changed after submission, from
    ``revised_after_submission``), decision and its reason."""
    decided = decisions(applications, reviews, call) if decided is None else decided
    details = (
        applications[applications["status"] == "submitted"].set_index(["call", "association"])[
            ["total_cost", "registration", "duration_months"]
        ]
        if len(applications)
        else None
    )  # what a rule reads
    rows = []
    for association, row in decided.iterrows():
        one = load_call(row["call"])
        full = row if details is None else pd.concat([row, details.loc[(row["call"], association)]])
        rows.append(
            {
                t("grants.column.rank", lang): row["rank"],
                t("records.field.association", lang): association,
                t("grants.column.hub", lang): hub_name(row["region"], lang),
                t("grants.field.project", lang): row["project"],
                t("grants.field.requested", lang): float(row["requested"]),
                t("grants.column.score", lang): _rounded(row["score"]),
                t("grants.column.z", lang): _rounded(row["z"]),
                t("grants.column.spread", lang): _rounded(row["spread"]),
                t("grants.column.reviews", lang): int(row["reviews"]),
                t("grants.column.conflicts", lang): int(row["conflicts"]),
                t("grants.column.flags", lang): _flags(row, lang, (revised or {}).get((row["call"], association))),
                t("grants.column.decision", lang): _decision(row["selected"], lang),
                t("grants.column.reason", lang): reason_text(full, one, lang),
                t("grants.column.granted", lang): float(row["granted"]),
            }
        )
    return pd.DataFrame(rows)


def _rounded(value) -> float | None:
    return None if pd.isna(value) else round(float(value), 2)


def eligibility_table(applications: pd.DataFrame, call: Call, lang: str = "fr") -> pd.DataFrame:
    """Return one row per submitted application of ``call`` and one column per rule: ✓ or ✗."""
    rows = []
    for application in submitted(applications, call).to_dict("records"):
        results = check(application, call)
        rows.append(
            {
                t("records.field.association", lang): application["association"],
                **{t(f"grants.rule_short.{r.rule}", lang): "✓" if r.passed else "✗" for r in results},
            }
        )
    return pd.DataFrame(rows)


def what_if_table(decided: pd.DataFrame, call: Call, lang: str = "fr", change: float = 0.10) -> pd.DataFrame:
    """Return the applications whose decision changes when the envelope shrinks or grows by ``change``."""
    changes = envelope_what_if(decided, call, change)

    def said(reason: str) -> str:
        return _decision(reason == "selected", lang)

    return pd.DataFrame(
        {
            t("grants.column.rank", lang): changes["rank"],
            t("records.field.association", lang): changes.index,
            t("grants.field.requested", lang): changes["requested"].astype(float),
            t("grants.column.smaller", lang): changes["smaller"].map(said),
            t("grants.column.now", lang): changes["now"].map(said),
            t("grants.column.larger", lang): changes["larger"].map(said),
        }
    ).reset_index(drop=True)


# -- the committee session (lesson 06): the call in words, the reviewers side by side, the exports --------


def call_text(call: Call, lang: str = "fr") -> str:
    """Say the call in a few lines: envelope, largest grant, dates, threshold, reviews, quota, rules."""
    from babel.lists import format_list

    from saara_kit.data import load_hub

    locale = language(lang)["locale"]
    quota = (
        format_list([f"{load_hub(hub_id).name(lang)} {number}" for hub_id, number in call.quota.items()], locale=locale)
        if call.quota
        else t("grants.lesson.no_quota", lang)
    )
    return t(
        "grants.lesson.call",
        lang,
        call=call.title(lang),
        envelope=format_money(call.envelope, "DZD", lang),
        max_grant=format_money(call.max_grant, "DZD", lang),
        cofinancing=format_number(100 * call.min_cofinancing, lang),
        months=call.max_duration_months,
        opens=format_date(call.opens, lang),
        closes=format_date(call.closes, lang),
        threshold=format_number(call.threshold, lang),
        reviews=call.reviews_per_application,
        disagreement=format_number(call.disagreement, lang),
        quota=quota,
        rules=format_list([t(f"grants.rule_short.{rule}", lang) for rule in call.eligibility], locale=locale),
    )


def criteria_table(call: Call, lang: str = "fr") -> pd.DataFrame:
    """Return the scoring grid: each criterion, its weight (% of the score) and its scale."""
    total = sum(c.weight for c in call.criteria)
    return pd.DataFrame(
        {
            t("grants.letter.criterion", lang): [t(f"reviews.field.{c.id}", lang) for c in call.criteria],
            t("grants.column.weight", lang): [round(100 * c.weight / total, 1) for c in call.criteria],
            t("grants.column.scale", lang): [f"{c.low}–{c.high}" for c in call.criteria],
        }
    )


def _reviewer_numbers(counted: pd.DataFrame) -> dict[str, int]:
    """Number the reviewers 1, 2… in an order that does not follow their names (a hash of each):
    the tables show numbers, not names."""
    hashed = sorted(set(counted["reviewer"]), key=lambda name: hashlib.sha256(name.encode()).hexdigest())
    return {name: number for number, name in enumerate(hashed, start=1)}


def reviewers_table(reviews: pd.DataFrame, call: Call, lang: str = "fr") -> pd.DataFrame:
    """Return one row per reviewer (numbered, not named): the reviews counted, the mean score given
    and its standard deviation, and how far that mean sits from the mean of every counted review
    (below: a harsh reviewer; above: a generous one)."""
    counted = counted_reviews(reviews, call)
    given = counted.groupby("reviewer")["score"]
    means, spreads, sizes, overall = given.mean(), given.std(ddof=0), given.size(), counted["score"].mean()
    return pd.DataFrame(
        [
            {
                t("reviews.field.reviewer", lang): t("grants.letter.reviewer", lang, number=number),
                t("grants.column.reviews", lang): int(sizes[name]),
                t("grants.column.mean_given", lang): round(float(means[name]), 1),
                t("grants.column.sd", lang): round(float(spreads[name]), 1),
                t("grants.column.gap", lang): round(float(means[name] - overall), 1),
            }
            for name, number in _reviewer_numbers(counted).items()
        ]
    )


def scores_table(decided: pd.DataFrame, lang: str = "fr", hub_id: str = "") -> pd.DataFrame:
    """Return each decided application's raw score and mean z-score side by side, with its rank by
    each (by z, among all the applications the raw score ranks); those of hub ``hub_id`` only, if given."""
    ranked = decided["rank"].notna()
    by_z = decided.loc[ranked, "z"].rank(ascending=False, method="min").astype("Int64").reindex(decided.index)
    if hub_id:
        decided, by_z = decided[decided["region"] == hub_id], by_z[decided["region"] == hub_id]
    return pd.DataFrame(
        {
            t("grants.column.rank", lang): decided["rank"].array,
            t("records.field.association", lang): decided.index,
            t("grants.column.hub", lang): [hub_name(r, lang) for r in decided["region"]],
            t("grants.column.reviews", lang): decided["reviews"].to_numpy(),
            t("grants.column.score", lang): [_rounded(v) for v in decided["score"]],
            t("grants.column.spread", lang): [_rounded(v) for v in decided["spread"]],
            t("grants.column.z", lang): [_rounded(v) for v in decided["z"]],
            t("grants.column.rank_z", lang): by_z.array,
        }
    )


def disagreements_table(decided: pd.DataFrame, reviews: pd.DataFrame, call: Call, lang: str = "fr") -> pd.DataFrame:
    """Return the applications whose reviewers disagree (or whose reviews are missing): each counted
    review's score (without its reviewer), the spread, and what to do."""
    given = counted_reviews(reviews, call).groupby("application")["score"].apply(list)
    flagged = decided[decided["disagreement"] | decided["missing"]]
    return pd.DataFrame(
        {
            t("records.field.association", lang): flagged.index,
            t("grants.column.hub", lang): [hub_name(r, lang) for r in flagged["region"]],
            t("grants.column.given", lang): [
                " · ".join(format_number(round(s), lang) for s in given.get(a, [])) for a in flagged.index
            ],
            t("grants.column.spread", lang): [_rounded(v) for v in flagged["spread"]],
            t("grants.column.flags", lang): [_flags(row, lang) for _, row in flagged.iterrows()],
        }
    )


def harsher_table(
    applications: pd.DataFrame, reviews: pd.DataFrame, call: Call, reviewer: int = 1, points: int = 1, lang: str = "fr"
) -> pd.DataFrame:
    """Return what changes if reviewer number ``reviewer`` (as ``reviewers_table`` numbers them) had
    given ``points`` less on every criterion (never below the scale's lowest): each application
    whose score, rank or decision changes, with its raw score, z-score, rank and decision, as
    decided and as they would be."""
    names = {number: name for name, number in _reviewer_numbers(counted_reviews(reviews, call)).items()}
    harsh = (reviews["reviewer"] == names.get(reviewer)).to_numpy()
    harsher = reviews.copy()
    for c in call.criteria:
        lowered = pd.to_numeric(reviews[c.id], errors="coerce").sub(points).clip(lower=c.low)
        harsher[c.id] = pd.Series(
            [
                low if mine and low == low else given  # NaN: an empty score stays empty
                for given, low, mine in zip(reviews[c.id], lowered, harsh)
            ],
            index=reviews.index,
            dtype=object,
        )
    now = decide(applications, reviews, call)
    then = decide(applications, harsher, call).reindex(now.index)
    changed = (
        (now["score"].round(2) != then["score"].round(2))
        | (now["rank"].fillna(0) != then["rank"].fillna(0))
        | (now["selected"] != then["selected"])
    )
    now, then = now[changed], then[changed]
    return pd.DataFrame(
        {
            t("records.field.association", lang): now.index,
            t("grants.column.score", lang): [_rounded(v) for v in now["score"]],
            t("grants.column.score_harsher", lang): [_rounded(v) for v in then["score"]],
            t("grants.column.z", lang): [_rounded(v) for v in now["z"]],
            t("grants.column.z_harsher", lang): [_rounded(v) for v in then["z"]],
            t("grants.column.rank", lang): now["rank"].array,
            t("grants.column.rank_harsher", lang): then["rank"].array,
            t("grants.column.decision", lang): [_decision(bool(v), lang) for v in now["selected"]],
            t("grants.column.decision_harsher", lang): [_decision(bool(v), lang) for v in then["selected"]],
        }
    )


def write_ranking(
    decided: pd.DataFrame,
    applications: pd.DataFrame,
    reviews: pd.DataFrame,
    path: str | Path,
    call: Call,
    lang: str = "fr",
    hub_id: str = "",
    revised: dict[tuple[str, str], int] | None = None,
) -> Path:
    """Write the committee's workbook to ``path`` (XLSX, right to left in Arabic): the ranking with
    each reason, eligibility, the envelope ±10 %, the grid, then an "about" sheet; return the path."""
    sheets = [
        (t("grants.ranking.sheet", lang), ranking_table(applications, reviews, lang, call, decided, revised)),
        (t("grants.sheet.eligibility", lang), eligibility_table(applications, call, lang)),
        (t("grants.sheet.what_if", lang), what_if_table(decided, call, lang)),
        (t("grants.sheet.criteria", lang), criteria_table(call, lang)),
    ]
    about = (
        t("export.about", lang),
        [
            (t("grants.field.call", lang), call.title(lang)),
            (t("records.field.region", lang), hub_name(hub_id, lang) if hub_id else t("export.all_hubs", lang)),
            (t("export.date", lang), format_date(dt.date.today(), lang)),
            (t("export.rows", lang), str(len(decided))),
        ],
    )
    return write_tables(sheets, path, "xlsx", about=about, rtl=is_rtl(lang))
