"""A funded project's report for its funder: the workbook's formulas, computed as a spreadsheet
would, agree with the programme's own figures; the printable page; a report is a revision."""

from __future__ import annotations

import formulas
import openpyxl
import pytest

from saara_kit.budget.analysis import with_amounts
from saara_kit.cli import main
from saara_kit.followup.analysis import spending
from saara_kit.followup.domain import REPORT
from saara_kit.followup.report_file import report_records, write_report_workbook
from saara_kit.i18n import t
from saara_kit.store import open_store
from saara_kit.store.repository import history_frame

CASBAH = "Association Exemple Jeunesse Casbah"
CASBAH_FILE = "association-exemple-jeunesse-casbah"
TLEMCEN = "Association Exemple Environnement Tlemcen"
TLEMCEN_FILE = "association-exemple-environnement-tlemcen"


def computed(path) -> dict[str, object]:
    """Return every cell of the workbook as a spreadsheet computes it, by "SHEET!A1" (upper case)."""
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    return {
        key.split("]", 1)[1].replace("'", ""): value.value[0][0]
        for key, value in solution.items()
        if ":" not in key.split("!")[-1]
    }


def test_the_funders_workbook_computes_the_spending_per_heading_and_the_flexibility(samples_dir, tmp_path):
    with open_store(samples_dir) as store:
        records = report_records(store, "centre", CASBAH)
    records["expenditures"].loc[len(records["expenditures"])] = {  # equipment: 540 000 DZD spent of 430 000 planned
        **records["expenditures"].iloc[0].to_dict(),
        "line": "Mobilier de la salle",
        "what": "=1+1 typed",
        "amount": 540_000.0,
    }
    records["expenditures"].loc[len(records["expenditures"])] = {  # travel: all of its 30 000 DZD, as planned
        **records["expenditures"].iloc[0].to_dict(),
        "line": "Déplacements vers les ateliers",
        "amount": 30_000.0,
    }
    path = write_report_workbook(records, tmp_path / "report.xlsx", "fr")
    cells = computed(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Indicateurs",
        "Jalons",
        "Rapport financier",
        "Lignes du budget",
        "Dépenses",
        "Appui reçu",
        "Rapport",
    ]
    assert book["Rapport financier"]["B2"].data_type == "f"  # live, not a value
    model = spending(with_amounts(records["budget_lines"]), records["expenditures"], "Maison de jeunes équipée")
    rows = {cells[f"RAPPORT FINANCIER!A{row}"]: row for row in range(2, 11)}
    equipment = rows["3. Équipements et fournitures"]
    assert cells[f"RAPPORT FINANCIER!B{equipment}"] == pytest.approx(model.loc["equipment", "plan"])
    assert cells[f"RAPPORT FINANCIER!C{equipment}"] == pytest.approx(model.loc["equipment", "actual"]) == 540_000
    assert (
        cells[f"RAPPORT FINANCIER!F{equipment}"] == "Au-delà de 25 % : avenant à demander"
    )  # 125,6 % of the plan (PRAG)
    assert cells[f"RAPPORT FINANCIER!F{rows['2. Déplacements']}"] == "Dans les 25 %"  # 100 % of its plan
    assert cells["RAPPORT FINANCIER!B10"] == pytest.approx(model["plan"].sum())  # the total row
    assert cells["RAPPORT FINANCIER!C10"] == pytest.approx(615_000)
    assert cells["INDICATEURS!F4"] == 50  # "Familles rencontrées": 0 → 30 of 60
    assert book["Dépenses"]["D3"].value == "'=1+1 typed"  # what a person typed never runs as a formula


def test_the_report_command_writes_the_workbook_and_the_page_in_arabic(samples_dir, tmp_path, capsys):
    (tmp_path / "out").mkdir()
    assert (
        main(
            [
                "report",
                "--association",
                CASBAH.lower(),
                "--region",
                "centre",
                "--lang",
                "ar",
                "--no-pdf",
                "-o",
                str(tmp_path / "out"),
                "--data-dir",
                str(samples_dir),
            ]
        )
        == 0
    )
    page = (tmp_path / "out" / f"report-{CASBAH_FILE}.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page and "التقرير المالي" in page and "Maison de jeunes équipée" in page
    assert openpyxl.load_workbook(tmp_path / "out" / f"report-{CASBAH_FILE}.xlsx")[
        "التقرير المالي"
    ].sheet_view.rightToLeft
    assert "كُتب" in capsys.readouterr().out


def _report(data_dir, association: str, hub_id: str, *more: str) -> int:
    return main(
        ["report", "--association", association, "--region", hub_id, "--no-pdf", "--data-dir", str(data_dir), *more]
    )


def test_each_association_gets_its_own_report_files_and_none_overwrites_another(samples_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default folder: outputs/<hub>/
    assert _report(samples_dir, CASBAH, "centre") == 0
    casbah = tmp_path / "outputs" / "centre" / f"report-{CASBAH_FILE}.html"
    folder = tmp_path / "one-folder"
    folder.mkdir()
    assert _report(samples_dir, CASBAH, "centre", "-o", str(folder)) == 0
    assert _report(samples_dir, TLEMCEN, "ouest", "-o", str(folder)) == 0
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        f"report-{name}.{suffix}" for name in (CASBAH_FILE, TLEMCEN_FILE) for suffix in ("html", "xlsx")
    )
    kept = (folder / f"report-{CASBAH_FILE}.html").read_text(encoding="utf-8")
    assert CASBAH in kept and TLEMCEN not in kept
    assert _report(samples_dir, CASBAH, "centre") == 0  # again: its own file, written over
    assert sorted(path.name for path in casbah.parent.iterdir()) == [casbah.name, casbah.with_suffix(".xlsx").name]


def test_a_file_of_the_same_name_that_is_not_the_associations_is_left_alone(samples_dir, tmp_path):
    from saara_kit.exports.file_names import owner_mark

    taken = tmp_path / f"report-{CASBAH_FILE}.html"
    taken.write_text(
        f"<div {owner_mark('Association Exemple: Jeunesse Casbah')}>another association's</div>", encoding="utf-8"
    )  # another name that makes the same file name
    assert _report(samples_dir, CASBAH, "centre", "-o", str(tmp_path)) == 0
    assert "another association's" in taken.read_text(encoding="utf-8")
    [written] = [path for path in tmp_path.glob("report-*.html") if path != taken]
    assert written.name.startswith(f"report-{CASBAH_FILE}-") and CASBAH in written.read_text(encoding="utf-8")
    assert written.with_suffix(".xlsx").exists() and not taken.with_suffix(".xlsx").exists()


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_financial_report_names_its_headings_in_the_readers_language(samples_dir, lang):
    from saara_kit.budget.fields import HEADINGS as CODES
    from saara_kit.followup.report_file import render_report_page, report_tables

    with open_store(samples_dir) as store:
        records = report_records(store, "centre", CASBAH)
    financial = report_tables(records, lang)["financial"]
    assert list(financial.index) == list(range(len(financial)))  # no column of codes
    assert t("budget_lines.heading.staff", lang) in list(financial.iloc[:, 0])
    page = render_report_page(records, lang)
    assert not [code for code in (*CODES, "heading") if f">{code}<" in page]


def test_an_association_without_a_report_is_told_so(samples_dir, capsys):
    assert (
        main(["report", "--association", "Nobody", "--region", "centre", "--no-pdf", "--data-dir", str(samples_dir)])
        == 2
    )
    assert "« Nobody » n'a enregistré aucun rapport dans le pôle centre." in capsys.readouterr().err


def test_each_periods_report_is_a_revision_and_the_earlier_ones_stay_readable(samples_dir):
    from saara_kit.exports.transfer import import_rows

    with open_store(samples_dir) as store:
        first = report_records(store, "centre", CASBAH)["report"].iloc[0].to_dict()
        second = {**{name: first[name] for name in REPORT.field_names}, "period": "T2 2027", "as_of": "2027-07-31"}
        import_rows(store, REPORT, [(2, second)], "centre", CASBAH)
        history = history_frame(store, REPORT, "centre", CASBAH)
    assert list(history["period"]) == ["T1 2027", "T2 2027"] and list(history["revision"]) == [1, 2]
