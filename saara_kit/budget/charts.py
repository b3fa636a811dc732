"""The budget drawn: totals by heading (in DZD or in EUR, one currency per chart), what each funder
pays, and the plan against what was spent."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import FuncFormatter

from saara_kit.budget.analysis import eur_rate, funder_totals, heading_totals, hub_of, variance, with_amounts
from saara_kit.budget.fields import HEADINGS
from saara_kit.charts import ChartFigure, new_figure, short_label, title_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT
from saara_kit.i18n import format_number, is_rtl, t

__all__ = ["actuals_chart", "funders_chart", "headings_chart"]

PLAN_COLOUR, ACTUAL_COLOUR, OVER_COLOUR = "#4393c3", "#92c5de", "#d6604d"


def _dzd(lang: str) -> FuncFormatter:
    return FuncFormatter(lambda value, _: format_number(round(value), lang))


def _bars(heading: str, alt: str, labels: list[str], values: list[float], lang: str, colour: str = PLAN_COLOUR):
    figure = new_figure(FIGURE_WIDTH_IN, max(3.0, 1.8 + 0.42 * len(labels)), alt=alt)
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    axes.barh(range(len(labels)), values, color=colour)
    axes.set_yticks(range(len(labels)), [short_label(label, 26) for label in labels])
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(_dzd(lang))
    axes.tick_params(axis="x", labelsize=SMALLEST_FONT_PT, rotation=30)
    axes.set_xlabel("DZD")
    return figure, axes


def headings_chart(
    lines: pd.DataFrame, lang: str = "fr", title: str | None = None, currency: str = "DZD"
) -> ChartFigure:
    """Draw each heading's total in ``currency`` (DZD or EUR, at the hub's rate), its amount at the bar's
    end in the same currency; ``figure.totals`` is what was drawn (heading -> amount in ``currency``)."""
    lines = with_amounts(lines)
    totals = heading_totals(lines) / (float(eur_rate(hub_of(lines))) if currency == "EUR" else 1)
    heading = title or t("budget.chart.headings", lang, currency=currency)
    figure, axes = _bars(
        heading,
        t(
            "budget.chart.headings_alt",
            lang,
            title=heading,
            currency=currency,
            total=format_number(round(totals.sum()), lang),
        ),
        [t(f"budget_lines.heading.{h}", lang) for h in HEADINGS],
        list(totals),
        lang,
    )
    axes.set_xlabel(currency)
    for row, value in enumerate(totals):  # each bar's amount, in the chart's one currency
        if value:
            axes.annotate(
                format_number(round(value), lang),
                (value, row),
                fontsize=SMALLEST_FONT_PT,
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
            )
    figure.totals = totals
    return figure


def funders_chart(lines: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw what each funder pays, in DZD (each line's amount times the funder's share)."""
    paid = funder_totals(with_amounts(lines)).sort_values(ascending=False)
    heading = title or t("budget.chart.funders", lang)
    figure, _ = _bars(
        heading, t("budget.chart.funders_alt", lang, title=heading, count=len(paid)), list(paid.index), list(paid), lang
    )
    figure.paid = paid
    return figure


def actuals_chart(
    lines: pd.DataFrame, expenditures: pd.DataFrame, lang: str = "fr", title: str | None = None
) -> ChartFigure:
    """Draw, per heading, the plan and what was spent (red when over the plan); ``figure.variance``."""
    table = variance(with_amounts(lines), expenditures)
    heading = title or t("budget.chart.actuals", lang)
    labels = [t(f"budget_lines.heading.{h}", lang) for h in table.index]
    figure = new_figure(
        FIGURE_WIDTH_IN, max(3.2, 2.0 + 0.5 * len(labels)), alt=t("budget.chart.actuals_alt", lang, title=heading)
    )
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    rows = range(len(labels))
    axes.barh([row - 0.2 for row in rows], table["plan"], height=0.4, color=PLAN_COLOUR, label=t("budget.plan", lang))
    axes.barh(
        [row + 0.2 for row in rows],
        table["actual"],
        height=0.4,
        label=t("budget.actual", lang),
        color=[OVER_COLOUR if a > p else ACTUAL_COLOUR for a, p in zip(table["actual"], table["plan"])],
    )
    axes.set_yticks(list(rows), [short_label(label, 26) for label in labels])
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(_dzd(lang))
    axes.tick_params(axis="x", labelsize=SMALLEST_FONT_PT, rotation=30)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, frameon=False)
    figure.variance = table
    return figure
