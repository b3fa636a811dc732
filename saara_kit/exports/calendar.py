"""Meetings as an iCalendar file (RFC 5545, made with icalendar) that phone and desktop calendars open.

A domain that has dated events declares ``exports.events``: a function from its records (a DataFrame with
the store's columns) to ``Event``s. Times are the hub's local time, Africa/Algiers (UTC+1 all
year); the file carries that time zone, so a phone set to another one still shows the right hour.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as CalendarEvent

__all__ = ["ALGERIA", "Event", "write_calendar"]

ALGERIA = ZoneInfo("Africa/Algiers")
PRODUCT = "-//SAARA kit//concertation//FR"


@dataclass(frozen=True)
class Event:
    """One dated event: ``uid`` stays the same when the event is exported again (its record id)."""

    uid: str
    summary: str
    start: dt.datetime  # local time in Algeria, without a time zone
    duration: dt.timedelta
    location: str = ""
    description: str = ""


def write_calendar(events: list[Event], path: str | Path, name: str) -> Path:
    """Write ``events`` as one calendar called ``name``; return the path."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC)
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", event.uid)
        entry.add("dtstamp", stamp)
        entry.add("summary", event.summary)
        entry.add("dtstart", event.start.replace(tzinfo=ALGERIA))
        entry.add("duration", event.duration)
        if event.location:
            entry.add("location", event.location)
        if event.description:
            entry.add("description", event.description)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(calendar.to_ical())
    return path
