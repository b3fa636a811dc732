"""A funded project's report for its funder: the workbook's formulas, computed as a spreadsheet
would, agree with the programme's own figures; the printable page; a report is a revision."""
from __future__ import annotations

import formulas
import openpyxl
import pytest

from saara_kit.budget.analysis import with_amounts
from saara_kit.cli import main
from saara_kit.followup.analysis import spending
from saara_kit.followup.report_file import report_records, write_report_workbook
from saara_kit.store import open_store
from saara_kit.store.repository import history_frame
from saara_kit.followup.domain import REPORT

CASBAH = "Association Exemple Jeunesse Casbah"


def computed(path) -> dict[str, object]:
    """Return every cell of the workbook as a spreadsheet computes it, by "SHEET!A1" (upper case)."""
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    return {key.split("]", 1)[1].replace("'", ""): value.value[0][0] for key, value in solution.items()
            if ":" not in key.split("!")[-1]}


def test_the_funders_workbook_computes_the_spending_per_heading_and_the_flexibility(samples_dir, tmp_path):
    with open_store(samples_dir) as store:
        records = report_records(store, "centre", CASBAH)
    records["expenditures"].loc[len(records["expenditures"])] = {  # equipment: 500 000 DZD spent of 430 000 planned
        **records["expenditures"].iloc[0].to_dict(), "line": "Mobilier de la salle", "what": "=1+1 typed", "amount": 500_000.0}
    records["expenditures"].loc[len(records["expenditures"])] = {  # travel: all of its 30 000 DZD, as planned
        **records["expenditures"].iloc[0].to_dict(), "line": "Déplacements vers les ateliers", "amount": 30_000.0}
    path = write_report_workbook(records, tmp_path / "report.xlsx", "fr")
    cells = computed(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Indicateurs", "Jalons", "Rapport financier", "Lignes du budget", "Dépenses",
                               "Appui reçu", "Rapport"]
    assert book["Rapport financier"]["B2"].data_type == "f"  # live, not a value
    model = spending(with_amounts(records["budget_lines"]), records["expenditures"], "Maison de jeunes équipée")
    rows = {cells[f"RAPPORT FINANCIER!A{row}"]: row for row in range(2, 11)}
    equipment = rows["3. Équipements et fournitures"]
    assert cells[f"RAPPORT FINANCIER!B{equipment}"] == pytest.approx(model.loc["equipment", "plan"])
    assert cells[f"RAPPORT FINANCIER!C{equipment}"] == pytest.approx(model.loc["equipment", "actual"]) == 500_000
    assert cells[f"RAPPORT FINANCIER!F{equipment}"] == "Au-delà de 15 % : avenant à demander"  # 116,3 % of the plan
    assert cells[f"RAPPORT FINANCIER!F{rows['2. Déplacements']}"] == "Dans les 15 %"  # 100 % of its plan
    assert cells["RAPPORT FINANCIER!B10"] == pytest.approx(model["plan"].sum())  # the total row
    assert cells["RAPPORT FINANCIER!C10"] == pytest.approx(575_000)
    assert cells["INDICATEURS!F4"] == 50  # "Familles rencontrées": 0 → 30 of 60
    assert book["Dépenses"]["D3"].value == "'=1+1 typed"  # what a person typed never runs as a formula


def test_the_report_command_writes_the_workbook_and_the_page_in_arabic(samples_dir, tmp_path, capsys):
    assert main(["report", "--association", CASBAH.lower(), "--region", "centre", "--lang", "ar", "--no-pdf",
                 "-o", str(tmp_path / "out"), "--data-dir", str(samples_dir)]) == 0
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page and "التقرير المالي" in page and "Maison de jeunes équipée" in page
    assert openpyxl.load_workbook(tmp_path / "out" / "report.xlsx")["التقرير المالي"].sheet_view.rightToLeft
    assert "كُتب" in capsys.readouterr().out


def test_an_association_without_a_report_is_told_so(samples_dir, capsys):
    assert main(["report", "--association", "Nobody", "--region", "centre", "--no-pdf", "--data-dir", str(samples_dir)]) == 2
    assert "« Nobody » n'a enregistré aucun rapport dans le pôle centre." in capsys.readouterr().err


def test_each_periods_report_is_a_revision_and_the_earlier_ones_stay_readable(samples_dir):
    from saara_kit.exports.transfer import import_rows

    with open_store(samples_dir) as store:
        first = report_records(store, "centre", CASBAH)["report"].iloc[0].to_dict()
        second = {**{name: first[name] for name in REPORT.field_names}, "period": "T2 2027", "as_of": "2027-07-31"}
        import_rows(store, REPORT, [(2, second)], "centre", CASBAH)
        history = history_frame(store, REPORT, "centre", CASBAH)
    assert list(history["period"]) == ["T1 2027", "T2 2027"] and list(history["revision"]) == [1, 2]
