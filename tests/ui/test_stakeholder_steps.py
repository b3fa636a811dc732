"""The stakeholder app in steps: one participant, association and code; each step validates and
saves its own list, and links only what the association saved."""

from __future__ import annotations

import pytest

from saara_kit.app_builder import app
from saara_kit.stakeholders.domain import INFLUENCES, POSITIONS, RELATIONS
from tests.ui.steps import add

ASSOCIATION = "Association Tafat"
ACTOR = {"type": "apc", "sector": "water", "level": "communal", "power": 4, "interest": 4}


@pytest.fixture
def steps(store, monkeypatch):
    monkeypatch.setenv("SAARA_REGION", "ouest")
    return app("stakeholders", store=store, lang="fr")


def _register(steps, *names: str) -> None:
    """Open the association and save one actor per name in the register step."""
    steps.open_association(ASSOCIATION)
    register = steps.show("stakeholders")
    for name in names:
        assert add(register, name=name, **ACTOR)
    register.save()
    assert register.state.state == "saved"


def test_the_app_shows_the_register_then_its_four_steps_under_one_association(steps):
    assert list(steps.steps) == ["stakeholders", "objectives", "relations", "positions", "influences"]
    assert steps._tabs.titles == ("1. Acteurs", "2. Objectifs", "3. Relations", "4. Positions", "5. Influences")
    steps.set_lang("ar")
    assert steps._tabs.titles[2] == "3. العلاقات" and all(step.lang == "ar" for step in steps.steps.values())
    steps.open_association(ASSOCIATION)
    assert {step.state.association for step in steps.steps.values()} == {ASSOCIATION}


def test_a_relation_links_two_saved_actors_never_one_to_itself(steps, store):
    relations = steps.show("relations")
    assert relations.state.references == {"stakeholders": {}}
    assert "Enregistrez d'abord l'onglet « Acteurs »" in relations._nothing_to_pick.value
    _register(steps, "APC de Tlemcen", "Daïra de Mansourah")
    steps.show("relations")  # the tab opened again reads what the register saved
    assert list(relations.state.references["stakeholders"]) == ["APC de Tlemcen", "Daïra de Mansourah"]
    assert relations._nothing_to_pick.value == ""
    link = {"source": "APC de Tlemcen", "kind": "information", "weight": 3, "direction": "both_ways"}
    assert not add(relations, **link, target="APC de Tlemcen")
    assert [(e.field, e.code) for e in relations.state.editor_notice.errors] == [("target", "self_link")]
    assert not add(relations, **link, target="Wilaya inventée")  # the browser can send any value
    assert [(e.field, e.code) for e in relations.state.editor_notice.errors] == [("target", "unknown_reference")]
    assert add(relations, **link, target="Daïra de Mansourah")
    assert "(acteurs : 2) et leurs liens (liens : 2)" in relations.picture_alt  # both ways: two arrows
    relations.save()
    assert relations.state.state == "saved"
    saved = store.current(RELATIONS.kind, hub_id="ouest")
    assert [(rev.association, rev.payload["target"]) for rev in saved] == [(ASSOCIATION, "Daïra de Mansourah")]


def test_a_position_waits_for_its_objective_and_the_heatmap_shows_it(steps, store):
    _register(steps, "APC de Tlemcen")
    positions = steps.show("positions")
    assert positions.state.references["objectives"] == {}
    assert "« Objectifs »" in positions._nothing_to_pick.value
    assert not add(positions, actor="APC de Tlemcen", objective="Tri sélectif", stance=1, intensity=3)
    objectives = steps.show("objectives")
    assert add(objectives, name="Tri sélectif")
    objectives.save()
    steps.show("positions")
    assert add(positions, actor="APC de Tlemcen", objective="Tri sélectif", stance=1, intensity=3)
    assert "(acteurs : 1), une colonne par objectif (objectifs : 1)" in positions.picture_alt
    positions.save()
    assert [rev.payload["stance"] for rev in store.current(POSITIONS.kind)] == [1]


def test_influences_draw_the_influence_dependence_plane(steps, store):
    _register(steps, "APC de Tlemcen", "Daïra de Mansourah", "APW de Tlemcen")
    influences = steps.show("influences")
    assert influences.advice == "mactor.too_few_actors"  # 3 actors: MACTOR wants 10 to 20
    assert "Moins de 10 acteurs" in influences._advice.value
    assert add(influences, source="APW de Tlemcen", target="APC de Tlemcen", strength=3)
    assert "numérotés (acteurs : 3)" in influences.picture_alt  # every actor of the register is placed
    influences.save()
    assert [rev.payload["strength"] for rev in store.current(INFLUENCES.kind)] == [3]


def test_the_code_made_by_the_first_save_opens_every_step(steps, store):
    _register(steps, "APC de Tlemcen", "Daïra de Mansourah")
    code = steps.steps["stakeholders"].state.created_codes[ASSOCIATION]
    assert steps.steps["relations"].header_boxes[2].value == code  # typed in for every step
    assert code in steps._new_codes.value
    relations = steps.show("relations")
    assert add(
        relations, source="APC de Tlemcen", target="Daïra de Mansourah", kind="money", weight=2, direction="one_way"
    )
    relations.save()
    assert relations.state.state == "saved", relations.state.notice


def test_a_link_to_an_actor_withdrawn_meanwhile_is_not_saved(steps, store):
    _register(steps, "APC de Tlemcen", "Daïra de Mansourah")
    relations = steps.show("relations")
    assert add(
        relations, source="APC de Tlemcen", target="Daïra de Mansourah", kind="money", weight=2, direction="one_way"
    )
    other_phone = app("stakeholders", store=store, lang="fr")  # same association, another participant
    code = steps.steps["stakeholders"].state.created_codes[ASSOCIATION]
    other_phone.open_association(ASSOCIATION, code)
    register = other_phone.steps["stakeholders"]
    register.remove(next(rid for rid, r in register.state.draft.items() if r.name == "Daïra de Mansourah"))
    register.save()
    relations.save()
    assert relations.state.state == "error" and relations.state.notice.key == "form.links_gone"
    assert [(e.field, e.code) for e in relations.state.notice.errors] == [("target", "unknown_reference")]
    assert store.current(RELATIONS.kind) == []
    assert len(relations.entries) == 1  # kept in the list, to correct or remove
