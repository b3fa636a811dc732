"""What the store holds of a call: its submitted applications, by hub."""
from __future__ import annotations

from typing import Iterator

from saara_kit.grants.call import Call
from saara_kit.grants.domain import GRANTS
from saara_kit.store import Revision, Store

__all__ = ["submitted_application", "submitted_applications"]


def _submitted(store: Store, call: Call, region: str, association: str | None = None) -> Iterator[Revision]:
    for rev in store.current(GRANTS.kind, region, association):
        if rev.payload.get("call") == call.id and rev.payload.get("status") == "submitted":
            yield rev


def submitted_applications(store: Store, call: Call, region: str) -> list[str]:
    """Return the associations of ``region`` whose application to ``call`` is submitted, in the order first saved."""
    return [rev.association for rev in _submitted(store, call, region)]


def submitted_application(store: Store, call: Call, region: str, association: str) -> dict | None:
    """Return the association's submitted application to ``call`` (its latest revision), or None."""
    return next((rev.payload for rev in _submitted(store, call, region, association)), None)
