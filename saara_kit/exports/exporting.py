"""Export a domain's current records (or its app's steps) as CSV, XLSX or iCalendar, labelled for people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from saara_kit.exports.anonymise import Anonymiser
from saara_kit.exports.formulas import column_places, with_row_formulas, with_sheet_references
from saara_kit.exports.tables import TableError, write_tables
from saara_kit.exports.workbook import sheet_title
from saara_kit.i18n import format_date, is_rtl, t
from saara_kit.records import Domain, labelled_table
from saara_kit.registry import domains
from saara_kit.store import Store
from saara_kit.store.repository import (
    STORE_COLUMNS,
    listed_frame,
    revisions_frame,
)
from saara_kit.validation import fold_name

__all__ = ["current_frame", "export_frame", "export_records"]


def export_frame(
    store: Store, domain: Domain, hub_id: str | None = None, lang: str = "fr", anonymiser: Anonymiser | None = None
) -> pd.DataFrame:
    """Return the current records as a table with headers and labels in ``lang`` (names coded
    when ``anonymiser`` is given)."""
    return _labelled(domain, current_frame(store, domain, hub_id, anonymiser), lang)


def current_frame(
    store: Store,
    domain: Domain,
    hub_id: str | None = None,
    anonymiser: Anonymiser | None = None,
    association: str | None = None,
    listed: bool = False,
) -> pd.DataFrame:
    """Return the current records of ``domain`` (of a hub, of one association whatever its case and
    accents), names coded when ``anonymiser`` is given; with ``listed``, the rows other domains list
    in it too (``listed_frame``: the directory's case studies, which its own exporters write)."""
    frame = (
        listed_frame(store, domain, hub_id, domains=domains())
        if listed
        else revisions_frame(domain, store.current(domain.kind, hub_id=hub_id))
    )
    if association:
        frame = frame[[fold_name(name) == fold_name(association) for name in frame["association"]]].reset_index(
            drop=True
        )
    return frame if anonymiser is None else anonymiser.frame(domain, frame)


def _sheet_columns(domain: Domain) -> list[str]:
    """Return the columns of a domain's table, in order: hub, association, fields, derived, store's."""
    return ["region", "association", *domain.field_names, *(f.name for f in domain.derived), *STORE_COLUMNS]


def _labelled(domain: Domain, frame: pd.DataFrame, lang: str, formulas: bool = False) -> pd.DataFrame:
    """Return records as a table for people; with ``formulas``, derived columns a workbook computes."""
    if domain.derive is not None:
        frame = domain.derive(frame)
    frame["saved_at"] = [stamp.strftime("%Y-%m-%d %H:%M:%S") for stamp in frame["saved_at"]]
    columns = _sheet_columns(domain)
    labelled = labelled_table(domain, frame[columns], lang)
    return with_row_formulas(domain, columns, frame, labelled) if formulas else labelled


def export_records(
    store: Store,
    domain: Domain,
    path: str | Path,
    fmt: str | None = None,
    hub_id: str | None = None,
    lang: str = "fr",
    hub_name: str = "",
    anonymiser: Anonymiser | None = None,
    association: str | None = None,
) -> int:
    """Write the current records to exactly ``path`` (CSV or XLSX); return the row count of ``domain``.

    A workbook of an app with steps holds one sheet per step, then the domain's summaries (the
    engagement plan); a CSV file holds ``domain`` alone; an ICS file holds the dated events of the
    app's steps (its meetings), and the count is theirs. With ``anonymiser``, names become codes.
    """
    from saara_kit.registry import steps

    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    own = dict(domain.exports.exporters)  # formats the domain writes itself (the directory's JSON-LD, its offline page)
    if fmt in own:
        return own[fmt](current_frame(store, domain, hub_id, anonymiser, association, listed=True), Path(path), lang)
    if fmt == "ics":
        return _export_calendar(store, domain, path, hub_id, lang, hub_name, anonymiser, association)
    if fmt == "html":
        from saara_kit.exports.handout import write_handout

        return write_handout(store, domain, path, hub_id, association, lang, hub_name, anonymiser)
    shown = steps(domain.name) if fmt == "xlsx" and domain.app.part_of is None else [domain]
    raw = {step.name: current_frame(store, step, hub_id, anonymiser, association) for step in shown}
    titles = {
        step.name: sheet_title(t(f"{step.name}.step" if len(shown) > 1 else f"app.{step.name}.title", lang))
        for step in shown
    }
    sheets = [
        (titles[step.name], _labelled(step, raw[step.name].copy(), lang, formulas=fmt == "xlsx")) for step in shown
    ]
    if len(shown) > 1:
        places = column_places({step.name: (titles[step.name], _sheet_columns(step)) for step in shown})
        sheets += [
            (t(title, lang), with_sheet_references(summary(raw, lang), places))
            for title, summary in domain.exports.summaries
        ]
    lines = [
        (t("records.field.region", lang), hub_name or t("export.all_hubs", lang)),
        (t("export.form", lang), t(f"app.{domain.name}.title", lang)),
        (t("export.date", lang), format_date(dt.date.today(), lang)),
        (t("export.rows", lang), str(len(raw[domain.name]))),
    ]
    if anonymiser is not None:
        lines.append((t("export.anonymised", lang), t("export.anonymised_how", lang)))
    write_tables(
        sheets, path, fmt, sep="," if lang == "en" else ";", about=(t("export.about", lang), lines), rtl=is_rtl(lang)
    )
    return len(raw[domain.name])


def _export_calendar(
    store: Store,
    domain: Domain,
    path: str | Path,
    hub_id: str | None,
    lang: str,
    hub_name: str,
    anonymiser: Anonymiser | None,
    association: str | None,
) -> int:
    """Write the events of ``domain``'s app (its meetings) as an iCalendar file; return their count."""
    from saara_kit.exports.calendar import write_calendar
    from saara_kit.registry import steps

    dated = [step for step in (steps(domain.name) if domain.app.part_of is None else [domain]) if step.exports.events]
    if not dated:
        raise TableError("export.no_events", domain=t(f"app.{domain.name}.title", lang))
    events = [
        event
        for step in dated
        if step.exports.events
        for event in step.exports.events(current_frame(store, step, hub_id, anonymiser, association), lang)
    ]
    name = " — ".join(filter(None, [t(f"app.{domain.name}.title", lang), hub_name]))
    write_calendar(events, path, name)
    return len(events)
