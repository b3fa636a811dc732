"""Moderation: a suggested resource waits as pending until a trainer approves it or rejects it
with a reason; participants see only approved resources. Each decision is a new revision."""
from __future__ import annotations

import pandas as pd

from saara_kit.directory.domain import DIRECTORY
from saara_kit.store import Revision, Store
from saara_kit.i18n import TranslatedError, t
from saara_kit.validation import FieldError, ValidationError

__all__ = ["DECISIONS", "SUGGESTIONS", "moderate", "moderate_all", "published"]

DECISIONS = ("approved", "rejected")
SUGGESTIONS = "Suggestions"  # the "association" a participant's suggestion is kept under (the directory is everyone's)


def published(resources: pd.DataFrame) -> pd.DataFrame:
    """Return the resources participants may see: the approved ones."""
    return resources[resources["status"] == "approved"] if len(resources) else resources


def moderate(store: Store, record_id: str, decision: str, reason: str = "", author: str = "trainer") -> Revision:
    """Approve or reject (with a reason) a resource; return the revision saved. Raises
    ``ValidationError`` for a rejection without a reason or an unknown decision, and
    ``TranslatedError`` for an id that is no live resource of the directory."""
    if decision not in DECISIONS:
        raise ValidationError([FieldError("status", "directory.field.status", "not_a_choice", {"value": decision})])
    if decision == "rejected" and not reason.strip():
        raise ValidationError([FieldError("reason", "directory.field.reason", "required")])
    history = store.history(record_id)
    if not history or history[-1].kind != DIRECTORY.kind or history[-1].deleted:
        raise TranslatedError("directory.unknown_resource", id=record_id)
    latest = history[-1]
    record = DIRECTORY.validate({**latest.payload, "status": decision, "reason": reason.strip() if decision == "rejected" else ""})
    revision = Revision(latest.record_id, latest.revision + 1, latest.kind, latest.region, latest.association, author,
                        record.to_payload(), DIRECTORY.schema_version)
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
            said.append(t(f"directory.lesson.now_{decision}", lang, title=title_in(saved.payload, lang), reason=reason))
    return said
