"""What a funded project's follow-up holds, step by step (pure: no widgets, no I/O).

The report names the project's approved budget (its lines and the expenditures against them, kept
in the budget app) and its concertation plan (its activities and logframe); milestones name the
plan's activities, indicator values name its logframe lines.
"""

from __future__ import annotations

from saara_kit.concertation.fields import STATUSES
from saara_kit.records import Amount, Choice, Count, Date, Reference, Text

__all__ = [
    "INDICATOR_FIELDS",
    "MILESTONE_FIELDS",
    "REPORT_FIELDS",
    "SESSION_KINDS",
    "SESSION_STATUSES",
    "SUPPORT_FIELDS",
]

SESSION_KINDS = ("training", "advice", "visit")
SESSION_STATUSES = ("planned", "held", "cancelled")

REPORT_FIELDS = (
    Text("project", max=200),
    Reference("budget", to="budget"),  # the approved budget
    Reference("plan", to="concertation"),  # its activities and logframe
    Date("start", section="project"),
    Date("end", section="project"),
    # the report itself: each period's report is a new revision of this record, earlier ones stay readable
    Text("period", max=60),  # "T1 2027"
    Date("as_of"),  # the day the report speaks of
    Text("progress", max=4000, multiline=True),
    Text("difficulties", max=2000, multiline=True, required=False),
    Text("next_steps", max=2000, multiline=True, required=False),
)
MILESTONE_FIELDS = (
    Text("name", max=200),
    Reference("activity", to="activities", required=False),
    Date("due"),
    Choice("status", STATUSES, labels="commitments.status"),
    Date("done_on", required=False),
    Text("evidence", max=300, required=False),  # a note, or "file:<path under the data folder>"
)
INDICATOR_FIELDS = (
    Reference("line", to="logframe"),  # "<plan> → <number>"
    Text("current", max=100),
    Date("measured"),
    Text("note", max=500, required=False, anonymise="blank"),
)
SUPPORT_FIELDS = (
    Date("date"),
    Choice("kind", SESSION_KINDS),
    Text("topic", max=200),
    Text("trainer", max=120, anonymise="code"),
    Amount("hours", high=200),
    Choice("status", SESSION_STATUSES),
    Count("attendance", high=500, required=False),
)
