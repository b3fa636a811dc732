"""Read a CSV or XLSX table with its line numbers; write one with every cell neutralised."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

from saara_kit.exports.safe import neutralise
from saara_kit.i18n import TranslatedError, t

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MissingColumns",
    "TableError",
    "decode_text",
    "read_sheets",
    "read_table",
    "write_table",
    "write_tables",
]

# What an import reads at most: a hub's list is a few hundred rows of short texts. Each limit is
# checked before the rows are parsed further, and refused with the line and column it met.
MAX_FILE_BYTES = 2_000_000
MAX_UNPACKED_BYTES = 20_000_000  # an XLSX is a zip: its parts, unpacked
MAX_ROWS = 5_000
MAX_CELL_CHARS = 2_000
LEGACY_ENCODINGS = ("cp1256", "cp1252")  # what Excel's plain "CSV" is on an Arabic and a French Windows


class TableError(TranslatedError):
    """A whole-file problem (encoding, format, columns), said in the reader's language."""


class MissingColumns(TableError):
    """Required columns are absent; they are named in the reader's language."""

    def __init__(self, label_keys: list[str]):
        self.label_keys = label_keys
        super().__init__("import.missing_columns", count=len(label_keys), columns=", ".join(label_keys))

    def message(self, lang: str = "fr") -> str:
        """Name the missing columns, in ``lang``."""
        columns = ", ".join(t(key, lang) for key in self.label_keys)
        return t(self.key, lang, count=len(self.label_keys), columns=columns)


def read_table(path: str | Path) -> list[tuple[int, dict[str, str]]]:
    """Return ``(line number, {header: text})`` for each non-empty data row of a CSV or XLSX file
    (its first sheet).

    CSV may be separated by semicolons, commas or tabs, in any encoding ``decode_text`` reads. Line
    numbers are those a spreadsheet shows: the header is line 1.
    """
    path = _readable(path)
    if path.suffix.lower() == ".csv":
        return _table(_guarded(lambda: _csv_rows(path)))
    return _table(_guarded(lambda: _xlsx_sheets(path, first_only=True))[0][1])


def read_sheets(path: str | Path, titles: set[str]) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """Return the sheets of an XLSX workbook called one of ``titles`` that hold data, by title, as
    ``read_table`` reads one (other sheets, such as a template's help, are not read)."""
    path = _readable(path)
    if path.suffix.lower() == ".csv":
        raise TableError("import.unknown_format", suffix=".csv")
    found = {}
    for title, rows in _guarded(lambda: _xlsx_sheets(path, titles=titles)):
        try:
            found[title] = _table(rows)
        except TableError as problem:
            if problem.key != "import.empty":
                raise
    return found


def _readable(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".xlsx", ".xlsm"):
        raise TableError("import.unknown_format", suffix=path.suffix.lower() or "?")
    if not path.is_file():
        raise TableError("import.not_found", path=str(path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise TableError("import.file_too_big", size=path.stat().st_size // 1000, max=MAX_FILE_BYTES // 1000)
    return path


def _guarded(read):
    try:
        return read()
    except TableError:
        raise
    except (OSError, ValueError, KeyError, csv.Error, zipfile.BadZipFile) as error:
        raise TableError("import.unreadable", reason=type(error).__name__) from error


def _table(rows: list[list[object]]) -> list[tuple[int, dict[str, str]]]:
    """Return a sheet's rows as ``(line number, {header: text})``, empty rows left out."""
    if not rows:
        raise TableError("import.empty")
    _check_sizes(rows)
    headers = [str(cell or "").strip() for cell in rows[0]]
    repeated = sorted({header for header in headers if header and headers.count(header) > 1})
    if repeated:
        raise TableError("import.duplicate_column", column=", ".join(repeated))
    table = []
    for line, cells in enumerate(rows[1:], start=2):
        texts = ["" if cell is None else str(cell).strip() for cell in cells]
        if any(texts):
            table.append((line, dict(zip(headers, texts + [""] * (len(headers) - len(texts))))))
    if not table:
        raise TableError("import.empty")
    return table


def _check_sizes(rows: list[list[object]]) -> None:
    """Refuse a table with more than ``MAX_ROWS`` data rows, or a cell longer than ``MAX_CELL_CHARS``."""
    if len(rows) - 1 > MAX_ROWS:
        raise TableError("import.too_many_rows", max=MAX_ROWS)
    for line, cells in enumerate(rows, start=1):
        for column, cell in enumerate(cells, start=1):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise TableError("import.cell_too_long", line=line, column=column, length=len(cell), max=MAX_CELL_CHARS)


def decode_text(data: bytes) -> str:
    """Return a CSV file's text, in whatever encoding Excel or another tool wrote it.

    UTF-8 (with or without its mark) and UTF-16 with its mark ("Unicode text") are read as such.
    Other text is Excel's plain "CSV" on an Arabic or a French Windows: charset-normalizer chooses
    between their two code pages. Bytes that are no text at all (a NUL) are refused.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise TableError("import.not_text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise TableError("import.not_text")
    return str(best)


def _csv_rows(path: Path) -> list[list[str]]:
    text = decode_text(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)  # French Excel: ";"; "Unicode text": tabs
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_sheets(
    path: Path, first_only: bool = False, titles: set[str] | None = None
) -> list[tuple[str, list[list[object]]]]:
    """Return (title, rows) of each sheet (called one of ``titles``), or of the first; values as
    last saved, not formulas."""
    from openpyxl import load_workbook  # only when a workbook is read: a form's kernel never does

    with zipfile.ZipFile(path) as parts:
        unpacked = sum(part.file_size for part in parts.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise TableError("import.unpacks_too_big", size=unpacked // 1_000_000, max=MAX_UNPACKED_BYTES // 1_000_000)
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = []
        for sheet in workbook.worksheets[:1] if first_only else workbook.worksheets:
            if titles is not None and sheet.title not in titles:
                continue
            sheet.reset_dimensions()  # a stale <dimension> would silently drop rows
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                if len(rows) > MAX_ROWS + 1:  # the header and one row too many: said by _check_sizes
                    break
            sheets.append((sheet.title, rows))
        return sheets
    finally:
        workbook.close()


def write_table(
    frame: pd.DataFrame,
    path: str | Path,
    fmt: str | None = None,
    sep: str = ";",
    sheet: str = "",
    about: tuple[str, list[tuple[str, str]]] | None = None,
    rtl: bool = False,
) -> Path:
    """Write ``frame`` to exactly ``path``, every cell neutralised.

    ``fmt`` is ``csv`` (UTF-8 with BOM, for Excel) or ``xlsx``; by default the suffix tells.
    An XLSX file gets a named ``sheet``, a frozen header, fitted columns, an ``about`` sheet
    (its title, then (label, value) lines), and right-to-left sheets when ``rtl``.
    """
    return write_tables([(sheet, frame)], path, fmt, sep, about, rtl)


def write_tables(
    sheets: list[tuple[str, pd.DataFrame]],
    path: str | Path,
    fmt: str | None = None,
    sep: str = ";",
    about: tuple[str, list[tuple[str, str]]] | None = None,
    rtl: bool = False,
) -> Path:
    """Write several ``(title, frame)`` as the sheets of one XLSX workbook, or the first as a CSV
    file (a CSV has one table); every cell neutralised (in a workbook, by ``write_cell``)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        _neutralised(sheets[0][1]).to_csv(path, index=False, sep=sep, encoding="utf-8-sig")
    elif fmt == "xlsx":
        from saara_kit.exports.workbook import write_workbook

        write_workbook(sheets, path, about=about, rtl=rtl)
    else:
        raise TableError("import.unknown_format", suffix=f".{fmt}" if fmt else "?")
    return path


def _neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.map(neutralise)
    safe.columns = [neutralise(str(column)) for column in frame.columns]
    return safe
