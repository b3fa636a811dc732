"""Drafts outlive the form: what a device typed and never saved is kept in the store and offered back
when the same device opens the same association again (a new kernel, after a cull or a restart).
A draft is never a record: only Save makes one."""

from __future__ import annotations

from saara_kit.records.form import RecordListForm
from saara_kit.records.steps import StepsForm
from saara_kit.registry import steps
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import Revision
from saara_kit.store.codes import code_of
from saara_kit.store.drafts import read_draft

ASSOCIATION = "Association Femmes Rurales"
PHONE, OTHER_PHONE = "participant-0123456789ab", "participant-ba9876543210"


def _form(store, device: str = PHONE, lang: str = "fr") -> RecordListForm:
    """A form as a new kernel builds it for ``device``, opened on the association (with its code once it has one)."""
    form = RecordListForm(DOMAIN, store, hub_id="est", lang=lang, author=device)
    form.open_association(ASSOCIATION, code_of(store, "est", ASSOCIATION) or "")
    return form


def _add(form, **values) -> None:
    form.reset()
    form.value = values
    assert form.add()


def _draft(store, device: str = PHONE):
    return read_draft(store, device, DOMAIN.kind, "est", ASSOCIATION)


def test_a_record_added_but_not_saved_comes_back_on_the_same_phone_and_saves(store):
    first = _form(store)
    _add(first, name="APC de Sétif", type="apc", power=4, interest=5)
    assert store.current(DOMAIN.kind, hub_id="est") == []  # a draft is never a record
    assert len(_draft(store).content["records"]) == 1

    again = _form(store)  # the kernel was culled; the phone opens the form again
    assert again.state.offered is not None and again.entries == []
    assert "1 modification non enregistrée" in again._draft_offer.value
    again.resume_draft()
    assert [record.name for record in again.entries] == ["APC de Sétif"]
    assert (again.state.offered, again.state.state, again.state.notice.key) == (None, "dirty", "draft.resumed")

    again.save()
    assert [revision.payload["name"] for revision in store.current(DOMAIN.kind, hub_id="est")] == ["APC de Sétif"]
    assert _draft(store) is None  # saved: nothing left to offer
    assert _form(store).state.offered is None


def test_what_the_editor_held_comes_back_in_the_editor(store):
    first = _form(store)
    first.value = {"name": "Direction de la jeunesse", "power": 3}
    again = _form(store)
    told = []  # what the editor showed when the offer went away
    again.state.observe(lambda change: told.append((change["new"], again.value["name"])), "offered")
    again.resume_draft()
    assert (again.value["name"], again.value["power"], again.entries) == ("Direction de la jeunesse", 3, [])
    assert told == [(None, "Direction de la jeunesse")]


def test_a_draft_is_offered_to_its_own_phone_and_association_only(store):
    _add(_form(store), name="APC de Sétif")
    assert _form(store, device=OTHER_PHONE).state.offered is None
    other_association = RecordListForm(DOMAIN, store, hub_id="est", author=PHONE)
    other_association.open_association("Association Jeunesse Sétif")
    assert other_association.state.offered is None
    anonymous = RecordListForm(DOMAIN, store, hub_id="est")  # no server named its device: no draft kept
    anonymous.open_association(ASSOCIATION)
    _add(anonymous, name="Coopérative")
    assert read_draft(store, "participant", DOMAIN.kind, "est", ASSOCIATION) is None


def test_a_draft_set_aside_is_forgotten(store):
    _add(_form(store), name="APC de Sétif")
    again = _form(store)
    again.discard_draft()
    assert (again.entries, _draft(store)) == ([], None)
    assert _form(store).state.offered is None


def test_what_is_typed_before_answering_the_offer_is_kept_with_it(store):
    _add(_form(store), name="APC de Sétif")
    again = _form(store)
    _add(again, name="Wilaya de Sétif")  # typed without answering: both are kept
    assert len(_draft(store).content["records"]) == 2
    third = _form(store)
    third.resume_draft()
    assert sorted(record.name for record in third.entries) == ["APC de Sétif", "Wilaya de Sétif"]


def test_a_record_someone_saved_since_keeps_their_version(store):
    owner = _form(store, device=OTHER_PHONE)
    _add(owner, name="APC de Sétif", power=2)
    owner.save()
    [saved] = store.current(DOMAIN.kind, hub_id="est")

    mine = _form(store)
    mine.edit(saved.record_id)
    mine.value = {"power": 5}
    mine.add()  # changed here, never saved
    store.save(Revision(**{**saved.__dict__, "revision": 2, "payload": {**saved.payload, "power": 4}}))

    again = _form(store)
    again.resume_draft()
    assert again.state.notice.key == "draft.resumed_stale"
    assert [record.power for record in again.entries] == [4]  # theirs, not overwritten
    assert again.pending == []


def test_a_removal_comes_back_as_a_removal(store):
    owner = _form(store)
    _add(owner, name="APC de Sétif")
    owner.save()
    [saved] = store.current(DOMAIN.kind, hub_id="est")
    owner.remove(saved.record_id)
    again = _form(store)
    assert again.entries and again.state.offered is not None
    again.resume_draft()
    assert again.entries == [] and [change.deleted for change in again.pending] == [True]


def test_an_app_in_steps_names_the_steps_that_offer_a_draft(store):
    domains = steps("stakeholders")
    form = StepsForm(domains, store, hub_id="est", author=PHONE)
    form.open_association(ASSOCIATION)
    form.steps["objectives"].value = {"name": "Ouvrir une maison de jeunes"}
    form.steps["objectives"].add()

    again = StepsForm(domains, store, hub_id="est", author=PHONE)
    again.open_association(ASSOCIATION)
    assert again.steps["objectives"].state.offered is not None
    assert "2. Objectifs" in again._drafts_found.value  # a rendered line: the step's number and title
    again.show("objectives").resume_draft()
    assert [record.name for record in again.steps["objectives"].entries] == ["Ouvrir une maison de jeunes"]
    assert again._drafts_found.value == ""


def test_a_form_with_unsaved_changes_says_so_for_the_page_to_ask_before_leaving(store):
    form = _form(store)
    assert not form.state.unsaved and "saara-unsaved" not in form._dom_classes
    form.value = {"name": "Direction de la jeunesse"}  # typed, not added
    assert form.state.unsaved and "saara-unsaved" in form._dom_classes
    form.add()
    form.save()
    assert not form.state.unsaved and "saara-unsaved" not in form._dom_classes
