"""Withdrawn records: list them, and bring them back as they were before their withdrawal.

Every save keeps history (a withdrawal is one more revision), so restoring writes a new revision
with the last live content; nothing is rewritten and the withdrawal stays in the history.
"""

from __future__ import annotations

from saara_kit.store.records import Revision, RevisionConflict
from saara_kit.store.store import Store

__all__ = ["last_live", "restore", "withdrawn"]


def withdrawn(store: Store, kind: str, hub_id: str, association: str | None = None) -> list[Revision]:
    """Return the withdrawal of each withdrawn record of ``kind`` in ``hub_id`` (its latest revision)."""
    return store.current(kind, hub_id=hub_id, association=association, withdrawn=True)


def last_live(store: Store, record_id: str) -> Revision:
    """Return the record's last revision before it was withdrawn."""
    return next(rev for rev in reversed(store.history(record_id)) if not rev.deleted)


def restore(store: Store, withdrawals: list[Revision], author: str) -> int:
    """Bring each withdrawn record back with its last live content, all or none; return how many.

    A record saved again since its withdrawal (by someone else) raises ``RevisionConflict``, and
    nothing is written.
    """
    revivals = []
    for withdrawal in withdrawals:
        if store.history(withdrawal.record_id)[-1].revision != withdrawal.revision:
            raise RevisionConflict(f"{withdrawal.record_id} was saved again after revision {withdrawal.revision}")
        content = last_live(store, withdrawal.record_id)
        revivals.append(
            Revision(
                record_id=withdrawal.record_id,
                revision=withdrawal.revision + 1,
                kind=withdrawal.kind,
                region=withdrawal.region,
                association=withdrawal.association,
                author=author,
                payload=content.payload,
                schema_version=content.schema_version,
            )
        )
    return store.save_many(revivals)
