"""What the steps after the register hold (pure: no widgets, no I/O): relations between actors,
objectives of the concertation, actors' positions on them and their direct influences (MACTOR).

Every link names actors of the register by name (``Reference`` fields): the form offers the
association's saved actors and objectives, and a name that is not among them is refused.
"""

from __future__ import annotations

from saara_kit.records import Choice, Reference, Scale, Text

__all__ = [
    "DIRECTIONS",
    "INFLUENCE_FIELDS",
    "LINK_KINDS",
    "OBJECTIVE_FIELDS",
    "POSITION_FIELDS",
    "RELATION_FIELDS",
    "STANCES",
]

LINK_KINDS = ("money", "command", "information", "cooperation", "conflict")  # Net-Map's kinds of link
DIRECTIONS = ("one_way", "both_ways")
STANCES = (-1, 0, 1)  # MACTOR's 1MAO: opposed, neutral, in favour

RELATION_FIELDS = (
    Reference("source", to="stakeholders"),
    Reference("target", to="stakeholders"),
    Choice("kind", LINK_KINDS),
    Scale("weight", 1, 5),
    Choice("direction", DIRECTIONS),
    Text("notes", max=500, required=False, anonymise="blank"),
)
OBJECTIVE_FIELDS = (
    Text("name", max=200),
    Text("name_ar", max=200, required=False),
    Text("description", max=1000, required=False, multiline=True),
)
POSITION_FIELDS = (
    Reference("actor", to="stakeholders"),
    Reference("objective", to="objectives"),
    Choice("stance", STANCES, initial=0),
    Scale("intensity", 0, 4, initial=2),  # 2MAO: how much the objective matters to the actor
)
INFLUENCE_FIELDS = (
    Reference("source", to="stakeholders"),
    Reference("target", to="stakeholders"),
    Scale("strength", 0, 4, initial=2),  # MID: 0 none, 1 on operations, 2 on projects, 3 on missions, 4 on existence
)
