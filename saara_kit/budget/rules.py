"""The funders' rules, one YAML file each in ``rulesets/``, and what a budget must respect."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from saara_kit.yaml_files import read_yaml

__all__ = ["BASES", "DIRECTIONS", "RULESETS_DIR", "RuleSet", "ruleset", "rulesets"]

RULESETS_DIR = Path(__file__).parent / "rulesets"


BASES = ("direct", "direct_and_contingency")  # what a cap on indirect costs is a share of
DIRECTIONS = ("over", "both")  # whether the flexibility bounds overspending only, or any variation


@dataclass(frozen=True)
class RuleSet:
    """A funder's rules; a limit left out of its file does not apply.

    Caps are per cent of the direct eligible costs (headings 1 to 6); the cap on indirect costs is a
    share of ``indirect_base``: the direct costs, or (the EU's) the direct costs and the contingency
    reserve. ``flexibility_pct`` bounds how far a heading's spending may move from its plan without
    an amendment, ``flexibility_directions`` says whether overspending only or both ways.
    ``max_grant`` is in DZD; ``min_cofunding_pct`` is the smallest share of the total that others
    than the funder asked must pay. ``source`` names where the rules come from (document, article, date).
    Every comparison is exact: a share of 7.04 % is over a 7 % cap, though it reads "7,0 %".
    """

    id: str
    names: dict[str, str]
    source: dict[str, str] = field(default_factory=dict)
    indirect_max_pct: Decimal | None = None
    indirect_base: str = "direct"
    contingency_max_pct: Decimal | None = None
    flexibility_pct: Decimal | None = None
    flexibility_directions: str = "both"
    max_grant: Decimal | None = None
    min_cofunding_pct: Decimal | None = None


@cache
def ruleset(rules_id: str) -> RuleSet:
    """Return the rule set ``rulesets/<rules_id>.yaml``."""
    raw = read_yaml(RULESETS_DIR / f"{rules_id}.yaml")
    words = {name: str(raw[name]) for name in ("indirect_base", "flexibility_directions") if name in raw}
    if (
        words.get("indirect_base", "direct") not in BASES
        or words.get("flexibility_directions", "both") not in DIRECTIONS
    ):
        raise ValueError(
            f"{rules_id}: indirect_base must be one of {BASES}, flexibility_directions one of {DIRECTIONS}"
        )
    limits = {name: Decimal(str(value)) for name, value in raw.items() if name not in ("id", "name", "source", *words)}
    return RuleSet(
        id=raw["id"],
        names=dict(raw["name"]),
        source={k: str(v) for k, v in (raw.get("source") or {}).items()},
        **words,
        **limits,
    )


def rulesets() -> list[RuleSet]:
    """Return every funder's rule set, by id."""
    return [ruleset(path.stem) for path in sorted(RULESETS_DIR.glob("*.yaml"))]
