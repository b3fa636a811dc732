"""The directory's search in French and Arabic: folding, every word, facets with counts, relevance
then date; and moderation: participants see approved resources only."""

from __future__ import annotations

import pandas as pd
import pytest

from saara_kit.directory.domain import DIRECTORY
from saara_kit.directory.moderation import moderate, moderate_all, published
from saara_kit.directory.search import Index, facet_counts, normalise
from saara_kit.store import Revision, new_record_id
from saara_kit.validation import ValidationError


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Concertation", "concertation"),
        ("élevé", "eleve"),
        ("ÉLÈVE", "eleve"),
        ("الجَمْعِيَّة", "الجمعيه"),
        ("الجمعيّة", "الجمعيه"),
        ("مـــدرســة", "مدرسه"),  # tashkeel, shadda, tatweel, ta marbuta
        ("أإآٱ", "اااا"),
        ("مستشفى", "مستشفي"),
        ("مؤسسة", "موسسه"),
        ("  deux   mots ", "deux mots"),
    ],
)
def test_folding_makes_case_accents_diacritics_and_letter_variants_one(typed, kept):
    assert normalise(typed) == kept


def resource(title_fr="", title_ar="", description="", creator="SAARA", date="2024-01-01", status="approved", **facets):
    values = {
        "title_fr": title_fr,
        "title_ar": title_ar,
        "title_en": "",
        "description": description,
        "type": "guide",
        "themes": "concertation",
        "languages": "fr",
        "audience": "association_staff",
        "level": "beginner",
        "regions": "",
        "licence": "cc_by",
        "url": "https://exemple.saara.dz/r",
        "file": "",
        "date": date,
        "duration_minutes": 0,
        "creator": creator,
        "status": status,
        "reason": "",
        **facets,
    }
    return DIRECTORY.validate(values).to_payload()


RESOURCES = pd.DataFrame(
    [
        resource(title_fr="Guide de la concertation locale", date="2022-03-01"),
        resource(
            title_fr="Niveau élevé : le budget",
            description="Pour aller plus loin",
            themes="budgeting",
            date="2025-01-01",
        ),
        resource(title_ar="دليلُ الجَمْعِيَّة والتَّشاوُر", languages="ar", type="video", date="2023-05-05"),
        resource(title_fr="Concertation : études de cas", type="case_study", date="2024-06-01"),
        resource(
            title_fr="Modèle de compte rendu", description="après une concertation", type="template", date="2026-02-02"
        ),
        resource(title_fr="Suggestion en attente sur la concertation", status="pending"),
    ]
)


def test_french_search_ignores_case_and_accents_and_ranks_titles_first_then_the_newest():
    found = Index(published(RESOURCES)).search("CONCERTATION")
    assert found["title_fr"].tolist() == [
        "Concertation : études de cas",
        "Guide de la concertation locale",
        "Modèle de compte rendu",
    ]  # titles (newest first), then a description
    assert Index(RESOURCES).search("eleve")["title_fr"].tolist() == ["Niveau élevé : le budget"]
    assert Index(RESOURCES).search("budget plus loin")["title_fr"].tolist() == [
        "Niveau élevé : le budget"
    ]  # every word
    assert Index(RESOURCES).search("budget inexistant").empty


def test_arabic_search_ignores_diacritics_tatweel_and_letter_variants():
    index = Index(published(RESOURCES))
    for typed in ("الجمعيه", "الجمعية", "الجـمـعـيـة", "التشاور"):
        assert index.search(typed)["title_ar"].tolist() == ["دليلُ الجَمْعِيَّة والتَّشاوُر"], typed


def test_facets_filter_and_count_what_is_found():
    index = Index(published(RESOURCES))
    found = index.search("concertation")
    assert facet_counts(found, "type") == {"case_study": 1, "guide": 1, "template": 1} == index.counts(found)["type"]
    assert index.search("concertation", {"type": "template"})["title_fr"].tolist() == ["Modèle de compte rendu"]
    assert index.search("", {"languages": "ar"})["title_ar"].tolist() == ["دليلُ الجَمْعِيَّة والتَّشاوُر"]
    assert len(index.search("")) == 5  # an empty query lists everything published
    hubs = Index(
        pd.DataFrame(
            [
                resource(title_fr="Pour le Sud", regions="sud"),
                resource(title_fr="Pour l'Est", regions="est"),
                resource(title_fr="Pour tous"),
            ]
        )
    )
    assert hubs.search("", {"regions": "sud"})["title_fr"].tolist() == ["Pour le Sud", "Pour tous"]  # no hub: every hub


def test_a_pending_resource_is_not_shown_until_a_trainer_approves_it(store):
    payload = resource(title_fr="Suggestion sur la concertation", status="pending")
    saved = Revision(new_record_id(), 1, DIRECTORY.kind, "est", "Suggestions", "Amina (participant-1)", payload)
    store.save(saved)

    def shown():
        from saara_kit.store.repository import revisions_frame

        frame = revisions_frame(DIRECTORY, store.current(DIRECTORY.kind))
        return Index(published(frame)).search("concertation")["title_fr"].tolist()

    assert shown() == []
    with pytest.raises(ValidationError):
        moderate(store, saved.record_id, "rejected")  # a rejection needs its reason
    assert shown() == []
    moderate(store, saved.record_id, "approved")
    assert shown() == ["Suggestion sur la concertation"]
    moderate(store, saved.record_id, "rejected", "Lien cassé")
    assert shown() == [] and store.history(saved.record_id)[-1].payload["reason"] == "Lien cassé"


def test_the_trainers_decisions_are_applied_one_by_one_and_each_says_what_became_of_it(store):
    ids = []
    for title in ("Première suggestion", "Deuxième suggestion"):
        saved = Revision(
            new_record_id(), 1, DIRECTORY.kind, "est", "Suggestions", "p", resource(title_fr=title, status="pending")
        )
        store.save(saved)
        ids.append(saved.record_id)
    said = moderate_all(
        store, f"{ids[0]}=approved | {ids[1]}=rejected | nope=approved | {ids[1]}=rejected: hors sujet", lang="fr"
    )
    assert said[0].startswith("« Première suggestion » est publiée")
    assert "Motif du refus" in said[1] and "nope" in said[2] and said[3].endswith("hors sujet")
    assert [store.history(rid)[-1].payload["status"] for rid in ids] == ["approved", "rejected"]
