"""What a stakeholder record holds: its fields and their codes (pure: no widgets, no I/O)."""

from __future__ import annotations

from saara_kit.records import Choice, Date, Rating, Scale, Text

__all__ = [
    "CONSENTS",
    "FIELDS",
    "IAP2_LEVELS",
    "LEVELS",
    "POSITIONS",
    "QUADRANTS",
    "SALIENCE_TYPES",
    "SECTORS",
    "STAKEHOLDER_TYPES",
    "UNTYPED",
    "display_name",
]

STAKEHOLDER_TYPES = (
    "apc",
    "apw",
    "wilaya",
    "daira",
    "direction",
    "association",
    "private_firm",
    "donor",
    "media",
    "citizens_group",
    "other",
)
SECTORS = (
    "education",
    "health",
    "environment",
    "water",
    "agriculture",
    "culture",
    "youth",
    "women",
    "social",
    "economy",
    "governance",
    "other",
)
LEVELS = ("communal", "daira", "wilaya", "national", "international")
POSITIONS = (-2, -1, 0, 1, 2)  # strongly against … strongly in favour
IAP2_LEVELS = ("inform", "consult", "involve", "collaborate", "empower")  # the IAP2 spectrum, in order
CONSENTS = ("not_a_person", "yes", "no")  # a named individual agreed to be in the register
# the codes of the derived columns (the analysis computes them)
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")  # by priority
SALIENCE_TYPES = (  # most salient first
    "definitive",
    "dominant",
    "dangerous",
    "dependent",
    "dormant",
    "discretionary",
    "demanding",
    "non_stakeholder",
)
UNTYPED = "untyped"  # legitimacy or urgency not given yet: no salience type

FIELDS = (
    Text("name", max=200, anonymise="code"),
    Text("name_ar", max=200, required=False, anonymise="blank"),
    Choice("type", STAKEHOLDER_TYPES),
    Choice("sector", SECTORS),
    Choice("level", LEVELS),
    Scale("power", 1, 5),
    Scale("interest", 1, 5),
    Choice("position", POSITIONS, initial=0),
    # salience (Mitchell, Agle & Wood) and the engagement plan: optional, so older files still import;
    # unset until given, and an actor has a salience type only once both are
    Rating("legitimacy", 1, 5, section="salience"),
    Rating("urgency", 1, 5, section="salience"),
    Scale("influence", 0, 5, required=False, section="network"),  # Net-Map's influence tower
    Choice("target_position", POSITIONS, initial=0, required=False, labels="position", section="engagement"),
    Choice("iap2", IAP2_LEVELS, required=False, section="engagement"),
    Text("owner", max=120, required=False, section="engagement", anonymise="code"),
    Date("next_contact", required=False, section="engagement"),
    Choice("consent", CONSENTS, required=False, section="engagement"),
    Text("notes", max=2000, required=False, multiline=True, anonymise="blank"),
)


def display_name(name: str, name_ar: str, lang: str) -> str:
    """Return the name to show: the Arabic one for Arabic readers when there is one."""
    return name_ar if lang == "ar" and name_ar else name
