"""Who a code belongs to: a hub's trainer, an association of a hub (its participants), or a
reviewer of the support fund; and the JupyterHub groups that say so."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from saara_kit.codes import CODE_ALPHABET
from saara_kit.deploy.trainers import load_trainer_codes
from saara_kit.grants.tables import reviewers  # the support fund's reviewers sign in with their codes too
from saara_kit.store.schema import association_codes

__all__ = ["REVIEWERS_GROUP", "ROLES", "Person", "clean_code", "find_person", "person_from_groups"]

ROLES = ("trainers", "participants")  # per hub: <hub>-trainers, <hub>-participants
REVIEWERS_GROUP = "reviewers"  # the support fund's reviewers, national


@dataclass(frozen=True)
class Person:
    """A code's holder: ``role`` is "trainers", "participants" or "reviewers"; ``hub_id`` is empty for reviewers."""

    code: str
    role: str
    hub_id: str = ""

    @property
    def name(self) -> str:
        """The JupyterHub user name: the code itself, in small letters (JupyterHub's convention)."""
        return self.code.lower()

    @property
    def groups(self) -> list[str]:
        return [REVIEWERS_GROUP] if self.role == "reviewers" else [f"{self.hub_id}-{self.role}"]

    @property
    def uses_lab(self) -> bool:
        """Tell whether this person gets JupyterLab (trainers) rather than the forms."""
        return self.role == "trainers"


def clean_code(typed: object) -> str:
    """Return ``typed`` as a code (capitals, no spaces or dashes), or "" when it cannot be one."""
    if not isinstance(typed, str):
        return ""
    code = "".join(typed.split()).replace("-", "").upper()
    return code if 4 <= len(code) <= 12 and set(code) <= set(CODE_ALPHABET) else ""


def find_person(typed: object, engine: sa.Engine, trainers_file: str | Path) -> Person | None:
    """Return the holder of the code ``typed``, or None: unknown, or held twice (never guess)."""
    code = clean_code(typed)
    if not code:
        return None
    found = [Person(code, "trainers", hub_id) for c, hub_id in load_trainer_codes(trainers_file).items() if c == code]
    with engine.connect() as conn:
        hub_ids = conn.execute(sa.select(association_codes.c.region).where(association_codes.c.code == code)).scalars()
        found += [Person(code, "participants", hub_id) for hub_id in hub_ids]
        if conn.execute(sa.select(reviewers.c.code).where(reviewers.c.code == code)).first() is not None:
            found.append(Person(code, "reviewers"))
    return found[0] if len(found) == 1 else None


def person_from_groups(name: str, groups: list[str]) -> Person | None:
    """Return the person a JupyterHub user is, from its groups; None when they say nothing clear."""
    if groups == [REVIEWERS_GROUP]:
        return Person(name.upper(), "reviewers")
    found = [group.rsplit("-", 1) for group in groups if group.rsplit("-", 1)[-1] in ROLES]
    return Person(name.upper(), found[0][1], found[0][0]) if len(found) == 1 else None
