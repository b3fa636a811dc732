"""An altered hub bundle changes nothing: without the hub's key, sums recomputed or not, it is refused
by its signature; even signed, it cannot bring a payload its domain refuses, another hub's records,
a record moved from another hub, or a code for an association that has records here; every record
it withdraws is listed. A zip bomb is refused before it is unpacked, in little memory."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import struct
import subprocess
import sys
import zipfile

import pytest

from saara_kit.cli import main
from saara_kit.codes import new_code
from saara_kit.registry import domains
from saara_kit.store import open_store
from saara_kit.store.bundle import BundleRejected, Withdrawal, export_bundle, import_bundle, read_bundle
from saara_kit.store.bundle_file import CODES, LIMITS, MANIFEST, REVISIONS, SIGNATURE, write_bundle
from saara_kit.store.bundle_keys import KEY_LENGTH, signature
from saara_kit.store.codes import code_of, codes_of

KEYS = {hub: new_code(KEY_LENGTH).encode() for hub in ("ouest", "centre")}  # what the national server holds


def _state(store) -> list:
    return sorted((r.record_id, r.revision, r.region, repr(r.payload), r.deleted) for r in store.revisions_of(None))


@pytest.fixture
def bundle(laptop, tmp_path):
    path = tmp_path / "ouest.saara"
    export_bundle(laptop, "ouest", path, KEYS["ouest"])
    return path


@pytest.fixture
def server(any_store, laptop):
    """The national server: it has a record of ouest already, and its own centre records."""
    any_store.save(laptop.current("stakeholder", hub_id="ouest")[0])
    any_store.save_many(laptop.revisions_of(None, hub_id="centre"))
    return any_store


def _rewrite(path, change, key: bytes, hub_id: str = "ouest") -> None:
    """Rewrite the bundle as its editor would: ``change(revisions, codes)`` returns them changed; the
    sums are recomputed and the manifest signed with ``key``."""
    content = read_bundle(path, KEYS.get)
    revisions, codes = change(list(content.revisions), dict(content.codes))
    write_bundle(path, hub_id, revisions, codes, key)


def _stakeholder(revisions, number: int = 0):
    return [i for i, item in enumerate(revisions) if item.kind == "stakeholder"][number]


def _edit_payload(revisions, codes):
    at = _stakeholder(revisions)
    revisions[at] = dataclasses.replace(revisions[at], payload={**revisions[at].payload, "power": 1, "notes": "changé"})
    return revisions, codes


def _withdraw(revisions, codes):
    item = revisions[_stakeholder(revisions, 1)]
    return [*revisions, dataclasses.replace(item, revision=item.revision + 1, deleted=True)], codes


def _to_centre(revisions, codes):
    return [dataclasses.replace(item, region="centre") for item in revisions], codes


def _plant_code(revisions, codes):
    return revisions, {**codes, next(iter(codes)): "ZZZ222"}


@pytest.mark.parametrize("change", [_edit_payload, _withdraw, _to_centre, _plant_code])
def test_a_bundle_edited_without_the_hubs_key_is_refused_whatever_its_sums(bundle, server, change):
    before = _state(server)
    hub_id = "centre" if change is _to_centre else "ouest"
    _rewrite(bundle, change, new_code(KEY_LENGTH).encode(), hub_id)  # sums right, signed with another key
    with pytest.raises(BundleRejected) as refused:
        import_bundle(server, bundle, KEYS.get, domains())
    assert refused.value.key == "bundle.bad_signature"
    assert refused.value.message("fr").startswith(f"ouest.saara n'est pas signé par la clé du pôle {hub_id}")
    assert _state(server) == before and codes_of(server, "ouest") == {}


def test_an_unsigned_bundle_and_one_of_a_hub_without_a_key_here_are_refused(bundle, server, tmp_path):
    with zipfile.ZipFile(bundle) as signed, zipfile.ZipFile(tmp_path / "bare.saara", "w") as bare:
        for name in (MANIFEST, REVISIONS, CODES):
            bare.writestr(name, signed.read(name))
    with pytest.raises(BundleRejected, match="is not signed"):
        import_bundle(server, tmp_path / "bare.saara", KEYS.get, domains())
    with pytest.raises(BundleRejected) as refused:
        import_bundle(server, bundle, {"centre": KEYS["centre"]}.get, domains())
    assert (refused.value.key, refused.value.values["hub"]) == ("bundle.no_key", "ouest")


def _break_payload(revisions, codes):
    at = _stakeholder(revisions)
    revisions[at] = dataclasses.replace(revisions[at], payload={**revisions[at].payload, "power": 99})
    return revisions, codes


def _power_as_text(revisions, codes):
    at = _stakeholder(revisions)
    revisions[at] = dataclasses.replace(revisions[at], payload={**revisions[at].payload, "power": "5"})
    return revisions, codes


def _unknown_kind(revisions, codes):
    return [*revisions, dataclasses.replace(revisions[0], record_id="0" * 36, kind="rocket")], codes


def _one_record_of_centre(revisions, codes):
    at = _stakeholder(revisions, 2)
    revisions[at] = dataclasses.replace(revisions[at], region="centre")
    return revisions, codes


@pytest.mark.parametrize(
    "change, key, said",
    [
        (
            _break_payload,
            "bundle.invalid_record",
            "— « Pouvoir » : doit être compris entre 1 et 5. Rien n'a été importé.",
        ),
        (_power_as_text, "bundle.invalid_record", "ses valeurs ne sont pas telles qu'un formulaire les enregistre"),
        (_unknown_kind, "bundle.unknown_kind", "d'un type que ce kit ne connaît pas (rocket)"),
        (
            _one_record_of_centre,
            "bundle.foreign_records",
            "se dit du pôle ouest mais porte des fiches d'un autre pôle (centre)",
        ),
    ],
)
def test_even_signed_a_bundle_brings_nothing_its_domains_or_hub_refuse(bundle, server, change, key, said):
    before = _state(server)
    _rewrite(bundle, change, KEYS["ouest"])  # its hub's key: a laptop gone wrong, or a stolen key
    with pytest.raises(BundleRejected) as refused:
        import_bundle(server, bundle, KEYS.get, domains())
    assert refused.value.key == key and said in refused.value.message("fr")
    assert _state(server) == before and codes_of(server, "ouest") == {}


def test_a_bundle_cannot_move_another_hubs_records_into_its_own(bundle, server, laptop):
    before = _state(server)
    _rewrite(bundle, _to_centre, KEYS["centre"], hub_id="centre")  # signed with centre's key
    with pytest.raises(BundleRejected) as refused:
        import_bundle(server, bundle, KEYS.get, domains())
    assert refused.value.key == "bundle.moves_record"
    assert _state(server) == before


def test_every_withdrawal_is_listed_and_a_code_never_takes_over_an_association_with_records(
    bundle, server, laptop, tmp_path, capsys
):
    _rewrite(bundle, _withdraw, KEYS["ouest"])
    withdrawn = laptop.history(read_bundle(bundle, KEYS.get).revisions[-1].record_id)[-1]
    report = import_bundle(server, bundle, KEYS.get, domains())
    assert report.withdrawn == [
        Withdrawal(withdrawn.record_id, "stakeholder", withdrawn.association, withdrawn.payload["name"])
    ]
    assert server.history(withdrawn.record_id)[-1].deleted
    present = laptop.current("stakeholder", hub_id="ouest")[0].association  # its record was here before the file
    assert report.codes_refused == [present] and code_of(server, "ouest", present) is None
    assert set(codes_of(server, "ouest")) == set(codes_of(laptop, "ouest")) - {present}  # the others adopted

    key_dir = tmp_path / "server-folder"  # the same through the command, in the user's language
    (key_dir / "bundle-keys").mkdir(parents=True)
    (key_dir / "bundle-keys" / "ouest.key").write_text(KEYS["ouest"].decode(), encoding="ascii")
    with open_store(tmp_path / "second") as second:
        second.save(laptop.current("stakeholder", hub_id="ouest")[0])
        url = second.url
    assert main(["bundle", "import", str(bundle), "--data-dir", str(key_dir), "--db-url", url]) == 0
    said = capsys.readouterr().out
    assert f"Retirée par le fichier : stakeholders « {withdrawn.payload['name']} » de {withdrawn.association}" in said
    assert f"saara-kit restore stakeholders --region ouest --record {withdrawn.record_id}" in said
    assert f"{present} a déjà des fiches ici et pas de code : le code du fichier n'est pas adopté" in said
    assert "fiches retirées par le fichier : 1." in said


BOMB = 256 << 20  # unpacked bytes: a quarter of a gigabyte of spaces, a quarter of a megabyte packed

MEASURE = """
import resource, sys
from saara_kit.store import open_store
from saara_kit.store.bundle import BundleRejected, import_bundle
from saara_kit.registry import domains
key = sys.argv[3].encode()
with open_store(sys.argv[2]) as store:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        import_bundle(store, sys.argv[1], lambda hub: key, domains())
        print("imported")
    except BundleRejected as refused:
        print(refused.key, refused.message("fr"))
    print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def _bomb(path, key: bytes, header_says: int | None = None) -> None:
    """Write a bundle whose revisions unpack to ``BOMB`` bytes, its manifest signed with ``key``;
    with ``header_says``, the zip's headers (and the manifest) say they are that many bytes."""
    manifest = json.dumps(
        {
            "format": "saara-bundle",
            "version": 2,
            "region": "ouest",
            "revisions": 1,
            "exported_at": dt.datetime.now(dt.UTC).isoformat(),
            "parts": {
                REVISIONS: {"bytes": header_says or BOMB, "sha256": "0" * 64},
                CODES: {"bytes": 2, "sha256": "0" * 64},
            },
        }
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        bomb.writestr(MANIFEST, manifest)
        bomb.writestr(SIGNATURE, signature(key, manifest))
        bomb.writestr(CODES, "{}")
        with bomb.open(REVISIONS, "w") as revisions:
            for _ in range(BOMB >> 20):
                revisions.write(b" " * (1 << 20))
    if header_says is not None:  # the local header's and the central directory's unpacked size
        data = bytearray(path.read_bytes())
        for mark, size_at, name_length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
            start = data.find(mark)
            while start != -1:
                length = struct.unpack_from("<H", data, start + name_length_at)[0]
                if data[start + name_at : start + name_at + length] == REVISIONS.encode():
                    struct.pack_into("<I", data, start + size_at, header_says)
                start = data.find(mark, start + 4)
        path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "signed_with, header_says, refusal",
    [
        ("ouest", None, "bundle.too_big"),  # signed by its hub: refused for its size, as the zip says it
        ("ouest", 1000, "bundle.unreadable"),  # a zip that lies about the size: unpacked no further than it says
        ("another", None, "bundle.bad_signature"),  # refused before anything but the manifest is unpacked
    ],
)
def test_a_zip_bomb_is_refused_before_it_is_unpacked_in_little_memory(tmp_path, signed_with, header_says, refusal):
    path = tmp_path / "bomb.saara"
    _bomb(path, KEYS.get(signed_with, b"another hub's key"), header_says)
    assert path.stat().st_size < (1 << 20) and 3 * LIMITS[REVISIONS] < BOMB
    ran = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(tmp_path / "store"), KEYS["ouest"].decode()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    key, said, grown = ran.stdout.strip().split("\n", 2)[0].split(" ", 1) + ran.stdout.strip().splitlines()[-1:]
    assert key == refusal and "bomb.saara" in said and "Rien n'a été importé" in said
    assert refusal != "bundle.too_big" or "revisions.jsonl dépasse 64 Mo une fois décompressé" in said
    assert int(grown) < 32, f"the import grew by {grown} MB"  # the bomb unpacks to 256 MB
