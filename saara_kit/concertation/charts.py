"""The plan drawn: a Gantt chart of its activities, its meetings as milestones."""
from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.ticker import FuncFormatter

from saara_kit.charts import ChartFigure, new_figure, short_label
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT
from saara_kit.i18n import format_date, is_rtl, t

__all__ = ["gantt_chart"]

BAR_COLOUR = "#4393c3"
MILESTONE_COLOUR = "#d6604d"
NO_MEETINGS = pd.DataFrame(columns=["title", "date"])


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(str(text)[:10])


def gantt_chart(activities: pd.DataFrame, meetings: pd.DataFrame = NO_MEETINGS, lang: str = "fr",
                title: str | None = None) -> ChartFigure:
    """Draw one bar per activity, from its start to its end (first at the top), and each meeting
    as a diamond on the top row; ``figure.bars`` and ``figure.milestones`` count what was drawn."""
    heading = title or t("concertation.gantt.title", lang)
    rows = list(activities.itertuples(index=False))
    figure = new_figure(FIGURE_WIDTH_IN, max(3.0, 1.8 + 0.42 * (len(rows) + 1)), alt=t(
        "concertation.gantt.alt", lang, title=heading, count=len(rows), meetings=len(meetings)))
    axes = figure.add_subplot()
    axes.set_title(heading, loc="right" if is_rtl(lang) else "left")
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
    axes.xaxis.set_major_formatter(FuncFormatter(
        lambda value, _: format_date(mdates.num2date(value).date(), lang, "MMM")))
    axes.tick_params(axis="x", labelsize=SMALLEST_FONT_PT, rotation=45)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    figure.bars, figure.milestones = len(rows), len(dates)
    return figure
