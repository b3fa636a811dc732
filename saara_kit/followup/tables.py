"""The programme's view as people read it: one row per funded project, then what to look at in
each project that needs a visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from saara_kit.followup.analysis import milestone_states
from saara_kit.i18n import format_date, format_percent, t

__all__ = ["late_milestones_table", "view_table"]


def _share(done: int, of: int, lang: str) -> str:
    return t("followup.out_of", lang, done=done, count=of)


def view_table(view: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return the programme's view as a table in ``lang``: the projects needing a visit first, each with its reasons."""
    ordered = view.sort_values(["needs_visit", "association"], ascending=[False, True])
    return pd.DataFrame(
        {
            t("records.field.association", lang): ordered["association"],
            t("report.field.project", lang): ordered["project"],
            t("report.field.as_of", lang): [format_date(day, lang) for day in ordered["as_of"]],
            t("followup.column.elapsed", lang): [format_percent(share, lang) for share in ordered["elapsed"]],
            t("followup.column.spent", lang): [format_percent(share, lang) for share in ordered["spent"]],
            t("followup.column.late", lang): [
                _share(late, count, lang) for late, count in zip(ordered["milestones_late"], ordered["milestones"])
            ],
            t("followup.column.on_track", lang): [
                _share(fine, count, lang)
                for fine, count in zip(ordered["indicators_on_track"], ordered["indicators_measured"])
            ],
            t("followup.column.sessions", lang): [
                _share(held, held + planned, lang)
                for held, planned in zip(ordered["sessions_held"], ordered["sessions_planned"])
            ],
            t("followup.column.visit", lang): [
                "; ".join(t(f"followup.reason.{reason}", lang) for reason in reasons) for reasons in ordered["reasons"]
            ],
        }
    ).reset_index(drop=True)


def late_milestones_table(
    records: Mapping[str, pd.DataFrame], view: pd.DataFrame, day: dt.date, lang: str = "fr"
) -> pd.DataFrame:
    """Return the late milestones of the projects that need a visit, the latest first: what to ask about on the visit."""
    visited = set(zip(view.loc[view["needs_visit"], "region"], view.loc[view["needs_visit"], "association"]))
    states = milestone_states(records["milestones"], day)
    visiting = pd.Series(
        [owner in visited for owner in zip(states["region"], states["association"])], index=states.index, dtype=bool
    )
    late = states[(states["state"] == "late") & visiting]
    late = late.sort_values("days_late", ascending=False)
    return pd.DataFrame(
        {
            t("records.field.association", lang): late["association"],
            t("milestones.field.name", lang): late["name"],
            t("milestones.field.due", lang): [format_date(due, lang) for due in late["due"]],
            t("followup.column.days_late", lang): late["days_late"],
        }
    ).reset_index(drop=True)
