"""What the plan's records say once put together (pure functions over DataFrames)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from saara_kit.concertation.fields import MEETING_HOURS
from saara_kit.concertation.rules import logframe_level
from saara_kit.i18n import t
from saara_kit.records import References

__all__ = [
    "LOGFRAME_COLUMNS",
    "RACI_ROLES",
    "logframe_table",
    "meeting_events",
    "raci_matrix",
    "raci_table",
    "with_level",
]

RACI_ROLES = ("responsible", "accountable", "consulted", "informed")  # the letters R, A, C, I, in this order


def raci_matrix(activities: pd.DataFrame) -> pd.DataFrame:
    """Return activities × actors, each cell the letters of the actor's roles in the activity
    ("R", "A", "RA", "C", "I" or ""), actors in the order they first appear."""
    names = References("names")
    roles: dict[tuple[str, str], str] = {}
    actors: dict[str, None] = {}
    for activity in activities.itertuples(index=False):
        for role in RACI_ROLES:
            for actor in names.names(getattr(activity, role)):
                actors[actor] = None
                roles[activity.name, actor] = roles.get((activity.name, actor), "") + role[0].upper()
    index = list(dict.fromkeys(activities["name"])) if len(activities) else []
    return pd.DataFrame(
        [[roles.get((activity, actor), "") for actor in actors] for activity in index],
        index=pd.Index(index, name="activity"),
        columns=list(actors),
    )


def raci_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return the RACI matrix as a sheet: one row per activity, its header in ``lang``."""
    matrix = raci_matrix(records["activities"])
    return matrix.reset_index().rename(columns={"activity": t("activities.field.name", lang)})


def meeting_events(meetings, lang: str) -> list:
    """Return the meetings (a DataFrame with their record ids) as calendar events."""
    from saara_kit.exports.calendar import Event  # icalendar: only for an export

    events = []
    for meeting in meetings.itertuples(index=False):
        start = dt.datetime.fromisoformat(f"{meeting.date}T{meeting.time or '09:00'}")
        agenda = f"{t('meetings.field.agenda', lang)} : {meeting.agenda}\n" if meeting.agenda else ""
        invited = f"{t('meetings.field.invitees', lang)} : {meeting.invitees}"
        events.append(
            Event(
                uid=f"{meeting.record_id}@saara-kit",
                summary=f"{meeting.title} — {meeting.association}",
                start=start,
                duration=dt.timedelta(hours=MEETING_HOURS),
                location=meeting.place,
                description=agenda + invited,
            )
        )
    return events


LOGFRAME_COLUMNS = ("indicator", "baseline", "target", "current", "source", "assumptions")


def with_level(lines: pd.DataFrame) -> pd.DataFrame:
    """Return logframe lines with their ``level``, told by their number."""
    return lines.assign(level=[logframe_level(number) for number in lines["number"]])


def _number_order(number) -> tuple[int, ...]:
    return tuple(int(part) for part in str(number or "").split(".") if part.isdigit())


def logframe_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return the logframe as funders read it: one row per line, impact first, then each outcome
    followed by its outputs and their activities (an activity line shows the plan's activity and its dates)."""
    lines = with_level(records["logframe"])
    activities = {row.name: row for row in records["activities"].itertuples(index=False)}
    rows = []
    for line in sorted(lines.itertuples(index=False), key=lambda line: (line.plan, _number_order(line.number))):
        activity = activities.get(line.activity)
        what = f"{line.activity} ({activity.start} – {activity.end})" if activity is not None else line.activity
        rows.append(
            [
                line.plan,
                t(f"logframe.level.{line.level}", lang),
                line.number or "",
                what if line.level == "activity" else line.statement,
                *(getattr(line, column) for column in LOGFRAME_COLUMNS),
            ]
        )
    headers = [
        t("logframe.field.plan", lang),
        t("logframe.field.level", lang),
        t("logframe.number_short", lang),
        t("logframe.field.statement", lang),
        *(t(f"logframe.field.{column}", lang) for column in LOGFRAME_COLUMNS),
    ]
    return pd.DataFrame(rows, columns=headers)
