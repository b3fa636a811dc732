"""Formulas in a workbook: a step's derived columns computed by the spreadsheet itself (quantity ×
unit rate), and summary cells that sum a step's column (``{budget_lines:amount_dzd}``), so that an
officer can audit every total."""

from __future__ import annotations

import re
from typing import Any, cast

import pandas as pd
from openpyxl.utils import get_column_letter

from saara_kit.exports.safe import Formula
from saara_kit.records import Domain

__all__ = ["column_places", "with_row_formulas", "with_sheet_references"]

PLACE = re.compile(r"\{([\w:]+)\}")


def _letters(columns: list[str]) -> dict[str, str]:
    return {name: get_column_letter(number) for number, name in enumerate(columns, start=1)}


def with_row_formulas(step: Domain, columns: list[str], raw: pd.DataFrame, labelled: pd.DataFrame) -> pd.DataFrame:
    """Return the step's sheet (``labelled``, from ``raw`` records whose ``columns`` it shows in
    order) with each of ``step.exports.formulas``' columns a ``Formula`` over the row's own cells."""
    if not step.exports.formulas:
        return labelled
    letters, sheet = _letters(columns), labelled.copy()
    for name, formula in step.exports.formulas:
        at = columns.index(name)
        sheet.isetitem(
            at,
            pd.Series(  # type: ignore[arg-type]  # pandas-stubs: a Series of formulas is a column too
                [
                    Formula(PLACE.sub(lambda found: f"{letters[found[1]]}{row + 2}", formula(record)))
                    for row, record in enumerate(cast(list[dict[str, Any]], raw.to_dict("records")))
                ],
                index=sheet.index,
                dtype=object,
            ),
        )
    return sheet


def column_places(sheets: dict[str, tuple[str, list[str]]]) -> dict[str, str]:
    """Return where each step's column lies, as a formula names it: ``{"budget_lines:amount":
    "'Lignes'!$K:$K"}``, from each step's (sheet title, columns)."""
    return {
        f"{step}:{name}": f"'{title}'!${letter}:${letter}"
        for step, (title, columns) in sheets.items()
        for name, letter in _letters(columns).items()
    }


def with_sheet_references(summary: pd.DataFrame, places: dict[str, str]) -> pd.DataFrame:
    """Return a summary whose ``Formula`` cells name the steps' columns (``{step:column}``) where
    they lie in the workbook."""

    def place(value):
        return Formula(PLACE.sub(lambda found: places[found[1]], value)) if isinstance(value, Formula) else value

    return summary.map(place)
