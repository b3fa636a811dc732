"""The stakeholder register driven without a kernel: set values, act, check the state and the store."""

from __future__ import annotations

import pandas as pd
import pytest

from saara_kit.app_builder import app
from saara_kit.records.form import RecordListForm
from saara_kit.stakeholders.analysis import with_engagement
from saara_kit.stakeholders.domain import DOMAIN


def _form(store, lang="fr") -> RecordListForm:
    return RecordListForm(DOMAIN, store, hub_id="est", lang=lang)


def _add(form, **values):
    form.reset()
    form.value = values
    form.add()


def _current(store):
    return store.current(DOMAIN.kind, hub_id="est")


def _status(form) -> str:
    return form._status.value  # the rendered line, for checks on escaping and language only


def test_adding_two_stakeholders_draws_the_grid_and_saves_them(store):
    form = _form(store)
    form.open_association("Association Femmes Rurales")
    _add(form, name="APC d'Aïn Arnat", type="apc", power=4, interest=5)
    _add(form, name="Coopérative laitière", type="private_firm", power=2, interest=4, position=1)
    assert [s.name for s in form.entries] == ["APC d'Aïn Arnat", "Coopérative laitière"]
    assert "de 2 acteurs" in form.picture_alt  # the grid is drawn, of both
    assert (form.state.state, len(form.pending), _current(store)) == ("dirty", 2, [])

    form.save()
    saved = _current(store)
    assert [r.payload["name"] for r in saved] == ["APC d'Aïn Arnat", "Coopérative laitière"]
    assert {r.association for r in saved} == {"Association Femmes Rurales"}
    assert (form.state.state, form.state.notice.key, form.state.notice.values["count"]) == ("saved", "form.saved", 2)
    assert "Enregistré : 2 modifications" in _status(form)
    assert form.pending == []


def test_the_buttons_call_the_actions(store):
    form = _form(store)
    form._association.value = "Association Femmes Rurales"
    form.value = {"name": "APC de Sétif"}
    form._add.click()
    form._save.click()
    assert [r.payload["name"] for r in _current(store)] == ["APC de Sétif"]


def test_saving_twice_writes_nothing_new(store):
    form = _form(store)
    form.open_association("Association Femmes Rurales")
    _add(form, name="Wilaya de Sétif")
    form.save()
    form.save()
    assert store.count_rows() == 1
    assert form.state.notice.key == "form.nothing_to_save"


def test_invalid_entry_is_refused_with_the_field_named(store):
    form = _form(store, "en")
    form.open_association("Association Femmes Rurales")
    _add(form, name="  ")
    assert form.entries == []
    assert [error.field for error in form.state.editor_notice.errors] == ["name"]
    assert "“Name”: this field is required" in form._editor_message.value


def test_typed_text_is_escaped_in_messages(store):
    hostile = "<img src=x onerror=alert(1)>"
    form = _form(store)
    form.open_association(hostile)
    _add(form, name="APC")
    form.save()
    again = _form(store)
    again.open_association(hostile, code=form.state.created_codes[hostile])
    assert again.state.notice.key == "stakeholders.loaded"
    assert "&lt;img src=x onerror=alert(1)&gt;" in _status(again)
    assert "<img" not in _status(again)


def test_oversized_association_name_is_refused(store):
    form = _form(store)
    _add(form, name="APC de Sétif")
    assert len(form.entries) == 1
    form._association.value = "x" * 5_000_000  # the browser can send any widget value
    form.save()
    assert form.state.state == "error"
    assert [(e.field, e.code) for e in form.state.notice.errors] == [("association", "too_long")]
    assert store.count_rows() == 0


def test_edit_then_remove_before_saving(store):
    form = _form(store)
    form.open_association("Association Femmes Rurales")
    _add(form, name="Daïra d'Aïn Arnat", power=2)
    _add(form, name="Média local")
    first, second = form.state.draft
    form.edit(first)
    assert form.value["name"] == "Daïra d'Aïn Arnat" and form.state.editing == first
    form.value = {"power": 5}
    form.add()
    assert form.entries[0].power == 5 and len(form.entries) == 2 and form.state.editing is None
    form.remove(second)
    form.save()
    assert [(r.payload["name"], r.payload["power"]) for r in _current(store)] == [("Daïra d'Aïn Arnat", 5)]


def test_the_editor_says_it_edits_only_once_its_fields_show_the_record(store):
    form = _form(store)
    form.open_association("Association Femmes Rurales")
    _add(form, name="Daïra d'Aïn Arnat", power=2, interest=5)
    _add(form, name="Média local")
    seen = []
    form.state.observe(
        lambda change: seen.append((change["new"], form.value["name"], form.value["interest"])), "editing"
    )
    first = next(iter(form.state.draft))
    form.edit(first)
    assert seen == [(first, "Daïra d'Aïn Arnat", 5)]


def test_edit_or_remove_without_a_line_says_pick_one(store):
    form = _form(store)
    form.edit(None)
    assert form.state.editor_notice.key == "form.pick_first"


def test_reopening_shows_saved_entries_and_removal_is_a_new_revision(store):
    form = _form(store)
    form.open_association("Association Femmes Rurales")
    _add(form, name="APC de Mezloug")
    _add(form, name="Chambre d'agriculture")
    form.save()

    again = _form(store, "ar")
    assert "Association Femmes Rurales" in again._association.options
    again.open_association("Association Femmes Rurales", code=form.state.created_codes["Association Femmes Rurales"])
    assert [s.name for s in again.entries] == ["APC de Mezloug", "Chambre d'agriculture"]
    assert "محفوظ" in _status(again)
    again.remove(next(iter(again.state.draft)))
    again.save()
    assert [r.payload["name"] for r in _current(store)] == ["Chambre d'agriculture"]
    assert store.count_rows() == 3  # nothing deleted: the withdrawal is a revision


def test_an_association_opens_whatever_its_case_accents_and_spaces(store):
    form = _form(store)
    form.open_association("Association Nour El Amel")
    _add(form, name="APC de Sétif")
    form.save()
    again = _form(store)
    again.open_association("  association  nour el amël ", code=form.state.created_codes["Association Nour El Amel"])
    assert again.state.association == "Association Nour El Amel"
    assert [s.name for s in again.entries] == ["APC de Sétif"]
    _add(again, name="Radio Sétif")
    again.save()
    assert store.associations(DOMAIN.kind, "est") == ["Association Nour El Amel"]


def test_entries_added_before_naming_the_association_are_kept(store):
    form = _form(store)
    _add(form, name="APC de Sétif")
    form.open_association("Association Femmes Rurales")
    assert [s.name for s in form.entries] == ["APC de Sétif"]
    form.save()
    assert len(_current(store)) == 1


def test_saving_over_a_change_made_elsewhere_reloads_and_says_so(store):
    author = _form(store)
    author.open_association("Association Femmes Rurales")
    _add(author, name="APC", power=3)
    author.save()
    first, second = _form(store), _form(store)
    for form in (first, second):
        form.open_association(
            "Association Femmes Rurales", code=author.state.created_codes["Association Femmes Rurales"]
        )
        form.edit(next(iter(form.state.draft)))
    first.value = {"power": 5}
    first.add()
    first.save()
    second.value = {"power": 1}
    second.add()
    second.save()
    assert second.state.state == "conflict"
    assert [s.power for s in second.entries] == [5]  # reloaded: the other change is kept
    assert [r.revision for r in _current(store)] == [2]


def test_language_switch_relabels_and_keeps_values(store):
    form = _form(store)
    form.value = {"name": "APC de Sétif", "type": "daira"}
    form._language.value = "ar"
    assert form._save.description == "حفظ"
    assert form._fields["type"].label == "الدائرة"
    assert form.value["name"] == "APC de Sétif"
    assert "saara-rtl" in form._dom_classes
    form.set_lang("en")
    assert form._fields["type"].label == "Daïra (district)" and "saara-rtl" not in form._dom_classes


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_builder_reads_language_from_the_query_string(store, monkeypatch, lang):
    monkeypatch.setenv("QUERY_STRING", f"lang={lang}")
    monkeypatch.setenv("SAARA_REGION", "sud")
    form = app("stakeholders", store=store)
    assert form.lang == lang and form.steps["stakeholders"].state.hub_id == "sud"


def _created(store, association: str, *names: str) -> str:
    """Create ``association`` through a form, with one stakeholder per name; return its code."""
    form = _form(store)
    form.open_association(association)
    for name in names:
        _add(form, name=name)
    form.save()
    return form.state.created_codes[association]


def test_saving_never_withdraws_what_another_participant_saved_meanwhile(store):
    code = _created(store, "Association Femmes Rurales", "Chambre d'agriculture")
    mine, theirs = _form(store), _form(store)
    for form in (mine, theirs):
        form.open_association("Association Femmes Rurales", code=code)
    mine.remove(next(iter(mine.state.draft)))
    _add(mine, name="APC de Sétif")
    mine.save()
    _add(theirs, name="Wilaya de Sétif")
    theirs.save()
    assert [s.name for s in theirs.entries] == ["APC de Sétif", "Wilaya de Sétif"]  # theirs now shows mine
    _add(mine, name="Radio Sétif")
    mine.save()
    assert mine.state.notice.values["count"] == 1
    assert sorted(r.payload["name"] for r in _current(store)) == ["APC de Sétif", "Radio Sétif", "Wilaya de Sétif"]


def test_a_filled_in_entry_never_added_is_saved_with_the_list(store):
    form = _form(store)
    form.open_association("Association Femmes Rurales")
    _add(form, name="APC de Sétif")
    form.value = {"name": "Daïra d'El Eulma", "type": "daira"}  # typed, "Add" never clicked
    form.save()
    assert form.state.state == "saved"
    assert sorted(r.payload["name"] for r in _current(store)) == ["APC de Sétif", "Daïra d'El Eulma"]
    assert form.value["name"] == ""


def test_an_invalid_entry_never_added_blocks_the_save_and_stays(store):
    form = _form(store)
    form.open_association("Association Femmes Rurales")
    _add(form, name="APC de Sétif")
    form.value = {"name": "", "notes": "à compléter"}  # typed, but the name is missing
    form.save()
    assert form.state.state == "error" and form.state.notice.key == "form.fix_entry"
    assert [e.field for e in form.state.editor_notice.errors] == ["name"]
    assert _current(store) == [] and form.value["notes"] == "à compléter"


def test_a_retry_after_a_failed_save_does_not_add_the_editor_twice(store, monkeypatch):
    from sqlalchemy.exc import OperationalError

    form = _form(store)
    form.open_association("Association Femmes Rurales")
    form.value = {"name": "APC Bab El Oued"}  # typed, "Add" never clicked
    real = store.write
    monkeypatch.setattr(store, "write", lambda work: (_ for _ in ()).throw(OperationalError("x", {}, "disk I/O")))
    form.save()
    assert form.state.state == "error" and form.state.notice.key == "form.store_error"
    monkeypatch.setattr(store, "write", real)
    form.save()
    assert [r.payload["name"] for r in _current(store)] == ["APC Bab El Oued"]


def test_switching_association_while_editing_does_not_copy_the_record(store):
    form = _form(store)
    form.open_association("Asso A")
    _add(form, name="APC de Sétif")
    form.save()
    form.edit(next(iter(form.state.draft)))
    form.open_association("Asso B")
    assert form.value["name"] == "" and form.state.editing is None
    form.save()
    assert [(r.association, r.payload["name"]) for r in _current(store)] == [("Asso A", "APC de Sétif")]


def test_the_unsaved_count_follows_the_list(store):
    form = _form(store)
    form.open_association("Asso A")
    _add(form, name="Un")
    _add(form, name="Deux")
    assert "2 modifications non enregistrées" in _status(form)


def test_a_name_with_an_emoji_draws_the_grid_without_a_warning(store):
    import warnings

    form = _form(store)
    form.open_association("Association Femmes Rurales")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _add(form, name="Jardin partagé 🌳🤝🏽", type="apc", power=4, interest=5)
    assert [str(w.message) for w in caught] == []
    assert "de 1 acteur" in form.picture_alt and form.entries[0].name == "Jardin partagé 🌳🤝🏽"


def test_a_read_only_data_folder_says_so_and_keeps_what_was_typed(store, tmp_path):
    from saara_kit.store import open_store

    form = _form(store)
    form.open_association("Association Femmes Rurales")
    _add(form, name="APC de Sétif")
    form.save()
    acknowledged = _current(store)
    # the same store file, as a read-only folder or a full disk leaves it: SQLite refuses every write
    with open_store(db_url=f"sqlite:///file:{store.engine.url.database}?mode=ro&uri=true") as read_only:
        late = _form(read_only)
        late.open_association("Association Femmes Rurales", code=form.state.created_codes["Association Femmes Rurales"])
        _add(late, name="APC de Djemila")
        late.save()
        assert late.state.state == "error" and late.state.notice.key == "form.store_error"
        assert "rien n'a été enregistré" in _status(late)
        assert [revision.payload["name"] for revision in late.pending] == ["APC de Djemila"]  # kept to retry
    assert _current(store) == acknowledged


def test_a_lock_held_past_the_retry_window_says_try_again_and_keeps_the_list(store, monkeypatch):
    import sqlite3

    import saara_kit.store.sqlite as sqlite_settings
    import saara_kit.store.store as store_module
    from saara_kit.store import open_store

    monkeypatch.setattr(sqlite_settings, "BUSY_TIMEOUT_MS", 100)  # the window, shortened for the test
    monkeypatch.setattr(store_module, "RETRIES", 3)
    patient = open_store(db_url=str(store.engine.url))  # connects with the short window
    form = _form(patient)
    form.open_association("Association Femmes Rurales")
    _add(form, name="APC de Sétif")
    holder = sqlite3.connect(store.engine.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that keeps the lock, beyond every retry
    try:
        form.save()
        assert form.state.state == "error" and form.state.notice.key == "form.store_error"
        assert "Réessayez" in _status(form) and "locked" not in _status(form)
        assert [revision.payload["name"] for revision in form.pending] == ["APC de Sétif"]
    finally:
        holder.rollback()
        holder.close()
    form.save()  # the lock gone, the retry saves
    assert form.state.state == "saved" and [r.payload["name"] for r in _current(store)] == ["APC de Sétif"]
    patient.close()


def _widgets(root):
    yield root
    for child in getattr(root, "children", ()):
        yield from _widgets(child)


def test_salience_and_engagement_fields_wait_folded_under_their_titles(store):
    import ipywidgets as widgets

    form = _form(store)
    [folded] = [w for w in _widgets(form) if isinstance(w, widgets.Accordion)]
    assert folded.selected_index is None  # a phone sees the register's fields first
    assert folded.titles == (
        "Saillance : légitimité et urgence",
        "Réseau : tour d'influence",
        "Plan d'engagement : niveau, responsable, prochain contact",
    )
    form.set_lang("ar")
    assert folded.titles[0] == "البروز: الشرعية والاستعجال"
    form.open_association("Association Femmes Rurales")
    form.value = {
        "name": "Wilaya de Sétif",
        "power": 5,
        "legitimacy": 5,
        "urgency": 1,
        "iap2": "consult",
        "owner": "Présidente",
        "next_contact": "2026-12-15",
    }
    form.add()
    form.save()
    [saved] = _current(store)
    assert (saved.payload["legitimacy"], saved.payload["iap2"], saved.payload["next_contact"]) == (
        5,
        "consult",
        "2026-12-15",
    )


def test_a_save_says_it_is_saving_before_it_ends(store):
    """A save waiting for a busy store shows so at once, rather than nothing until it ends."""
    form = _form(store)
    form.open_association("Association Femmes Rurales")
    _add(form, name="APC de Sétif")
    said = []
    form.state.observe(lambda change: said.append(change["new"].key if change["new"] else None), names="notice")
    form.save()
    assert said.index("form.saving") < said.index("form.saved")


def test_legitimacy_and_urgency_start_unset_so_a_powerful_actor_is_not_typed_until_they_are_given(store):
    form = _form(store)
    assert form._fields["legitimacy"].value == form._fields["urgency"].value == 0  # "—" until picked
    assert form._fields["legitimacy"].options[0] == ("—", 0)
    _add(form, name="APW de Sétif", type="apw", power=5, interest=4)
    [entry] = form.entries
    assert entry.legitimacy == entry.urgency == 0
    assert with_engagement(pd.DataFrame([entry.to_payload()])).loc[0, "salience"] == "untyped"
    form.edit(next(iter(form.state.draft)))
    form.value = {"legitimacy": 4, "urgency": 4}
    form.add()
    assert with_engagement(pd.DataFrame([form.entries[0].to_payload()])).loc[0, "salience"] == "definitive"
