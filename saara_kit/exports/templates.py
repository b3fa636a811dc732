"""An empty workbook to fill and import: headers in the reader's language, dropdowns, instructions."""

from __future__ import annotations

from pathlib import Path

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from saara_kit.exports.workbook import new_workbook, sheet_title, style_sheet, write_cell, write_row
from saara_kit.i18n import is_rtl, t
from saara_kit.records import ASSOCIATION, Domain

__all__ = ["write_template"]

ROWS = 1000  # rows that carry the dropdowns and checks


def write_template(domain: Domain, path: str | Path, lang: str = "fr") -> Path:
    """Write an empty workbook for ``domain`` to exactly ``path``; return it.

    The first sheet has one column per field (and the association), a dropdown for each
    choice and range checks for numbers; a second sheet says what each column accepts; a
    hidden sheet holds the choice lists.
    """
    path = Path(path)
    fields = (ASSOCIATION, *domain.fields)
    title = t(f"app.{domain.name}.title", lang)
    book, data = new_workbook(title, is_rtl(lang))
    write_row(data, 1, [t(domain.label_key(f.name), lang) for f in fields])
    lists = book.create_sheet(sheet_title(t("template.lists", lang)))
    lists.sheet_state = "hidden"
    for column, f in enumerate(fields, start=1):
        cells = f"{get_column_letter(column)}2:{get_column_letter(column)}{ROWS + 1}"
        check = _validation(domain, f, lang, lists, column)
        if check is not None:
            check.error = t("template.refused", lang, field=t(domain.label_key(f.name), lang))
            check.showErrorMessage = True
            data.add_data_validation(check)
            check.add(cells)
    style_sheet(data)

    guide = book.create_sheet(sheet_title(t("template.instructions", lang)))
    guide.sheet_view.rightToLeft = is_rtl(lang)
    write_row(guide, 1, [t("template.intro", lang, sheet=data.title, domain=domain.name)])
    write_row(guide, 2, [t("template.column", lang), t("template.required", lang), t("template.accepted", lang)])
    for row, f in enumerate(fields, start=3):
        key, values = f.hint()
        accepted = t(key, lang, **values)
        if hasattr(f, "codes"):
            accepted += " : " + " · ".join(str(f.show(code, domain.name, lang)) for code in f.codes)
        write_row(
            guide,
            row,
            [t(domain.label_key(f.name), lang), t("template.yes" if f.required else "template.no", lang), accepted],
        )
    style_sheet(guide, header_row=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _validation(domain: Domain, field, lang: str, lists, column: int) -> DataValidation | None:
    """Return the check Excel applies to a field's column (a dropdown for a choice)."""
    if field.control == "dropdown":
        labels = [str(field.show(code, domain.name, lang)) for code in field.codes]
        for row, label in enumerate(labels, start=1):
            write_cell(lists, row, column, label)
        letter = get_column_letter(column)
        source = f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(labels)}"
        return DataValidation(type="list", formula1=source, allow_blank=not field.required)
    if field.control in ("slider", "rating"):  # a rating left empty: not given
        return DataValidation(type="whole", operator="between", formula1=str(field.low), formula2=str(field.high))
    if field.control in ("text", "textarea"):
        return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(field.max))
    return None
