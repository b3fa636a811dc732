"""What the room view shows, read from the store with no widgets: who has saved, how many records
of each kind, the records of the domain that draws the room's picture (``listing.room_picture``: the
stakeholders' combined grid), and the records withdrawn."""

from __future__ import annotations

from typing import Any

import pandas as pd

from saara_kit.registry import domains
from saara_kit.store import Store
from saara_kit.store.records import SHARED_RECORDS
from saara_kit.store.repository import revisions_frame
from saara_kit.store.restore import withdrawn
from saara_kit.validation import fold_name

__all__ = ["room_summary"]


def room_summary(store: Store, hub_id: str) -> dict[str, Any]:
    """Return the hub's numbers for the room view.

    ``hub_id``: the hub; ``domains``: the registered domain names, in order (those for the whole room);
    ``counts``: live records per domain (0 included); ``associations``: one row per association that
    has saved anything in the hub, sorted by name, with its live records per domain and ``last_saved``
    (UTC, withdrawals count as saves); ``grid_domain``: the first domain served that draws the room's picture
    (``listing.room_picture``: the stakeholders), or ``None``; ``grid``: its live records of every
    association of the hub (``None`` when no domain draws one); ``grid_fingerprint``: changes whenever
    those records change; ``withdrawn``: each withdrawn record of the hub, as ``{"domain", "withdrawal", "name"}`` (its
    withdrawing revision and the name it had), the latest withdrawal first.
    """
    served = {
        name: declared for name, declared in domains().items() if declared.access.public
    }  # not applications, reviews
    current = {name: store.current(declared.kind, hub_id=hub_id) for name, declared in served.items()}
    last = store.last_saves([declared.kind for declared in served.values()], hub_id)

    per_association: dict[str, dict[str, int]] = {}
    for name, revs in current.items():
        for rev in (
            rev for rev in revs if rev.association != SHARED_RECORDS
        ):  # the directory's suggestions are the hub's
            per_association.setdefault(rev.association, dict.fromkeys(served, 0))[name] += 1
    names = sorted(set(per_association) | set(last), key=lambda name: (fold_name(name), name))
    rows = [
        {"association": name, **per_association.get(name, dict.fromkeys(served, 0)), "last_saved": last.get(name)}
        for name in names
    ]
    associations = pd.DataFrame(rows, columns=["association", *served, "last_saved"])

    grid_domain = next((name for name, declared in served.items() if declared.listing.room_picture), None)
    grid = current.get(grid_domain) if grid_domain else None
    withdrawals = [  # a withdrawing revision carries the content it withdrew: no history read per record
        {"domain": name, "withdrawal": withdrawal, "name": declared.name_of(withdrawal.payload)}
        for name, declared in served.items()
        for withdrawal in withdrawn(store, declared.kind, hub_id)
    ]
    return {
        "hub_id": hub_id,
        "domains": list(served),
        "counts": {name: len(revs) for name, revs in current.items()},
        "associations": associations,
        "grid_domain": grid_domain,
        "grid": None if grid_domain is None else revisions_frame(served[grid_domain], grid),
        # the store keeps revisions forever: a live record's (id, revision) pair names its content,
        # so this set changes exactly when the grid would (saved_at comes from each phone's save
        # and a late commit can carry an older time: the latest time alone could miss a change)
        "grid_fingerprint": frozenset((rev.record_id, rev.revision) for rev in grid or ()),
        "withdrawn": sorted(withdrawals, key=lambda item: item["withdrawal"].saved_at, reverse=True),
    }
