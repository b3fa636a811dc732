"""The committee's decisions drawn: each application's score with its reviewers' spread, raw
scores against z-scores (what a harsh or generous reviewer does), and the envelope consumed in
rank order. Each chart takes the table ``saara_kit.grants.selection.decide`` returns."""

from __future__ import annotations

import textwrap

import pandas as pd
from adjustText import adjust_text
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from saara_kit.charts import ChartFigure, legend_below, new_figure, short_names, title_figure
from saara_kit.charts.style import FIGURE_WIDTH_IN, SMALLEST_FONT_PT, line_spacing
from saara_kit.grants.call import Call
from saara_kit.grants.consolidation import counted_reviews
from saara_kit.i18n import format_money, format_number, is_rtl, t

__all__ = [
    "DECISION_COLOURS",
    "decision_of",
    "envelope_chart",
    "raw_vs_normalised_chart",
    "scores_chart",
    "short_names",
]

# selected, not selected, ineligible: dark, light and grey, told apart without colour vision too
DECISION_COLOURS = {"selected": "#2166ac", "not_selected": "#92c5de", "ineligible": "#bababa"}
THRESHOLD_COLOUR, ENVELOPE_COLOUR, WHISKER_COLOUR = "#d6604d", "#333333", "#333333"
DISAGREEMENT_HATCH = "////"
NAME_LENGTH = 22  # characters of an application's label beside its bar


def decision_of(row: pd.Series) -> str:
    """Return how a decided application is drawn: ``selected``, ``not_selected`` or ``ineligible``."""
    return "selected" if row["selected"] else "ineligible" if row["reason"] == "ineligible" else "not_selected"


def _in_rank_order(decided: pd.DataFrame) -> pd.DataFrame:
    """Return the ranked applications by rank, then the unranked ones (ineligible, not reviewed)."""
    return (
        decided.assign(_order=decided["rank"].astype("Float64").fillna(float("inf")))
        .sort_values("_order", kind="mergesort")
        .drop(columns="_order")
    )


def _labels(frame: pd.DataFrame, length: int = NAME_LENGTH) -> list[str]:
    names = short_names(list(frame.index), length)
    return [f"{rank}. {name}" if not pd.isna(rank) else f"– {name}" for rank, name in zip(frame["rank"], names)]


def _decision_patches(lang: str) -> list[Patch]:
    return [Patch(facecolor=DECISION_COLOURS[name], label=t(f"grants.chart.{name}", lang)) for name in DECISION_COLOURS]


def scores_chart(
    decided: pd.DataFrame, call: Call, lang: str = "fr", reviews: pd.DataFrame | None = None, title: str | None = None
) -> ChartFigure:
    """Draw each application's consolidated score, in rank order (the unranked ones last), coloured
    by decision, hatched when its reviewers disagree, and the call's threshold.

    With ``reviews`` (as ``decide`` takes them) a whisker runs from the lowest to the highest
    counted review; without, it spans the spread around the score (exact for two reviews).
    ``figure.order`` is the associations from the top bar down."""
    rows = _in_rank_order(decided)
    heading = title or t("grants.chart.scores", lang)
    disagree = int(rows["disagreement"].sum())
    figure = new_figure(
        FIGURE_WIDTH_IN,
        max(3.6, 2.8 + 0.42 * len(rows)),
        alt=t(
            "grants.chart.scores_alt",
            lang,
            title=heading,
            count=len(rows),
            threshold=format_number(call.threshold, lang),
            selected=int(rows["selected"].sum()),
            disagreements=disagree,
        ),
    )
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    places = list(range(len(rows)))
    scores = rows["score"].astype(float)
    axes.barh(
        places,
        scores.fillna(0),
        height=0.7,
        color=[DECISION_COLOURS[decision_of(row)] for _, row in rows.iterrows()],
        hatch=[DISAGREEMENT_HATCH if flag else "" for flag in rows["disagreement"]],
        edgecolor="white",
        linewidth=0.5,
    )
    if reviews is not None:
        given = counted_reviews(reviews, call).groupby("application")["score"]
        low, high = given.min().reindex(rows.index), given.max().reindex(rows.index)
    else:
        half = rows["spread"].astype(float) / 2
        low, high = scores - half, scores + half
    shown = scores.notna().to_numpy() & low.notna().to_numpy()
    if shown.any():
        axes.errorbar(
            scores[shown],
            [p for p, ok in zip(places, shown) if ok],
            fmt="none",
            ecolor=WHISKER_COLOUR,
            xerr=[(scores - low)[shown].clip(lower=0), (high - scores)[shown].clip(lower=0)],
            capsize=3,
            lw=1,
        )
    axes.axvline(call.threshold, color=THRESHOLD_COLOUR, linestyle="--", linewidth=1.2)
    axes.set_yticks(places, _labels(rows))
    axes.set_ylim(max(len(rows), 1) - 0.5, -0.5)  # rank 1 at the top
    axes.set_xlim(0, 100)
    axes.set_xlabel(t("grants.column.score", lang))
    threshold = Line2D(
        [],
        [],
        color=THRESHOLD_COLOUR,
        linestyle="--",
        label=t("grants.chart.threshold", lang, threshold=format_number(call.threshold, lang)),
    )
    flagged = Patch(
        facecolor="white", edgecolor="#666666", hatch=DISAGREEMENT_HATCH, label=t("grants.chart.disagreement", lang)
    )
    legend_below(figure, [*_decision_patches(lang), threshold, flagged])
    figure.order = list(rows.index)
    return figure


def raw_vs_normalised_chart(decided: pd.DataFrame, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw each reviewed application at its raw score (across) and its mean z-score (up), named,
    coloured by decision. One higher on z than its raw score's neighbours was scored by harsh
    reviewers (it stands out among what they gave), one lower by generous ones; ``figure.moved``
    counts the applications whose place would change if they were ranked by z-score instead."""
    scored = decided[decided["score"].notna()]
    by_score = scored["score"].rank(ascending=False, method="min")
    by_z = scored["z"].rank(ascending=False, method="min")
    moved = int((by_score != by_z).sum())
    heading = title or t("grants.chart.raw_vs_z", lang)
    figure = new_figure(
        FIGURE_WIDTH_IN, 5.4, alt=t("grants.chart.raw_vs_z_alt", lang, title=heading, count=len(scored), moved=moved)
    )
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    xs, ys = scored["score"].astype(float).tolist(), scored["z"].astype(float).tolist()
    axes.axhline(0, color="#999999", linewidth=0.8)
    axes.scatter(
        xs,
        ys,
        s=60,
        zorder=3,
        edgecolor="white",
        color=[DECISION_COLOURS[decision_of(row)] for _, row in scored.iterrows()],
    )
    axes.set_xlabel(t("grants.chart.raw", lang))
    axes.set_ylabel(t("grants.column.z", lang))
    if xs:
        axes.set_xlim(max(0, min(xs) - 10), min(105, max(xs) + 14))  # room for the labels of the best
        axes.set_ylim(min(-1.0, min(ys) - 0.5), max(1.0, max(ys) + 0.5))  # z = 0 always shown
    legend_below(figure, _decision_patches(lang), columns=3)
    texts = [
        axes.text(
            x,
            y,
            "\n".join(textwrap.wrap(name, 14)[:2]),
            fontsize=SMALLEST_FONT_PT,
            ha="center",
            va="bottom",
            zorder=4,
            linespacing=line_spacing(1.15),
        )
        for x, y, name in zip(xs, ys, short_names(list(scored.index), 28))
    ]
    if texts:
        figure.draw_without_rendering()  # lays the figure out first: adjustText measures in pixels
        adjust_text(
            texts,
            x=xs,
            y=ys,
            ax=axes,
            expand=(1.3, 1.8),
            force_static=(0.5, 1.0),
            ensure_inside_axes=True,
            arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6},
        )
    figure.moved = moved
    return figure


def _millions(lang: str) -> FuncFormatter:
    return FuncFormatter(lambda value, _: format_number(round(value / 1e6, 1), lang))


def envelope_chart(decided: pd.DataFrame, call: Call, lang: str = "fr", title: str | None = None) -> ChartFigure:
    """Draw the ranked applications in rank order, each bar starting where the grants before it
    end and as long as its request: filled when selected, hollow when passed over (the envelope,
    the quota, the threshold); the envelope and the envelope −10 % and +10 % as lines.

    ``figure.granted`` is what the selected ones use up; ``figure.envelopes`` the three amounts drawn."""
    ranked = decided[decided["rank"].notna()].sort_values("rank")
    requested = ranked["requested"].astype(float)
    starts = (requested.where(ranked["selected"], 0.0).cumsum() - requested.where(ranked["selected"], 0.0)).tolist()
    granted = float(requested[ranked["selected"]].sum())
    heading = title or t("grants.chart.envelope", lang)
    figure = new_figure(
        FIGURE_WIDTH_IN,
        max(3.6, 2.8 + 0.42 * len(ranked)),
        alt=t(
            "grants.chart.envelope_alt",
            lang,
            title=heading,
            selected=int(ranked["selected"].sum()),
            granted=format_money(granted, "DZD", lang),
            envelope=format_money(call.envelope, "DZD", lang),
        ),
    )
    title_figure(figure, heading, is_rtl(lang))
    axes = figure.add_subplot()
    places = list(range(len(ranked)))
    chosen = ranked["selected"].tolist()
    axes.barh(
        places,
        requested.tolist(),
        left=starts,
        height=0.7,
        linewidth=1.2,
        color=[DECISION_COLOURS["selected"] if ok else "white" for ok in chosen],
        edgecolor=[DECISION_COLOURS["selected"] if ok else "#4393c3" for ok in chosen],
    )
    lines = {"now": call.envelope, "smaller": call.envelope * 0.9, "larger": call.envelope * 1.1}
    styles = {"now": ("-", ENVELOPE_COLOUR), "smaller": ("--", THRESHOLD_COLOUR), "larger": (":", THRESHOLD_COLOUR)}
    for name, amount in lines.items():
        axes.axvline(amount, linestyle=styles[name][0], color=styles[name][1], linewidth=1.2)
    axes.set_yticks(places, _labels(ranked))
    axes.set_ylim(max(len(ranked), 1) - 0.5, -0.5)
    axes.set_xlim(0, max([call.envelope * 1.15, *(s + r for s, r in zip(starts, requested))]))
    axes.xaxis.set_major_formatter(_millions(lang))
    axes.set_xlabel(t("grants.chart.millions", lang))
    handles = [
        Patch(facecolor=DECISION_COLOURS["selected"], label=t("grants.chart.selected", lang)),
        Patch(facecolor="white", edgecolor="#4393c3", label=t("grants.chart.passed_over", lang)),
        *(
            Line2D([], [], linestyle=styles[name][0], color=styles[name][1], label=t(f"grants.column.{name}", lang))
            for name in lines
        ),
    ]
    legend_below(figure, handles)
    figure.granted, figure.envelopes = granted, lines
    return figure
