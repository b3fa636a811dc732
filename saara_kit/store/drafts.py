"""Drafts: what a device typed in a form but did not save, kept so that it outlives the form's kernel
(culled once its phone vanished, or the server restarted) and is offered back to the same device.

A draft is never a record: nothing reads it but the form of the device that typed it, for the same
domain, hub and association; only Save turns it into revisions. One draft per device, domain, hub
and association: each keep replaces the last.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from saara_kit.store.schema import drafts
from saara_kit.validation import fold_name

__all__ = ["Draft", "drop_draft", "keep_draft", "read_draft", "replace_draft"]


@dataclass(frozen=True)
class Draft:
    """What a device typed: ``content`` as the form kept it, and when (UTC)."""

    content: dict[str, Any]
    kept_at: dt.datetime


def _where(device: str, kind: str, hub_id: str, association: str):
    return sa.and_(
        drafts.c.device == device,
        drafts.c.kind == kind,
        drafts.c.region == hub_id,
        drafts.c.association_key == fold_name(association),
    )


def keep_draft(store, device: str, kind: str, hub_id: str, association: str, content: dict[str, Any]) -> None:
    """Keep ``content`` as the device's draft for the association (replacing the one kept before)."""
    store.write(lambda conn: replace_draft(conn, device, kind, hub_id, association, content))


def replace_draft(
    conn: sa.Connection, device: str, kind: str, hub_id: str, association: str, content: dict[str, Any]
) -> None:
    """In a write transaction: put ``content`` in place of the device's draft for the association."""
    conn.execute(drafts.delete().where(_where(device, kind, hub_id, association)))
    conn.execute(
        drafts.insert().values(
            device=device,
            kind=kind,
            region=hub_id,
            association_key=fold_name(association),
            content=content,
            kept_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
    )


def read_draft(store, device: str, kind: str, hub_id: str, association: str) -> Draft | None:
    """Return the device's draft for the association, None when it has none."""
    query = sa.select(drafts.c.content, drafts.c.kept_at).where(_where(device, kind, hub_id, association))
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else Draft(row.content, row.kept_at.replace(tzinfo=dt.UTC))


def drop_draft(store, device: str, kind: str, hub_id: str, association: str) -> None:
    """Forget the device's draft for the association (saved, or set aside)."""
    store.write(lambda conn: conn.execute(drafts.delete().where(_where(device, kind, hub_id, association))))
