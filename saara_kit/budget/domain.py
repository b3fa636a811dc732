"""The budget app: the budget (its funder's rules), then its steps (funding sources, lines, in-kind
contributions and volunteer time, expenditures), declared for the generic rooms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saara_kit.budget.fields import (
    BUDGET_FIELDS,
    DIRECT_HEADINGS,
    EXPENDITURE_FIELDS,
    FUNDING_FIELDS,
    HEADINGS,
    IN_KIND_FIELDS,
    LINE_FIELDS,
)
from saara_kit.exports.safe import Formula
from saara_kit.i18n import format_money, t
from saara_kit.records import Amount, App, Checks, Domain, Exports, Listing, Record, deferred

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BUDGET", "DOMAINS", "EXPENDITURES", "FUNDING", "IN_KIND", "LINES"]

ANALYSIS = "saara_kit.budget.analysis"  # pandas: loaded once there is a budget to check or draw
with_amounts, eur_rate = deferred(ANALYSIS, "with_amounts"), deferred(ANALYSIS, "eur_rate")

AMOUNTS = (Amount("amount"), Amount("amount_dzd"))
AMOUNT_FORMULAS = (
    ("amount", lambda record: "={quantity}*{unit_rate}"),
    # the row's own rate to DZD, written out: 1 for DZD, the hub's rate for EUR
    ("amount_dzd", lambda record: f"={{amount}}*{eur_rate(record['region']) if record['currency'] == 'EUR' else 1}"),
)


def _headings_picture(records, lang: str, budgets=None):
    """The lines' totals by heading, in the currency the budget asks to show them in; keyed below
    by what each funder pays (its share of the total), live as lines are added."""
    import pandas as pd

    from saara_kit.budget.analysis import funder_totals
    from saara_kit.budget.charts import headings_chart  # matplotlib only once drawn
    from saara_kit.records.tables import records_frame

    frame = records_frame(records)
    shown = (
        budgets.loc[budgets["name"].isin(frame["budget"]), "display"] if budgets is not None and len(budgets) else []
    )
    figure = headings_chart(frame, lang, currency=next(iter(shown), "DZD") or "DZD")
    paid = funder_totals(with_amounts(frame))
    figure.key = pd.DataFrame(
        {
            "name": [
                f"{funder} : {format_money(amount, 'DZD', lang)} ({round(100 * amount / paid.sum())} %)"
                for funder, amount in paid.sort_values(ascending=False).items()
            ]
        }
    )
    return figure


def _handout_charts(records, lang: str) -> list:
    from saara_kit.budget.charts import actuals_chart, funders_chart, headings_chart

    lines = records["budget_lines"]
    return [
        headings_chart(lines, lang),
        funders_chart(lines, lang),
        actuals_chart(lines, records["expenditures"], lang),
    ]


def _line_label(record: Record, lang: str) -> str:
    amount = float(record.quantity) * float(record.unit_rate)
    return (
        f"{t(f'budget_lines.heading.{record.heading}', lang)} — {record.description} : {record.quantity:g} "
        f"{record.unit} × {record.unit_rate:g} = {format_money(amount, record.currency, lang)}"
    )


def totals_table(records: dict[str, pd.DataFrame], lang: str = "fr") -> pd.DataFrame:
    """Return the DZD total of each heading of each association's budget as a sheet: the values,
    and in a workbook the SUMIFS over the lines that an officer can audit; then direct costs and the total.

    A SUMIFS matches the row's own association and heading cells: no typed text enters a formula
    (a name with ``{word}`` or quotes stays data)."""
    import pandas as pd

    from saara_kit.budget.analysis import heading_totals

    lines = (
        with_amounts(records["budget_lines"])
        if len(records["budget_lines"])
        else records["budget_lines"].assign(amount=[], amount_dzd=[])
    )
    rows = []
    for association, mine in lines.groupby("association"):
        totals, first = heading_totals(mine), len(rows) + 2
        for heading in HEADINGS:
            row = len(rows) + 2  # the sheet's row: its header is row 1
            rows.append(
                [
                    association,
                    t(f"budget_lines.heading.{heading}", lang),
                    Formula(
                        f'=SUMIFS({{budget_lines:amount_dzd}},{{budget_lines:association}},"="&A{row},'
                        f'{{budget_lines:heading}},"="&B{row})'
                    ),
                    float(totals[heading]),
                ]
            )
        direct_end = first + len(DIRECT_HEADINGS) - 1
        rows.append(
            [
                association,
                t("budget.direct_costs", lang),
                Formula(f"=SUM(C{first}:C{direct_end})"),
                float(totals[list(DIRECT_HEADINGS)].sum()),
            ]
        )
        rows.append(
            [
                association,
                t("budget.total", lang),
                Formula(f"=SUM(C{first}:C{first + len(HEADINGS) - 1})"),
                float(totals.sum()),
            ]
        )
    return pd.DataFrame(
        rows,
        columns=[
            t("records.field.association", lang),
            t("budget_lines.field.heading", lang),
            t("budget.total_dzd", lang),
            t("budget.total_dzd_checked", lang),
        ],
    )


BUDGET = Domain(
    name="budget",
    kind="budget",
    fields=BUDGET_FIELDS,
    key="name",
    samples="sample_budget",
    listing=Listing(title=lambda record, lang: f"{record.name} — {t(f'budget.rules.{record.rules}', lang)}"),
    checks=Checks(across_steps=deferred(ANALYSIS, "budget_checks")),
    exports=Exports(
        charts=_handout_charts,
        summaries=(
            ("budget.totals.sheet", totals_table),
            ("budget.checks.sheet", deferred(ANALYSIS, "checks_table")),
            ("budget.sensitivity.sheet", deferred(ANALYSIS, "sensitivity_table")),
        ),
    ),
)
FUNDING = Domain(
    name="funding",
    kind="funding_source",
    fields=FUNDING_FIELDS,
    key="funder",
    samples="sample_funding",
    listing=Listing(title=lambda record, lang: f"{record.funder} ({t(f'funding.kind.{record.kind}', lang)})"),
    app=App(part_of="budget"),
)
LINES = Domain(
    name="budget_lines",
    kind="budget_line",
    fields=LINE_FIELDS,
    key="description",
    derived=AMOUNTS,
    derive=with_amounts,
    samples="sample_budget_lines",
    listing=Listing(picture=_headings_picture, title=_line_label),
    app=App(part_of="budget"),
    exports=Exports(formulas=AMOUNT_FORMULAS),
)
IN_KIND = Domain(
    name="in_kind",
    kind="in_kind",
    fields=IN_KIND_FIELDS,
    key="description",
    derived=AMOUNTS,
    derive=with_amounts,
    samples="sample_in_kind",
    listing=Listing(
        title=lambda record, lang: (
            f"{t(f'in_kind.kind.{record.kind}', lang)} — {record.description} : "
            f"{format_money(float(record.quantity) * float(record.unit_rate), record.currency, lang)}"
        )
    ),
    app=App(part_of="budget"),
    exports=Exports(formulas=AMOUNT_FORMULAS),
)
EXPENDITURES = Domain(
    name="expenditures",
    kind="expenditure",
    fields=EXPENDITURE_FIELDS,
    key=("line", "date", "what"),
    samples="sample_expenditures",
    listing=Listing(
        title=lambda record, lang: (
            f"{record.date} — {record.line} : {record.what}, {format_money(record.amount, record.currency, lang)}"
        )
    ),
    app=App(part_of="budget"),
)
# the budget first: the steps name it; funding before the lines that share it out
DOMAINS = (BUDGET, FUNDING, LINES, IN_KIND, EXPENDITURES)
