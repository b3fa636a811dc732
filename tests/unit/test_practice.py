"""Practice sheets: "with whom" and "results" drawn from the association's concertation plan (empty
fields only); published in the directory as case studies only once approved, read from the sheets
themselves (search, offline page, JSON-LD); found by the French and the Arabic search."""

from __future__ import annotations

import json

import pytest

from saara_kit.directory.domain import DIRECTORY
from saara_kit.directory.moderation import moderate
from saara_kit.directory.state import DirectoryState
from saara_kit.exports.transfer import export_records
from saara_kit.practice.domain import PRACTICE
from saara_kit.practice.prefill import draw, fill_empty
from saara_kit.registry import domains
from saara_kit.store import Revision, new_record_id

ASSOCIATION = "Association Tafat"
# what an association saved in its concertation app, as the store's payloads
SAVED = {
    "concertation": [{"name": "Tri sélectif"}],
    "participation": [
        {"stakeholder": "APC de Tlemcen", "level": "collaborate"},
        {"stakeholder": "Commerçants du marché", "level": "involve"},
    ],
    "meetings": [
        {
            "plan": "Tri sélectif",
            "title": "Rencontre APC",
            "date": "2027-03-10",
            "invitees": "APC de Tlemcen; Commerçants du marché",
        },
        {"plan": "Autre plan", "title": "Hors sujet", "date": "2027-04-01", "invitees": "APC de Tlemcen"},
    ],
    "logframe": [
        {
            "plan": "Tri sélectif",
            "number": "",
            "indicator": "Tonnes triées par mois",
            "baseline": "0",
            "current": "8",
            "target": "20",
        },
        {"plan": "Tri sélectif", "number": "1", "statement": "Trois quartiers trient", "indicator": ""},
        {"plan": "Autre plan", "number": "", "indicator": "Autre indicateur", "baseline": "1", "target": "2"},
    ],
    "commitments": [
        {"who": "APC de Tlemcen", "what": "Installer 6 bacs fermés", "status": "done", "meeting": "Rencontre APC"},
        {
            "who": "Commerçants du marché",
            "what": "Trier les cartons",
            "status": "in_progress",
            "meeting": "Rencontre APC",
        },
        {"who": "APC de Tlemcen", "what": "Autre chose", "status": "done", "meeting": "Hors sujet"},
    ],
}
SHEET = {
    "name": "Des bacs fermés choisis avec les commerçants",
    "lang": "fr",
    "themes": "concertation",
    "context": "Le marché couvert produisait la moitié des déchets.",
    "actions": "Une rencontre au marché, puis un essai de deux mois.",
    "partners": "L'APC et les commerçants",
    "results": "Six bacs installés",
    "contact": "Président, par le pôle Ouest",
    "licence": "cc_by",
}
ARABIC = {
    **SHEET,
    "name": "مراجعة أدوار السقي مع مجلس الأعيان",
    "lang": "ar",
    "themes": "governance",
    "context": "كانت أدوار السقي في الواحة قديمة.",
    "actions": "جلسات استماع للفلاحين في القصر.",
    "partners": "مجلس الأعيان",
    "results": "جدول أدوار جديد",
}


def test_with_whom_and_results_are_drawn_from_the_plan_its_meetings_indicators_and_commitments():
    drawn = draw(SAVED, lang="fr")
    assert drawn == {
        "plan": "Tri sélectif",  # the association's only plan
        "partners": (
            "APC de Tlemcen — niveau de participation : Collaborer\n"
            "Commerçants du marché — niveau de participation : Impliquer\n"
            "Réunion « Rencontre APC » (2027-03-10) avec APC de Tlemcen, Commerçants du marché"
        ),
        "results": (
            "Tonnes triées par mois : de 0 à 8 (cible : 20)\n"
            "Engagements tenus : 1 sur 2\n"
            "— APC de Tlemcen : Installer 6 bacs fermés"
        ),
    }  # the other plan's meeting, indicator and commitment are left out
    assert draw(SAVED, lang="ar")["results"].startswith("Tonnes triées par mois: من 0 إلى 8 (الهدف: 20)")
    assert draw({"concertation": [], "participation": []}) == {}  # nothing saved: nothing drawn


def test_only_the_empty_fields_are_filled():
    typed = {"name": "Tri", "partners": "Nos voisins du quartier", "results": "  ", "plan": ""}
    filled, names = fill_empty(typed, draw(SAVED, lang="fr"))
    assert filled["partners"] == "Nos voisins du quartier"  # typed: kept
    assert filled["results"].startswith("Tonnes triées par mois") and filled["plan"] == "Tri sélectif"
    assert (
        names == ["plan", "results"] and typed["results"] == "  "
    )  # the participant's values are not changed in place


def _sheet(store, hub_id="ouest", association=ASSOCIATION, **values) -> str:
    record = PRACTICE.validate({**SHEET, **values})
    record_id = new_record_id()
    store.save(
        Revision(
            record_id,
            1,
            PRACTICE.kind,
            hub_id,
            association,
            "participant",
            record.to_payload(),
            PRACTICE.schema_version,
        )
    )
    return record_id


def _published(store, tmp_path) -> dict[str, str]:
    """Return what the directory shows of its case studies: search, offline page, JSON-LD."""
    found = DirectoryState(store, "ouest").found
    export_records(store, DIRECTORY, tmp_path / "annuaire.jsonld", "jsonld")
    export_records(store, DIRECTORY, tmp_path / "annuaire.html", "html")
    return {
        "search": " ".join(found["title_fr"]),
        "page": (tmp_path / "annuaire.html").read_text(encoding="utf-8"),
        "jsonld": (tmp_path / "annuaire.jsonld").read_text(encoding="utf-8"),
    }


def test_a_sheet_is_a_case_study_of_the_directory_only_once_approved(store, tmp_path):
    record_id = _sheet(store)
    assert store.current(PRACTICE.kind)[0].payload["status"] == "pending"
    title = SHEET["name"]
    for shown in _published(store, tmp_path).values():
        assert title not in shown  # pending: nowhere
    moderate(store, record_id, "rejected", "Trop court")
    assert all(title not in shown for shown in _published(store, tmp_path).values())  # rejected: nowhere

    moderate(store, record_id, "approved")
    shown = _published(store, tmp_path)
    assert title in shown["search"] and title in shown["page"]
    [node] = json.loads(shown["jsonld"])["@graph"]
    assert node["@id"] == f"urn:uuid:{record_id}" and node["learningResourceType"] == "Case study"
    assert node["name"] == [{"@value": title, "@language": "fr"}] and node["author"]["name"] == ASSOCIATION
    assert "Le marché couvert produisait" in node["description"] and node["inLanguage"] == ["fr"]
    [row] = DirectoryState(store, "ouest").found.to_dict("records")
    assert (row["type"], row["regions"], row["creator"]) == ("case_study", "ouest", ASSOCIATION)
    assert store.current(DIRECTORY.kind) == []  # read from the sheet, never copied into the directory
    assert [rev.revision for rev in store.history(record_id)] == [1, 2, 3]  # each decision a revision


@pytest.mark.parametrize(
    ("sheet", "typed"),
    [
        (SHEET, "COMMERCANTS marche"),
        (SHEET, "bacs fermes"),  # case and accents aside
        (ARABIC, "الاعيان"),
        (ARABIC, "مجلس الأعيان"),
        (ARABIC, "السـقـي"),  # hamza, tatweel
    ],
)
def test_the_french_and_arabic_search_find_an_approved_sheet(store, sheet, typed):
    moderate(store, _sheet(store, **sheet), "approved")
    _sheet(store, association="Association Amel", **{**sheet, "name": f"{sheet['name']} (en attente)"})  # pending
    state = DirectoryState(store, "ouest")
    state.query = typed
    assert [row[f"title_{sheet['lang']}"] for row in state.found.to_dict("records")] == [sheet["name"]]


def test_the_moderation_queue_lists_the_sheets_waiting_with_the_id_a_decision_names(store):
    from saara_kit.directory.analysis import pending_table
    from saara_kit.practice.publication import with_waiting_sheets
    from saara_kit.store.repository import revisions_frame

    waiting = _sheet(store)
    moderate(store, _sheet(store, name="Déjà publiée"), "approved")
    resources = revisions_frame(DIRECTORY, store.current(DIRECTORY.kind))
    sheets = revisions_frame(PRACTICE, store.current(PRACTICE.kind))
    table = pending_table(with_waiting_sheets(resources, sheets), "fr", "ouest")
    assert len(table) == 1 and waiting in table.iloc[0].tolist()  # its id, for moderate_all
    assert SHEET["name"] in table.iloc[0].tolist()  # the approved one is no longer waiting


def test_results_take_the_value_the_projects_report_gave_last():
    reported = {**SAVED, "indicators": [{"line": "Tri sélectif → ", "current": "14"}]}  # the impact line, reported
    assert draw(reported, lang="fr")["results"].startswith("Tonnes triées par mois : de 0 à 14 (cible : 20)")


@pytest.mark.parametrize("source", ["sample", "store"])
def test_lesson_07_counts_the_approved_sheets_among_its_case_studies(source, samples_dir):
    """The lesson reads the directory with ``listed=True``: the approved sheets (samples, or the
    store's) join the directory's rows as case studies; the pending one does not."""
    from saara_kit.data import sample_records
    from saara_kit.directory.analysis import coverage_table, for_hub
    from saara_kit.store.repository import load_records

    sheets = sample_records(PRACTICE)
    approved = set(sheets.loc[sheets["status"] == "approved", "name"])
    assert len(approved) == 2 and len(sheets) == 3
    alone = load_records(DIRECTORY, source, data_dir=samples_dir)
    listed = load_records(DIRECTORY, source, data_dir=samples_dir, listed=True, domains=domains())
    added = listed.iloc[len(alone) :]
    assert (set(added["title_fr"]) | set(added["title_ar"])) - {""} == approved
    assert set(added["type"]) == {"case_study"}

    def case_studies(frame):
        table = coverage_table(for_hub(frame, "centre"), "type", "fr")
        return int(table.loc[table["Type"] == "Étude de cas"].iloc[0, 1])

    assert case_studies(listed) == case_studies(alone) + 1  # the Casbah's sheet, approved (Tlemcen's waits)
