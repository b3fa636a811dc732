"""Withdrawn records can be seen and brought back (`saara-kit restore`): a participant who empties
another association's list in the form does not erase it."""

from __future__ import annotations

from saara_kit.cli import main
from saara_kit.exports.transfer import import_samples
from saara_kit.records.state import RecordListState
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store


def _restore(data_dir, *options: str) -> int:
    return main(["restore", "stakeholders", "--region", "ouest", "--lang", "fr", "--data-dir", str(data_dir), *options])


def test_a_list_emptied_in_the_form_is_listed_and_brought_back_as_it_was(tmp_path, capsys):
    with open_store(tmp_path) as store:
        import_samples(store, DOMAIN)
        association = store.associations(DOMAIN.kind, "ouest")[0]
        before = {rev.record_id: rev.payload for rev in store.current(DOMAIN.kind, "ouest", association)}
        form = RecordListState(DOMAIN, store, "ouest", author="participant-mischief")
        form.open(association)
        for record_id in list(form.draft):
            form.remove(record_id)
        assert form.save(association)
        assert store.current(DOMAIN.kind, "ouest", association) == []
    others = len(before)

    assert _restore(tmp_path, "--association", association) == 0
    listed = capsys.readouterr().out
    assert f"{others} fiches retirées" in listed and "participant-mischief" in listed
    assert all(record_id in listed for record_id in before)

    assert _restore(tmp_path, "--association", association, "--all") == 0
    assert f"{others} fiches remises" in capsys.readouterr().out
    with open_store(tmp_path) as store:
        after = store.current(DOMAIN.kind, "ouest", association)
        assert {rev.record_id: rev.payload for rev in after} == before
        assert {rev.author for rev in after} == {"trainer"}
        assert any(rev.deleted for rev in store.history(after[0].record_id))  # the withdrawal stays in history
    assert _restore(tmp_path, "--association", association) == 0
    assert "0 fiche retirée" in capsys.readouterr().out


def test_an_id_that_is_not_withdrawn_is_refused_and_nothing_changes(tmp_path, capsys):
    with open_store(tmp_path) as store:
        import_samples(store, DOMAIN)
        live = store.current(DOMAIN.kind, "ouest")[0]
    assert _restore(tmp_path, "--record", live.record_id) == 2
    assert f"Pas de fiche retirée avec cet identifiant ici : {live.record_id}" in capsys.readouterr().err
    with open_store(tmp_path) as store:
        assert store.history(live.record_id)[-1] == live
