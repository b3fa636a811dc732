"""The steps after the register (relations, objectives, positions, influences): linked records
that name the register's actors, checked against what the association saved."""

from __future__ import annotations

import pandas as pd
import pytest

from saara_kit.data import sample_records
from saara_kit.exports.transfer import ImportRejected, import_every_sample, import_rows
from saara_kit.registry import apps, domains, steps
from saara_kit.stakeholders.domain import DOMAIN, INFLUENCES, OBJECTIVES, POSITIONS, RELATIONS
from saara_kit.stakeholders.mactor import matrices
from saara_kit.store.repository import referenced_records
from saara_kit.validation import ValidationError

ASSOCIATION = "Association Tafat"
KNOWN = {"stakeholders": ["APC d'Oran", "Wilaya d'Oran"], "objectives": ["Jardin partagé"]}


def _rows(*rows: dict) -> list[tuple[int, dict[str, str]]]:
    return [(line, {"association": ASSOCIATION, **row}) for line, row in enumerate(rows, start=2)]


def test_the_register_is_the_app_and_the_other_four_are_its_steps_in_order():
    assert apps()[0] == "stakeholders"  # first: other apps name its actors
    assert [step.name for step in steps("stakeholders")] == [
        "stakeholders",
        "objectives",
        "relations",
        "positions",
        "influences",
    ]


def test_every_hubs_sample_links_name_actors_and_objectives_of_its_register(store):
    new = import_every_sample(store)
    for declared in domains().values():  # every row of every sample file was read and stored
        assert new[declared.name] == len(sample_records(declared)) > 0
    for hub_id, _rows in sample_records(RELATIONS).groupby("region"):
        assert len(store.associations(RELATIONS.kind, hub_id)) == 1
    known = referenced_records(store, POSITIONS, "sud", "Association Exemple Oasis Ghardaïa", domains())
    assert len(known["stakeholders"]) == 7 and len(known["objectives"]) == 3


def test_a_link_to_itself_and_a_link_to_an_actor_never_saved_are_refused_by_field():
    with pytest.raises(ValidationError) as refused:
        RELATIONS.validate(
            {"source": "APC d'Oran", "target": "apc d'oran", "kind": "money", "weight": 3, "direction": "one_way"},
            KNOWN,
        )
    assert [(e.field, e.code) for e in refused.value.errors] == [("target", "self_link")]
    with pytest.raises(ValidationError) as refused:
        INFLUENCES.validate({"source": "APC d'Oran", "target": "Daïra fantôme", "strength": 2}, KNOWN)
    assert [(e.field, e.code) for e in refused.value.errors] == [("target", "unknown_reference")]
    assert "Daïra fantôme" in refused.value.messages("fr")[0] and "Acteur influencé" in refused.value.messages("fr")[0]


def test_a_reference_takes_the_saved_spelling_of_the_name():
    record = POSITIONS.validate(
        {"actor": "  wilaya d'ORAN ", "objective": "jardin partage", "stance": "1", "intensity": 3}, KNOWN
    )
    assert (record.actor, record.objective, record.stance) == ("Wilaya d'Oran", "Jardin partagé", 1)


def test_a_position_on_an_objective_that_does_not_exist_is_refused_at_import_and_nothing_is_saved(store):
    import_rows(
        store,
        DOMAIN,
        _rows(
            {
                "name": "APC d'Oran",
                "type": "apc",
                "sector": "water",
                "level": "communal",
                "power": "4",
                "interest": "4",
                "position": "1",
            }
        ),
        "ouest",
    )
    import_rows(store, OBJECTIVES, _rows({"name": "Jardin partagé"}), "ouest")
    with pytest.raises(ImportRejected) as refused:
        import_rows(
            store,
            POSITIONS,
            _rows(
                {"actor": "APC d'Oran", "objective": "Jardin partagé", "stance": "1", "intensity": "2"},
                {"actor": "APC d'Oran", "objective": "Piscine", "stance": "-1", "intensity": "4"},
            ),
            "ouest",
        )
    assert [(p.line, p.error.field, p.error.code) for p in refused.value.problems] == [
        (3, "objective", "unknown_reference")
    ]
    assert "3" in refused.value.messages("ar")[0]
    assert store.current(POSITIONS.kind) == []  # the good line was not saved either


def test_links_are_told_apart_by_both_ends_and_kind_so_a_file_without_ids_updates_them(store):
    import_every_sample(store)
    hub_id, association = "centre", "Association Exemple Jeunesse Casbah"
    before = {
        tuple(rev.payload[c] for c in ("source", "target", "kind")): rev
        for rev in store.current(RELATIONS.kind, hub_id=hub_id)
    }
    source, target, kind = next(iter(before))
    row = {
        "association": association,
        "source": source,
        "target": target,
        "kind": kind,
        "weight": "1",
        "direction": "both_ways",
    }
    assert import_rows(store, RELATIONS, [(2, row)], hub_id) == (1, 1)
    after = {
        tuple(rev.payload[c] for c in ("source", "target", "kind")): rev
        for rev in store.current(RELATIONS.kind, hub_id=hub_id)
    }
    assert set(after) == set(before)  # updated in place, not added
    assert after[(source, target, kind)].revision == 2 and after[(source, target, kind)].payload["weight"] == 1
    with pytest.raises(ImportRejected) as twice:
        import_rows(store, RELATIONS, [(2, row), (3, {**row, "weight": "2"})], hub_id)
    assert [(p.line, p.error.code) for p in twice.value.problems] == [(3, "duplicate")]


def test_mactor_matrices_come_from_the_records_and_leave_withdrawn_names_out():
    influences = pd.DataFrame(
        [("A", "B", 3), ("B", "C", 1), ("Gone", "A", 4)], columns=["source", "target", "strength"]
    )
    positions = pd.DataFrame(
        [("A", "O1", 1, 4), ("C", "O2", -1, 2), ("A", "Old", 1, 1)],
        columns=["actor", "objective", "stance", "intensity"],
    )
    mid, stances, intensities = matrices(["A", "B", "C"], ["O1", "O2"], influences, positions)
    assert mid.to_numpy().tolist() == [[0, 3, 0], [0, 0, 1], [0, 0, 0]]
    assert stances.to_numpy().tolist() == [[1, 0], [0, 0], [0, -1]]
    assert intensities.to_numpy().tolist() == [[4, 0], [0, 0], [0, 2]]


@pytest.mark.parametrize("declared", [RELATIONS, POSITIONS, INFLUENCES], ids=lambda d: d.name)
def test_each_steps_picture_draws_the_sample_of_a_hub(declared):
    register = sample_records(DOMAIN, "est")
    frame = sample_records(declared, "est")
    figure = declared.listing.picture(frame.to_dict("records"), "ar")
    assert figure.axes and figure.alt  # drawn, with a text alternative
    if declared is RELATIONS:  # the register's actors, typed and towered, even those without links
        from saara_kit.stakeholders.pictures import network_picture

        assert network_picture(frame.to_dict("records"), "fr", register).alt.count("acteurs : 6") == 1
