"""What a budget's records add up to (pure functions over DataFrames): each line's amount in its
currency and in DZD, totals by heading and by funder, and the funders' rules checked."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pandas as pd

from saara_kit.budget.fields import DIRECT_HEADINGS, HEADINGS, LINE_FIELDS, Shares
from saara_kit.budget.rules import ruleset
from saara_kit.i18n import format_date, format_money, format_number, t
from saara_kit.settings import default_hub_id
from saara_kit.validation import FieldError

__all__ = [
    "budget_checks",
    "checks_table",
    "eur_rate",
    "flexibility_breaches",
    "funder_totals",
    "heading_table",
    "heading_totals",
    "hub_of",
    "sensitivity_table",
    "spent_in_dzd",
    "variance",
    "with_amounts",
]

SHARES: Shares = next(f for f in LINE_FIELDS if isinstance(f, Shares))
CENT = Decimal("0.01")


@cache
def eur_rate(hub_id: str, second: bool = False) -> Decimal:
    """Return how many DZD one EUR is worth in hub ``hub_id``'s budgets (its ``second`` rate, for
    the sensitivity view)."""
    from saara_kit.data import load_hub

    rate = load_hub(hub_id).eur_rate
    return Decimal(str(rate.second if second else rate.dzd))


def hub_of(lines: pd.DataFrame) -> str:
    """Return the hub whose rate a budget's lines are converted at: theirs, or (a form's draft, which
    has no hub column, or no lines yet) the one this kit serves."""
    return lines["region"].iloc[0] if "region" in lines and len(lines) else default_hub_id()


def with_amounts(lines: pd.DataFrame, second_rate: bool = False) -> pd.DataFrame:
    """Return budget lines (or in-kind contributions) with ``amount`` (quantity × unit rate, in the
    line's currency) and ``amount_dzd`` (at the hub's rate, or its second rate)."""
    amounts = [
        Decimal(str(quantity)) * Decimal(str(rate)) for quantity, rate in zip(lines["quantity"], lines["unit_rate"])
    ]
    hub_ids = lines["region"] if "region" in lines else [default_hub_id()] * len(lines)  # a form's draft: its hub
    in_dzd = [
        amount * (eur_rate(hub_id, second_rate) if currency == "EUR" else 1)
        for amount, currency, hub_id in zip(amounts, lines["currency"], hub_ids)
    ]
    return lines.assign(
        amount=[float(a.quantize(CENT)) for a in amounts], amount_dzd=[float(a.quantize(CENT)) for a in in_dzd]
    )


def spent_in_dzd(expenditures: pd.DataFrame) -> pd.DataFrame:
    """Return expenditures with ``amount_dzd``: each amount at the hub's rate when paid in euros."""
    return with_amounts(expenditures.assign(quantity=1, unit_rate=expenditures["amount"]))


def heading_totals(lines: pd.DataFrame) -> pd.Series:
    """Return the DZD total of each heading, in the headings' order (lines with ``amount_dzd``)."""
    return lines.groupby("heading")["amount_dzd"].sum().reindex(list(HEADINGS), fill_value=0.0)


def heading_table(lines: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return the totals by heading as people read money (Babel: "1 234 567,00 DZD" in French), in
    DZD and in EUR at the hub's rate, then the direct costs and the total."""
    totals = heading_totals(with_amounts(lines))
    rate = float(eur_rate(hub_of(lines)))
    rows = [(t(f"budget_lines.heading.{h}", lang), totals[h]) for h in HEADINGS]
    rows += [
        (t("budget.direct_costs", lang), totals[list(DIRECT_HEADINGS)].sum()),
        (t("budget.total", lang), totals.sum()),
    ]
    return pd.DataFrame(
        [
            (label, format_money(amount, "DZD", lang), format_money(amount / rate, "EUR", lang))
            for label, amount in rows
        ],
        columns=[t("budget_lines.field.heading", lang), "DZD", "EUR"],
    )


def funder_totals(lines: pd.DataFrame) -> pd.Series:
    """Return what each funder pays, in DZD: each line's amount times the funder's share."""
    paid: dict[str, float] = {}
    for shares, amount in zip(lines["shares"], lines["amount_dzd"]):
        for funder, share in SHARES.shares(shares).items():
            paid[funder] = paid.get(funder, 0.0) + amount * float(share) / 100
    return pd.Series(paid, dtype=float, name="amount_dzd")


def variance(lines: pd.DataFrame, expenditures: pd.DataFrame) -> pd.DataFrame:
    """Return, per heading, the plan, the actual spending (expenditures against the heading's
    lines, in DZD), the difference and the actual over the plan in per cent."""
    plan = heading_totals(lines)
    heading_of = dict(zip(lines["description"], lines["heading"]))
    actual = pd.Series(0.0, index=plan.index)
    if len(expenditures):
        spent = spent_in_dzd(expenditures)
        for line, amount in zip(spent["line"], spent["amount_dzd"]):
            if line in heading_of:
                actual[heading_of[line]] += amount
    table = pd.DataFrame({"plan": plan, "actual": actual})
    table["difference"] = table["actual"] - table["plan"]
    table["pct"] = [
        float(_shown(_share(a, p))) for a, p in zip(table["actual"], table["plan"])
    ]  # shown; rules use the exact share
    return table


def sensitivity_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return each heading's total at the hub's rate and at its second rate (the parallel
    market's), in DZD: what a budget in euros is worth if the rate moves."""
    from saara_kit.data import load_hub

    lines = records["budget_lines"]
    first, second = heading_totals(with_amounts(lines)), heading_totals(with_amounts(lines, second_rate=True))
    rate = load_hub(hub_of(lines)).eur_rate  # its figures and date
    return pd.DataFrame(
        {
            t("budget_lines.field.heading", lang): [t(f"budget_lines.heading.{h}", lang) for h in HEADINGS],
            t("budget.at_rate", lang, rate=format_number(rate.dzd, lang), date=format_date(rate.date, lang)): list(
                first
            ),
            t("budget.at_second_rate", lang, rate=format_number(rate.second, lang)): list(second),
        }
    )


def _share(part: float, whole: float) -> Decimal:
    """Return ``part`` as an exact per cent of ``whole`` (0 when there is no whole): compared with
    caps as it is, rounded only to be shown."""
    return Decimal(str(part)) * 100 / Decimal(str(whole)) if whole else Decimal(0)


def _shown(share: Decimal) -> Decimal:
    """Return a share as people read it (to 0.1 %)."""
    return share.quantize(Decimal("0.1"))


def _breaches(
    rules_id: str, lines: pd.DataFrame, funding: pd.DataFrame, spent: pd.DataFrame, final: bool = False
) -> list[FieldError]:
    rules = ruleset(rules_id)
    totals = heading_totals(lines)
    direct = float(totals[list(DIRECT_HEADINGS)].sum())
    indirect_base = direct + (float(totals["contingency"]) if rules.indirect_base == "direct_and_contingency" else 0.0)
    found = []
    with_contingency = "_with_contingency" if rules.indirect_base == "direct_and_contingency" else ""
    for heading, cap, base, code in (
        ("indirect", rules.indirect_max_pct, indirect_base, f"indirect_cap{with_contingency}"),
        ("contingency", rules.contingency_max_pct, direct, "contingency_cap"),
    ):
        share = _share(float(totals[heading]), base)
        if cap is not None and share > cap:
            found.append(
                FieldError("heading", f"budget_lines.heading.{heading}", code, {"share": _shown(share), "cap": cap})
            )
    requested = set(funding.loc[funding["kind"] == "requested", "funder"])
    paid = funder_totals(lines)
    asked, total = float(paid[paid.index.isin(requested)].sum()), float(lines["amount_dzd"].sum())
    if rules.max_grant is not None and Decimal(str(asked)) > rules.max_grant:
        found.append(
            FieldError(
                "shares",
                "budget_lines.field.shares",
                "max_grant",
                {"asked": Decimal(str(asked)).quantize(CENT), "cap": rules.max_grant},
            )
        )
    cofunding = 100 - _share(asked, total) if total else Decimal(100)
    if rules.min_cofunding_pct is not None and cofunding < rules.min_cofunding_pct:
        found.append(
            FieldError(
                "shares",
                "budget_lines.field.shares",
                "min_cofunding",
                {"share": _shown(cofunding), "minimum": rules.min_cofunding_pct},
            )
        )
    if len(spent):
        found += flexibility_breaches(rules_id, variance(lines, spent), final)
    return found


def flexibility_breaches(rules_id: str, spent: pd.DataFrame, final: bool = False) -> list[FieldError]:
    """Return each heading whose spending moved from its plan by more than the funder allows
    without an amendment (``spent``: the ``variance`` table): over it, and, once the accounts are
    ``final`` under rules that bound ``both`` directions, under it too (during the project a heading
    not yet spent is no breach)."""
    rules = ruleset(rules_id)
    if rules.flexibility_pct is None:
        return []
    found = []
    for heading, row in spent.iterrows():
        if not row["plan"]:
            continue
        moved = _share(row["actual"], row["plan"]) - 100
        if moved > rules.flexibility_pct:
            found.append(
                FieldError(
                    "heading",
                    f"budget_lines.heading.{heading}",
                    "over_flexibility",
                    {"over": _shown(moved), "cap": rules.flexibility_pct},
                )
            )
        elif final and rules.flexibility_directions == "both" and -moved > rules.flexibility_pct:
            found.append(
                FieldError(
                    "heading",
                    f"budget_lines.heading.{heading}",
                    "under_flexibility",
                    {"under": _shown(-moved), "cap": rules.flexibility_pct},
                )
            )
    return found


def budget_checks(records: dict[str, pd.DataFrame], final: bool = False) -> list[tuple[str, str, FieldError]]:
    """Return each breach of a funder's rules as (association, budget, problem), the numbers in
    the problem: ``records`` holds the app's tables by step (with ``region`` and ``association``);
    ``final``: the expenditures are the final accounts (underspending a heading counts too)."""
    lines, funding, spent = records["budget_lines"], records["funding"], records["expenditures"]
    if lines.empty:
        return []
    lines = with_amounts(lines)
    found = []
    for budget in records["budget"].itertuples(index=False):
        mine = (lines["association"] == budget.association) & (lines["budget"] == budget.name)
        theirs = funding[(funding["association"] == budget.association) & (funding["budget"] == budget.name)]
        spending = spent[
            (spent["association"] == budget.association) & spent["line"].isin(lines.loc[mine, "description"])
        ]
        if mine.any():
            found += [
                (budget.association, budget.name, problem)
                for problem in _breaches(budget.rules, lines[mine], theirs, spending, final)
            ]
    return found


def checks_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return the rules' checks as a sheet: one row per breach, or one row saying all is well."""
    rows = [(association, budget, problem.message(lang)) for association, budget, problem in budget_checks(records)]
    headers = [t("records.field.association", lang), t("app.budget.title", lang), t("budget.checks.problem", lang)]
    return pd.DataFrame(rows or [("", "", t("budget.checks.none", lang))], columns=headers)
