"""Hub bundles: every revision of one hub's records (and its association codes) in one file, to carry
from an offline laptop to another store and merge there without losing anything.

A bundle is a zip: ``manifest.json`` (the hub, the counts and each part's SHA-256), ``revisions.jsonl``
and ``association-codes.json``. Importing checks it whole before writing, then merges in one transaction:
revisions already there are skipped, so importing twice changes nothing; a record edited on both
sides keeps both edits (renumbered after the local ones, the later edit current) and is listed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from saara_kit.i18n import TranslatedError
from saara_kit.store.codes import adopt_code, codes_of
from saara_kit.store.records import Revision

__all__ = ["BundleRejected", "MergeConflict", "MergeReport", "export_bundle", "import_bundle", "read_bundle"]

FORMAT, VERSION = "saara-bundle", 1
MANIFEST, REVISIONS, CODES = "manifest.json", "revisions.jsonl", "association-codes.json"


class BundleRejected(TranslatedError):
    """A bundle that is not whole (truncated, altered, not a bundle): nothing of it is imported."""


@dataclass(frozen=True)
class MergeConflict:
    """A record edited on both sides: its revisions from the bundle were added as ``imported``."""

    record_id: str
    kind: str
    association: str
    local: int  # the local revision both edits follow from
    imported: tuple[int, ...]


@dataclass
class MergeReport:
    """What an import did."""

    region: str
    added: int = 0  # revisions written
    already: int = 0  # revisions the store had
    conflicts: list[MergeConflict] = field(default_factory=list)
    codes_added: int = 0
    codes_kept: list[str] = field(default_factory=list)  # associations whose local code differs; kept


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.timezone.utc)


def _to_json(item: Revision) -> dict:
    return {"record_id": item.record_id, "revision": item.revision, "kind": item.kind, "region": item.region,
            "association": item.association, "author": item.author, "payload": item.payload,
            "schema_version": item.schema_version, "deleted": item.deleted, "saved_at": _utc(item.saved_at).isoformat()}


def _from_json(data: dict) -> Revision:
    saved_at = dt.datetime.fromisoformat(data["saved_at"])
    if saved_at.tzinfo is None or not isinstance(data["payload"], dict) or not isinstance(data["revision"], int):
        raise ValueError("a revision without its time zone, payload or number")
    return Revision(record_id=str(data["record_id"]), revision=data["revision"], kind=str(data["kind"]),
                    region=str(data["region"]), association=str(data["association"]), author=str(data["author"]),
                    payload=data["payload"], schema_version=int(data["schema_version"]), deleted=bool(data["deleted"]),
                    saved_at=saved_at)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def export_bundle(store, region: str, path: Path) -> int:
    """Write every revision of ``region``'s records, and its codes, to the bundle ``path``; return
    how many revisions. The file appears whole or not at all."""
    items = store.revisions_of(None, region=region)
    parts = {REVISIONS: "".join(json.dumps(_to_json(item), ensure_ascii=False) + "\n" for item in items).encode(),
             CODES: json.dumps(codes_of(store, region), ensure_ascii=False, sort_keys=True).encode()}
    manifest = {"format": FORMAT, "version": VERSION, "region": region, "revisions": len(items),
                "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(),
                "sha256": {name: _digest(data) for name, data in parts.items()}}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(handle)
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(MANIFEST, json.dumps(manifest, indent=1))
        for name, data in parts.items():
            bundle.writestr(name, data)
    os.replace(temporary, path)
    return len(items)


def read_bundle(path: Path) -> tuple[str, list[Revision], dict[str, str]]:
    """Return a bundle's hub, revisions and codes, checked whole; raise ``BundleRejected`` (saying
    why, in the reader's language) for a missing, truncated, altered or foreign file."""
    name = Path(path).name
    try:
        with zipfile.ZipFile(path) as bundle:
            manifest = json.loads(bundle.read(MANIFEST))
            parts = {part: bundle.read(part) for part in (REVISIONS, CODES)}
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as error:
        raise BundleRejected("bundle.unreadable", file=name, reason=type(error).__name__) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BundleRejected("bundle.unreadable", file=name, reason="manifest")
    if any(_digest(data) != manifest.get("sha256", {}).get(part) for part, data in parts.items()):
        raise BundleRejected("bundle.tampered", file=name)
    region = manifest.get("region")
    try:
        items = [_from_json(json.loads(line)) for line in parts[REVISIONS].decode().splitlines()]
        codes = {str(association): str(code) for association, code in json.loads(parts[CODES]).items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BundleRejected("bundle.tampered", file=name) from error
    if len(items) != manifest.get("revisions") or any(item.region != region for item in items):
        raise BundleRejected("bundle.tampered", file=name)
    return region, items, codes


def _same(a: Revision, b: Revision) -> bool:
    """The same saved state, whatever its number (a conflict's copy is renumbered)."""
    return (a.record_id, a.kind, a.region, a.association, a.author, a.payload, a.deleted, _utc(a.saved_at)) == (
        b.record_id, b.kind, b.region, b.association, b.author, b.payload, b.deleted, _utc(b.saved_at))


def _merge_record(store, conn, local: list[Revision], incoming: list[Revision], report: MergeReport) -> None:
    fresh = [item for item in incoming if not any(_same(item, mine) for mine in local)]
    report.already += len(incoming) - len(fresh)
    if not fresh:
        return
    top = local[-1].revision if local else 0
    follows = [item.revision for item in fresh] == list(range(top + 1, top + 1 + len(fresh)))
    tail = fresh
    if not follows:  # edited on both sides: keep both, renumbered after the local edits; the later edit is current
        tail = [replace(item, revision=top + number) for number, item in enumerate(fresh, start=1)]
        if _utc(local[-1].saved_at) > _utc(fresh[-1].saved_at):
            tail.append(replace(local[-1], revision=top + len(fresh) + 1))
        report.conflicts.append(MergeConflict(fresh[0].record_id, fresh[0].kind, fresh[0].association, top,
                                              tuple(item.revision for item in tail[:len(fresh)])))
    for item in tail:
        store.insert_revision(conn, item)
    report.added += len(tail)


def import_bundle(store, path: Path) -> MergeReport:
    """Merge the bundle ``path`` into ``store``, all at once or not at all; return what it did."""
    region, items, codes = read_bundle(path)
    incoming: dict[str, list[Revision]] = {}
    for item in sorted(items, key=lambda item: (item.record_id, item.revision)):
        incoming.setdefault(item.record_id, []).append(item)

    def work(conn) -> MergeReport:
        report = MergeReport(region)
        local = store.histories(conn, incoming)
        for record_id, theirs in incoming.items():
            _merge_record(store, conn, local.get(record_id, []), theirs, report)
        for association, code in sorted(codes.items()):
            kept = adopt_code(conn, region, association, code)
            report.codes_added += kept is None
            if kept not in (None, code):
                report.codes_kept.append(association)
        return report

    return store.write(work)
