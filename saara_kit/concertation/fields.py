"""What a concertation plan holds, step by step (pure: no widgets, no I/O).

Activities, meetings and commitments name the register's actors (``Reference``/``References``
to ``stakeholders``) and their plan (``Reference`` to ``concertation``): the form offers what
the association saved, and anything else is refused.
"""

from __future__ import annotations

from saara_kit.records import Choice, Count, Date, Reference, References, Scale, Text, Time
from saara_kit.stakeholders.fields import IAP2_LEVELS

__all__ = [
    "ACTIVITY_FIELDS",
    "ANSWERS",
    "COMMITMENT_FIELDS",
    "LOGFRAME_FIELDS",
    "LOGFRAME_LEVELS",
    "MEETING_FIELDS",
    "MEETING_HOURS",
    "PARTICIPATION_FIELDS",
    "PLAN_FIELDS",
    "PRECONDITIONS",
    "STATUSES",
]

ANSWERS = ("yes", "partly", "no")  # to each precondition
PRECONDITIONS = ("decision_room", "rules_agreed", "time_and_means")  # what concertation guides ask first
MEETING_HOURS = 2  # a meeting's length (calendars, overlaps): the form asks for its start only
STATUSES = ("planned", "in_progress", "done", "dropped")
# a logframe line's level is told by its number's depth: "" the impact, "1" an outcome, "1.2" an
# output of outcome 1, "1.2.3" an activity of output 1.2 (the funders' numbering)
LOGFRAME_LEVELS = ("impact", "outcome", "output", "activity")

PLAN_FIELDS = (
    Text("name", max=200),
    Text("objective", max=1000, multiline=True),
    Date("start"),
    Date("end"),
    *(
        Choice(name, ANSWERS, initial="no", labels="answer", required=False, section="preconditions")
        for name in PRECONDITIONS
    ),
    Text("who_decides", max=300, required=False, section="preconditions"),
)
PARTICIPATION_FIELDS = (
    Reference("stakeholder", to="stakeholders"),
    Choice("level", IAP2_LEVELS, labels="stakeholders.iap2"),
    Text("notes", max=500, required=False, anonymise="blank"),
)
ACTIVITY_FIELDS = (
    Reference("plan", to="concertation"),
    Text("name", max=200),
    Date("start"),
    Date("end"),
    Text("owner", max=120, anonymise="code"),
    References("involved", to="stakeholders", required=False),
    # RACI: who does it, the one who answers for it, who is asked, who is told
    References("responsible", to="stakeholders", section="raci"),
    Reference("accountable", to="stakeholders", section="raci"),
    References("consulted", to="stakeholders", required=False, section="raci"),
    References("informed", to="stakeholders", required=False, section="raci"),
)
MEETING_FIELDS = (
    Reference("plan", to="concertation"),
    Text("title", max=200),
    Date("date"),
    Time("time"),
    Text("place", max=200),
    Text("owner", max=120, required=False, anonymise="code"),
    Text("agenda", max=2000, required=False, multiline=True),
    References("invitees", to="stakeholders"),
    # after the meeting
    Count("attendance", required=False, section="after"),
    Count("women", required=False, section="after"),
    Count("youth", required=False, section="after"),
    Text("minutes", max=5000, required=False, multiline=True, section="after", anonymise="blank"),
    Text("decisions", max=2000, required=False, multiline=True, section="after"),
)
COMMITMENT_FIELDS = (
    Reference("who", to="stakeholders"),
    Text("what", max=500),
    Date("due"),
    Choice("status", STATUSES),
    Scale("progress", 0, 100, initial=0),
    Reference("meeting", to="meetings", required=False),
)
LOGFRAME_FIELDS = (
    Reference("plan", to="concertation"),
    Text("number", max=20, required=False),
    Text("statement", max=300, required=False, multiline=True),  # the result aimed at (not for an activity)
    Reference("activity", to="activities", required=False),  # an activity line names the plan's activity
    Text("indicator", max=300, required=False, section="indicator"),
    Text("baseline", max=100, required=False, section="indicator"),
    Text("target", max=100, required=False, section="indicator"),
    Text("current", max=100, required=False, section="indicator"),
    Text("source", max=300, required=False, section="indicator"),  # source of verification
    Text("assumptions", max=1000, required=False, multiline=True),
)
