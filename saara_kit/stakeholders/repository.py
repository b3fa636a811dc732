"""Stakeholders in the store: load the saved ones, turn a draft into new revisions."""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pandas as pd

from saara_kit.data import sample_stakeholders
from saara_kit.store import Revision, Store, open_store
from saara_kit.stakeholders.model import KIND, SCHEMA_VERSION, Stakeholder

__all__ = [
    "COLUMNS",
    "load_stakeholders",
    "plan_changes",
    "revisions_frame",
    "saved_stakeholders",
    "to_stakeholder",
]

COLUMNS = ["region", "association", *Stakeholder.__dataclass_fields__]


def to_stakeholder(revision: Revision) -> Stakeholder:
    """Return the stakeholder a revision carries."""
    return Stakeholder(**{name: revision.payload[name] for name in Stakeholder.__dataclass_fields__})


def saved_stakeholders(store: Store, region: str, association: str) -> dict[str, Revision]:
    """Return the association's live stakeholders, by record id, in the order first saved."""
    return {rev.record_id: rev for rev in store.current(KIND, region=region, association=association)}


def plan_changes(
    saved: Mapping[str, Revision],
    draft: Mapping[str, Stakeholder],
    *,
    region: str,
    association: str,
    author: str,
) -> list[Revision]:
    """Return the revisions that turn ``saved`` into ``draft``.

    A new record starts at revision 1, a changed one takes the next number, and a saved record
    missing from the draft gets a withdrawing revision. Unchanged records give nothing.
    """
    changes = []

    def revision(record_id: str, number: int, stakeholder: Stakeholder, deleted: bool = False):
        return Revision(
            record_id=record_id, revision=number, kind=KIND, region=region,
            association=association, author=author, payload=stakeholder.to_payload(),
            schema_version=SCHEMA_VERSION, deleted=deleted,
        )

    for record_id, stakeholder in draft.items():
        before = saved.get(record_id)
        if before is None:
            changes.append(revision(record_id, 1, stakeholder))
        elif to_stakeholder(before) != stakeholder:
            changes.append(revision(record_id, before.revision + 1, stakeholder))
    for record_id, before in saved.items():
        if record_id not in draft:
            changes.append(revision(record_id, before.revision + 1, to_stakeholder(before), deleted=True))
    return changes


def revisions_frame(revisions: list[Revision]) -> pd.DataFrame:
    """Return one row per stakeholder revision, with its record id, revision and save time."""
    rows = [
        {
            "region": rev.region,
            "association": rev.association,
            **rev.payload,
            "record_id": rev.record_id,
            "revision": rev.revision,
            "saved_at": rev.saved_at,
            "author": rev.author,
        }
        for rev in revisions
    ]
    extra = ["record_id", "revision", "saved_at", "author"]
    return pd.DataFrame(rows, columns=COLUMNS + extra)


def load_stakeholders(
    source: str = "sample",
    region: str | None = None,
    data_dir: str | Path | None = None,
    db_url: str | None = None,
) -> pd.DataFrame:
    """Return stakeholders from the ``"sample"`` data or from the workshop ``"store"``."""
    if source == "sample":
        return sample_stakeholders(region)[COLUMNS]
    if source == "store":
        store = open_store(data_dir, db_url)
        try:
            return revisions_frame(store.current(KIND, region=region))
        finally:
            store.close()
    raise ValueError(f"source must be 'sample' or 'store', not {source!r}")

