"""The stakeholder record and its rules (pure: no widgets, no I/O)."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping

from saara_kit.validation import Checker

__all__ = [
    "KIND",
    "LEVELS",
    "SCHEMA_VERSION",
    "SECTORS",
    "STAKEHOLDER_TYPES",
    "Stakeholder",
    "display_name",
    "validate_stakeholder",
    "validate_association",
]

KIND = "stakeholder"
SCHEMA_VERSION = 1
STAKEHOLDER_TYPES = (
    "apc", "apw", "wilaya", "daira", "direction", "association",
    "private_firm", "donor", "media", "citizens_group", "other",
)
SECTORS = (
    "education", "health", "environment", "water", "agriculture", "culture",
    "youth", "women", "social", "economy", "governance", "other",
)
LEVELS = ("communal", "daira", "wilaya", "national", "international")
SCALE = (1, 5)
POSITIONS = (-2, 2)
NAME_MAX = 200
NOTES_MAX = 2000


def display_name(name: str, name_ar: str, lang: str) -> str:
    """Return the name to show: the Arabic one for Arabic readers when there is one."""
    return name_ar if lang == "ar" and name_ar else name


@dataclass(frozen=True)
class Stakeholder:
    """An actor who can affect, or is affected by, an association's project."""

    name: str
    type: str
    sector: str
    level: str
    power: int
    interest: int
    position: int
    name_ar: str = ""
    notes: str = ""

    def label(self, lang: str) -> str:
        """Return the name to show in ``lang``."""
        return display_name(self.name, self.name_ar, lang)

    def to_payload(self) -> dict[str, Any]:
        """Return the record as plain JSON-ready values."""
        return asdict(self)


def validate_stakeholder(raw: Mapping[str, Any]) -> Stakeholder:
    """Build a ``Stakeholder`` from raw values; raise ``ValidationError`` naming each bad field."""
    check = Checker(raw, "stakeholders")
    stakeholder = Stakeholder(
        name=check.text("name", NAME_MAX),
        name_ar=check.text("name_ar", NAME_MAX, required=False),
        type=check.choice("type", STAKEHOLDER_TYPES),
        sector=check.choice("sector", SECTORS),
        level=check.choice("level", LEVELS),
        power=check.whole_number("power", *SCALE),
        interest=check.whole_number("interest", *SCALE),
        position=check.whole_number("position", *POSITIONS),
        notes=check.text("notes", NOTES_MAX, required=False),
    )
    check.raise_if_any()
    return stakeholder


def validate_association(name: Any) -> str:
    """Return the association's name, stripped; raise ``ValidationError`` when empty or too long."""
    check = Checker({"association": name}, "stakeholders")
    association = check.text("association", NAME_MAX)
    check.raise_if_any()
    return association
