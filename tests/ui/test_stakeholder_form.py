"""The stakeholder form driven without a kernel: set values, click, check the model and the store."""
from __future__ import annotations

import pytest

from saara_kit.stakeholders.form import StakeholderForm, stakeholder_app
from saara_kit.stakeholders.model import KIND


def _form(store, lang="fr") -> StakeholderForm:
    return StakeholderForm(store, region="est", lang=lang)


def _open(form, association="Association Femmes Rurales"):
    form._association.value = association


def _add(form, **values):
    form.reset()
    for field, value in values.items():
        form._fields[field].value = value
    form._add.click()


def _current(store):
    return store.current(KIND, region="est")


def test_adding_two_stakeholders_draws_the_grid_and_saves_them(store):
    form = _form(store)
    _open(form)
    _add(form, name="APC d'Aïn Arnat", type="apc", power=4, interest=5)
    _add(form, name="Coopérative laitière", type="private_firm", power=2, interest=4, position=1)
    assert [s.name for s in form.entries] == ["APC d'Aïn Arnat", "Coopérative laitière"]
    assert bytes(form._grid.value).startswith(b"\x89PNG")
    assert len(form.pending) == 2 and _current(store) == []

    form._save.click()
    saved = _current(store)
    assert [r.payload["name"] for r in saved] == ["APC d'Aïn Arnat", "Coopérative laitière"]
    assert {r.association for r in saved} == {"Association Femmes Rurales"}
    assert "Enregistré : 2 modification(s)" in form._status.value
    assert form.pending == [] and not form._save.disabled


def test_saving_twice_writes_nothing_new(store):
    form = _form(store)
    _open(form)
    _add(form, name="Wilaya de Sétif")
    form._save.click()
    form._save.click()
    assert store.count_rows() == 1
    assert "Rien de nouveau" in form._status.value


def test_invalid_entry_is_refused_with_the_field_named(store):
    form = _form(store, "en")
    _open(form)
    _add(form, name="  ")
    assert form.entries == []
    assert "“Name”: this field is required" in form._editor_message.value


def test_typed_text_is_escaped_in_messages(store):
    hostile = "<img src=x onerror=alert(1)>"
    form = _form(store)
    _open(form, hostile)
    _add(form, name="APC")
    form._save.click()
    again = _form(store)
    _open(again, hostile)
    assert "&lt;img src=x onerror=alert(1)&gt;" in again._status.value
    assert "<img" not in again._status.value


def test_oversized_association_name_is_refused(store):
    form = _form(store)
    _add(form, name="APC de Sétif")
    assert len(form.entries) == 1
    form._association.value = "x" * 5_000_000  # the browser can send any widget value
    form._save.click()
    assert "trop long (au plus 200 caractères)" in form._status.value
    assert store.count_rows() == 0


def test_edit_then_remove_before_saving(store):
    form = _form(store)
    _open(form)
    _add(form, name="Daïra d'Aïn Arnat", power=2)
    _add(form, name="Média local")
    first = form._list.options[0][1]
    form._list.value = first
    form._edit.click()
    assert form.value["name"] == "Daïra d'Aïn Arnat"
    form._fields["power"].value = 5
    form._add.click()
    assert form.entries[0].power == 5 and len(form.entries) == 2
    form._list.value = form._list.options[1][1]
    form._remove.click()
    form._save.click()
    assert [(r.payload["name"], r.payload["power"]) for r in _current(store)] == [("Daïra d'Aïn Arnat", 5)]


def test_reopening_shows_saved_entries_and_removal_is_a_new_revision(store):
    form = _form(store)
    _open(form)
    _add(form, name="APC de Mezloug")
    _add(form, name="Chambre d'agriculture")
    form._save.click()

    again = _form(store, "ar")
    assert "Association Femmes Rurales" in again._association.options
    _open(again)
    assert [s.name for s in again.entries] == ["APC de Mezloug", "Chambre d'agriculture"]
    assert "محفوظ" in again._status.value
    again._list.value = again._list.options[0][1]
    again._remove.click()
    again._save.click()
    assert [r.payload["name"] for r in _current(store)] == ["Chambre d'agriculture"]
    assert store.count_rows() == 3  # nothing deleted: the withdrawal is a revision


def test_entries_added_before_naming_the_association_are_kept(store):
    form = _form(store)
    _add(form, name="APC de Sétif")
    _open(form)
    assert [s.name for s in form.entries] == ["APC de Sétif"]
    form._save.click()
    assert len(_current(store)) == 1


def _edit_first(form, **values):
    form._list.value = form._list.options[0][1]
    form._edit.click()
    for field, value in values.items():
        form._fields[field].value = value
    form._add.click()


def test_saving_over_a_change_made_elsewhere_reloads_and_says_so(store):
    author = _form(store)
    _open(author)
    _add(author, name="APC", power=3)
    author._save.click()
    first, second = _form(store), _form(store)
    for form in (first, second):
        _open(form)
    _edit_first(first, power=5)
    first._save.click()
    _edit_first(second, power=1)
    second._save.click()
    assert "Quelqu'un d'autre" in second._status.value
    assert [s.power for s in second.entries] == [5]  # reloaded: the other change is kept
    assert [r.revision for r in _current(store)] == [2]


def test_language_switch_relabels_and_keeps_values(store):
    form = _form(store)
    form._fields["name"].value = "APC de Sétif"
    form._fields["type"].value = "daira"
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
    form = stakeholder_app(store=store)
    assert form.lang == lang and form._region == "sud"


def test_saving_never_withdraws_what_another_participant_saved_meanwhile(store):
    mine, theirs = _form(store), _form(store)
    for form in (mine, theirs):
        _open(form)
    _add(mine, name="APC de Sétif")
    mine._save.click()
    _add(theirs, name="Wilaya de Sétif")
    theirs._save.click()
    assert [s.name for s in theirs.entries] == ["APC de Sétif", "Wilaya de Sétif"]  # theirs now shows mine
    _add(mine, name="Radio Sétif")
    mine._save.click()
    assert "Enregistré : 1 modification(s)" in mine._status.value
    assert sorted(r.payload["name"] for r in _current(store)) == ["APC de Sétif", "Radio Sétif", "Wilaya de Sétif"]


def test_a_half_typed_entry_survives_a_save(store):
    form = _form(store)
    _open(form)
    _add(form, name="APC de Sétif")
    form._fields["name"].value = "Daïra d'El Eulma"
    form._save.click()
    assert form.value["name"] == "Daïra d'El Eulma"
