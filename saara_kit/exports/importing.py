"""Import a domain's records from CSV/XLSX all or nothing, with ids and conflicts, and load the samples.

A row carrying a record id (and the revision it was exported at) updates that record; a row
without one updates the association's record with the same key (its name), or adds a new one.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from saara_kit.exports.safe import restore
from saara_kit.exports.tables import MissingColumns, TableError, read_sheets, read_table
from saara_kit.exports.workbook import sheet_title
from saara_kit.i18n import languages, t
from saara_kit.records import Domain, Record, validate_association
from saara_kit.registry import domains
from saara_kit.store import Revision, Store, new_record_id
from saara_kit.store.repository import (
    canonical_association,
    plan_revisions,
    referenced_records,
    saved_records,
)
from saara_kit.validation import FieldError, ValidationError, code_for_text, fold_name, parse_whole_number

__all__ = [
    "ImportRejected",
    "RowProblem",
    "import_every_sample",
    "import_file",
    "import_rows",
    "import_samples",
    "import_workbook",
    "saved_warnings",
    "step_sheet_titles",
]

ID_COLUMNS = ("record_id", "revision")


@dataclass(frozen=True)
class RowProblem:
    """One field's problem on one line of an imported file (of one of its ``sheet``s)."""

    line: int
    error: FieldError
    sheet: str = ""

    def message(self, lang: str = "fr") -> str:
        """Say the sheet, the line, the field and the reason, in ``lang``."""
        said = t("error.line", lang, line=self.line, message=self.error.message(lang))
        return t("error.sheet", lang, sheet=self.sheet, message=said) if self.sheet else said


class ImportRejected(ValueError):
    """Raised when any row is bad; nothing was stored."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("\n".join(problem.message("en") for problem in problems))

    def messages(self, lang: str = "fr") -> list[str]:
        """Return one sentence per problem, in ``lang``."""
        return [problem.message(lang) for problem in self.problems]


@dataclass(frozen=True)
class _Row:
    line: int
    association: str
    record: Record
    record_id: str | None
    revision: int | None


def _header_map(domain: Domain, headers: list[str]) -> dict[str, str]:
    """Map each known header (a column's code, or its label in any language) to its column."""
    columns = ("association", *domain.field_names, *ID_COLUMNS)
    found = {header: code_for_text(header, columns, domain.label_key) for header in headers}
    mapped = {header: column for header, column in found.items() if column}
    twice = sorted({h for h, c in mapped.items() if list(mapped.values()).count(c) > 1})
    if twice:
        raise TableError("import.duplicate_column", column=", ".join(twice))
    return mapped


def _problem(domain: Domain, at: int, column: str, code: str, **params) -> RowProblem:
    return RowProblem(at, FieldError(column, domain.label_key(column), code, params))


def _read_ids(domain: Domain, line: int, raw: dict) -> tuple[str | None, int | None, list[RowProblem]]:
    """Return the row's record id and revision (None when absent), or the problems with them."""
    record_id, revision, problems = (raw.get("record_id") or "").strip() or None, None, []
    if record_id is not None:
        try:
            record_id = str(uuid.UUID(record_id))
        except ValueError:
            problems.append(_problem(domain, line, "record_id", "not_an_id", value=record_id[:60]))
    if (raw.get("revision") or "").strip():
        try:
            revision = parse_whole_number(raw["revision"])
        except (ValueError, OverflowError):
            problems.append(_problem(domain, line, "revision", "not_whole_number", low=1, high="…"))
    return record_id, revision, problems


def _read_rows(domain: Domain, table, association: str | None, known_for=lambda owner: None) -> list[_Row]:
    """Validate every row; raise ``ImportRejected`` listing every problem of every row.

    ``known_for(association)`` returns what a row's references may name (see ``Domain.validate``)."""
    columns = _header_map(domain, list(table[0][1]))
    needed = [f.name for f in domain.fields if f.required] + ([] if association else ["association"])
    missing = [
        column for column in ("association", *domain.field_names) if column in needed and column not in columns.values()
    ]
    if missing:
        raise MissingColumns([domain.label_key(column) for column in missing])
    problems: list[RowProblem] = []
    rows: list[_Row] = []
    first_line: dict[tuple, int] = {}  # a record's identity -> the first line that gave it
    spelling: dict[str, str] = {}  # an association's folded name -> its first spelling
    for line, cells in table:
        raw = {column: restore(cells[header]) for header, column in columns.items()}
        try:
            owner = validate_association(association or raw.get("association"))
            owner = spelling.setdefault(fold_name(owner), owner)  # one association, one spelling
            record = domain.validate(raw, known_for(owner))
        except ValidationError as error:
            problems += [RowProblem(line, field_error) for field_error in error.errors]
            continue
        record_id, revision, id_problems = _read_ids(domain, line, raw)
        problems += id_problems
        same = ("id", record_id) if record_id else ("key", fold_name(owner), *domain.key_of(record))
        if same in first_line:
            problems.append(
                _problem(
                    domain, line, "record_id" if record_id else domain.key_names[-1], "duplicate", line=first_line[same]
                )
            )
        first_line.setdefault(same, line)
        rows.append(_Row(line, owner, record, record_id, revision))
    if problems:
        raise ImportRejected(problems)
    return rows


def _plan(store: Store, domain: Domain, rows: list[_Row], hub_id: str, author: str) -> list[Revision]:
    """Return the revisions the rows ask for; raise ``ImportRejected`` when the store moved on."""
    owner_of = {name: canonical_association(store, hub_id, name) for name in {row.association for row in rows}}
    changes, conflicts = [], []
    for row in rows:
        if not row.record_id:
            continue
        history = store.history(row.record_id)
        latest = {row.record_id: history[-1]} if history else {}
        if latest and (history[-1].kind, history[-1].region) != (domain.kind, hub_id):
            conflicts.append(_problem(domain, row.line, "record_id", "id_elsewhere"))
        elif latest and row.revision is not None and row.revision != history[-1].revision:
            conflicts.append(_problem(domain, row.line, "revision", "moved_on", revision=history[-1].revision))
        else:
            changes += plan_revisions(
                domain,
                latest,
                {row.record_id: row.record},
                hub_id=hub_id,
                association=owner_of[row.association],
                author=author,
                withdraw_missing=False,
            )
    if conflicts:
        raise ImportRejected(conflicts)
    keyed = [row for row in rows if not row.record_id]
    for owner in dict.fromkeys(owner_of[row.association] for row in keyed):
        saved = saved_records(store, domain, hub_id, owner)
        by_key = {domain.key_of(rev.payload): rid for rid, rev in saved.items()}
        draft = {
            by_key.get(domain.key_of(row.record)) or new_record_id(): row.record
            for row in keyed
            if owner_of[row.association] == owner
        }
        changes += plan_revisions(
            domain, saved, draft, hub_id=hub_id, association=owner, author=author, withdraw_missing=False
        )
    return changes


def import_rows(
    store: Store,
    domain: Domain,
    table: list[tuple[int, dict[str, str]]],
    hub_id: str,
    association: str | None = None,
    author: str = "import",
) -> tuple[int, int]:
    """Import ``(line, {header: text})`` rows all or nothing; return (rows read, new revisions)."""
    known = functools.cache(
        lambda owner: referenced_records(store, domain, hub_id, canonical_association(store, hub_id, owner), domains())
    )
    rows = _read_rows(domain, table, association, known if domain.references else lambda owner: None)
    return len(rows), store.save_many(_plan(store, domain, rows, hub_id, author))


def import_file(
    store: Store,
    domain: Domain,
    path: str | Path,
    hub_id: str,
    association: str | None = None,
    author: str = "import",
) -> tuple[int, int]:
    """Import a CSV or XLSX file for hub ``hub_id``; return (rows read, new revisions).

    Raises ``TableError`` for a file that cannot be read, ``ImportRejected`` listing every bad row.
    """
    return import_rows(store, domain, read_table(path), hub_id, association, author)


def step_sheet_titles(step: Domain) -> set[str]:
    """Return the titles an exported workbook gives a step's sheet, in every language."""
    return {
        sheet_title(t(key, lang)) for lang in languages() for key in (f"{step.name}.step", f"app.{step.name}.title")
    }


def import_workbook(
    store: Store,
    domain: Domain,
    path: str | Path,
    hub_id: str,
    association: str | None = None,
    author: str = "import",
) -> tuple[int, int]:
    """Import an app's workbook as ``export --format xlsx`` writes it (or as a trainer fills it):
    each step from its sheet, in the app's order, all or nothing; return (rows read, new revisions).

    A step's rows may name records of an earlier sheet of the same file (a line's funder)."""
    from saara_kit.registry import steps

    sheets = read_sheets(path, set().union(*(step_sheet_titles(step) for step in steps(domain.name))))
    if not sheets:
        return import_file(store, domain, path, hub_id, association, author)  # one table, as a template is
    pending: dict[str, dict[str, dict[str, dict]]] = {}  # step -> association -> name -> payload
    changes, problems, read = [], [], 0

    def known_for(step: Domain):
        def known(owner: str) -> dict:
            found = referenced_records(store, step, hub_id, canonical_association(store, hub_id, owner), domains())
            return {
                target: {**names, **pending.get(target, {}).get(fold_name(owner), {})}
                for target, names in found.items()
            }

        return functools.cache(known)

    for step in steps(domain.name):
        title = next((title for title in sheets if title in step_sheet_titles(step)), None)
        if title is None:
            continue
        try:
            rows = _read_rows(
                step, sheets[title], association, known_for(step) if step.references else lambda owner: None
            )
            changes += _plan(store, step, rows, hub_id, author)
        except ImportRejected as rejected:
            problems += [replace(problem, sheet=title) for problem in rejected.problems]
            continue
        read += len(rows)
        for row in rows:
            pending.setdefault(step.name, {}).setdefault(fold_name(row.association), {})[step.name_of(row.record)] = (
                row.record.to_payload()
            )
    if problems:
        raise ImportRejected(problems)
    return read, store.save_many(changes)


def saved_warnings(store: Store, domain: Domain, hub_id: str) -> list[tuple[str, FieldError]]:
    """Return (association, warning) for what deserves a second look in each association's saved
    list of the hub (``Domain.checks.warnings``: two meetings of one owner at once)."""
    if not domain.checks.warnings:
        return []
    return [
        (association, warning)
        for association in store.associations(domain.kind, hub_id)
        for warning in domain.warnings_for(
            domain.from_payload(revision.payload)
            for revision in saved_records(store, domain, hub_id, association).values()
        )
    ]


def import_samples(store: Store, domain: Domain) -> int:
    """Load a domain's sample associations that the store has never seen; return new revisions.

    An association already in the store is left as its participants made it: loading the
    samples again never reverts an edit nor brings back a withdrawn record.
    """
    from saara_kit.data import sample_records

    new = 0
    for hub_id, rows in sample_records(domain).groupby("region"):
        known = {fold_name(name) for name in store.associations(domain.kind, str(hub_id))}
        rows = rows[[fold_name(name) not in known for name in rows["association"]]]
        if rows.empty:
            continue
        table = [(line, row) for line, row in enumerate(rows.astype(str).to_dict("records"), start=2)]
        new += import_rows(store, domain, table, str(hub_id), author="sample")[1]
    return new


def import_every_sample(store: Store) -> dict[str, int]:
    """Load every registered domain's samples (``import_samples``), the register before the steps
    that name its actors; return the new revisions per domain."""

    return {name: import_samples(store, declared) for name, declared in domains().items()}
