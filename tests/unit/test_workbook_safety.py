"""Every text cell of every workbook the kit writes goes through one safe writer (``write_cell``): what a
participant typed, the bad-input corpus included, never opens as a formula, in the funder's report's
About rows too; only the kit's own formulas stay live."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

import saara_kit
from saara_kit.cli import main
from saara_kit.exports.safe import DANGEROUS_FIRST_CHARACTERS
from saara_kit.followup.domain import REPORT
from saara_kit.followup.report_file import report_records
from saara_kit.stakeholders.domain import DOMAIN as STAKEHOLDERS
from saara_kit.store import open_store

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad_inputs"
CASBAH = "Association Exemple Jeunesse Casbah"
TYPED = ("period", "progress", "difficulties", "next_steps")  # the report's free text, shown in its About rows


def _corpus_texts(data_dir: Path) -> list[str]:
    """Return every text the bad-input corpus leaves in a store once imported (names and notes)."""
    for path in sorted(CORPUS.iterdir()):
        main(["import", "stakeholders", str(path), "--region", "sud", "--data-dir", str(data_dir)])
    with open_store(data_dir) as store:
        saved = store.current(STAKEHOLDERS.kind, hub_id="sud", association="Association Corpus")
    return list(
        dict.fromkeys(
            text for revision in saved for text in (revision.payload["name"], revision.payload["notes"]) if text
        )
    )


def _assert_no_typed_formula(path: Path, typed: list[str]) -> int:
    """Check that no cell holds typed text as a formula or starting as one; return how many typed texts it shows."""
    shown = 0
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":  # the kit's own: cells and ranges, never typed text
                    assert not any(text in cell.value for text in typed), (sheet.title, cell.coordinate, cell.value)
                elif isinstance(cell.value, str):
                    assert cell.data_type == "s" and not cell.value.startswith(DANGEROUS_FIRST_CHARACTERS), (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                    )
                    shown += any(cell.value.lstrip("'") == text for text in typed)
    return shown


def test_the_bad_input_corpus_through_report_never_opens_as_a_formula(samples_dir, tmp_path, capsys):
    from saara_kit.exports.transfer import import_rows

    typed = _corpus_texts(samples_dir)
    assert "=cmd|' /C calc'!A0" in typed and "@SOMME(A1)" in typed and len(typed) > 20
    with open_store(samples_dir) as store:
        report = report_records(store, "centre", CASBAH)["report"].iloc[0].to_dict()
    shown = 0
    for start in range(0, len(typed), len(TYPED)):  # each period's report says four of them
        texts = dict(zip(TYPED, typed[start : start + len(TYPED)]))
        with open_store(samples_dir) as store:
            import_rows(
                store, REPORT, [(2, {**{name: report[name] for name in REPORT.field_names}, **texts})], "centre", CASBAH
            )
        assert (
            main(
                [
                    "report",
                    "--association",
                    CASBAH,
                    "--region",
                    "centre",
                    "--no-pdf",
                    "-o",
                    str(tmp_path / "report"),
                    "--data-dir",
                    str(samples_dir),
                ]
            )
            == 0
        ), capsys.readouterr().err
        book = tmp_path / "report.xlsx"  # -o names the files, without their suffix
        shown += _assert_no_typed_formula(book, typed)
        about = openpyxl.load_workbook(book)["Rapport"]
        assert [cell.data_type for cell in about["B"] if cell.value is not None] == ["s"] * about.max_row
    assert shown >= len(typed)  # every typed text reached the workbook, as text


# a cell written around ``write_cell``: .cell(..., value=...), ws.append([...]), ws["A1"] = ..., cell.value = ...
DIRECT_WRITES = re.compile(r"\.cell\([^)]*\bvalue\s*=|\.append\(\[|\w\[[\"'][A-Z]+\d+[\"']\]\s*=(?!=)|\.value\s*=(?!=)")


def test_no_module_writes_a_workbook_cell_around_the_safe_writer():
    kit = Path(saara_kit.__file__).parent
    modules = {path.relative_to(kit).as_posix(): path.read_text(encoding="utf-8") for path in kit.rglob("*.py")}
    spreadsheets = {name for name, text in modules.items() if "openpyxl" in text}
    assert {"exports/workbook.py", "exports/templates.py"} <= spreadsheets  # what the check reads
    assert [
        name for name in sorted(spreadsheets - {"exports/workbook.py"}) if DIRECT_WRITES.search(modules[name])
    ] == []
