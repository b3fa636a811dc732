"""The bundle file: a zip of one hub's revisions and association codes, signed with the hub's key.

``manifest.json`` names the hub, the count of revisions and each part's size and SHA-256;
``manifest.sig`` is the manifest's HMAC-SHA256 with the hub's key (``bundle_keys``), so that an
edited bundle, sums recomputed or not, is refused. Each part is unpacked as a stream that stops
at its limit (and the signed size), before any sum is computed: a small file cannot unpack into
gigabytes (a zip bomb).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from saara_kit.i18n import TranslatedError, t
from saara_kit.store.bundle_keys import HUB_ID, signature, signed_by
from saara_kit.store.records import Revision
from saara_kit.validation import FieldError

__all__ = ["LIMITS", "MAX_FILE_BYTES", "MAX_UNPACKED_BYTES", "Bundle", "BundleRejected", "read_bundle", "write_bundle"]

FORMAT, VERSION = "saara-bundle", 2  # 1: unsigned
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
REVISIONS, CODES = "revisions.jsonl", "association-codes.json"
MB = 1 << 20
MAX_FILE_BYTES = 64 * MB  # the file as carried
LIMITS = {MANIFEST: MB // 16, SIGNATURE: 1024, REVISIONS: 64 * MB, CODES: 4 * MB}  # each part, unpacked
MAX_UNPACKED_BYTES = 64 * MB  # every part together, unpacked (a hub's year is a few MB)
CHUNK = MB // 4


class BundleRejected(TranslatedError):
    """A bundle refused whole (unreadable, too big, not signed by its hub, altered, or bringing
    records its domains refuse): nothing of it is imported. ``problems`` say what a record's form
    says of it (``bundle.invalid_record``)."""

    def __init__(self, key: str, *, problems: Iterable[FieldError] = (), **values: object):
        self.key, self.values, self.problems = key, values, list(problems)
        ValueError.__init__(self, self.message("en"))

    def message(self, lang: str = "fr") -> str:
        """Say what is wrong, in ``lang``."""
        if self.key != "bundle.invalid_record":
            return t(self.key, lang, **self.values)
        problem = "; ".join(error.message(lang) for error in self.problems) or t("bundle.not_as_saved", lang)
        return t(self.key, lang, **self.values, problem=problem)


@dataclass(frozen=True)
class Bundle:
    """A bundle's content, read whole and checked: its hub, revisions and association codes."""

    hub_id: str
    revisions: list[Revision]
    codes: dict[str, str]


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _to_json(item: Revision) -> dict:
    return {
        "record_id": item.record_id,
        "revision": item.revision,
        "kind": item.kind,
        "region": item.region,
        "association": item.association,
        "author": item.author,
        "payload": item.payload,
        "schema_version": item.schema_version,
        "deleted": item.deleted,
        "saved_at": _utc(item.saved_at).isoformat(),
    }


def _from_json(data: dict) -> Revision:
    saved_at = dt.datetime.fromisoformat(data["saved_at"])
    if (
        saved_at.tzinfo is None
        or not isinstance(data["payload"], dict)
        or not isinstance(data["revision"], int)
        or data["revision"] < 1
        or not 0 < len(str(data["record_id"])) <= 36
        or len(str(data["author"])) > 200
    ):
        raise ValueError("a revision without its time zone, payload, number, id or a readable author")
    return Revision(
        record_id=str(data["record_id"]),
        revision=data["revision"],
        kind=str(data["kind"]),
        region=str(data["region"]),
        association=str(data["association"]),
        author=str(data["author"]),
        payload=data["payload"],
        schema_version=int(data["schema_version"]),
        deleted=bool(data["deleted"]),
        saved_at=saved_at,
    )


def _digest(data: bytes | bytearray) -> str:
    return hashlib.sha256(data).hexdigest()


def write_bundle(path: Path, hub_id: str, items: list[Revision], codes: dict[str, str], key: bytes) -> None:
    """Write ``hub_id``'s revisions and codes as a bundle signed with ``key``; the file appears whole
    or not at all."""
    parts = {
        REVISIONS: "".join(json.dumps(_to_json(item), ensure_ascii=False) + "\n" for item in items).encode(),
        CODES: json.dumps(codes, ensure_ascii=False, sort_keys=True).encode(),
    }
    manifest = json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "region": hub_id,
            "revisions": len(items),
            "exported_at": dt.datetime.now(dt.UTC).isoformat(),
            "parts": {name: {"bytes": len(data), "sha256": _digest(data)} for name, data in parts.items()},
        },
        indent=1,
    ).encode()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(handle)
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(MANIFEST, manifest)
        bundle.writestr(SIGNATURE, signature(key, manifest))
        for name, data in parts.items():
            bundle.writestr(name, data)
    os.replace(temporary, path)


class _Unpacker:
    """Unpack a bundle's parts as streams, each within its limit and all within ``MAX_UNPACKED_BYTES``."""

    def __init__(self, bundle: zipfile.ZipFile, file: str):
        self.bundle, self.file, self.total = bundle, file, 0

    def _check(self, part: str, size: int) -> None:
        """Refuse ``part`` if ``size`` unpacked bytes of it are past its limit, or past the bundle's."""
        if size > LIMITS[part]:
            raise BundleRejected("bundle.too_big", file=self.file, part=part, max=f"{LIMITS[part] / MB:g}")
        if self.total + size > MAX_UNPACKED_BYTES:
            raise BundleRejected("bundle.too_big", file=self.file, part=self.file, max=f"{MAX_UNPACKED_BYTES / MB:g}")

    def read(self, part: str, declared: int | None = None) -> bytearray:
        """Return ``part`` unpacked; refuse it past its limits, or unlike ``declared`` bytes (the signed size)."""
        try:
            info = self.bundle.getinfo(part)
        except KeyError:
            raise BundleRejected(
                "bundle.unsigned" if part == SIGNATURE else "bundle.unreadable", file=self.file, reason=part
            ) from None
        self._check(part, info.file_size)  # what the zip says, before unpacking anything
        if declared is not None and info.file_size != declared:
            raise BundleRejected("bundle.tampered", file=self.file)
        data = bytearray()
        with self.bundle.open(info) as stream:  # what it holds, should the zip say less
            while chunk := stream.read(CHUNK):
                data += chunk
                self._check(part, len(data))
        self.total += len(data)
        return data


def _manifest(data: bytes, file: str) -> dict:
    """Return the manifest's fields; refuse one that is not a signed bundle's of a hub."""
    manifest = json.loads(data)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleRejected("bundle.unreadable", file=file, reason="manifest")
    if manifest.get("version") == 1:
        raise BundleRejected("bundle.unsigned", file=file)
    if (
        manifest.get("version") != VERSION
        or not HUB_ID.fullmatch(str(manifest.get("region")))
        or not isinstance(manifest.get("parts"), dict)
    ):
        raise BundleRejected("bundle.unreadable", file=file, reason="manifest")
    return manifest


def _read_signed(path: Path, keys: Callable[[str], bytes | None]) -> tuple[dict, dict[str, bytearray]]:
    """Return a bundle's manifest and parts, its signature checked before its parts are unpacked."""
    file = Path(path).name
    if Path(path).stat().st_size > MAX_FILE_BYTES:
        raise BundleRejected("bundle.too_big", file=file, part=file, max=f"{MAX_FILE_BYTES / MB:g}")
    with zipfile.ZipFile(path) as bundle:
        unpack = _Unpacker(bundle, file)
        signed = bytes(unpack.read(MANIFEST))
        manifest = _manifest(signed, file)
        given = unpack.read(SIGNATURE).decode("ascii", errors="replace").strip()
        key = keys(manifest["region"])
        if key is None:
            raise BundleRejected("bundle.no_key", file=file, hub=manifest["region"])
        if not signed_by(key, signed, given):
            raise BundleRejected("bundle.bad_signature", file=file, hub=manifest["region"])
        declared = {part: manifest["parts"].get(part) or {} for part in (REVISIONS, CODES)}
        parts = {part: unpack.read(part, declared[part].get("bytes")) for part in declared}
    if any(_digest(data) != declared[part].get("sha256") for part, data in parts.items()):
        raise BundleRejected("bundle.tampered", file=file)
    return manifest, parts


def read_bundle(path: Path, keys: Callable[[str], bytes | None]) -> Bundle:
    """Return a bundle's content, checked whole; ``keys(hub)`` gives a hub's key (None: unknown here).

    Raise ``BundleRejected`` (saying why, in the reader's language) for a missing, truncated, too
    big, unsigned or wrongly signed, altered or foreign file, or one carrying another hub's records.
    """
    file = Path(path).name
    try:
        manifest, parts = _read_signed(path, keys)
    except BundleRejected:
        raise
    except (
        OSError,
        zipfile.BadZipFile,
        zlib.error,
        ValueError,
        EOFError,
        KeyError,
        TypeError,
        AttributeError,
    ) as error:
        raise BundleRejected("bundle.unreadable", file=file, reason=type(error).__name__) from error
    hub_id = manifest["region"]
    try:
        items = [_from_json(json.loads(line)) for line in parts[REVISIONS].decode().splitlines()]
        codes = {str(association): str(code) for association, code in json.loads(parts[CODES]).items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BundleRejected("bundle.tampered", file=file) from error
    if len(items) != manifest.get("revisions"):
        raise BundleRejected("bundle.tampered", file=file)
    foreign = sorted({item.region for item in items} - {hub_id})
    if foreign:
        raise BundleRejected("bundle.foreign_records", file=file, hub=hub_id, other=", ".join(foreign))
    return Bundle(hub_id, items, codes)
