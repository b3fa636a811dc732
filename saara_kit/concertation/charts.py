"""The plan drawn: a Gantt chart of its activities (its meetings as milestones), who does what
(RACI heatmap), how the commitments progress, and how far each type of actor takes part."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.ticker import FuncFormatter, MaxNLocator

from saara_kit.charts import ChartFigure, new_figure, short_label, title_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT
from saara_kit.concertation.analysis import RACI_ROLES, raci_matrix
from saara_kit.i18n import format_date, is_rtl, t
from saara_kit.stakeholders.fields import IAP2_LEVELS, STAKEHOLDER_TYPES

__all__ = ["commitments_chart", "gantt_chart", "participation_chart", "raci_heatmap"]

BAR_COLOUR = "#4393c3"
MILESTONE_COLOUR = "#d6604d"
NO_MEETINGS = pd.DataFrame(columns=["title", "date"])


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(str(text)[:10])


def gantt_chart(
    activities: pd.DataFrame, meetings: pd.DataFrame = NO_MEETINGS, lang: str = "fr", title: str | None = None
) -> ChartFigure:
    """Draw one bar per activity, from its start to its end (first at the top), and each meeting
    as a diamond on the top row; ``figure.bars`` and ``figure.milestones`` count what was drawn."""
    heading = title or t("concertation.gantt.title", lang)
    rows = list(activities.itertuples(index=False))
    figure = new_figure(
        FIGURE_WIDTH_IN,
        max(3.0, 1.8 + 0.42 * (len(rows) + 1)),
        alt=t("concertation.gantt.alt", lang, title=heading, count=len(rows), meetings=len(meetings)),
    )
    axes = figure.add_subplot()
    title_figure(figure, heading, is_rtl(lang))
    labels = [t("concertation.gantt.meetings", lang)] + [short_label(row.name, 22) for row in rows]
    for position, row in enumerate(rows, start=1):
        start, end = _day(row.start), _day(row.end)
        axes.barh(position, (end - start).days + 1, left=mdates.date2num(start), height=0.6, color=BAR_COLOUR)
    dates = [mdates.date2num(_day(day)) for day in meetings["date"]]
    axes.scatter(dates, [0] * len(dates), marker="D", s=60, color=MILESTONE_COLOUR, zorder=3)
    axes.set_yticks(range(len(labels)), labels, fontsize=SMALLEST_FONT_PT)
    axes.set_ylim(len(labels) - 0.4, -0.6)  # the meetings' row on top, then the activities in order
    axes.xaxis_date()
    axes.xaxis.set_major_locator(mdates.MonthLocator())
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _: format_date(mdates.num2date(value).date(), lang, "MMM"))
    )
    axes.tick_params(axis="x", labelsize=SMALLEST_FONT_PT, rotation=45)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    figure.bars, figure.milestones = len(rows), len(dates)
    return figure


# the strongest role of a cell gives its colour: Accountable, Responsible, Consulted, Informed
ROLE_COLOURS = {"": "#ffffff", "I": "#d1e5f0", "C": "#92c5de", "R": "#f4a582", "A": "#b2182b"}
ROLE_STRENGTH = ("", "I", "C", "R", "A")


def raci_heatmap(activities: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the RACI matrix: one row per activity, one column per actor, each cell coloured by the
    actor's strongest role and lettered; ``figure.cells`` counts the cells with a role."""
    matrix = raci_matrix(activities)
    heading = title or t("concertation.raci.title", lang)
    rows, columns = matrix.shape
    figure = new_figure(
        max(FIGURE_WIDTH_IN, 2.4 + 0.34 * columns),
        max(3.0, 2.4 + 0.34 * rows),
        alt=t("concertation.raci.alt", lang, title=heading, count=rows, actors=columns),
    )
    axes = figure.add_subplot()
    title_figure(figure, heading, is_rtl(lang))
    strength = [
        [max(ROLE_STRENGTH.index(letter) for letter in cell) if cell else 0 for cell in row]
        for row in matrix.to_numpy()
    ]
    if rows and columns:
        axes.imshow(
            strength,
            cmap=ListedColormap([ROLE_COLOURS[code] for code in ROLE_STRENGTH]),
            vmin=0,
            vmax=len(ROLE_STRENGTH) - 1,
            aspect="auto",
        )
    for (row, column), cell in pd.DataFrame(matrix.to_numpy()).stack().items():
        if cell:
            axes.text(
                column,
                row,
                cell,
                ha="center",
                va="center",
                fontsize=SMALLEST_FONT_PT,
                color="white" if "A" in cell else "black",
            )
    axes.set_xticks(
        range(columns),
        [short_label(name, 18) for name in matrix.columns],
        rotation=60,
        ha="right",
        fontsize=SMALLEST_FONT_PT,
    )
    axes.set_yticks(range(rows), [short_label(name, 22) for name in matrix.index], fontsize=SMALLEST_FONT_PT)
    axes.set_xticks([x - 0.5 for x in range(1, columns)], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, rows)], minor=True)
    axes.grid(which="minor", color="#bbbbbb", linewidth=0.5)
    axes.tick_params(which="minor", length=0)
    axes.set_xlabel(
        " · ".join(t(f"activities.field.{role}", lang) for role in RACI_ROLES), fontsize=SMALLEST_FONT_PT, wrap=True
    )
    figure.cells = int(sum(bool(cell) for cell in matrix.to_numpy().ravel()))
    return figure


def commitments_chart(history: pd.DataFrame, lang: str = "fr", title: str | None = None, shown: int = 8) -> ChartFigure:
    """Draw each commitment's progress (%) over the dates its revisions were saved, as steps up to
    the last save; the ``shown`` latest-due ones are named in the legend. ``figure.commitments`` counts them."""
    heading = title or t("commitments.chart.title", lang)
    figure = new_figure(
        FIGURE_WIDTH_IN,
        4.6,
        alt=t(
            "commitments.chart.alt", lang, title=heading, count=history["record_id"].nunique() if len(history) else 0
        ),
    )
    axes = figure.add_subplot()
    title_figure(figure, heading, is_rtl(lang))
    last = pd.to_datetime(history["saved_at"]).max() if len(history) else None
    lines = 0
    for number, (_, revisions) in enumerate(history.sort_values("saved_at").groupby("record_id", sort=False)):
        when = [*list(pd.to_datetime(revisions["saved_at"])), last]
        progress = [*list(revisions["progress"]), revisions["progress"].iloc[-1]]
        latest = revisions.iloc[-1]
        label = short_label(f"{latest['who']} : {latest['what']}", 34) if number < shown else None
        axes.step(when, progress, where="post", linewidth=1.6, label=label, alpha=0.9)
        lines += 1
    axes.set_ylim(-3, 103)
    if lines and pd.to_datetime(history["saved_at"]).min() == last:  # one day of saves: show the week around it
        axes.set_xlim(last - pd.Timedelta(days=3), last + pd.Timedelta(days=3))
    axes.set_ylabel(t("commitments.field.progress", lang))
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _: format_date(mdates.num2date(value).date(), lang, "d MMM"))
    )
    axes.tick_params(axis="x", labelsize=SMALLEST_FONT_PT, rotation=45)
    if lines:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=1, frameon=False)
    figure.commitments = lines
    return figure


IAP2_COLOURS = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")  # inform (light) to empower (dark)


def participation_chart(
    participation: pd.DataFrame, stakeholders: pd.DataFrame, lang: str = "fr", title: str | None = None
) -> ChartFigure:
    """Draw, for each type of actor, how many take part at each IAP2 level (stacked bars);
    ``figure.counts`` is the table drawn (types × levels)."""
    heading = title or t("participation.chart.title", lang)
    types = dict(zip(stakeholders["name"], stakeholders["type"]))
    frame = pd.DataFrame(
        {
            "type": [types.get(name, "other") for name in participation["stakeholder"]],
            "level": list(participation["level"]),
        }
    )
    counts = pd.crosstab(frame["type"], frame["level"]).reindex(columns=list(IAP2_LEVELS), fill_value=0)
    counts = counts.reindex([code for code in (*STAKEHOLDER_TYPES, "other") if code in counts.index])
    figure = new_figure(
        FIGURE_WIDTH_IN,
        max(3.2, 2.4 + 0.4 * len(counts)),
        alt=t("participation.chart.alt", lang, title=heading, count=len(frame)),
    )
    axes = figure.add_subplot()
    title_figure(figure, heading, is_rtl(lang))
    left = [0] * len(counts)
    for level, colour in zip(IAP2_LEVELS, IAP2_COLOURS):
        axes.barh(
            range(len(counts)), counts[level], left=left, color=colour, label=t(f"stakeholders.iap2.{level}", lang)
        )
        left = [a + b for a, b in zip(left, counts[level])]
    axes.set_yticks(
        range(len(counts)), [short_label(t(f"stakeholders.type.{code}", lang), 24) for code in counts.index]
    )
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    figure.counts = counts
    return figure
