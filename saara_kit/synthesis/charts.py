"""The hubs compared, one chart per comparison: the associations that filled each form, the
stakeholders mapped by type, the concertation levels, the budgets by heading, the applications
and selections, and the directory's use. Each takes the records ``analysis.gather`` returns and
keeps what it drew in ``figure.counts`` (hubs × what is compared)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from saara_kit.budget.fields import HEADINGS
from saara_kit.charts import ChartFigure, legend_below, new_figure, short_label, title_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT, line_spacing
from saara_kit.concertation.charts import IAP2_COLOURS
from saara_kit.grants.charts import DECISION_COLOURS
from saara_kit.i18n import format_money, format_number, is_rtl, t
from saara_kit.stakeholders.fields import IAP2_LEVELS
from saara_kit.synthesis.analysis import (
    FORMS,
    SHOWN_STATUSES,
    applications_by_hub,
    budget_by_heading,
    concertation_levels,
    directory_use,
    forms_filled,
    hub_label,
    stakeholder_mix,
)

__all__ = [
    "FORM_COLOURS",
    "HEADING_COLOURS",
    "applications_chart",
    "budget_chart",
    "directory_chart",
    "levels_chart",
    "participation_chart",
    "stakeholders_chart",
]

FORM_COLOURS = dict(zip(FORMS, ("#2166ac", "#4393c3", "#92c5de", "#f4a582")))
# the headings, told apart without colour vision: blues for the direct costs, warm for the capped ones
HEADING_COLOURS = dict(
    zip(HEADINGS, ("#08519c", "#3182bd", "#6baed6", "#9ecae1", "#c6dbef", "#bdbdbd", "#fdae6b", "#d6604d"))
)
STATUS_COLOURS = dict(zip(SHOWN_STATUSES, ("#2166ac", "#92c5de", "#bababa")))  # approved, pending, rejected
MIX_COLOURS = ListedColormap(["#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"])  # 0, 1, 2, 3, 4 and more
LABEL_LENGTH = 24


def _hub_names(hub_ids, lang: str) -> list[str]:
    return [short_label(hub_label(hub_id, lang), LABEL_LENGTH) for hub_id in hub_ids]


def _count(value: float, lang: str) -> str:
    return format_number(round(value), lang)


def _hub_bars(
    heading: str,
    alt: str,
    table: pd.DataFrame,
    colours: dict[str, str],
    names: dict[str, str],
    lang: str,
    stacked: bool = True,
    show=None,
) -> ChartFigure:
    """Draw one row per hub (the first at the top): the columns of ``table`` stacked in one bar,
    with the row's total at its end, or side by side, each with its value; a legend below names
    each column (``names``) in its colour (``colours``). ``show`` writes a value (a count by default)."""
    show = show or (lambda value: _count(value, lang))
    hub_ids, columns = list(table.index), list(table.columns)
    step = 1.0 if stacked else 0.25 * len(columns) + 0.35
    figure = new_figure(FIGURE_WIDTH_IN, 2.6 + step * 0.5 * len(hub_ids) + 0.22 * len(columns), alt=alt)
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    places = np.arange(len(hub_ids)) * step
    if stacked:
        left = np.zeros(len(hub_ids))
        for column in columns:
            axes.barh(
                places,
                table[column].to_numpy(dtype=float),
                left=left,
                height=0.7,
                color=colours[column],
                edgecolor="white",
                linewidth=0.5,
            )
            left += table[column].to_numpy(dtype=float)
        ends = list(zip(left, places))
    else:
        height = (step - 0.35) / len(columns)
        ends = []
        for number, column in enumerate(columns):
            where = places - (step - 0.35) / 2 + height * (number + 0.5)
            values = table[column].to_numpy(dtype=float)
            axes.barh(where, values, height=height * 0.92, color=colours[column])
            ends += list(zip(values, where))
    for value, place in ends:
        axes.annotate(
            show(value),
            (value, place),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=SMALLEST_FONT_PT,
            color="#333333",
        )
    axes.set_yticks(places, _hub_names(hub_ids, lang))
    axes.set_ylim(places[-1] + step / 2 if len(hub_ids) else 0.5, -step / 2)
    axes.set_xlim(0, max([value for value, _ in ends] + [1]) * 1.3 + 0.2)  # room for the values
    axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    legend_below(figure, [Patch(facecolor=colours[column], label=names[column]) for column in columns])
    figure.counts = table
    return figure


def participation_chart(records: dict[str, pd.DataFrame], lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw, per hub, how many associations filled each form (a bar each, side by side)."""
    filled = forms_filled(records)
    counts = filled[list(FORMS)]
    heading = title or t("synthesis.chart.participation", lang)
    alt = t(
        "synthesis.chart.participation_alt",
        lang,
        title=heading,
        associations=_count(filled["associations"].sum(), lang),
        forms=_count(counts.to_numpy().sum(), lang),
    )
    figure = _hub_bars(
        heading,
        alt,
        counts,
        FORM_COLOURS,
        {form: t(f"synthesis.form.{form}", lang) for form in FORMS},
        lang,
        stacked=False,
    )
    figure.axes[0].set_xlabel(t("synthesis.column.associations", lang))
    return figure


def levels_chart(records: dict[str, pd.DataFrame], lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw, per hub, its plans' actors at each IAP2 level, stacked from inform (light) to empower (dark)."""
    counts = concertation_levels(records)
    heading = title or t("synthesis.chart.levels", lang)
    shared = counts[["collaborate", "empower"]].sum(axis=1)
    alt = t(
        "synthesis.chart.levels_alt",
        lang,
        title=heading,
        actors=_count(counts.to_numpy().sum(), lang),
        shared=_count(shared.sum(), lang),
    )
    figure = _hub_bars(
        heading,
        alt,
        counts,
        dict(zip(IAP2_LEVELS, IAP2_COLOURS)),
        {level: t(f"stakeholders.iap2.{level}", lang) for level in IAP2_LEVELS},
        lang,
    )
    figure.axes[0].set_xlabel(t("synthesis.column.actors", lang))
    return figure


def budget_chart(records: dict[str, pd.DataFrame], lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw, per hub, its budgets' totals stacked by heading, in millions of DZD; headings no hub
    uses are left out of the bars and the legend. ``figure.counts`` is the DZD drawn."""
    totals = budget_by_heading(records)
    used = totals.loc[:, totals.sum() > 0] if totals.to_numpy().sum() else totals[list(HEADINGS[:1])]
    heading = title or t("synthesis.chart.budget", lang)
    alt = t(
        "synthesis.chart.budget_alt",
        lang,
        title=heading,
        total=format_money(totals.to_numpy().sum(), "DZD", lang),
        headings=_count(used.shape[1], lang),
    )

    def millions(value: float) -> str:
        return format_number(round(value / 1e6, 2), lang)

    figure = _hub_bars(
        heading,
        alt,
        used,
        HEADING_COLOURS,
        {name: t(f"budget_lines.heading.{name}", lang) for name in HEADINGS},
        lang,
        show=millions,
    )
    axes = figure.axes[0]
    axes.xaxis.set_major_locator(MaxNLocator(nbins=4))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: millions(value)))
    axes.set_xlabel(t("synthesis.chart.millions", lang))
    return figure


def applications_chart(records: dict[str, pd.DataFrame], lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw, per hub, the applications submitted beside those selected (the committee's decisions)."""
    table = applications_by_hub(records)
    counts = table[["submitted", "selected"]]
    heading = title or t("synthesis.chart.applications", lang)
    alt = t(
        "synthesis.chart.applications_alt",
        lang,
        title=heading,
        submitted=_count(counts["submitted"].sum(), lang),
        selected=_count(counts["selected"].sum(), lang),
        granted=format_money(table["granted"].sum(), "DZD", lang),
    )
    colours = {"submitted": DECISION_COLOURS["not_selected"], "selected": DECISION_COLOURS["selected"]}
    figure = _hub_bars(
        heading,
        alt,
        counts,
        colours,
        {name: t(f"synthesis.column.{name}", lang) for name in colours},
        lang,
        stacked=False,
    )
    figure.axes[0].set_xlabel(t("synthesis.column.applications", lang))
    figure.granted = table["granted"]
    return figure


def directory_chart(records: dict[str, pd.DataFrame], lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw, per hub, the resources saved in its directory form, stacked by status: approved,
    waiting for a trainer, rejected."""
    counts = directory_use(records)[list(SHOWN_STATUSES)]
    heading = title or t("synthesis.chart.directory", lang)
    alt = t(
        "synthesis.chart.directory_alt",
        lang,
        title=heading,
        approved=_count(counts["approved"].sum(), lang),
        pending=_count(counts["pending"].sum(), lang),
        rejected=_count(counts["rejected"].sum(), lang),
    )
    figure = _hub_bars(
        heading,
        alt,
        counts,
        STATUS_COLOURS,
        {status: t(f"synthesis.directory.{status}", lang) for status in STATUS_COLOURS},
        lang,
    )
    figure.axes[0].set_xlabel(t("synthesis.chart.resources", lang))
    return figure


def stakeholders_chart(records: dict[str, pd.DataFrame], lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the stakeholders mapped per type of actor (rows) and hub (columns) as a grid of
    counts, the darker the more; types no hub mapped are left out. ``figure.counts`` is the grid
    drawn (types × hubs)."""
    mix = stakeholder_mix(records).T
    shown = mix[mix.sum(axis=1) > 0]
    shown = shown if len(shown) else mix.iloc[:1]
    heading = title or t("synthesis.chart.stakeholders", lang)
    absent = int((shown == 0).to_numpy().sum())
    figure = new_figure(
        FIGURE_WIDTH_IN,
        max(3.4, 2.5 + 0.38 * len(shown)),
        alt=t(
            "synthesis.chart.stakeholders_alt",
            lang,
            title=heading,
            actors=_count(mix.to_numpy().sum(), lang),
            types=_count(len(shown), lang),
            absent=_count(absent, lang),
        ),
    )
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    grid = shown.to_numpy(dtype=float)
    axes.imshow(grid, cmap=MIX_COLOURS, vmin=-0.5, vmax=4.5, aspect="auto")
    for (row, column), value in np.ndenumerate(grid):
        axes.text(
            column,
            row,
            _count(value, lang),
            ha="center",
            va="center",
            fontsize=SMALLEST_FONT_PT,
            color="white" if value >= 3 else "#222222",
        )
    names = ["\n".join(name.split(" ", 1)) for name in _hub_names(shown.columns, lang)]  # "Pôle" above "Centre"
    axes.set_xticks(range(shown.shape[1]), names, linespacing=line_spacing(1.2))
    axes.xaxis.tick_top()
    axes.set_yticks(
        range(shown.shape[0]), [short_label(t(f"stakeholders.type.{code}", lang), LABEL_LENGTH) for code in shown.index]
    )
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    legend_below(
        figure,
        [
            Patch(facecolor=MIX_COLOURS(0), edgecolor="#bbbbbb", label=t("synthesis.chart.none_mapped", lang)),
            Patch(facecolor=MIX_COLOURS(3), label=t("synthesis.chart.darker", lang)),
        ],
    )
    figure.counts = shown
    return figure
