"""Import stakeholders from CSV/XLSX (all or nothing) and export them to CSV/XLSX."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from saara_kit.data import sample_stakeholders
from saara_kit.exports import MissingColumns, read_table, write_table
from saara_kit.i18n import t
from saara_kit.stakeholders.analysis import labelled_table, with_quadrants
from saara_kit.stakeholders.model import KIND, Stakeholder, validate_association, validate_stakeholder
from saara_kit.stakeholders.repository import plan_changes, revisions_frame, saved_stakeholders, to_stakeholder
from saara_kit.store import Store, new_record_id
from saara_kit.validation import FieldError, ValidationError, code_for_text, fold_text

__all__ = [
    "ImportRejected", "RowProblem", "export_stakeholders", "import_sample_stakeholders",
    "import_stakeholders", "import_table",
]

FIELDS = tuple(Stakeholder.__dataclass_fields__)
OPTIONAL = {"name_ar", "notes"}


@dataclass(frozen=True)
class RowProblem:
    """One field's problem on one line of an imported file."""

    line: int
    error: FieldError

    def message(self, lang: str = "fr") -> str:
        """Say the line, the field and the reason, in ``lang``."""
        return t("error.line", lang, line=self.line, message=self.error.message(lang))


class ImportRejected(ValueError):
    """Raised when any row is bad; nothing was stored."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("\n".join(problem.message("en") for problem in problems))

    def messages(self, lang: str = "fr") -> list[str]:
        """Return one sentence per problem, in ``lang``."""
        return [problem.message(lang) for problem in self.problems]


def _header_map(headers: list[str]) -> dict[str, str]:
    """Map each known header (a field's code, or its label in any language) to its field."""
    fields = ("association", *FIELDS)
    found = {header: code_for_text(header, fields, lambda f: f"stakeholders.field.{f}") for header in headers}
    return {header: field for header, field in found.items() if field}


def import_stakeholders(
    store: Store, path: str | Path, region: str, association: str | None = None, author: str = "import"
) -> tuple[int, int]:
    """Import a CSV or XLSX file for hub ``region``; return (rows read, new revisions).

    Raises ``TableError`` for a file that cannot be read, ``ImportRejected`` listing every bad row.
    """
    return import_table(store, read_table(path), region, association, author)


def import_sample_stakeholders(store: Store) -> int:
    """Load the bundled sample stakeholders of every hub (again, harmlessly); return new revisions."""
    frame = sample_stakeholders()
    new = 0
    for region, rows in frame.groupby("region"):
        table = [(line, row) for line, row in enumerate(rows.astype(str).to_dict("records"), start=2)]
        new += import_table(store, table, str(region), author="sample")[1]
    return new


def import_table(
    store: Store, table: list[tuple[int, dict[str, str]]], region: str,
    association: str | None = None, author: str = "import",
) -> tuple[int, int]:
    """Import ``(line, {header: text})`` rows all or nothing; return (rows read, new revisions).

    A row updates the association's stakeholder of the same name, or adds a new one.
    """
    columns = _header_map(list(table[0][1]))
    needed = set(FIELDS) - OPTIONAL | (set() if association else {"association"})
    missing = [field for field in ("association", *FIELDS) if field in needed - set(columns.values())]
    if missing:
        raise MissingColumns([f"stakeholders.field.{field}" for field in missing])

    problems: list[RowProblem] = []
    rows: list[tuple[str, Stakeholder]] = []
    first_line: dict[tuple[str, str], int] = {}
    for line, cells in table:
        raw = {field: cells[header] for header, field in columns.items()}
        try:
            owner = validate_association(association or raw.get("association"))
            stakeholder = validate_stakeholder(raw)
        except ValidationError as error:
            problems.extend(RowProblem(line, field_error) for field_error in error.errors)
            continue
        key = (owner, fold_text(stakeholder.name))
        if key in first_line:
            duplicate = FieldError("name", "stakeholders.field.name", "duplicate", {"line": first_line[key]})
            problems.append(RowProblem(line, duplicate))
        first_line.setdefault(key, line)
        rows.append((owner, stakeholder))
    if problems:
        raise ImportRejected(problems)

    changes = []
    for owner in dict.fromkeys(owner for owner, _ in rows):
        saved = saved_stakeholders(store, region, owner)
        draft = {record_id: to_stakeholder(rev) for record_id, rev in saved.items()}
        by_name = {fold_text(s.name): record_id for record_id, s in draft.items()}
        for row_owner, stakeholder in rows:
            if row_owner == owner:
                record_id = by_name.setdefault(fold_text(stakeholder.name), new_record_id())
                draft[record_id] = stakeholder
        changes += plan_changes(saved, draft, region=region, association=owner, author=author)
    return len(rows), store.save_many(changes)


def export_frame(store: Store, region: str | None = None, lang: str = "fr") -> pd.DataFrame:
    """Return the current stakeholders as a table with headers and labels in ``lang``."""
    frame = with_quadrants(revisions_frame(store.current(KIND, region=region)))
    frame["saved_at"] = [stamp.strftime("%Y-%m-%d %H:%M:%S") for stamp in frame["saved_at"]]
    columns = ["region", "association", *FIELDS, "quadrant", "record_id", "revision", "saved_at", "author"]
    return labelled_table(frame[columns], lang)


def export_stakeholders(store: Store, path: str | Path, region: str | None = None, lang: str = "fr") -> int:
    """Write the current stakeholders to ``path`` (.csv or .xlsx); return the row count."""
    frame = export_frame(store, region, lang)
    write_table(frame, path, sep="," if lang == "en" else ";")
    return len(frame)
