"""The funders' rules at their edges: exactly at a cap passes, a hair (one centime) above fails; so for
every cap, the co-funding minimum and the flexibility, in both directions. Shares are compared
exactly and rounded only to be shown (7.04 % used to pass a 7 % cap as "7,0 %")."""

from __future__ import annotations

import pandas as pd
import pytest

from saara_kit.budget.analysis import budget_checks, flexibility_breaches
from saara_kit.budget.rules import ruleset, rulesets

HAIR = 0.01  # one centime
DIRECT = 800_000  # headings 1 to 6


def _budget(
    rules: str, contingency: float, indirect: float, shares: str = "Bailleur 100", funding: dict[str, str] | None = None
) -> dict:
    lines = [("staff", DIRECT), ("contingency", contingency), ("indirect", indirect)]
    frame = pd.DataFrame(
        [
            {
                "region": "centre",
                "association": "A",
                "budget": "B",
                "heading": heading,
                "description": heading,
                "quantity": 1,
                "unit_rate": float(amount),
                "currency": "DZD",
                "shares": shares,
            }
            for heading, amount in lines
            if amount
        ]
    )
    funders = funding or {"Bailleur": "requested"}
    return {
        "budget": pd.DataFrame([{"association": "A", "name": "B", "rules": rules}]),
        "budget_lines": frame,
        "funding": pd.DataFrame(
            [{"association": "A", "budget": "B", "funder": name, "kind": kind} for name, kind in funders.items()]
        ),
        "expenditures": pd.DataFrame(columns=["region", "association", "line", "amount", "currency"]),
    }


def _codes(records: dict) -> list[str]:
    return [problem.code for *_, problem in budget_checks(records)]


@pytest.mark.parametrize(
    ("rules", "code", "base"),
    [
        ("eu", "indirect_cap_with_contingency", DIRECT + 40_000),  # the EU's base: direct costs and contingency
        ("eu_15", "indirect_cap", DIRECT),  # the older guidance's: direct costs alone
    ],
)
def test_indirect_costs_at_the_cap_pass_and_a_hair_above_fails(rules, code, base):
    at_cap = base * 7 / 100
    assert _codes(_budget(rules, 40_000, at_cap)) == []
    assert _codes(_budget(rules, 40_000, at_cap + HAIR)) == [code]
    assert _codes(_budget(rules, 40_000, base * 7.04 / 100)) == [code]  # rounds to "7,0 %", still over


@pytest.mark.parametrize("rules", ["eu", "eu_15"])
def test_the_contingency_at_the_cap_passes_and_a_hair_above_fails(rules):
    assert _codes(_budget(rules, DIRECT * 5 / 100, 0)) == []
    assert _codes(_budget(rules, DIRECT * 5 / 100 + HAIR, 0)) == ["contingency_cap"]


def test_the_grant_at_the_ceiling_passes_and_a_hair_above_fails():
    cofunded = {"SAARA": "requested", "Ksar": "cofunder"}
    at_ceiling = _budget("saara_fund", 0, 0, "SAARA 80; Ksar 20", cofunded)
    at_ceiling["budget_lines"].loc[0, "unit_rate"] = 2_500_000  # 80 %: 2 000 000
    assert _codes(at_ceiling) == []
    at_ceiling["budget_lines"].loc[0, "unit_rate"] = 2_500_000 + 2 * HAIR  # 80 % of two centimes more
    assert _codes(at_ceiling) == ["max_grant"]


def test_co_funding_at_the_minimum_passes_and_a_hair_below_fails():
    cofunded = {"SAARA": "requested", "Ksar": "cofunder"}
    assert _codes(_budget("saara_fund", 0, 0, "SAARA 90; Ksar 10", cofunded)) == []
    assert _codes(_budget("saara_fund", 0, 0, "SAARA 90.05; Ksar 9.95", cofunded)) == [
        "min_cofunding"
    ]  # "10,0 %" shown


@pytest.mark.parametrize(("rules", "cap"), [("eu", 25), ("eu_15", 15), ("saara_fund", 15)])
def test_the_flexibility_bounds_both_directions_at_its_figure(rules, cap):
    plan = 100_000.0

    def moved(actual: float, final: bool = True) -> list[str]:
        table = pd.DataFrame({"plan": [plan], "actual": [actual]}, index=["staff"])
        return [problem.code for problem in flexibility_breaches(rules, table, final)]

    assert moved(plan * (100 + cap) / 100) == [] and moved(plan * (100 + cap) / 100 + HAIR) == ["over_flexibility"]
    assert moved(plan * (100 - cap) / 100) == [] and moved(plan * (100 - cap) / 100 - HAIR) == ["under_flexibility"]
    assert moved(plan * (100 - cap) / 100 - HAIR, final=False) == []  # during the project, a heading not yet spent


def test_every_rule_set_names_its_source():
    for rules in rulesets():
        assert {"document", "article", "date"} <= set(rules.source), rules.id
    assert ruleset("eu").flexibility_pct == 25 and ruleset("eu").indirect_base == "direct_and_contingency"
