"""The directory as JSON-LD (schema.org LearningResource): only approved resources, titles tagged
with their language, licences and durations in the forms schema.org readers expect, no network."""

from __future__ import annotations

import json
import re
import socket

import pandas as pd
import pytest

from saara_kit.cli import main
from saara_kit.data import sample_records
from saara_kit.directory.domain import DIRECTORY
from saara_kit.directory.jsonld import author_of, jsonld_document, write_jsonld
from saara_kit.exports.transfer import import_samples
from saara_kit.store import open_store

# schema.org terms the document may use (https://schema.org/LearningResource and the types it names)
PROPERTIES = {
    "name",
    "description",
    "learningResourceType",
    "about",
    "keywords",
    "inLanguage",
    "audience",
    "educationalRole",
    "educationalLevel",
    "license",
    "isAccessibleForFree",
    "url",
    "datePublished",
    "timeRequired",
    "author",
    "spatialCoverage",
    "identifier",
    "termCode",
}
TYPES = {"LearningResource", "EducationalAudience", "DefinedTerm", "Organization", "Person", "Place", "Country"}
CONSULTATION_GUIDE = "دليلُ التَّشاوُر المحلي"  # Arabic title, with its vowel marks, of an approved sample


@pytest.fixture(scope="module")
def samples() -> pd.DataFrame:
    return sample_records(DIRECTORY)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    """The document ``saara-kit export directory --format jsonld`` writes from a store of the samples."""
    folder = tmp_path_factory.mktemp("directory")
    with open_store(folder) as store:
        import_samples(store, DIRECTORY)
    path = folder / "annuaire.jsonld"
    assert main(["export", "directory", "--format", "jsonld", "-o", str(path), "--data-dir", str(folder)]) == 0
    return json.loads(path.read_text(encoding="utf-8"))


def _nodes(document: dict) -> list[dict]:
    return document["@graph"]


def _named(document: dict, title: str) -> dict:
    return next(node for node in _nodes(document) if title in [name["@value"] for name in node["name"]])


def _walk(value):
    """Yield every object of a JSON value, nested ones included."""
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from _walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner)


def test_the_export_is_json_ld_with_the_schema_org_context_and_one_node_per_approved_resource(exported, samples):
    assert exported["@context"] == "https://schema.org"
    approved = samples[samples["status"] == "approved"]
    assert len(_nodes(exported)) == len(approved) == 44
    ids = [node["@id"] for node in _nodes(exported)]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", id_) for id_ in ids)
    for node in _nodes(exported):
        assert node["@type"] == "LearningResource"
        assert node["name"] and all(name["@value"] and name["@language"] in ("fr", "ar", "en") for name in node["name"])
        assert node["url"]


def test_pending_and_rejected_resources_are_left_out(exported, samples):
    titles = {name["@value"] for node in _nodes(exported) for name in node["name"]}
    for _, row in samples[samples["status"] != "approved"].iterrows():
        assert not {row["title_fr"], row["title_ar"], row["title_en"]} & titles, row["title_fr"] or row["title_ar"]
    assert "Podcast : la parole aux jeunes élus" not in titles  # pending
    assert "Formation accélérée à la levée de fonds garantie" not in titles  # rejected


def test_the_count_returned_is_the_count_written(tmp_path, samples):
    frame = pd.concat([samples[samples["status"] == status].head(1) for status in ("approved", "pending", "rejected")])
    path = tmp_path / "three.jsonld"
    assert write_jsonld(frame, path, "fr") == 1
    assert [node["name"][0]["@value"] for node in _nodes(json.loads(path.read_text(encoding="utf-8")))] == [
        "Guide de la concertation locale"
    ]


def test_each_title_carries_its_language(exported):
    node = _named(exported, CONSULTATION_GUIDE)
    assert {"@value": CONSULTATION_GUIDE, "@language": "ar"} in node["name"]
    assert {"@value": "Guide de la concertation locale", "@language": "fr"} in node["name"]
    english = _named(exported, "Facilitation skills for trainers")
    assert english["name"] == [{"@value": "Facilitation skills for trainers", "@language": "en"}]


def test_durations_are_iso_8601_and_only_where_there_is_one(exported):
    timed = [node for node in _nodes(exported) if "timeRequired" in node]
    assert timed and all(re.fullmatch(r"PT\d+M", node["timeRequired"]) for node in timed)
    assert _named(exported, "Cartographier les acteurs de son projet")["timeRequired"] == "PT18M"
    assert "timeRequired" not in _named(exported, "Guide de la concertation locale")


def test_licences_types_audiences_and_places_use_schema_org_values(exported):
    guide = _named(exported, "Guide de la concertation locale")
    assert guide["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert guide["learningResourceType"] == "Guide" and guide["educationalLevel"] == "Beginner"
    assert guide["inLanguage"] == ["fr", "ar"]
    assert {"@type": "EducationalAudience", "educationalRole": "Local officials"} in guide["audience"]
    assert [term["termCode"] for term in guide["about"]] == ["concertation", "governance"]
    assert guide["spatialCoverage"][0]["@type"] == "Country"  # no hub named: every hub
    assert guide["datePublished"] == "2023-03-14"
    sud = _named(exported, "Compteurs des tours d'eau : une étude de cas à Ghardaïa")
    assert sud["spatialCoverage"] == [
        {"@type": "Place", "identifier": "sud", "name": {"@value": "Pôle Sud", "@language": "fr"}}
    ]
    assert sud["license"] == "https://creativecommons.org/licenses/by-nc/4.0/"
    free = _named(exported, "Gouvernance partagée dans les ksour")  # free access, no open licence
    assert "license" not in free and free["isAccessibleForFree"] is True


def test_a_local_file_is_linked_beside_the_export(exported):
    assert _named(exported, "Fiche plan de concertation")["url"] == "resources/fiche-plan-concertation.md"


def test_every_term_is_a_schema_org_term(exported):
    for node in _walk(exported["@graph"]):
        if "@value" in node:
            assert set(node) == {"@value", "@language"}
            continue
        assert node["@type"] in TYPES, node
        assert set(node) - {"@type", "@id"} <= PROPERTIES, set(node) - PROPERTIES


def test_authors_are_organisations_or_persons():
    assert author_of("Programme SAARA — Pôle Ouest")["@type"] == "Organization"
    assert author_of("Réseau Exemple des associations de l'Ouest")["@type"] == "Organization"
    assert author_of("جمعية المثال للتنمية المحلية")["@type"] == "Organization"
    assert author_of("Samia Exemple, formatrice") == {"@type": "Person", "name": "Samia Exemple, formatrice"}


def test_writing_needs_no_network(tmp_path, samples, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the JSON-LD export tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert write_jsonld(samples, tmp_path / "offline.jsonld", "ar") == 44
    assert jsonld_document(samples.iloc[:0], "fr") == {"@context": "https://schema.org", "@graph": []}


def test_typed_markup_cannot_end_the_script_element_the_document_is_pasted_into(tmp_path, samples):
    frame = samples[samples["status"] == "approved"].head(1).copy()
    title = "</script><script>alert(1)</script> & <!-- >"
    frame["title_fr"], frame["description"] = title, title
    path = tmp_path / "page.jsonld"
    assert write_jsonld(frame, path, "fr") == 1
    text = path.read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text and "&" not in text  # written \u003c, \u003e, \u0026
    assert _nodes(json.loads(text))[0]["name"][0]["@value"] == title  # the same text, read as JSON
