"""The concertation app in steps: a plan, two activities with their RACI, a meeting and a
commitment, each step checking what it names against what the association saved."""

from __future__ import annotations

import pytest

from saara_kit.app_builder import app
from saara_kit.concertation.domain import ACTIVITIES, LOGFRAME, MEETINGS
from tests.ui.steps import add

ASSOCIATION = "Association Tafat"
ACTOR = {"type": "apc", "sector": "water", "level": "communal", "power": 4, "interest": 4}
PLAN = {
    "name": "Tri sélectif",
    "objective": "Trier dans trois quartiers",
    "start": "2027-01-10",
    "end": "2027-07-15",
    "decision_room": "yes",
    "rules_agreed": "yes",
    "time_and_means": "partly",
}


@pytest.fixture
def concertation(store, monkeypatch):
    monkeypatch.setenv("SAARA_REGION", "ouest")
    register = app("stakeholders", store=store, lang="fr")
    register.open_association(ASSOCIATION)
    actors = register.show("stakeholders")
    for name in ("APC de Tlemcen", "Daïra de Mansourah"):
        actors.reset()
        actors.value = {"name": name, **ACTOR}
        assert actors.add()
    actors.save()
    code = actors.state.created_codes[ASSOCIATION]
    form = app("concertation", store=store, lang="fr")
    form.open_association(ASSOCIATION, code)
    return form


def test_a_plan_with_two_activities_and_a_meeting_is_built_step_by_step(concertation, store):
    plan = concertation.show("concertation")
    assert add(plan, **PLAN)
    plan.save()
    assert plan.state.state == "saved", plan.state.notice

    activities = concertation.show("activities")
    assert list(activities.state.references["concertation"]) == ["Tri sélectif"]
    assert activities.advice is None  # no precondition answered "no"
    raci = {
        "plan": "Tri sélectif",
        "owner": "Président",
        "responsible": "APC de Tlemcen",
        "accountable": "APC de Tlemcen",
        "consulted": "Daïra de Mansourah",
    }
    assert add(activities, name="Cartographie", start="2027-01-15", end="2027-02-28", **raci)
    assert not add(activities, name="Lancement", start="2027-05-15", end="2027-05-01", **raci)
    assert [(e.field, e.code) for e in activities.state.editor_notice.errors] == [("end", "before")]
    assert add(activities, name="Lancement", start="2027-05-15", end="2027-07-01", **raci)
    activities.save()
    assert len(store.current(ACTIVITIES.kind)) == 2

    meetings = concertation.show("meetings")
    meeting = {
        "plan": "Tri sélectif",
        "title": "Rencontre APC",
        "time": "9h30",
        "place": "Mairie",
        "invitees": "APC de Tlemcen; Daïra de Mansourah",
    }
    assert not add(meetings, date="2027-09-01", **meeting)
    assert [(e.field, e.code) for e in meetings.state.editor_notice.errors] == [("date", "outside_plan")]
    assert add(meetings, date="2027-03-10", **meeting)
    meetings.save()
    [saved] = store.current(MEETINGS.kind)
    assert saved.payload["invitees"] == "APC de Tlemcen; Daïra de Mansourah" and saved.payload["time"] == "09:30"

    commitments = concertation.show("commitments")
    assert list(commitments.state.references["meetings"]) == ["Rencontre APC"]
    assert add(
        commitments,
        who="Daïra de Mansourah",
        what="Réunir les APC",
        due="2027-04-01",
        status="planned",
        meeting="Rencontre APC",
    )
    commitments.save()
    assert commitments.state.state == "saved"

    # the same owner twice at once: a warning that saves anyway
    assert add(
        meetings, date="2027-03-10", **{**meeting, "title": "Rencontre daïra", "time": "10:30", "owner": "Amina"}
    )
    assert meetings.state.warnings == []  # the first meeting has no owner
    meetings.edit(next(iter(meetings.state.draft)))
    meetings.value = {**meetings.value, "owner": "amina"}
    assert meetings.add()
    assert [(w.field, w.code) for w in meetings.state.warnings] == [("time", "same_owner_busy")]
    assert "Amina anime déjà « Rencontre APC »" in meetings._advice.value
    meetings.save()
    assert meetings.state.state == "saved" and len(store.current(MEETINGS.kind)) == 2

    logframe = concertation.show("logframe")
    assert list(logframe.state.references["activities"]) == ["Cartographie", "Lancement"]
    assert add(logframe, plan="Tri sélectif", statement="Moins de déchets enfouis")
    assert not add(logframe, plan="Tri sélectif", number="1.1.1", activity="Cartographie", indicator="Points validés")
    assert [(e.field, e.code) for e in logframe.state.editor_notice.errors] == [("target", "no_target")]
    assert add(
        logframe,
        plan="Tri sélectif",
        number="1.1.1",
        activity="Cartographie",
        indicator="Points validés",
        baseline="0",
        target="30",
    )
    logframe.save()
    assert sorted(rev.payload["number"] for rev in store.current(LOGFRAME.kind)) == ["", "1.1.1"]


def test_a_precondition_answered_no_is_flagged_on_the_steps(concertation):
    plan = concertation.show("concertation")
    assert add(plan, **{**PLAN, "time_and_means": "no"})
    activities = concertation.show("activities")
    assert activities.advice == "concertation.preconditions_missing"
    assert "condition préalable" in activities._advice.value


def test_the_meeting_app_records_what_a_meeting_brought_and_each_update_is_a_revision(concertation, store):
    from saara_kit.concertation.domain import COMMITMENTS
    from saara_kit.store.codes import code_of

    plan = concertation.show("concertation")
    assert add(plan, **PLAN)
    plan.save()
    planning = concertation.show("meetings")
    assert add(
        planning,
        plan="Tri sélectif",
        title="Rencontre APC",
        date="2027-03-10",
        time="09:30",
        place="Mairie",
        invitees="APC de Tlemcen; Daïra de Mansourah",
    )
    planning.save()
    code = code_of(store, "ouest", ASSOCIATION)  # the one the register's first save gave

    during = app("meeting", store=store, lang="ar")
    assert list(during.steps) == ["meetings", "commitments"]
    during.open_association(ASSOCIATION, code)
    meetings = during.show("meetings")
    [meeting_id] = meetings.state.draft
    meetings.edit(meeting_id)
    meetings.value = {**meetings.value, "attendance": 23, "women": 9, "youth": 30}
    assert not meetings.add()  # more young people than people present
    assert [(e.field, e.code) for e in meetings.state.editor_notice.errors] == [("youth", "more_than_attendance")]
    meetings.value = {**meetings.value, "youth": 11, "decisions": "Trois quartiers pilotes"}
    assert meetings.add()
    meetings.save()
    [saved] = store.current(MEETINGS.kind)
    assert (saved.revision, saved.payload["attendance"], saved.payload["decisions"]) == (
        2,
        23,
        "Trois quartiers pilotes",
    )

    commitments = during.show("commitments")
    assert list(commitments.state.references["meetings"]) == ["Rencontre APC"]
    assert add(
        commitments,
        who="APC de Tlemcen",
        what="Installer 6 bacs",
        due="2027-04-01",
        status="planned",
        meeting="Rencontre APC",
    )
    commitments.save()
    [commitment_id] = commitments.state.draft
    commitments.edit(commitment_id)
    commitments.value = {**commitments.value, "status": "in_progress", "progress": 40}
    assert commitments.add()
    commitments.save()
    assert [(rev.revision, rev.payload["progress"]) for rev in store.history(commitment_id)] == [(1, 0), (2, 40)]
    assert store.current(COMMITMENTS.kind)[0].payload["status"] == "in_progress"
