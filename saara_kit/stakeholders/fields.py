"""What a stakeholder record holds: its fields and their codes (pure: no widgets, no I/O)."""
from __future__ import annotations

from saara_kit.records import Choice, Scale, Text

__all__ = ["FIELDS", "LEVELS", "POSITIONS", "SECTORS", "STAKEHOLDER_TYPES", "display_name"]

STAKEHOLDER_TYPES = (
    "apc", "apw", "wilaya", "daira", "direction", "association",
    "private_firm", "donor", "media", "citizens_group", "other",
)
SECTORS = (
    "education", "health", "environment", "water", "agriculture", "culture",
    "youth", "women", "social", "economy", "governance", "other",
)
LEVELS = ("communal", "daira", "wilaya", "national", "international")
POSITIONS = (-2, -1, 0, 1, 2)  # strongly against … strongly in favour

FIELDS = (
    Text("name", max=200),
    Text("name_ar", max=200, required=False),
    Choice("type", STAKEHOLDER_TYPES),
    Choice("sector", SECTORS),
    Choice("level", LEVELS),
    Scale("power", 1, 5),
    Scale("interest", 1, 5),
    Choice("position", POSITIONS, initial=0),
    Text("notes", max=2000, required=False, multiline=True),
)


def display_name(name: str, name_ar: str, lang: str) -> str:
    """Return the name to show: the Arabic one for Arabic readers when there is one."""
    return name_ar if lang == "ar" and name_ar else name
