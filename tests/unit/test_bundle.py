"""Hub bundles: an offline hub's records travel in one signed file and merge into another store, on
SQLite and on PostgreSQL, losing nothing, twice the same, and a damaged file changes nothing.
(``test_bundle_attacks``: an altered file, a zip bomb.)"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import replace

import pytest

from saara_kit.cli import main
from saara_kit.codes import new_code
from saara_kit.registry import domains
from saara_kit.store import open_store
from saara_kit.store.bundle import BundleRejected, export_bundle, import_bundle
from saara_kit.store.bundle_keys import KEY_LENGTH
from saara_kit.store.codes import codes_of

KEY = new_code(KEY_LENGTH).encode()  # the ouest hub's, shared with the store that imports


def keys(hub: str) -> bytes | None:
    """The keys the importing store has: the ouest hub's only."""
    return KEY if hub == "ouest" else None


def _state(store, hub_id="ouest"):
    """Every revision of the hub, as comparable rows."""
    return sorted(
        (
            r.record_id,
            r.revision,
            r.kind,
            r.association,
            r.author,
            repr(r.payload),
            r.deleted,
            r.saved_at.astimezone(dt.UTC),
        )
        for r in store.revisions_of(None, hub_id=hub_id)
    )


def _edit(store, record, **changes):
    """Save the record's next revision with ``changes`` in its payload; return it."""
    latest = store.history(record.record_id)[-1]
    edited = replace(
        latest,
        revision=latest.revision + 1,
        payload={**latest.payload, **changes},
        saved_at=dt.datetime.now(dt.UTC),
    )
    store.save(edited)
    return edited


def test_a_hub_travels_whole_and_importing_twice_changes_nothing(laptop, any_store, tmp_path):
    bundle = tmp_path / "ouest.saara"
    assert export_bundle(laptop, "ouest", bundle, KEY) == len(_state(laptop)) > 20
    first = import_bundle(any_store, bundle, keys, domains())
    assert (first.added, first.already, first.conflicts) == (len(_state(laptop)), 0, [])
    assert _state(any_store) == _state(laptop) and _state(any_store, "sud") == []
    assert codes_of(any_store, "ouest") == codes_of(laptop, "ouest") != {}  # participants keep their codes

    rows = any_store.count_rows()
    again = import_bundle(any_store, bundle, keys, domains())
    assert (again.added, again.already, again.conflicts) == (0, len(_state(laptop)), [])
    assert any_store.count_rows() == rows


def test_a_record_edited_on_both_sides_keeps_both_edits_and_is_listed(laptop, any_store, tmp_path):
    export_bundle(laptop, "ouest", tmp_path / "day1.saara", KEY)
    import_bundle(any_store, tmp_path / "day1.saara", keys, domains())
    record = laptop.current("stakeholder", hub_id="ouest")[0]
    on_laptop = _edit(laptop, record, notes="vu au pôle")
    on_server = _edit(any_store, record, notes="vu au siège")  # later: it stays current
    other = laptop.current("stakeholder", hub_id="ouest")[1]
    only_laptop = _edit(laptop, other, notes="seulement au pôle")

    export_bundle(laptop, "ouest", tmp_path / "day2.saara", KEY)
    report = import_bundle(any_store, tmp_path / "day2.saara", keys, domains())
    [conflict] = report.conflicts
    assert (conflict.record_id, conflict.local, conflict.imported) == (record.record_id, 2, (3,))
    history = [revision.payload["notes"] for revision in any_store.history(record.record_id)]
    assert history[1:] == ["vu au siège", "vu au pôle", "vu au siège"]  # both kept, the later edit current
    assert any_store.history(other.record_id)[-1].payload["notes"] == only_laptop.payload["notes"]  # fast-forward
    assert on_laptop.payload["notes"] in history and on_server.payload["notes"] in history

    rows = any_store.count_rows()
    assert (
        import_bundle(any_store, tmp_path / "day2.saara", keys, domains()).conflicts == []
    )  # the same file: nothing new
    assert any_store.count_rows() == rows


@pytest.mark.parametrize("damage", ["truncate", "alter", "not_a_bundle"])
def test_a_damaged_bundle_is_refused_and_the_store_stays_as_it_was(laptop, any_store, tmp_path, damage):
    bundle = tmp_path / "ouest.saara"
    export_bundle(laptop, "ouest", bundle, KEY)
    data = bundle.read_bytes()
    if damage == "truncate":
        bundle.write_bytes(data[: len(data) // 2])
    elif damage == "alter":  # same manifest, one revision's payload changed
        with zipfile.ZipFile(tmp_path / "ouest.saara") as original:
            parts = {name: original.read(name) for name in original.namelist()}
        parts["revisions.jsonl"] = parts["revisions.jsonl"].replace(b'"power": 5', b'"power": 1', 1)
        with zipfile.ZipFile(bundle, "w") as altered:
            for name, part in parts.items():
                altered.writestr(name, part)
    else:
        bundle.write_text("id,name\n1,x\n", encoding="utf-8")
    any_store.save(laptop.current("stakeholder", hub_id="ouest")[0])  # something already saved
    before = _state(any_store)
    with pytest.raises(BundleRejected) as refused:
        import_bundle(any_store, bundle, keys, domains())
    expected = "bundle.tampered" if damage == "alter" else "bundle.unreadable"
    assert refused.value.key == expected
    assert "Rien n'a été importé" in refused.value.message("fr") and "ouest.saara" in refused.value.message("fr")
    assert _state(any_store) == before


def test_the_cli_exports_merges_and_lists_conflicts_in_the_users_language(laptop, tmp_path, capsys):
    bundle, hub, server = tmp_path / "ouest.saara", tmp_path / "hub", tmp_path / "server"
    export = [
        "bundle",
        "export",
        "--region",
        "ouest",
        "-o",
        str(bundle),
        "--db-url",
        laptop.url,
        "--data-dir",
        str(hub),
    ]
    assert main(export) == 0
    said = capsys.readouterr().out
    assert f"écrites dans {bundle}" in said and "Une clé a été créée pour le pôle ouest" in said  # the first export
    assert main(["bundle", "import", str(bundle), "--data-dir", str(server)]) == 2  # the server has no key yet
    assert "dont ce dossier de données n'a pas la clé. Rien n'a été importé" in capsys.readouterr().err

    assert main(["bundle", "key", "--region", "ouest", "--data-dir", str(hub)]) == 0
    key = re.search(r"--set (\S+)", capsys.readouterr().out)[1]  # read out on the phone, typed on the server
    assert (
        main(["bundle", "key", "--region", "ouest", "--set", key.lower().replace("-", " "), "--data-dir", str(server)])
        == 0
    )
    assert "Clé du pôle ouest enregistrée" in capsys.readouterr().out
    assert (server / "bundle-keys" / "ouest.key").stat().st_mode & 0o077 == 0  # its owner's only
    assert main(["bundle", "key", "--region", "ouest", "--set", "ABC", "--data-dir", str(server)]) == 2
    assert "Ce n'est pas une clé de pôle" in capsys.readouterr().err
    assert main(["bundle", "import", str(bundle), "--data-dir", str(server)]) == 0
    assert "Pôle ouest fusionné" in capsys.readouterr().out
    record = laptop.current("stakeholder", hub_id="ouest")[0]
    _edit(laptop, record, notes="pôle")
    with open_store(server) as store:
        _edit(store, record, notes="siège")
    assert main(export) == 0 and "Une clé a été créée" not in capsys.readouterr().out  # the same key, kept
    assert main(["--lang", "en", "bundle", "import", str(bundle), "--data-dir", str(server)]) == 0
    said = capsys.readouterr().out
    assert f"Edited on both sides: stakeholders “{record.payload['name']}” of {record.association}" in said
    assert "conflicts (records edited on both sides): 1; records withdrawn by the file: 0." in said
    bundle.write_bytes(bundle.read_bytes()[:100])
    assert main(["bundle", "import", str(bundle), "--data-dir", str(server)]) == 2
    assert "n'est pas un paquet SAARA lisible" in capsys.readouterr().err
