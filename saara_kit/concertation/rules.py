"""The concertation's rules across records: what a meeting's or an attendance's values must respect."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from saara_kit.concertation.fields import LOGFRAME_LEVELS, MEETING_HOURS, PRECONDITIONS
from saara_kit.records import Record
from saara_kit.validation import FieldError, fold_name, parse_decimal

__all__ = [
    "activity_of_the_plan",
    "attendance_adds_up",
    "indicator_has_target",
    "indicator_kind",
    "logframe_level",
    "logframe_line",
    "preconditions_advice",
    "value_as_indicator_says",
    "values_as_indicator_says",
    "within_plan",
]

LOGFRAME_NUMBER = re.compile(r"\d{1,2}(\.\d{1,2}){0,2}")


def within_plan(record: Record, known: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> Iterable[FieldError]:
    """Refuse a meeting dated outside the period of the plan it belongs to."""
    plan = known.get("concertation", {}).get(record.plan)
    if plan and plan.get("start") and plan.get("end") and not plan["start"] <= record.date <= plan["end"]:
        yield FieldError("date", "meetings.field.date", "outside_plan", {"start": plan["start"], "end": plan["end"]})


def attendance_adds_up(record: Record) -> Iterable[FieldError]:
    """Refuse more women, or more young people, than attendees."""
    for part in ("women", "youth"):
        if record[part] > record.attendance:
            yield FieldError(part, f"meetings.field.{part}", "more_than_attendance", {"count": record.attendance})


def overlapping_meetings(meetings: list[Record]) -> Iterable[FieldError]:
    """Warn of a meeting that starts while another of the same owner still runs (each lasts
    ``MEETING_HOURS``): a warning, since a co-host may stand in."""
    starts = sorted(
        ((dt.datetime.fromisoformat(f"{m.date}T{m.time or '09:00'}"), m) for m in meetings if m.owner and m.date),
        key=lambda pair: pair[0],
    )
    running: list[tuple[str, dt.datetime, Record]] = []  # (owner, end, meeting) of those still running
    for start, meeting in starts:
        running = [entry for entry in running if entry[1] > start]  # in order of start: one ended stays ended
        owner = fold_name(meeting.owner)
        for other_owner, _, other in running:
            if other_owner == owner:
                yield FieldError(
                    "time",
                    "meetings.field.time",
                    "same_owner_busy",
                    {"title": meeting.title, "owner": meeting.owner, "other": other.title},
                )
        running.append((owner, start + dt.timedelta(hours=MEETING_HOURS), meeting))


def preconditions_advice(plans) -> str | None:
    """Return the catalogue key of a warning when a plan (a DataFrame of plans) answers "no" to a
    precondition: the steps are planned on missing ground."""
    missing = any((plans[name] == "no").any() for name in PRECONDITIONS if name in plans)
    return "concertation.preconditions_missing" if missing else None


def logframe_level(number: Any) -> str | None:
    """Return the level a logframe number stands for ("" the impact, "1.2" an output), None if malformed."""
    text = str(number or "").strip()
    if not text:
        return LOGFRAME_LEVELS[0]
    return LOGFRAME_LEVELS[text.count(".") + 1] if LOGFRAME_NUMBER.fullmatch(text) else None


def logframe_line(record: Record) -> Iterable[FieldError]:
    """Refuse a malformed number; an activity line names one of the plan's activities, any
    other line states its result."""
    level = logframe_level(record.number)
    if level is None:
        yield FieldError("number", "logframe.field.number", "logframe_number")
    elif level == "activity" and not record.activity:
        yield FieldError("activity", "logframe.field.activity", "required")
    elif level != "activity" and not record.statement:
        yield FieldError("statement", "logframe.field.statement", "required")
    elif level != "activity" and record.activity:
        yield FieldError("activity", "logframe.field.activity", "activity_line_only")


def indicator_has_target(record: Record) -> Iterable[FieldError]:
    """Refuse an indicator without a target: progress cannot be told against nothing."""
    if record.indicator and not record.target:
        yield FieldError("target", "logframe.field.target", "no_target")


def activity_of_the_plan(record: Record, known: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> Iterable[FieldError]:
    """Refuse a logframe line naming an activity of another plan."""
    activity = known.get("activities", {}).get(record.activity) if record.activity else None
    if activity and activity.get("plan") != record.plan:
        yield FieldError("activity", "logframe.field.activity", "other_plan", {"plan": activity.get("plan")})


def indicator_kind(target: Any) -> str:
    """Return what an indicator is measured in, as its target says: ``number``, ``date`` (ISO, 2027-06-30)
    or ``text`` (anything else: "oui", "40 (20)")."""
    text = str(target or "").strip()
    for kind, read in (("number", parse_decimal), ("date", dt.date.fromisoformat)):
        try:
            read(text)
            return kind
        except (ValueError, TypeError):
            continue
    return "text"


def value_as_indicator_says(value: Any, target: Any, field: str, label_key: str) -> Iterable[FieldError]:
    """Refuse a ``value`` that is not a number, or not a date, when the indicator's ``target`` is one."""
    kind, text = indicator_kind(target), str(value or "").strip()
    if text and kind != "text" and indicator_kind(text) != kind:
        yield FieldError(field, label_key, f"indicator_{kind}", {"target": str(target).strip()})


def values_as_indicator_says(record: Record) -> Iterable[FieldError]:
    """Refuse a logframe line whose baseline or current value is not measured as its target is."""
    for name in ("baseline", "current"):
        yield from value_as_indicator_says(record[name], record.target, name, f"logframe.field.{name}")
