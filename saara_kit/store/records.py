"""The revision: one saved state of one record."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SHARED_RECORDS", "Revision", "RevisionConflict", "new_record_id"]

# The "association" of records that belong to the whole hub, not to an association (the directory's
# suggestions): no association list, room count or code card names it.
SHARED_RECORDS = "Suggestions"


class RevisionConflict(Exception):
    """Raised when a revision number is already taken by different content."""


def new_record_id() -> str:
    """Return a fresh record UUID as text."""
    return str(uuid.uuid4())


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Revision:
    """One saved state of a record.

    ``record_id`` and ``revision`` identify it: saving the same pair twice keeps one row.
    A revision with ``deleted=True`` withdraws the record; earlier revisions stay readable.
    """

    record_id: str
    revision: int
    kind: str
    region: str
    association: str
    author: str
    payload: dict[str, Any]
    schema_version: int = 1
    deleted: bool = False
    saved_at: dt.datetime = field(default_factory=_utc_now)

    def same_content(self, other: Revision) -> bool:
        """Tell whether ``other`` carries the same content (times aside)."""
        keys = ("record_id", "revision", "kind", "region", "association", "payload", "deleted")
        return all(getattr(self, k) == getattr(other, k) for k in keys)
