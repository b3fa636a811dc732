"""Approved practice sheets as the directory's resources of type "case_study".

The sheets stay the one source: ``case_studies`` turns them into directory rows each time the
directory is read (its form and search, its offline page, its JSON-LD, through
``saara_kit.store.repository.listed_frame``); nothing is copied into the directory's store. A
pending or rejected sheet gives no row."""

from __future__ import annotations

import pandas as pd

from saara_kit.directory.domain import DIRECTORY
from saara_kit.i18n import t
from saara_kit.practice.fields import STORY
from saara_kit.store.repository import STORE_COLUMNS

__all__ = ["AUDIENCE", "case_studies", "description_of", "with_waiting_sheets"]

AUDIENCE = "association_staff"  # peers: the people who run associations


def description_of(sheet: dict, lang: str) -> str:
    """Return a sheet's account as one text, each part under its label, in the sheet's language."""
    return "\n".join(
        t("practice.part", lang, label=t(f"practice.field.{name}", lang), text=str(sheet[name]).strip())
        for name in STORY
        if str(sheet.get(name) or "").strip()
    )


def _row(sheet: dict) -> dict:
    lang = sheet["lang"]
    saved = pd.Timestamp(sheet.get("saved_at"))  # sample sheets have no store columns
    return {
        "region": sheet["region"],
        "association": sheet["association"],
        **{f"title_{code}": sheet["name"] if code == lang else "" for code in ("fr", "ar", "en")},
        "description": description_of(sheet, lang),
        "type": "case_study",
        "themes": sheet["themes"],
        "languages": lang,
        "audience": AUDIENCE,
        "level": "",
        "regions": sheet["region"],
        "licence": sheet["licence"],
        "url": "",
        "file": "",
        "date": saved.date().isoformat() if not pd.isna(saved) else "",
        "duration_minutes": "",
        "creator": sheet["association"],
        "status": sheet["status"],
        "reason": sheet["reason"],
        **{column: sheet.get(column, "") for column in STORE_COLUMNS},
    }


def case_studies(sheets: pd.DataFrame) -> pd.DataFrame:
    """Return the approved sheets of ``sheets`` (current records, as ``revisions_frame`` gives them)
    as rows of the directory: a case study in the sheet's language, for its hub, by its association,
    dated by its latest revision (its approval), under the sheet's own record id."""
    return _rows(sheets, "approved")


def with_waiting_sheets(resources: pd.DataFrame, sheets: pd.DataFrame) -> pd.DataFrame:
    """Return the directory's ``resources`` followed by the practice sheets waiting for a trainer's
    decision, as pending rows of the directory: the moderation queue (lesson 07), with the ids a
    decision names when the sheets come from the store."""
    waiting = _rows(sheets, "pending")
    return (
        pd.concat([resources, waiting.reindex(columns=resources.columns)], ignore_index=True)
        if len(waiting)
        else resources
    )


def _rows(sheets: pd.DataFrame, status: str) -> pd.DataFrame:
    columns = ["region", "association", *DIRECTORY.field_names, *STORE_COLUMNS]
    chosen = sheets[sheets["status"] == status] if len(sheets) else sheets
    return pd.DataFrame([_row(sheet) for sheet in chosen.to_dict("records")], columns=columns)
