"""The report app driven without a kernel: with its code, an association reports on its funded
project, names its milestones after its plan's activities and its indicator values after its
logframe, and each period's report is a new revision of the same record."""

from __future__ import annotations

import pytest

from saara_kit.app_builder import app
from saara_kit.followup.domain import INDICATORS, MILESTONES, REPORT
from saara_kit.store import open_store
from saara_kit.store.codes import give_codes
from tests.ui.steps import add

CASBAH = "Association Exemple Jeunesse Casbah"
REPORT_VALUES = {
    "project": "Maison de jeunes équipée",
    "budget": "Maison de jeunes équipée",
    "plan": "Concertation maison de jeunes",
    "start": "2027-01-01",
    "end": "2027-12-31",
    "period": "T2 2027",
    "as_of": "2027-07-31",
    "progress": "Atelier d'usage tenu le 12 mai.",
}


@pytest.fixture
def report(samples_dir, monkeypatch):
    monkeypatch.setenv("SAARA_REGION", "centre")
    store = open_store(samples_dir)
    code = give_codes(store, "centre", [CASBAH])[CASBAH]
    form = app("report", store=store, lang="fr")
    form.open_association(CASBAH, code)
    yield form, store
    store.close()


def test_the_report_opens_only_with_the_associations_code(samples_dir, monkeypatch):
    monkeypatch.setenv("SAARA_REGION", "centre")
    with open_store(samples_dir) as store:
        give_codes(store, "centre", [CASBAH])
        form = app("report", store=store, lang="fr")
        form.open_association(CASBAH, "")
        assert form.show("report").state.association == ""  # nothing of the association's is shown
        assert form.show("report").state.notice.key == "association.code_needed"
        form.open_association("Association Sans Carte", "")  # a first report makes no code: the facilitator gives it
        main = form.show("report")
        assert main.state.notice.key == "association.code_from_facilitator"
        main.value = REPORT_VALUES
        main.add()
        main.save()
        assert store.current(REPORT.kind, association="Association Sans Carte") == []


def test_a_new_periods_report_is_a_revision_and_its_steps_name_the_plan(report):
    form, store = report
    main = form.show("report")
    assert [record.period for record in main.saved] == ["T1 2027"]  # the sample's first report
    main.edit(next(iter(main.state.draft)))
    main.value = REPORT_VALUES
    assert main.add()
    main.save()
    assert main.state.state == "saved", main.state.notice
    [current] = store.current(REPORT.kind, hub_id="centre", association=CASBAH)
    assert current.revision == 2 and current.payload["period"] == "T2 2027"
    assert [rev.payload["period"] for rev in store.history(current.record_id)] == ["T1 2027", "T2 2027"]

    milestones = form.show("milestones")
    assert "Atelier d'usage de la maison" in milestones.state.references["activities"]
    assert not add(milestones, name="Restitution", activity="Une activité inventée", due="2027-06-10", status="planned")
    assert [(e.field, e.code) for e in milestones.state.editor_notice.errors] == [("activity", "unknown_reference")]
    assert not add(milestones, name="Restitution", activity="Restitution publique", due="2027-06-10", status="done")
    assert [(e.field, e.code) for e in milestones.state.editor_notice.errors] == [("done_on", "done_without_date")]
    assert add(
        milestones,
        name="Restitution",
        activity="restitution publique",
        due="2027-06-10",
        status="done",
        done_on="2027-06-12",
        evidence="file:evidence/restitution.jpg",
    )
    milestones.save()
    saved = {rev.payload["name"]: rev.payload for rev in store.current(MILESTONES.kind, association=CASBAH)}
    assert saved["Restitution"]["activity"] == "Restitution publique"  # the plan's spelling

    indicators = form.show("indicators")
    assert "Concertation maison de jeunes → 1.1" in indicators.state.references["logframe"]
    assert add(indicators, line="Concertation maison de jeunes → 1.2.1", current="38", measured="2027-07-20")
    indicators.save()
    assert {rev.payload["line"] for rev in store.current(INDICATORS.kind, association=CASBAH)} >= {
        "Concertation maison de jeunes → 1.2.1"
    }


def test_a_bad_value_is_named_in_the_participants_language(report):
    form, _ = report
    form.set_lang("ar")
    support = form.show("support")
    assert not add(
        support,
        date="2027-05-12",
        kind="advice",
        topic="Atelier",
        trainer="Formatrice",
        hours="2",
        status="planned",
        attendance="9",
    )
    [message] = support.state.editor_notice.messages("ar")
    assert "عدد الحاضرين" in message and "الجلسة التي لم تُعقد ليس لها حاضرون" in message


def test_milestones_are_drawn_from_the_plans_activities_once(samples_dir, monkeypatch):
    """Sétif's plan has three activities and its list names two: the third is drawn, due when it
    ends, and a second draw adds nothing; nothing is saved until the participant saves."""
    monkeypatch.setenv("SAARA_REGION", "est")
    setif = "Association Exemple Femmes Rurales Sétif"
    with open_store(samples_dir) as store:
        code = give_codes(store, "est", [setif])[setif]
        form = app("report", store=store, lang="fr")
        milestones = form.show("milestones")
        assert milestones.draw_from_plan() == 0
        assert milestones.state.notice.key == "milestones.open_first"
        form.open_association(setif, code)
        before = {record.name for record in milestones.entries}
        assert milestones.draw_from_plan() == 1
        [drawn] = [record for record in milestones.entries if record.name not in before]
        assert (drawn.name, drawn.activity, drawn.due, drawn.status) == (
            "Accord de vente avec la coopérative",
            "Accord de vente avec la coopérative",
            "2027-07-31",
            "planned",
        )
        assert milestones.state.drawn == ["Accord de vente avec la coopérative"]
        assert milestones.state.state == "dirty" and milestones.state.notice.key == "milestones.drawn"
        assert milestones.draw_from_plan() == 0 and milestones.state.notice.key == "milestones.nothing_drawn"
        assert len(store.current(MILESTONES.kind, hub_id="est", association=setif)) == len(before)
        milestones.save()
        assert "Accord de vente avec la coopérative" in {
            rev.payload["name"] for rev in store.current(MILESTONES.kind, hub_id="est", association=setif)
        }
