"""The application and review forms driven without a kernel: the association's code, the
self-check, drafts then a frozen submission; the reviewer's code, assignments, conflicts and
extreme scores; and forged widget messages that try to widen what a code opens."""

from __future__ import annotations

import pytest

from saara_kit.app_builder import app
from saara_kit.grants.reviewers import add_reviewers, assign
from saara_kit.settings import TRAINER
from saara_kit.store.codes import give_codes

OURS, THEIRS = "Association Tafat", "Association Amel"
PROJECT = {
    "project": "Jardins partagés",
    "summary": "Trois jardins avec l'APC.",
    "objectives": "Planter, former.",
    "duration_months": 12,
    "total_cost": 2_000_000,
    "requested": 1_500_000,
    "registration": "AG-31-2019-7",
}


@pytest.fixture
def codes(store, monkeypatch):
    monkeypatch.setenv("SAARA_REGION", "ouest")
    return give_codes(store, "ouest", [OURS, THEIRS])


def _application(store, association=OURS, code=None, author="participant-1", codes=None):
    form = app("application", store=store, lang="fr")
    form.state.device = author
    form._participant.value = "Amina"
    form._code.value = code if code is not None else codes[association]  # typed, as on a phone
    form.open_association(association)
    return form


def _deposit(form) -> None:
    """Tap "Check and submit", then confirm."""
    form.submit()
    form.confirm_submit()


def _applications(store):
    return [(rev.revision, rev.association, rev.payload["status"]) for rev in store.revisions_of("application")]


def test_an_application_is_saved_as_a_draft_then_submitted_once_and_frozen(store, codes):
    form = _application(store, codes=codes)
    form.value = {**PROJECT, "registration": ""}
    assert [r.rule for r in form.self_check if not r.passed] == ["registered"]
    form.submit()
    assert form.state.notice.key == "grants.not_eligible" and _applications(store) == []  # nothing saved

    form.value = PROJECT
    assert all(r.passed for r in form.self_check)
    form.save()
    assert _applications(store) == [(1, OURS, "draft")]
    _deposit(form)
    assert form.state.notice.key == "grants.submitted"
    assert _applications(store) == [(1, OURS, "draft"), (2, OURS, "submitted")]
    [saved] = store.current("application", "ouest", OURS)
    assert saved.payload["submitted_at"] and saved.payload["call"] == form.call.id

    again = _application(store, codes=codes)  # another phone of the association
    again.edit(again.state.application_id)
    assert again.state.editor_notice.key == "form.frozen"
    again.value = {**PROJECT, "project": "Autre titre"}
    assert not again.state.add(again.value)
    again.save()
    _deposit(again)
    assert again.state.notice.key in ("form.frozen", "grants.already_submitted", "grants.confirm_first")
    assert len(store.revisions_of("application")) == 2  # nothing changed after submission


def test_submitting_asks_first_and_a_cancel_submits_nothing(store, codes):
    form = _application(store, codes=codes)
    form.value = PROJECT
    form.submit()  # the first tap only asks
    assert form.state.confirming and form.state.notice.key == "grants.confirm_submit"
    assert form._confirm.layout.display == "flex" and _applications(store) == []
    form.cancel_submit()
    assert not form.state.confirming and form.state.notice.key == "grants.submit_cancelled"
    assert form._confirm.layout.display == "none" and _applications(store) == []
    form.confirm_submit()  # a confirm button clicked while hidden (a forged message)
    assert form.state.notice.key == "grants.confirm_first" and _applications(store) == []

    form.submit()
    form.value = {**PROJECT, "requested": 1_600_000}  # a change after the question: asked about another application
    assert not form.state.confirming
    form.state.confirming = True  # even when the browser forges the question's buttons
    form.confirm_submit()
    assert form.state.notice.key == "grants.changed_since_asked" and _applications(store) == []


def test_after_submitting_the_checks_are_those_of_the_application_submitted(store, codes):
    form = _application(store, codes=codes)
    form.value = PROJECT
    form.save()  # the editor empties; the checks stay those of the saved draft
    assert all(r.passed for r in form.self_check) and "✗" not in form._check.value
    _deposit(form)
    assert form.state.notice.key == "grants.submitted" and form.value["registration"] == ""
    assert all(r.passed for r in form.self_check)
    shown = form._check.value.replace("\u202f", " ").replace("\xa0", " ")
    assert "✗" not in shown and "ici 1 500 000,00 DA" in shown


def test_a_submission_from_a_phone_that_missed_a_save_is_refused_and_stays_a_draft(store, codes):
    first, stale = _application(store, codes=codes), None
    first.value = PROJECT
    first.save()
    stale = _application(store, codes=codes)  # opens the draft
    first.value = {**PROJECT, "requested": 1_200_000}
    first.save()  # revision 2, which the stale phone never saw
    _deposit(stale)
    assert stale.state.notice.key == "form.conflict"
    assert [(rev.revision, rev.payload["status"]) for rev in store.revisions_of("application")] == [
        (1, "draft"),
        (2, "draft"),
    ]
    assert [record.status for record in stale.state.draft.values()] == ["draft"]  # reloaded, never "submitted" unsaved
    _deposit(stale)  # now on the latest revision
    assert stale.state.notice.key == "grants.submitted"


def test_a_change_after_submission_is_a_new_revision_the_trainer_makes(store, codes):
    form = _application(store, codes=codes)
    form.value = PROJECT
    _deposit(form)
    trainer = _application(store, code="", author=TRAINER, codes=codes)
    trainer.edit(trainer.state.application_id)
    trainer.value = {"requested": 1_400_000}
    assert trainer.add()
    trainer.save()
    history = store.revisions_of("application")
    assert [(rev.revision, rev.payload["status"], rev.payload["requested"]) for rev in history] == [
        (1, "submitted", 1_500_000),
        (2, "submitted", 1_400_000),
    ]  # visible as a revision after submission


def test_an_application_opens_only_with_its_code_and_never_without_one(store, codes, monkeypatch):
    form = _application(store, code="", codes=codes)
    assert form.state.notice.key == "association.code_needed" and form.state.association == ""
    stranger = _application(store, association="Association Sans Carte", code="", codes=codes)
    assert stranger.state.notice.key == "association.code_from_facilitator"
    stranger.value = PROJECT
    stranger.save()
    assert store.revisions_of("application") == []  # a form never makes a code for an application


def test_forged_widget_messages_cannot_open_or_save_another_association(store, codes):
    form = _application(store, codes=codes)
    form.value = PROJECT
    form.save()
    # the browser may send any value for any box: another association's name, with or without a code
    form._association.set_state({"value": THEIRS})
    assert form.state.notice.key == "association.code_wrong" and form.state.association == ""
    form.value = {**PROJECT, "project": "Projet volé"}
    form._submit.set_state({"disabled": False})
    form._association.set_state({"value": THEIRS})
    _deposit(form)
    assert store.current("application", "ouest", THEIRS) == []
    form._code.set_state({"value": "AAAAAA"})
    form.save()
    assert store.current("application", "ouest", THEIRS) == []
    assert [rev.association for rev in store.revisions_of("application")] == [OURS]


# -- reviews ----------------------------------------------------------------------------------


@pytest.fixture
def submitted(store, codes):
    """Two submitted applications, and two reviewers: each one assigned to the first, only R1 to the second."""
    for association in (OURS, THEIRS):
        form = _application(store, association=association, codes=codes)
        form.value = {**PROJECT, "project": f"Projet de {association}"}
        _deposit(form)
        assert form.state.notice.key == "grants.submitted", form.state.notice
    call = form.call.id
    reviewer_codes = add_reviewers(store, call, ["Dr Benali", "Mme Haddad"])
    for name in reviewer_codes:
        assign(store, call, name, "ouest", OURS)
    assign(store, call, "Dr Benali", "ouest", THEIRS)
    return reviewer_codes


SCORES = {"relevance": 4, "feasibility": 3, "concertation": 4, "sustainability": 3, "budget_quality": 2, "capacity": 4}


def _review(store, code):
    form = app("review", store=store, lang="fr")
    form._code.value = code
    return form


def test_a_reviewer_sees_only_their_applications_and_submits_a_frozen_review(store, submitted):
    haddad = _review(store, submitted["Mme Haddad"])
    assert haddad.state.reviewer == "Mme Haddad"
    assert [(hub_id, association) for hub_id, association, _ in haddad.state.assigned] == [("ouest", OURS)]
    haddad.pick("ouest", OURS)
    haddad.value = {**SCORES, "relevance": 5}
    assert haddad.weighted == pytest.approx(100 * (25 * 1 + 20 * 0.6 + 20 * 0.8 + 15 * 0.6 + 10 * 0.4 + 10 * 0.8) / 100)
    haddad.save()
    assert haddad.state.state == "draft" and store.current("review", "ouest", OURS)[0].payload["status"] == "draft"
    haddad.submit()
    assert [e.code for e in haddad.state.notice.errors] == ["extreme_needs_comment"]  # the 5 needs a comment
    haddad.value = {"comment_relevance": "Répond à un besoin documenté par l'APC."}
    haddad.submit()
    assert haddad.state.state == "submitted"
    assert haddad.state.other_scores == []  # Dr Benali has not submitted yet
    haddad.value = {"relevance": 1}
    haddad.save()
    assert haddad.state.notice.key == "review.frozen"
    [review] = store.current("review", "ouest", OURS)
    assert (review.revision, review.payload["relevance"]) == (2, 5) and review.author.startswith("Mme Haddad (")


def test_a_reviewer_sees_no_one_elses_name_or_scores_before_submitting(store, submitted):
    benali = _review(store, submitted["Dr Benali"])
    benali.pick("ouest", OURS)
    benali.value = {**SCORES}
    benali.submit()
    haddad = _review(store, submitted["Mme Haddad"])
    haddad.pick("ouest", OURS)
    assert haddad.state.review == {} and haddad.state.other_scores == []
    assert "Benali" not in haddad._application.value + haddad._others.value
    haddad.value = {"conflict": "yes"}
    haddad.submit()  # a declared conflict needs no score
    assert haddad.state.state == "submitted"
    assert haddad.state.other_scores == [pytest.approx(benali.weighted, abs=0.05)]
    assert "Benali" not in haddad._others.value


def test_forged_widget_messages_cannot_reach_an_application_not_assigned(store, submitted):
    haddad = _review(store, submitted["Mme Haddad"])
    haddad._pick.set_state({"index": 0})
    haddad.pick("ouest", THEIRS)  # as a forged list value would ask
    assert haddad.state.notice.key == "review.not_assigned" and haddad.state.application == {}
    haddad.value = SCORES
    haddad.save()
    assert store.current("review", "ouest", THEIRS) == []
    haddad.pick("ouest", OURS)
    assert not haddad.state.save(SCORES, code="ZZZZZZ")  # the save checks the code again, whatever was opened
    assert haddad.state.notice.key == "review.code_wrong" and store.current("review") == []
    haddad._code.set_state({"value": submitted["Mme Haddad"]})
    haddad.pick("ouest", OURS)
    haddad._code.set_state({"value": "ZZZZZZ"})  # a wrong code typed after opening closes everything
    haddad.value = SCORES
    haddad.save()
    assert haddad.state.reviewer == "" and haddad.state.application == {} and store.current("review") == []
    haddad._code.set_state({"value": submitted["Dr Benali"]})  # the other reviewer's code opens only theirs
    assert haddad.state.reviewer == "Dr Benali" and haddad.state.application == {}


def test_a_reviewer_and_the_committee_see_that_an_application_changed_after_submission(store, submitted):
    from saara_kit.grants.committee import ranking_table
    from saara_kit.grants.consolidation import revised_after_submission
    from saara_kit.registry import domain
    from saara_kit.store.repository import history_frame, revisions_frame

    trainer = _application(store, code="", author=TRAINER, codes={})
    trainer.open_association(OURS)
    trainer.edit(trainer.state.application_id)
    trainer.value = {"requested": 1_400_000}
    trainer.add()
    trainer.save()  # revision 2: submitted, then this change
    haddad = _review(store, submitted["Mme Haddad"])
    haddad.pick("ouest", OURS)
    assert haddad.state.application["revised"] == 2 and "modifié après dépôt (révision 2)" in haddad._application.value
    assert "<bdi>Pôle Ouest</bdi>" in haddad._application.value  # the hub by its name, not its id
    revised = revised_after_submission(history_frame(store, domain("grants")))
    assert revised == {(trainer.call.id, OURS): 2}
    applications = revisions_frame(domain("grants"), store.current("application"))
    reviews = revisions_frame(domain("reviews"), store.current("review"))
    table = ranking_table(applications, reviews, "fr", revised=revised).set_index("Association")
    assert "révision 2" in table.loc[OURS, "À revoir"] and "révision" not in table.loc[THEIRS, "À revoir"]
