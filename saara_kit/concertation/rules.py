"""The concertation's rules across records: what a meeting's or an attendance's values must respect."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from saara_kit.concertation.fields import PRECONDITIONS
from saara_kit.records import Record
from saara_kit.validation import FieldError

__all__ = ["attendance_adds_up", "preconditions_advice", "within_plan"]


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


def preconditions_advice(plans) -> str | None:
    """Return the catalogue key of a warning when a plan (a DataFrame of plans) answers "no" to a
    precondition: the steps are planned on missing ground."""
    missing = any((plans[name] == "no").any() for name in PRECONDITIONS if name in plans)
    return "concertation.preconditions_missing" if missing else None

