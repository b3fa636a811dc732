"""The committee's tables, labelled in the reader's language: eligibility, the ranking with the
reason for each decision, and what changes with the envelope."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from saara_kit.grants.call import Call, load_call
from saara_kit.grants.eligibility import check
from saara_kit.grants.selection import decide, envelope_what_if
from saara_kit.i18n import format_number, t

__all__ = ["calls_of", "decisions", "eligibility_table", "ranking_table", "reason_text", "what_if_table"]


def calls_of(applications: pd.DataFrame) -> list[Call]:
    """Return the calls the applications answer, in the order first met."""
    return [load_call(call_id) for call_id in dict.fromkeys(applications["call"])] if len(applications) else []


def decisions(applications: pd.DataFrame, reviews: pd.DataFrame, call: Call | None = None,
              today: dt.date | None = None) -> pd.DataFrame:
    """Return every submitted application decided, call by call (``call`` alone when given), with a ``call`` column."""
    decided = [decide(applications, reviews, one, today).assign(call=one.id)
               for one in ([call] if call else calls_of(applications))]
    return pd.concat(decided) if decided else pd.DataFrame()


def reason_text(row: pd.Series, call: Call, lang: str) -> str:
    """Say why an application was or was not selected, naming the rule or the threshold."""
    values = {"threshold": format_number(call.threshold, lang)}
    if row["reason"] == "ineligible":
        failed = next(r for r in check({**row.to_dict(), "region": row["region"]}, call) if r.rule == row["failed_rule"]) \
            if "total_cost" in row else None
        values["rule"] = failed.message(lang) if failed else t(f"grants.rule.{row['failed_rule']}", lang)
    return t(f"grants.reason.{row['reason']}", lang, **values)


def _flags(row: pd.Series, lang: str) -> str:
    shown = [name for name in ("disagreement", "missing", "tie") if bool(row.get(name))]
    return "; ".join(t(f"grants.flag.{name}", lang) for name in shown)


def ranking_table(applications: pd.DataFrame, reviews: pd.DataFrame, lang: str = "fr", call: Call | None = None,
                  decided: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the ranked table a committee signs: rank, association, hub, project, amounts, score,
    z-score, spread, reviews, flags, decision and its reason."""
    decided = decisions(applications, reviews, call) if decided is None else decided
    details = applications.set_index("association")[["total_cost", "registration", "duration_months", "submitted_at"]] \
        if len(applications) else None
    rows = []
    for association, row in decided.iterrows():
        one = load_call(row["call"])
        full = row if details is None else pd.concat([row, details.loc[association].drop("submitted_at")])
        rows.append({
            t("grants.column.rank", lang): row["rank"],
            t("records.field.association", lang): association,
            t("grants.column.hub", lang): row["region"],
            t("grants.field.title", lang): row["title"],
            t("grants.field.requested", lang): float(row["requested"]),
            t("grants.column.score", lang): _rounded(row["score"]),
            t("grants.column.z", lang): _rounded(row["z"]),
            t("grants.column.spread", lang): _rounded(row["spread"]),
            t("grants.column.reviews", lang): int(row["reviews"]),
            t("grants.column.conflicts", lang): int(row["conflicts"]),
            t("grants.column.flags", lang): _flags(row, lang),
            t("grants.column.decision", lang): t("grants.decision." + ("selected" if row["selected"] else "not_selected"), lang),
            t("grants.column.reason", lang): reason_text(full, one, lang),
            t("grants.column.granted", lang): float(row["granted"]),
        })
    return pd.DataFrame(rows)


def _rounded(value) -> float | None:
    return None if pd.isna(value) else round(float(value), 2)


def eligibility_table(applications: pd.DataFrame, call: Call, lang: str = "fr") -> pd.DataFrame:
    """Return one row per submitted application of ``call`` and one column per rule: ✓ or ✗."""
    submitted = applications[(applications["call"] == call.id) & (applications["status"] == "submitted")]
    rows = []
    for application in submitted.to_dict("records"):
        results = check(application, call)
        rows.append({t("records.field.association", lang): application["association"],
                     **{t(f"grants.rule_short.{r.rule}", lang): "✓" if r.passed else "✗" for r in results}})
    return pd.DataFrame(rows)


def what_if_table(decided: pd.DataFrame, call: Call, lang: str = "fr", change: float = 0.10) -> pd.DataFrame:
    """Return the applications whose decision changes when the envelope shrinks or grows by ``change``."""
    changes = envelope_what_if(decided, call, change)

    def said(reason: str) -> str:
        return t("grants.decision." + ("selected" if reason == "selected" else "not_selected"), lang)

    return pd.DataFrame({
        t("grants.column.rank", lang): changes["rank"],
        t("records.field.association", lang): changes.index,
        t("grants.field.requested", lang): changes["requested"].astype(float),
        t("grants.column.smaller", lang): changes["smaller"].map(said),
        t("grants.column.now", lang): changes["now"].map(said),
        t("grants.column.larger", lang): changes["larger"].map(said),
    }).reset_index(drop=True)
