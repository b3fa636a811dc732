"""The bad-input corpus (``tests/data/bad_inputs/``) through ``saara-kit import`` and back out through
every export: each file is either stored as typed, as text, or refused with a message that names
the file's problem, the line or the field; nothing is half-saved, and no exported cell opens as a
formula or reaches a page unescaped."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from saara_kit.cli import main
from saara_kit.exports.safe import DANGEROUS_FIRST_CHARACTERS
from saara_kit.exports.tables import MAX_FILE_BYTES
from saara_kit.exports.transfer import export_frame, export_records
from saara_kit.records.tables import styled_table
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store
from saara_kit.validation import ValidationError

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad_inputs"

STORED = {  # file: the names stored, exactly as typed
    # "'=déjà protégé" is how an export protects "=déjà protégé": read back, the apostrophe goes
    "formulas.csv": ["=cmd|' /C calc'!A0", "+33 612", "-2 partenaires", "@SOMME(A1)", "=déjà protégé"],
    "html_and_script.csv": ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"],
    "mathtext.csv": ["Donateur $$", "Fonds $x^2$", "100 $ par mois"],
    "bidi_and_emoji.csv": ["\u202eNOM INVERSÉ\u202c", "Jardin 🌳🤝🏽", "بلدية \u200fوهران"],
    "dates_three_formats.csv": ["Acteur 2024-03-01", "Acteur 01/03/2024", "Acteur 1 mars 2024"],
    "empty_rows.csv": ["Acteur 1", "Acteur 2"],
    "stale_dimension.xlsx": [f"Acteur {n}" for n in range(5)],
    # Excel's plain "CSV" on an Arabic and on a French Windows, and its "Unicode text"
    "windows_1256.csv": ["بلدية وهران"],
    "latin_1.csv": ["Élue d'Aïn Témouchent"],
    "utf_16.csv": ["Acteur"],
}
REFUSED = {  # file: what the facilitator reads (French)
    "numbers_as_text.csv": "Ligne 3 — « Pouvoir » : doit être un nombre entier entre 1 et 5",
    "control_characters.csv": "Ligne 2 — « Nom » : contient des caractères de contrôle",
    "wrong_headers.csv": "Colonnes manquantes : Association, Nom",
    "partial_headers.csv": "Colonnes manquantes : Type d'acteur",
    "duplicated_headers.csv": "Colonne en double : Nom",
    "binary_garbage.csv": "n'est pas un texte CSV",
    "corrupt.xlsx": "ne peut pas être lu (BadZipFile)",
}


def _import(path: Path, data_dir: Path) -> int:
    return main(["import", "stakeholders", str(path), "--region", "ouest", "--lang", "fr", "--data-dir", str(data_dir)])


def _names(data_dir: Path) -> list[str]:
    with open_store(data_dir) as store:
        return [revision.payload["name"] for revision in store.current(DOMAIN.kind, hub_id="ouest")]


def test_every_file_of_the_corpus_has_an_expected_outcome():
    assert sorted(path.name for path in CORPUS.iterdir()) == sorted([*STORED, *REFUSED])


@pytest.mark.parametrize("name", sorted(STORED))
def test_stored_as_typed_and_every_export_keeps_it_text(name, tmp_path):
    assert _import(CORPUS / name, tmp_path) == 0
    assert _names(tmp_path) == STORED[name]
    with open_store(tmp_path) as store:
        export_records(store, DOMAIN, tmp_path / "out.xlsx", hub_id="ouest")
        export_records(store, DOMAIN, tmp_path / "out.csv", hub_id="ouest")
        page = styled_table(export_frame(store, DOMAIN, "ouest"), "fr").to_html()
    for sheet in openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s" and not cell.value.startswith(DANGEROUS_FIRST_CHARACTERS)
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as exported:
        for cells in csv.reader(exported, delimiter=";"):
            assert not [cell for cell in cells if cell.startswith(DANGEROUS_FIRST_CHARACTERS)]
    assert "<script" not in page and "<img" not in page  # typed markup is shown, never run


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_a_message_that_says_where_and_nothing_saved(name, tmp_path, capsys):
    assert _import(CORPUS / name, tmp_path) in (1, 2)
    assert REFUSED[name] in capsys.readouterr().err
    assert _names(tmp_path) == []


def test_a_huge_file_and_a_5_mb_string_are_refused(tmp_path, capsys):
    header = (CORPUS / "formulas.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    huge = tmp_path / "huge.csv"
    huge.write_text(header + "\n" + "a;" * MAX_FILE_BYTES, encoding="utf-8")
    assert _import(huge, tmp_path) == 2
    assert "Le fichier est trop gros" in capsys.readouterr().err
    with pytest.raises(ValidationError) as refused:  # what a form sends: the model names the field
        DOMAIN.validate(
            {
                **DOMAIN.empty(),
                "name": "x" * 5_000_000,
                "type": "apc",
                "sector": "water",
                "level": "communal",
                "power": 3,
                "interest": 3,
            }
        )
    assert [(problem.field, problem.code) for problem in refused.value.errors] == [("name", "too_long")]
