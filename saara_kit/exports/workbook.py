"""Excel workbooks that look finished: named sheets, a frozen bold header, fitted columns, RTL in Arabic."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["About", "new_workbook", "sheet_title", "style_sheet", "write_workbook"]

MAX_WIDTH = 60


def sheet_title(text: str) -> str:
    """Return ``text`` as Excel accepts a sheet name: no ``[]:*?/\\``, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:31] or "Sheet"


def new_workbook(title: str, rtl: bool) -> tuple[Workbook, Worksheet]:
    """Return a workbook and its first sheet, named ``title``."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(title)
    sheet.sheet_view.rightToLeft = rtl
    return book, sheet


def style_sheet(sheet: Worksheet, header_row: int = 1) -> None:
    """Make the header bold and frozen, and fit each column to its longest cell."""
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    for column in sheet.columns:
        longest = max((len(str(cell.value)) for cell in column if cell.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(MAX_WIDTH, max(10, longest + 2))


About = tuple[str, list[tuple[str, str]]]  # a sheet's title, then its (label, value) lines


def _add_about(book: Workbook, about: About, rtl: bool) -> None:
    title, lines = about
    sheet = book.create_sheet(sheet_title(title))
    sheet.sheet_view.rightToLeft = rtl
    for label, value in lines:
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    style_sheet(sheet, header_row=1)
    sheet.freeze_panes = None


def write_workbook(sheets: list[tuple[str, pd.DataFrame]], path: Path, about: About | None, rtl: bool) -> None:
    """Write each ``(title, frame)`` (already neutralised) as a sheet of a finished workbook.

    ``about`` makes a last sheet of (label, value) lines: the hub, the date; its first value
    also heads the printed pages.
    Every text cell is written as text, never as a formula, but for the kit's own ``Formula`` cells.
    """
    from saara_kit.exports.safe import Formula

    book = Workbook()
    book.remove(book.active)
    for title, frame in sheets:
        data = book.create_sheet(sheet_title(title or "Data"))
        data.sheet_view.rightToLeft = rtl
        data.append(list(frame.columns))
        for number, row in enumerate(frame.itertuples(index=False), start=2):
            data.append([None if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))
                         else value for value in row])  # an empty cell for a missing value (an unranked rank)
            for column, value in enumerate(row, start=1):
                cell = data.cell(number, column)  # by its place: indexing a whole row measures the sheet each time
                if cell.data_type == "f" and not isinstance(value, Formula):  # a string openpyxl took for a formula
                    cell.data_type = "s"
        style_sheet(data)
        if about:
            data.oddHeader.center.text = about[1][0][1] if about[1] else ""
    if about:
        _add_about(book, about, rtl)
    book.save(path)
