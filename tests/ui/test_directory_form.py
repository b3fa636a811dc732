"""The directory's form driven without a kernel: search, facets with counts, and a suggestion
saved as pending, shown to its author as such, never to the room until approved."""

from __future__ import annotations

import pytest

from saara_kit.app_builder import app
from saara_kit.directory.domain import DIRECTORY
from saara_kit.directory.moderation import moderate
from saara_kit.directory.state import MAX_PENDING
from saara_kit.store import Revision, new_record_id
from tests.unit.test_directory_search import RESOURCES


@pytest.fixture
def directory(store, monkeypatch):
    monkeypatch.setenv("SAARA_REGION", "est")
    store.save_many(
        [
            Revision(new_record_id(), 1, DIRECTORY.kind, "centre", "Programme SAARA", "trainer", row)
            for row in RESOURCES.to_dict("records")
        ]
    )
    form = app("directory", store=store, lang="fr")
    form.state.device = "participant-7"
    return form


SUGGESTION = {
    "title_fr": "Fiche : animer une réunion publique",
    "description": "Deux pages pour l'animateur.",
    "type": "template",
    "themes": "concertation; communication",
    "languages": "fr",
    "audience": "volunteers",
    "level": "beginner",
    "licence": "cc_by",
    "url": "https://exemple.saara.dz/fiche",
    "creator": "Amina",
}


def test_searching_and_choosing_a_facet_narrow_the_cards_and_their_counts(directory):
    directory.search("concertation")
    found, counts = directory.state.results()
    assert len(found) == 3 and counts["type"] == {"case_study": 1, "guide": 1, "template": 1}
    assert "3 ressources trouvées" in directory._count.value
    assert [label for label, _ in directory._facets["type"].options] == [
        "Tous (3)",
        "Guide (1)",
        "Modèle (1)",
        "Étude de cas (1)",
    ]
    directory._facets["type"].value = "template"  # as a participant picks it
    assert directory.state.filters["type"] == "template" and len(directory.state.found) == 1
    assert (
        "Modèle de compte rendu" in directory._results.value
        and "Guide de la concertation" not in directory._results.value
    )
    directory.search("الجمعيه")
    assert directory.state.found.empty  # still filtered on templates
    directory._facets["type"].value = ""
    assert directory.state.found["title_ar"].tolist() == ["دليلُ الجَمْعِيَّة والتَّشاوُر"]


def test_a_suggestion_is_saved_pending_shown_to_its_author_and_published_once_approved(directory, store):
    directory._participant.value = "Amina"
    directory.suggestion = {**SUGGESTION, "url": "javascript:alert(1)"}
    directory.suggest()
    assert [e.code for e in directory.state.notice.errors] == ["not_a_web_address"]
    assert store.current(DIRECTORY.kind, association="Suggestions") == []  # nothing saved
    directory.suggestion = SUGGESTION
    directory.suggest()
    assert directory.state.notice.key == "directory.suggested"
    [saved] = store.current(DIRECTORY.kind, association="Suggestions")
    assert saved.payload["status"] == "pending" and saved.author == "Amina (participant-7)"
    assert "Fiche : animer une réunion publique » : en attente" in directory._mine.value
    directory.search("réunion publique")
    assert directory.state.found.empty  # not for the room yet
    moderate(store, saved.record_id, "approved")
    directory.state.refresh()
    directory.search("reunion publique")
    assert directory.state.found["title_fr"].tolist() == ["Fiche : animer une réunion publique"]


def test_one_phone_cannot_flood_the_trainers_with_suggestions(directory, store):
    for number in range(MAX_PENDING):
        directory.suggestion = {**SUGGESTION, "title_fr": f"Suggestion {number}"}
        directory.suggest()
    directory.suggestion = {**SUGGESTION, "title_fr": "Une de trop"}
    directory.suggest()
    assert directory.state.notice.key == "directory.too_many"
    assert len(store.current(DIRECTORY.kind, association="Suggestions")) == MAX_PENDING


def test_suggestions_are_the_hubs_not_an_associations(directory, store):
    """The room view counts no association "Suggestions", and the facilitator prints it no code card."""
    from saara_kit.room import room_summary
    from saara_kit.store.codes import give_codes

    directory.suggestion = SUGGESTION
    directory.suggest()
    assert store.current(DIRECTORY.kind, association="Suggestions")  # kept, as the hub's
    assert "Suggestions" not in store.associations(None, "est")
    assert "Suggestions" not in room_summary(store, "est")["associations"]["association"].tolist()
    assert "Suggestions" not in give_codes(store, "est")


def test_an_empty_directory_says_how_the_facilitator_fills_it_and_seeding_fills_it_once(store, monkeypatch):
    from saara_kit.data import sample_records
    from saara_kit.directory.seed import seed_directory

    monkeypatch.setenv("SAARA_REGION", "est")
    form = app("directory", store=store, lang="fr")
    assert "0 ressource trouvée" in form._count.value
    assert "encore vide" in form._results.value and "<code>saara-kit seed-directory</code>" in form._results.value
    form.set_lang("ar")
    assert "ما زال فارغًا" in form._results.value and "<code>saara-kit seed-directory</code>" in form._results.value
    kit = sample_records(DIRECTORY)
    assert seed_directory(store) == len(kit) and seed_directory(store) == 0  # the second run adds nothing
    assert len(store.current(DIRECTORY.kind)) == len(kit)
    form.state.refresh()
    form.set_lang("en")
    assert "still empty" not in form._results.value
    assert f"{(kit['status'] == 'approved').sum()} resources found" in form._count.value


def test_the_seed_command_fills_a_hubs_directory_once(tmp_path, capsys):
    from saara_kit.cli import main
    from saara_kit.data import sample_records

    kit = len(sample_records(DIRECTORY))  # published or waiting for a trainer, as the kit has them
    assert main(["seed-directory", "--data-dir", str(tmp_path)]) == 0
    assert main(["--lang", "en", "seed-directory", "--data-dir", str(tmp_path)]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first == f"Annuaire : {kit} ressources du kit ajoutées." and second.startswith("Directory: 0 ")
