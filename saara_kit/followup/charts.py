"""The programme's view drawn: each funded project's spending against the time gone by, and its
milestones (reached, to come, late), the projects that need a visit in red."""

from __future__ import annotations

import pandas as pd
from adjustText import adjust_text
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from saara_kit.charts import ChartFigure, legend_below, new_figure, short_names, title_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT
from saara_kit.followup.analysis import SPENDING_GAP
from saara_kit.i18n import is_rtl, t

__all__ = ["milestones_chart", "spending_chart"]

FINE, VISIT = "#4393c3", "#b2182b"
STATE_COLOURS = {"done": "#1a9850", "open": "#bdbdbd", "late": "#d73027"}
LABELLED = 12  # at most this many projects are named on the spending chart: those furthest from the line


def spending_chart(view: pd.DataFrame, lang: str = "fr") -> ChartFigure:
    """Draw each project at its time elapsed (across) and its spending rate (up): on the diagonal it
    spends in step with time; outside the shaded band it needs a look. Projects needing a visit are
    red; the furthest from the line are named. ``figure.outside`` counts those outside the band."""
    heading = t("followup.chart.spending", lang)
    gap = (view["spent"] - view["elapsed"]).abs()
    outside = int((gap > SPENDING_GAP).sum())
    figure = new_figure(
        FIGURE_WIDTH_IN, 5.4, alt=t("followup.chart.spending_alt", lang, count=len(view), outside=outside)
    )
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    axes.fill_between(
        [0, 1], [-SPENDING_GAP, 1 - SPENDING_GAP], [SPENDING_GAP, 1 + SPENDING_GAP], color="#eeeeee", zorder=0
    )
    axes.plot([0, 1], [0, 1], color="#999999", linewidth=0.8, zorder=1)
    xs, ys = view["elapsed"].astype(float).tolist(), view["spent"].astype(float).tolist()
    axes.scatter(
        xs, ys, s=40, zorder=3, edgecolor="white", color=[VISIT if flag else FINE for flag in view["needs_visit"]]
    )
    axes.set_xlim(0, 1.02)
    axes.set_ylim(0, max(1.05, max(ys, default=0) + 0.05))
    axes.xaxis.set_major_formatter(PercentFormatter(1.0))
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_xlabel(t("followup.column.elapsed", lang))
    axes.set_ylabel(t("followup.column.spent", lang))
    legend_below(
        figure,
        [
            Patch(color=FINE, label=t("followup.chart.fine", lang)),
            Patch(color=VISIT, label=t("followup.chart.visit", lang)),
        ],
    )
    named = gap.sort_values(ascending=False).index[:LABELLED]
    names = dict(zip(view.index, short_names(list(view["association"]), 18)))
    texts = [
        axes.text(view.at[at, "elapsed"], view.at[at, "spent"], names[at], fontsize=SMALLEST_FONT_PT, zorder=4)
        for at in named
    ]
    if texts:
        figure.draw_without_rendering()  # adjustText measures in pixels
        adjust_text(
            texts, ax=axes, ensure_inside_axes=True, arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6}
        )
    figure.outside = outside
    return figure


def milestones_chart(view: pd.DataFrame, lang: str = "fr", most: int = 30) -> ChartFigure:
    """Draw one bar per project (the ``most`` with the most late milestones first): its milestones
    reached, still to come, and late. ``figure.bars`` counts the projects drawn."""
    shown = (
        view.assign(open=view["milestones"] - view["milestones_done"] - view["milestones_late"])
        .sort_values(["milestones_late", "association"], ascending=[False, True])
        .head(most)
    )
    heading = t("followup.chart.milestones", lang)
    figure = new_figure(
        FIGURE_WIDTH_IN,
        max(3.0, 1.8 + 0.32 * len(shown)),
        alt=t("followup.chart.milestones_alt", lang, count=len(shown), late=int((shown["milestones_late"] > 0).sum())),
    )
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    rows = list(range(len(shown)))
    left = [0] * len(shown)
    for state, column in (("done", "milestones_done"), ("open", "open"), ("late", "milestones_late")):
        values = shown[column].tolist()
        axes.barh(rows, values, left=left, color=STATE_COLOURS[state], height=0.6)
        left = [a + b for a, b in zip(left, values)]
    axes.set_yticks(rows, short_names(list(shown["association"]), 22), fontsize=SMALLEST_FONT_PT)
    for label, flag in zip(axes.get_yticklabels(), shown["needs_visit"]):
        label.set_color(VISIT if flag else "black")
    axes.invert_yaxis()
    axes.xaxis.get_major_locator().set_params(integer=True)
    legend_below(
        figure,
        [Patch(color=colour, label=t(f"followup.state.{state}", lang)) for state, colour in STATE_COLOURS.items()],
        columns=3,
    )
    figure.bars = len(shown)
    return figure
