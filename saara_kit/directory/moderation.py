"""Moderation: a suggested resource (or a practice sheet) waits as pending until a trainer approves
it or rejects it with a reason; participants see only approved ones. Each decision is a new revision."""

from __future__ import annotations

import pandas as pd

from saara_kit.directory.domain import DIRECTORY
from saara_kit.directory.fields import STATUSES
from saara_kit.i18n import TranslatedError, t
from saara_kit.records import Domain
from saara_kit.store import Revision, Store
from saara_kit.store.records import SHARED_RECORDS
from saara_kit.validation import FieldError, ValidationError

__all__ = ["DECISIONS", "SUGGESTIONS", "moderate", "moderate_all", "moderated", "published"]

DECISIONS = ("approved", "rejected")
SUGGESTIONS = SHARED_RECORDS  # the "association" a participant's suggestion is kept under (the directory is everyone's)


def published(resources: pd.DataFrame) -> pd.DataFrame:
    """Return the resources participants may see: the approved ones."""
    return resources[resources["status"] == "approved"] if len(resources) else resources


def moderated(kind: str) -> Domain | None:
    """Return the domain of ``kind`` whose records a trainer moderates (a ``status`` of ``STATUSES`` and a
    ``reason``): the directory's resources, practice sheets; None for any other kind."""
    from saara_kit.registry import domains

    return next(
        (
            declared
            for declared in domains().values()
            if declared.kind == kind
            and {"status", "reason"} <= set(declared.field_names)
            and tuple(declared.field("status").codes) == STATUSES
        ),
        None,
    )


def moderate(store: Store, record_id: str, decision: str, reason: str = "", author: str = "trainer") -> Revision:
    """Approve or reject (with a reason) a resource or a practice sheet; return the revision saved.
    Raises ``ValidationError`` for a rejection without a reason or an unknown decision, and
    ``TranslatedError`` for an id that is no live record a trainer moderates."""
    history = store.history(record_id)
    declared = moderated(history[-1].kind) if history and not history[-1].deleted else None
    labels = declared or DIRECTORY
    if decision not in DECISIONS:
        raise ValidationError([FieldError("status", labels.label_key("status"), "not_a_choice", {"value": decision})])
    if decision == "rejected" and not reason.strip():
        raise ValidationError([FieldError("reason", labels.label_key("reason"), "required")])
    if declared is None:
        raise TranslatedError("directory.unknown_resource", id=record_id)
    latest = history[-1]
    record = declared.validate(
        {**latest.payload, "status": decision, "reason": reason.strip() if decision == "rejected" else ""}
    )
    revision = Revision(
        latest.record_id,
        latest.revision + 1,
        latest.kind,
        latest.region,
        latest.association,
        author,
        record.to_payload(),
        declared.schema_version,
    )
    store.save(revision)
    return revision


def moderate_all(store: Store, decisions: str, author: str = "trainer", lang: str = "fr") -> list[str]:
    """Apply ``decisions`` written ``"ID=approved | ID=rejected: reason"``; return one line per
    decision, in ``lang``: what the resource became, or why nothing was saved for it."""
    from saara_kit.directory.domain import title_in

    said = []
    for entry in (part for part in decisions.split("|") if part.strip()):
        record_id, _, wanted = (part.strip() for part in entry.partition("="))
        decision, _, reason = (part.strip() for part in wanted.partition(":"))
        try:
            saved = moderate(store, record_id, decision, reason, author)
        except TranslatedError as error:
            said.append(error.message(lang))
        except ValidationError as error:
            said += error.messages(lang)
        else:
            title = title_in(saved.payload, lang) or saved.payload.get("name", "")  # a practice sheet's is its name
            said.append(t(f"directory.lesson.now_{decision}", lang, title=title, reason=reason))
    return said
