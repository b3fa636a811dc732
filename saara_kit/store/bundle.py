"""Hub bundles: every revision of one hub's records (and its association codes) in one signed file,
to carry from an offline laptop to another store and merge there without losing anything.

Importing checks the file whole (``bundle_file``: signed by its hub's key, within its sizes, its sums
right, only its hub's records), then every revision as its domain checks a save, before anything
is written; then merges in one transaction: revisions already there are skipped, so importing twice
changes nothing; a record edited on both sides keeps both edits (renumbered after the local ones,
the later edit current) and is listed, and so is every record the file withdraws. A code from the
file is adopted only by an association that has neither a code nor records here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from saara_kit.records.domain import Domain
from saara_kit.store.bundle_file import Bundle, BundleRejected, read_bundle, write_bundle
from saara_kit.store.codes import adopt_code, associations_here, codes_of
from saara_kit.store.records import Revision
from saara_kit.validation import ValidationError, fold_name

__all__ = [
    "BundleRejected",
    "MergeConflict",
    "MergeReport",
    "Withdrawal",
    "export_bundle",
    "import_bundle",
    "read_bundle",
]

Keys = Callable[[str], "bytes | None"]  # a hub's key, None when this store has none


@dataclass(frozen=True)
class MergeConflict:
    """A record edited on both sides: its revisions from the bundle were added as ``imported``."""

    record_id: str
    kind: str
    association: str
    local: int  # the local revision both edits follow from
    imported: tuple[int, ...]


@dataclass(frozen=True)
class Withdrawal:
    """A record the bundle withdraws (a revision marked deleted, new here)."""

    record_id: str
    kind: str
    association: str
    name: str  # as its domain names it


@dataclass
class MergeReport:
    """What an import did."""

    hub_id: str
    added: int = 0  # revisions written
    already: int = 0  # revisions the store had
    conflicts: list[MergeConflict] = field(default_factory=list)
    withdrawn: list[Withdrawal] = field(default_factory=list)
    codes_added: int = 0
    codes_kept: list[str] = field(default_factory=list)  # associations whose local code differs; kept
    codes_refused: list[str] = field(default_factory=list)  # associations with records here and no code: none adopted


def export_bundle(store, hub_id: str, path: Path, key: bytes) -> int:
    """Write every revision of ``hub_id``'s records, and its codes, to the bundle ``path``, signed
    with the hub's ``key``; return how many revisions. The file appears whole or not at all."""
    items = store.revisions_of(None, hub_id=hub_id)
    write_bundle(path, hub_id, items, codes_of(store, hub_id), key)
    return len(items)


def _check_revisions(bundle: Bundle, file: str, domains: Mapping[str, Domain]) -> dict:
    """Refuse the bundle unless each revision is one its domain (in ``domains``) would save (fields,
    rules, the association's name); return the domains by kind."""
    from saara_kit.records.domain import validate_association

    kinds = {declared.kind: declared for declared in domains.values()}
    for item in bundle.revisions:
        declared = kinds.get(item.kind)
        if declared is None:
            raise BundleRejected("bundle.unknown_kind", file=file, kind=item.kind)
        where = dict(
            file=file,
            kind=declared.name,
            name=declared.name_of(item.payload),
            association=item.association,
            record=item.record_id,
        )
        problems: list = []
        try:
            saved_as_typed = validate_association(item.association) == item.association and declared.validate(
                item.payload
            ) == declared.from_payload(item.payload)
        except ValidationError as error:
            saved_as_typed, problems = False, error.errors
        if not saved_as_typed:  # refused, or values a form never saves (a number as text, spaces around a name)
            raise BundleRejected("bundle.invalid_record", problems=problems, **where)
    return kinds


def _same(a: Revision, b: Revision) -> bool:
    """The same saved state, whatever its number (a conflict's copy is renumbered)."""
    return (a.record_id, a.kind, a.region, a.association, a.author, a.payload, a.deleted, a.saved_at) == (
        b.record_id,
        b.kind,
        b.region,
        b.association,
        b.author,
        b.payload,
        b.deleted,
        b.saved_at,
    )


def _merge_record(store, conn, local: list[Revision], incoming: list[Revision], report: MergeReport) -> list[Revision]:
    """Write the revisions of one record that the store lacks; return them."""
    fresh = [item for item in incoming if not any(_same(item, mine) for mine in local)]
    report.already += len(incoming) - len(fresh)
    if not fresh:
        return []
    top = local[-1].revision if local else 0
    follows = [item.revision for item in fresh] == list(range(top + 1, top + 1 + len(fresh)))
    tail = fresh
    if not follows:  # edited on both sides: keep both, renumbered after the local edits; the later edit is current
        tail = [replace(item, revision=top + number) for number, item in enumerate(fresh, start=1)]
        if local[-1].saved_at > fresh[-1].saved_at:
            tail.append(replace(local[-1], revision=top + len(fresh) + 1))
        report.conflicts.append(
            MergeConflict(
                fresh[0].record_id,
                fresh[0].kind,
                fresh[0].association,
                top,
                tuple(item.revision for item in tail[: len(fresh)]),
            )
        )
    for item in tail:
        store.insert_revision(conn, item)
    report.added += len(tail)
    return fresh


def import_bundle(store, path: Path, keys: Keys, domains: Mapping[str, Domain]) -> MergeReport:
    """Merge the bundle ``path`` into ``store``, all at once or not at all; return what it did.
    ``domains`` (name -> ``Domain``, as ``registry.domains()`` gives them) check its revisions.

    ``keys(hub)`` gives the key of the hub the bundle says it comes from (None: none here); a
    bundle not signed with it, or with a revision its domain refuses, raises ``BundleRejected``."""
    file = Path(path).name
    bundle = read_bundle(path, keys)
    kinds = _check_revisions(bundle, file, domains)
    incoming: dict[str, list[Revision]] = {}
    for item in sorted(bundle.revisions, key=lambda item: (item.record_id, item.revision)):
        incoming.setdefault(item.record_id, []).append(item)

    def work(conn) -> MergeReport:
        report = MergeReport(bundle.hub_id)
        local = store.histories(conn, incoming)
        for record_id, theirs in incoming.items():  # a record stays of its hub and kind
            first = (local.get(record_id) or theirs)[0]
            if any((item.kind, item.region) != (first.kind, first.region) for item in theirs):
                raise BundleRejected("bundle.moves_record", file=file, record=record_id)
        here = associations_here(conn, bundle.hub_id)  # before the file's records join them
        for association, code in sorted(bundle.codes.items()):
            outcome = adopt_code(conn, bundle.hub_id, association, code, has_records=fold_name(association) in here)
            report.codes_added += outcome == "adopted"
            if outcome == "kept":
                report.codes_kept.append(association)
            elif outcome == "refused":
                report.codes_refused.append(association)
        for record_id, theirs in incoming.items():
            for item in _merge_record(store, conn, local.get(record_id, []), theirs, report):
                if item.deleted:
                    report.withdrawn.append(
                        Withdrawal(record_id, item.kind, item.association, kinds[item.kind].name_of(item.payload))
                    )
        return report

    return store.write(work)
