"""What a project budget holds, step by step (pure: no widgets, no I/O).

Lines, in-kind contributions and expenditures name their budget (``Reference`` to ``budget``);
a line's ``shares`` name the budget's funding sources, each with its per cent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from saara_kit.records import Amount, Choice, Date, Reference, Text
from saara_kit.records.fields import Invalid
from saara_kit.validation import parse_decimal

__all__ = [
    "BUDGET_FIELDS",
    "CURRENCIES",
    "DIRECT_HEADINGS",
    "EXPENDITURE_FIELDS",
    "FUNDING_FIELDS",
    "FUNDING_KINDS",
    "HEADINGS",
    "IN_KIND_FIELDS",
    "IN_KIND_KINDS",
    "LINE_FIELDS",
    "RULESETS",
    "Shares",
]

# EU grant practice: six headings of direct costs, then contingency and indirect costs, which the
# funders' rules cap as a per cent of the direct ones
DIRECT_HEADINGS = ("staff", "travel", "equipment", "office", "services", "other")
HEADINGS = (*DIRECT_HEADINGS, "contingency", "indirect")
CURRENCIES = ("DZD", "EUR")
FUNDING_KINDS = ("requested", "own", "cofunder")  # the funder asked, the association, other co-funders
IN_KIND_KINDS = ("volunteer_time", "goods")
RULESETS = ("eu", "eu_15", "saara_fund")  # saara_kit/budget/rulesets/<id>.yaml

SHARE = re.compile(r"^(?P<name>.*?\D)\s*[:=]?\s*(?P<share>[\d٠-٩][\d٠-٩\s.,٫]*)\s*%?$")


@dataclass(frozen=True)
class Shares(Reference):
    """Who pays what share of a line: "UE 80 %; Fonds propres 20 %", names of another domain's
    records, each with its per cent, summing to 100; kept as ``name share %`` joined by "; "."""

    control = "text"

    def read(self, value: Any, prefix: str = "") -> str:
        text = str(value or "").strip()
        if not text:
            if self.required:
                raise Invalid("required")
            return ""
        return self._join(self._parse(text))

    def _parse(self, text: str) -> dict[str, Decimal]:
        shares: dict[str, Decimal] = {}
        for part in filter(None, (part.strip() for part in re.split(r"[;\n]", text))):
            found = SHARE.match(part)
            if found is None:
                raise Invalid("not_shares", value=part[:60])
            try:
                share = parse_decimal(found["share"])
            except ValueError:
                raise Invalid("not_shares", value=part[:60]) from None
            name = " ".join(found["name"].rstrip(" :=").split())
            if share > 100:
                raise Invalid("share_above_100", name=name, share=share)
            shares[name] = shares.get(name, Decimal(0)) + share
        total = sum(shares.values(), Decimal(0))
        if total != 100:
            raise Invalid("shares_not_100", total=total)
        return shares

    @staticmethod
    def _join(shares: dict[str, Decimal]) -> str:
        return "; ".join(f"{name} {share.normalize():f} %" for name, share in shares.items())

    def resolve(self, value: str, keys: Iterable[str]) -> str:
        keys = list(keys)
        return self._join({Reference.resolve(self, name, keys): share for name, share in self.shares(value).items()})

    def shares(self, value: Any) -> dict[str, Decimal]:
        """Return the shares a kept value holds: name -> per cent."""
        return self._parse(str(value)) if value else {}

    def names(self, value: Any) -> list[str]:
        return list(self.shares(value))

    def hint(self) -> tuple[str, dict[str, Any]]:
        return "template.shares", {}


BUDGET_FIELDS = (
    Text("name", max=200),  # the project
    Choice("rules", RULESETS),
    Choice("display", CURRENCIES, labels="budget_lines.currency", required=False),  # the currency the totals show in
    Text("notes", max=1000, required=False, multiline=True),
)
FUNDING_FIELDS = (
    Reference("budget", to="budget"),
    Text("funder", max=200),
    Choice("kind", FUNDING_KINDS),
)
LINE_FIELDS = (
    Reference("budget", to="budget"),
    Choice("heading", HEADINGS),
    Text("description", max=300),
    Text("unit", max=60),
    Amount("quantity"),
    Amount("unit_rate"),
    Choice("currency", CURRENCIES),
    Text("period", max=60, required=False),
    Shares("shares", to="funding"),
    # the concertation plan's activity the line pays for: actor -> activity -> budget line, traceable
    Reference("activity", to="activities", required=False),
)
IN_KIND_FIELDS = (
    Reference("budget", to="budget"),
    Choice("kind", IN_KIND_KINDS),
    Text("description", max=300),
    Text("unit", max=60),  # hours, days, pieces
    Amount("quantity"),
    Amount("unit_rate"),
    Choice("currency", CURRENCIES, labels="budget_lines.currency"),
    Text("given_by", max=200, required=False, anonymise="code"),
)
EXPENDITURE_FIELDS = (
    Reference("line", to="budget_lines"),
    Date("date"),
    Text("what", max=300),
    Amount("amount"),
    Choice("currency", CURRENCIES, labels="budget_lines.currency"),
    Text("receipt", max=100, required=False),
)
