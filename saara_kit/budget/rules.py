"""The funders' rules, one YAML file each in ``rulesets/``, and what a budget must respect."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from saara_kit.yaml_files import read_yaml

__all__ = ["RULESETS_DIR", "RuleSet", "ruleset"]

RULESETS_DIR = Path(__file__).parent / "rulesets"


@dataclass(frozen=True)
class RuleSet:
    """A funder's rules; a limit left out of its file does not apply. Caps are per cent of the
    direct eligible costs; ``max_grant`` is in DZD; ``min_cofunding_pct`` is the smallest share of
    the total that others than the funder asked must pay."""

    id: str
    names: dict[str, str]
    indirect_max_pct: Decimal | None = None
    contingency_max_pct: Decimal | None = None
    flexibility_pct: Decimal | None = None
    max_grant: Decimal | None = None
    min_cofunding_pct: Decimal | None = None


@cache
def ruleset(rules_id: str) -> RuleSet:
    """Return the rule set ``rulesets/<rules_id>.yaml``."""
    raw = read_yaml(RULESETS_DIR / f"{rules_id}.yaml")
    limits = {name: Decimal(str(value)) for name, value in raw.items() if name not in ("id", "name")}
    return RuleSet(id=raw["id"], names=dict(raw["name"]), **limits)
