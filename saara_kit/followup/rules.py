"""The follow-up's rules across fields: what a milestone, a session, an indicator's value or a report must respect."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any

from saara_kit.records import Record
from saara_kit.validation import FieldError

__all__ = [
    "EVIDENCE_FILE",
    "done_has_a_date",
    "evidence_file",
    "evidence_in_data_folder",
    "held_sessions_only_count",
    "latest_value",
    "reported_as_indicator_says",
]

EVIDENCE_FILE = "file:"  # evidence that is a file names it under the data folder: "file:evidence/pv-mars.pdf"


def evidence_file(evidence: str) -> PurePosixPath | None:
    """Return the file a milestone's evidence names (relative to the data folder), None for a note."""
    text = str(evidence or "").strip()
    return (
        PurePosixPath(text[len(EVIDENCE_FILE) :].strip().replace("\\", "/")) if text.startswith(EVIDENCE_FILE) else None
    )


def done_has_a_date(record: Record) -> Iterable[FieldError]:
    """Refuse a milestone marked done without the day it was reached (lateness is told from it)."""
    if record.status == "done" and not record.done_on:
        yield FieldError("done_on", "milestones.field.done_on", "done_without_date")


def evidence_in_data_folder(record: Record) -> Iterable[FieldError]:
    """Refuse evidence naming a file outside the data folder (an absolute path, or one climbing with "..")."""
    path = evidence_file(record.evidence)
    if path is not None and (not path.parts or path.is_absolute() or ".." in path.parts or ":" in path.parts[0]):
        yield FieldError("evidence", "milestones.field.evidence", "evidence_outside", {"path": str(path)[:60]})


def held_sessions_only_count(record: Record) -> Iterable[FieldError]:
    """Refuse an attendance for a session not held (planned, or cancelled)."""
    if record.status != "held" and record.attendance:
        yield FieldError("attendance", "support.field.attendance", "attendance_not_held")


def reported_as_indicator_says(
    record: Record, known: Mapping[str, Mapping[str, Mapping[str, Any]]]
) -> Iterable[FieldError]:
    """Refuse a reported value that is not a number, or not a date, when its logframe line's target is one."""
    from saara_kit.concertation.rules import value_as_indicator_says

    line = known.get("logframe", {}).get(record.line)
    if line:
        yield from value_as_indicator_says(record.current, line.get("target"), "current", "indicators.field.current")


def latest_value(line: Mapping[str, Any], reported: Mapping[str, str]) -> Any:
    """Return a logframe line's latest value: the one the follow-up reported last (``reported``: value
    by line name, ``<plan> → <number>``), else the logframe's own ``current``."""
    from saara_kit.concertation.domain import LOGFRAME

    return reported.get(LOGFRAME.name_of(line), line.get("current", ""))
