"""The practice sheet form driven without a kernel: opened only with the association's code, "with
whom" and "results" drawn from its concertation plan without touching what was typed, saved for
moderation, listed in the directory once approved, and back to moderation when changed."""

from __future__ import annotations

import pytest

from saara_kit.app_builder import app
from saara_kit.concertation.domain import COMMITMENTS, LOGFRAME, MEETINGS, PARTICIPATION
from saara_kit.directory.moderation import moderate
from saara_kit.directory.state import DirectoryState
from saara_kit.practice.domain import PRACTICE
from saara_kit.registry import domain
from saara_kit.store import Revision, new_record_id
from saara_kit.store.codes import give_codes

OURS = "Association Tafat"
TYPED = {
    "name": "Des bacs choisis avec les commerçants",
    "lang": "fr",
    "themes": "concertation; communication",
    "context": "Le marché produisait la moitié des déchets du quartier.",
    "actions": "Une rencontre APC–commerçants, puis un essai de deux mois.",
    "partners": "Les commerçants, d'abord",
    "contact": "Président, par le pôle Ouest",
}


def _save(store, declared, **values) -> None:
    record = declared.validate(values)
    store.save(
        Revision(
            new_record_id(), 1, declared.kind, "ouest", OURS, "sample", record.to_payload(), declared.schema_version
        )
    )


@pytest.fixture
def code(store, monkeypatch):
    """The association's code, and what it saved: its register, a plan and the plan's steps."""
    monkeypatch.setenv("SAARA_REGION", "ouest")
    register = domain("stakeholders")
    for name in ("APC de Tlemcen", "Commerçants du marché"):
        _save(store, register, **{**register.empty(), "name": name, "type": "apc", "sector": "environment"})
    _save(store, domain("concertation"), name="Tri sélectif", objective="Trier", start="2027-01-10", end="2027-07-15")
    _save(store, PARTICIPATION, stakeholder="APC de Tlemcen", level="collaborate")
    _save(
        store,
        MEETINGS,
        plan="Tri sélectif",
        title="Rencontre APC",
        date="2027-03-10",
        time="09:30",
        place="Mairie",
        invitees="APC de Tlemcen; Commerçants du marché",
    )
    _save(
        store,
        LOGFRAME,
        plan="Tri sélectif",
        number="",
        statement="Moins de déchets",
        indicator="Tonnes triées",
        baseline="0",
        current="8",
        target="20",
    )
    _save(
        store, COMMITMENTS, who="APC de Tlemcen", what="Installer 6 bacs", due="2027-04-15", status="done", progress=100
    )
    return give_codes(store, "ouest", [OURS])[OURS]


def _form(store, code="", lang="fr"):
    form = app("practice", store=store, lang=lang)
    form.open_association(OURS, code)
    return form


def test_a_sheet_opens_only_with_the_association_code(store, code):
    assert _form(store).state.notice.key == "association.code_needed"
    assert _form(store, "WRONG1").state.notice.key == "association.code_wrong"
    form = app("practice", store=store, lang="fr")
    form.open_association("Association Inconnue")  # a first save makes no code here: the facilitator gives it
    assert form.state.notice.key == "association.code_from_facilitator" and form.state.association == ""
    assert _form(store, code).state.association == OURS


def test_drawing_fills_the_empty_fields_from_the_plan_then_the_sheet_waits_for_moderation(store, code):
    form = _form(store, code)
    form.value = TYPED
    form.prefill()
    assert form.state.filled == ["plan", "results"] and form.state.notice.key == "practice.prefilled"
    assert form.value["partners"] == "Les commerçants, d'abord"  # typed: never overwritten
    assert form.state.drawn["partners"].startswith("APC de Tlemcen — niveau de participation : Collaborer")
    assert form.value["plan"] == "Tri sélectif"
    assert form.value["results"] == (
        "Tonnes triées : de 0 à 8 (cible : 20)\nEngagements tenus : 1 sur 1\n— APC de Tlemcen : Installer 6 bacs"
    )
    form.prefill()  # again: everything is written now
    assert form.state.filled == [] and form.state.notice.key == "practice.nothing_drawn"

    form.save()
    assert form.state.state == "saved", form.state.notice
    [saved] = store.current(PRACTICE.kind, "ouest", OURS)
    assert saved.payload["status"] == "pending" and saved.payload["partners"] == "Les commerçants, d'abord"
    assert DirectoryState(store, "ouest").found.empty  # not before a trainer approves it

    moderate(store, saved.record_id, "approved")
    assert DirectoryState(store, "ouest").found["title_fr"].tolist() == [TYPED["name"]]

    again = _form(store, code)  # another phone: an unchanged sheet stays approved
    again.edit(saved.record_id)
    assert again.add() and again.state.pending == []
    again.edit(saved.record_id)
    again.value = {**again.value, "results": "Six bacs fermés installés"}
    again.save()
    [changed] = store.current(PRACTICE.kind, "ouest", OURS)
    assert (changed.revision, changed.payload["status"]) == (3, "pending")  # changed: moderated again
    assert DirectoryState(store, "ouest").found.empty


def test_drawing_needs_an_open_association(store, code):
    form = app("practice", store=store, lang="fr")
    form.value = {"name": "Sans association"}
    form.prefill()
    assert form.state.notice.key == "practice.open_first" and form.value["results"] == ""


def test_a_bad_sheet_is_refused_with_the_field_named_in_the_users_language(store, code):
    form = _form(store, code, lang="ar")
    assert form.value["lang"] == "ar"  # a new sheet is written in the form's language
    form.value = {**TYPED, "context": "", "contact": "x" * 201}
    form.save()
    assert form.state.state == "error" and store.current(PRACTICE.kind) == []
    said = form.state.editor_notice.messages("ar")
    assert any("السياق" in line for line in said) and any("جهة الاتصال" in line for line in said)
    assert [(error.field, error.code) for error in form.state.editor_notice.errors] == [
        ("context", "required"),
        ("results", "required"),
        ("contact", "too_long"),
    ]
