"""A domain's records in the store: the current ones as records or a table, the revisions a save writes.

The store reads the domains it is given (``domains``: name -> ``Domain``, as ``registry.domains()``
returns them); it never imports the registry, which sits above it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from saara_kit.records.domain import STORE_COLUMNS, Domain, Record
from saara_kit.store.codes import codes_of
from saara_kit.store.records import Revision
from saara_kit.store.store import Store, open_store
from saara_kit.validation import fold_name

if TYPE_CHECKING:  # the frames' functions import pandas; a form's records never need it
    import pandas as pd

__all__ = [
    "STORE_COLUMNS",
    "canonical_association",
    "history_frame",
    "listed_frame",
    "load_history",
    "load_records",
    "one_association",
    "plan_revisions",
    "records_by_name",
    "referenced_records",
    "revisions_frame",
    "saved_records",
    "with_listed",
]


def canonical_association(store: Store, hub_id: str, name: str) -> str:
    """Return the spelling the hub already uses for ``name`` (case, accents and spaces aside), else ``name``."""
    wanted = fold_name(name)
    for known in [*store.associations(None, hub_id), *codes_of(store, hub_id)]:
        if fold_name(known) == wanted:
            return known
    return name


def saved_records(store: Store, domain: Domain, hub_id: str, association: str) -> dict[str, Revision]:
    """Return the association's live records of ``domain``, by record id, in the order first saved."""
    return {rev.record_id: rev for rev in store.current(domain.kind, hub_id=hub_id, association=association)}


def referenced_records(
    store: Store, domain: Domain, hub_id: str, association: str, domains: Mapping[str, Domain]
) -> dict[str, dict[str, dict]]:
    """Return, for each domain that ``domain``'s records refer to (found in ``domains``), the
    association's saved records there, by name (their key): what a link may name, and what a rule
    may read of it (a plan's dates)."""
    found = {}
    for target in dict.fromkeys(f.to for f in domain.references):
        declared = domains[target]
        found[target] = {
            declared.name_of(rev.payload): rev.payload
            for rev in saved_records(store, declared, hub_id, association).values()
        }
    return found


def records_by_name(frames: Mapping[str, pd.DataFrame], domains: Mapping[str, Domain]) -> dict[str, dict[str, dict]]:
    """Return, for each domain's table in ``frames`` (its domain found in ``domains``), its records by
    name: what ``Domain.validate`` checks links against (``referenced_records`` reads the same from the store)."""
    return {
        name: {domains[name].name_of(row): row for row in cast(list[dict[str, Any]], frame.to_dict("records"))}
        for name, frame in frames.items()
    }


def plan_revisions(
    domain: Domain,
    saved: Mapping[str, Revision],
    draft: Mapping[str, Record],
    *,
    hub_id: str,
    association: str,
    author: str,
    withdraw_missing: bool = True,
) -> list[Revision]:
    """Return the revisions that turn ``saved`` into ``draft``.

    A new record starts at revision 1, a changed (or withdrawn) one takes the next number, and (with
    ``withdraw_missing``) a saved record missing from the draft gets a withdrawing revision.
    Unchanged records give nothing.
    """

    def revision(record_id: str, number: int, record: Record, deleted: bool = False) -> Revision:
        return Revision(
            record_id=record_id,
            revision=number,
            kind=domain.kind,
            region=hub_id,
            association=association,
            author=author,
            payload=record.to_payload(),
            schema_version=domain.schema_version,
            deleted=deleted,
        )

    changes = []
    for record_id, record in draft.items():
        before = saved.get(record_id)
        if before is None:
            changes.append(revision(record_id, 1, record))
        elif before.deleted or before.association != association or domain.from_payload(before.payload) != record:
            changes.append(revision(record_id, before.revision + 1, record))
    if withdraw_missing:
        for record_id, before in saved.items():
            if record_id not in draft:
                changes.append(revision(record_id, before.revision + 1, domain.from_payload(before.payload), True))
    return changes


def revisions_frame(domain: Domain, revisions: list[Revision]) -> pd.DataFrame:
    """Return one row per revision: hub, association, the domain's fields, then the store's columns."""
    import pandas as pd

    rows = [
        {
            "region": rev.region,
            "association": rev.association,
            **domain.from_payload(rev.payload),
            "record_id": rev.record_id,
            "revision": rev.revision,
            "saved_at": rev.saved_at,
            "author": rev.author,
        }
        for rev in revisions
    ]
    return pd.DataFrame(rows, columns=["region", "association", *domain.field_names, *STORE_COLUMNS])


def listed_frame(
    store: Store, domain: Domain, hub_id: str | None = None, *, domains: Mapping[str, Domain]
) -> pd.DataFrame:
    """Return the current records of ``domain`` (``revisions_frame``), then the rows that other
    ``domains`` list in it (``Domain.listing.shown_in``: approved practice sheets in the directory), drawn
    from their own current records now: one source, nothing copied."""
    return with_listed(
        domain,
        revisions_frame(domain, store.current(domain.kind, hub_id=hub_id)),
        lambda other: revisions_frame(other, store.current(other.kind, hub_id=hub_id)),
        domains,
    )


def with_listed(
    domain: Domain,
    frame: pd.DataFrame,
    records_of: Callable[[Domain], pd.DataFrame],
    domains: Mapping[str, Domain],
) -> pd.DataFrame:
    """Return ``frame`` (records of ``domain``) followed by the rows other ``domains`` list in it
    (``Domain.listing.shown_in``), each drawn from that domain's records, which ``records_of`` reads."""
    import pandas as pd

    listed = [
        other.listing.shown_in[1](records_of(other))
        for other in domains.values()
        if other.listing.shown_in and other.listing.shown_in[0] == domain.name
    ]
    parts = [part.reindex(columns=frame.columns) for part in (frame, *listed) if len(part)]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else frame)


def history_frame(
    store: Store, domain: Domain, hub_id: str | None = None, association: str | None = None
) -> pd.DataFrame:
    """Return every revision of the live records of ``domain`` (``revisions_frame``), oldest first:
    how each record changed (a commitment's progress over time). Withdrawn records are left out."""
    live = {rev.record_id for rev in store.current(domain.kind, hub_id=hub_id, association=association)}
    return revisions_frame(
        domain, [rev for rev in store.revisions_of(domain.kind, hub_id, association) if rev.record_id in live]
    )


def one_association(
    frames: Mapping[str, pd.DataFrame], main: str, association: str = ""
) -> tuple[str, dict[str, pd.DataFrame]]:
    """Return one association's records of an app: its name and its tables (``frames`` by domain
    name, that association's rows kept). It is ``association``, or else the first (by name) that
    saved a ``main`` record (a plan, a budget); ('', empty tables) when none did."""
    named = sorted(set(frames[main]["association"]))
    chosen = association if association in named else (named[0] if named and not association else "")
    return chosen, {
        name: frame[frame["association"] == chosen].reset_index(drop=True) for name, frame in frames.items()
    }


def load_history(
    domain: Domain,
    source: str = "sample",
    hub_id: str | None = None,
    data_dir: str | Path | None = None,
    db_url: str | None = None,
) -> pd.DataFrame:
    """Return every revision of a domain's live records (``history_frame``) from the ``"store"``;
    the ``"sample"`` data has one revision per record, saved now."""
    if source == "sample":
        import pandas as pd

        frame = load_records(domain, source, hub_id)
        return frame.assign(
            record_id=[f"sample-{number}" for number in range(len(frame))],
            revision=1,
            saved_at=pd.Timestamp.now(tz="UTC"),
            author="sample",
        )
    with open_store(data_dir, db_url or None) as store:
        return history_frame(store, domain, hub_id)


def load_records(
    domain: Domain,
    source: str = "sample",
    hub_id: str | None = None,
    data_dir: str | Path | None = None,
    db_url: str | None = None,
    listed: bool = False,
    domains: Mapping[str, Domain] | None = None,
) -> pd.DataFrame:
    """Return a domain's records from its ``"sample"`` data or from the workshop ``"store"``;
    ``listed`` adds the rows other ``domains`` list in it (the directory's approved case studies)."""
    if listed and domains is None:
        raise ValueError("listed=True needs the domains that may list records in this one (registry.domains())")
    if source == "sample":
        from saara_kit.data import sample_records

        def records_of(chosen: Domain) -> pd.DataFrame:
            return sample_records(chosen, hub_id)[["region", "association", *chosen.field_names]]

        return (
            with_listed(domain, records_of(domain), records_of, domains) if domains and listed else records_of(domain)
        )
    if source == "store":
        with open_store(data_dir, db_url or None) as store:
            return (
                listed_frame(store, domain, hub_id, domains=domains)
                if domains and listed
                else revisions_frame(domain, store.current(domain.kind, hub_id=hub_id))
            )
    raise ValueError(f"source must be 'sample' or 'store', not {source!r}")
