"""What the store holds of the applications: those submitted to a call, by hub, and the language
each association chose to read its letters in."""

from __future__ import annotations

from collections.abc import Iterator

from saara_kit.grants.call import Call
from saara_kit.grants.domain import GRANTS
from saara_kit.store import Revision, Store

__all__ = ["chosen_languages", "submitted_application", "submitted_applications"]


def _submitted(store: Store, call: Call, hub_id: str, association: str | None = None) -> Iterator[Revision]:
    for rev in store.current(GRANTS.kind, hub_id, association):
        if rev.payload.get("call") == call.id and rev.payload.get("status") == "submitted":
            yield rev


def submitted_applications(store: Store, call: Call, hub_id: str) -> list[str]:
    """Return the associations of ``hub_id`` whose application to ``call`` is submitted, in the order first saved."""
    return [rev.association for rev in _submitted(store, call, hub_id)]


def submitted_application(store: Store, call: Call, hub_id: str, association: str) -> dict | None:
    """Return the association's submitted application to ``call`` (its latest revision), or None;
    ``revised`` is that revision's number when it was changed after submission, else None."""
    from saara_kit.grants.consolidation import revised_after_submission
    from saara_kit.store.repository import revisions_frame

    latest = next(_submitted(store, call, hub_id, association), None)
    if latest is None:
        return None
    history = revisions_frame(GRANTS, store.history(latest.record_id))
    return {**latest.payload, "revised": revised_after_submission(history).get((call.id, association))}


def chosen_languages(store: Store, hub_id: str) -> dict[str, str]:
    """Return, by association of ``hub_id``, the language its latest saved application chose (none chose: left out)."""
    chosen = {}
    for rev in sorted(store.current(GRANTS.kind, hub_id), key=lambda rev: rev.saved_at):
        if rev.payload.get("lang"):
            chosen[rev.association] = str(rev.payload["lang"])
    return chosen
