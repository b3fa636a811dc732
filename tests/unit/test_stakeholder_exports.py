"""`saara-kit export stakeholders`: one workbook for the whole app (register, steps, engagement
plan), and an anonymised export with stable codes."""

from __future__ import annotations

import csv

import openpyxl

from saara_kit.cli import main
from saara_kit.exports.anonymise import KEY_FILE, Anonymiser

TLEMCEN = "Association Exemple Environnement Tlemcen"


def _sheet(book, title) -> list[list]:
    return [[cell.value for cell in row] for row in book[title].iter_rows()]


def test_the_workbook_holds_a_sheet_per_step_and_the_engagement_plan(samples_dir):
    path = samples_dir / "ouest.xlsx"
    assert main(["export", "stakeholders", "--region", "ouest", "-o", str(path), "--data-dir", str(samples_dir)]) == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Acteurs",
        "Objectifs",
        "Relations",
        "Positions",
        "Influences",
        "Plan d'engagement",
        "À propos",
    ]
    relations = _sheet(book, "Relations")
    assert relations[0][:7] == ["Pôle", "Association", "De", "Vers", "Nature du lien", "Force (1 à 5)", "Sens"]
    assert [
        "ouest",
        TLEMCEN,
        "Association des commerçants du marché",
        "APC de Tlemcen",
        "Conflit",
        3,
        "Dans les deux sens",
    ] in [row[:7] for row in relations]
    assert len(_sheet(book, "Positions")) == 1 + 7 * 3
    plan = _sheet(book, "Plan d'engagement")
    assert plan[0][:3] == ["Nom", "Type d'acteur", "Stratégie"] and len(plan) == 1 + 7


def test_an_anonymised_export_codes_every_name_the_same_way_in_every_sheet(samples_dir):
    path = samples_dir / "anonyme.xlsx"
    arguments = ["export", "stakeholders", "--region", "ouest", "--anonymise", "--data-dir", str(samples_dir)]
    assert main([*arguments, "-o", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    text = " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for value in (cell.value for cell in row)
        if value is not None
    )
    for name in ("APC de Tlemcen", "بلدية تلمسان", "Union européenne", "Président", "Gère la collecte des déchets"):
        assert name not in text, name  # names, Arabic names, owners and notes are gone
    code = Anonymiser.for_data_dir(samples_dir).code("APC de Tlemcen")
    assert code.startswith("X-") and len(code) == 10
    register = _sheet(book, "Acteurs")
    assert code in [row[2] for row in register]
    assert code in [row[2] for row in _sheet(book, "Relations")] + [row[3] for row in _sheet(book, "Relations")]
    assert code in [row[2] for row in _sheet(book, "Positions")]
    assert code in [row[0] for row in _sheet(book, "Plan d'engagement")]
    assert "Jardin" not in text and "Tri sélectif dans trois quartiers" in text  # objectives are not people
    # the same code next time (the key stays beside the store), a CSV of one step too
    again = samples_dir / "relations.csv"
    assert (
        main(
            [
                "export",
                "relations",
                "--region",
                "ouest",
                "--anonymise",
                "--data-dir",
                str(samples_dir),
                "-o",
                str(again),
            ]
        )
        == 0
    )
    with open(again, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert code in [row[2] for row in rows] + [row[3] for row in rows]
    assert (samples_dir / KEY_FILE).stat().st_mode & 0o077 == 0  # the key is the workshop's alone


def test_codes_ignore_case_and_accents_and_differ_with_the_key():
    one, other = Anonymiser(b"a" * 32), Anonymiser(b"b" * 32)
    assert one.code("Daïra de Mansourah") == one.code("  daira de MANSOURAH ")
    assert one.code("Daïra de Mansourah") != other.code("Daïra de Mansourah")
    assert one.code("") == "" and one.code(None) == ""
