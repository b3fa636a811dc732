"""Excel workbooks that look finished: named sheets, a frozen bold header, fitted columns, RTL in Arabic.

Every cell the kit writes goes through ``write_cell``: text is neutralised and kept as text, so that
nothing a person typed opens as a formula; only the kit's own ``Formula`` cells stay live.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from saara_kit.exports.safe import Formula, neutralise

__all__ = ["About", "new_workbook", "sheet_title", "style_sheet", "write_cell", "write_row", "write_workbook"]

MAX_WIDTH = 60


def sheet_title(text: str) -> str:
    """Return ``text`` as Excel accepts a sheet name: no ``[]:*?/\\``, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:31] or "Sheet"


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def write_cell(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` in a cell and return it: text neutralised and typed as text (never a formula,
    an error code such as ``#N/A``), the kit's ``Formula`` live, a missing value an empty cell."""
    cell = sheet.cell(row=row, column=column, value=None if _missing(value) else neutralise(value))
    if isinstance(value, str) and not isinstance(value, Formula):
        cell.data_type = "s"
    return cell


def write_row(sheet: Worksheet, row: int, values: Iterable[Any]) -> None:
    """Write ``values`` along ``row``, from the first column, each with ``write_cell``."""
    for column, value in enumerate(values, start=1):
        write_cell(sheet, row, column, value)


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
    for row, line in enumerate(lines, start=1):
        write_row(sheet, row, line)
        sheet.cell(row=row, column=1).font = Font(bold=True)
    style_sheet(sheet, header_row=1)
    sheet.freeze_panes = None


def write_workbook(sheets: list[tuple[str, pd.DataFrame]], path: Path, about: About | None, rtl: bool) -> None:
    """Write each ``(title, frame)`` as a sheet of a finished workbook, every cell with ``write_cell``.

    ``about`` makes a last sheet of (label, value) lines: the hub, the date; its first value
    also heads the printed pages.
    """
    book = Workbook()
    book.remove(book.active)
    for title, frame in sheets:
        data = book.create_sheet(sheet_title(title or "Data"))
        data.sheet_view.rightToLeft = rtl
        write_row(data, 1, [str(column) for column in frame.columns])
        for number, row in enumerate(frame.itertuples(index=False), start=2):
            write_row(data, number, row)  # an empty cell for a missing value (an unranked rank)
        style_sheet(data)
        if about and about[1]:  # "&" starts a header's codes (page number, font): written "&&", it is text
            data.oddHeader.center.text = str(about[1][0][1]).replace("&", "&&")
    if about:
        _add_about(book, about, rtl)
    book.save(path)
