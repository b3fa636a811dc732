"""The committee's charts on the sample call: one bar per application in rank order, the threshold
and the envelope where the call puts them, every text inside the picture, in each language."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.container import ErrorbarContainer

from saara_kit.charts import ChartFigure, figure_to_png
from saara_kit.grants.call import load_call
from saara_kit.grants.charts import (
    DECISION_COLOURS,
    envelope_chart,
    raw_vs_normalised_chart,
    scores_chart,
    short_names,
)
from saara_kit.grants.committee import decisions
from saara_kit.grants.consolidation import counted_reviews
from saara_kit.registry import domain
from saara_kit.store.repository import load_records
from tests.unit.chart_checks import assert_charts_speak, assert_text_inside_and_readable, bars_of, colour

CALL = load_call("fonds-appui-2027")
APPLICATIONS = load_records(domain("grants"), "sample")
REVIEWS = load_records(domain("reviews"), "sample")
DECIDED = decisions(APPLICATIONS, REVIEWS, CALL)


def _all_charts(lang: str, decided=DECIDED, call=CALL) -> list[ChartFigure]:
    return [
        scores_chart(decided, call, lang, REVIEWS),
        raw_vs_normalised_chart(decided, lang),
        envelope_chart(decided, call, lang),
    ]


@cache
def _sample_charts(lang: str) -> list[ChartFigure]:
    """The three charts of the sample call, drawn once per language (adjustText takes a second)."""
    return _all_charts(lang)


def _vertical_lines(figure) -> list[float]:
    """The x of each line drawn across the axes (threshold, envelopes), in drawing order."""
    return [
        line.get_xdata()[0]
        for line in figure.axes[0].lines
        if len(set(line.get_xdata())) == 1 and list(line.get_ydata()) == [0, 1]
    ]


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_every_chart_says_what_it_shows_in_the_language_and_draws_every_glyph(lang):
    charts = assert_charts_speak(lambda: _sample_charts(lang), lang)
    assert "12" in charts[0].alt and "12" in charts[1].alt  # how many applications are drawn


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_no_chart_text_is_cut_off_or_too_small(lang):
    for chart in _sample_charts(lang):
        assert_text_inside_and_readable(chart)


def test_scores_chart_has_one_bar_per_submitted_application_in_rank_order():
    chart = scores_chart(DECIDED, CALL, "fr", REVIEWS)
    bars = bars_of(chart)
    submitted = APPLICATIONS[(APPLICATIONS["call"] == CALL.id) & (APPLICATIONS["status"] == "submitted")]
    assert len(bars) == len(submitted) == 12
    ranked = DECIDED[DECIDED["rank"].notna()].sort_values("rank")
    assert chart.order[: len(ranked)] == list(ranked.index)  # rank 1 at the top, then the unranked ones
    assert set(chart.order[len(ranked) :]) == set(DECIDED.index[DECIDED["rank"].isna()])
    labels = [label.get_text() for label in chart.axes[0].get_yticklabels()]
    assert labels[0] == "1. Femmes Rurales Sétif" and labels[-1].startswith("– ")  # "Association Exemple" left out
    assert [bar.get_width() for bar in bars] == pytest.approx(list(DECIDED.loc[chart.order, "score"]))
    colours = [colour(bar) for bar in bars]
    assert colours.count(DECISION_COLOURS["selected"]) == DECIDED["selected"].sum() == 6
    assert colours.count(DECISION_COLOURS["ineligible"]) == (DECIDED["reason"] == "ineligible").sum() == 3
    hatched = [name for name, bar in zip(chart.order, bars) if bar.get_hatch()]
    assert hatched == list(DECIDED.index[DECIDED["disagreement"]]) == ["Association Exemple Femmes Rurales Sétif"]


def test_scores_chart_draws_the_threshold_of_the_call_it_is_given():
    assert _vertical_lines(scores_chart(DECIDED, CALL, "fr")) == [50]
    stricter = replace(CALL, threshold=65)
    assert _vertical_lines(scores_chart(decisions(APPLICATIONS, REVIEWS, stricter), stricter, "en")) == [65]


def test_scores_chart_whiskers_run_from_the_lowest_to_the_highest_counted_review():
    chart = scores_chart(DECIDED, CALL, "fr", REVIEWS)
    (whiskers,) = [c for c in chart.axes[0].containers if isinstance(c, ErrorbarContainer)]
    segments = whiskers.lines[2][0].get_segments()
    row = chart.order.index("Association Exemple Femmes Rurales Sétif")
    (segment,) = [s for s in segments if s[0][1] == row]
    given = counted_reviews(REVIEWS, CALL).query("application == 'Association Exemple Femmes Rurales Sétif'")["score"]
    assert sorted(given) == [58, 100] and sorted(segment[:, 0]) == [58, 100]
    # without the reviews, the whisker spans the spread around the mean (exact with two reviews)
    alone = scores_chart(DECIDED, CALL, "fr")
    (whiskers,) = [c for c in alone.axes[0].containers if isinstance(c, ErrorbarContainer)]
    (segment,) = [s for s in whiskers.lines[2][0].get_segments() if s[0][1] == row]
    assert sorted(segment[:, 0]) == [58, 100]


def test_raw_vs_normalised_chart_puts_each_reviewed_application_at_its_score_and_z():
    chart = raw_vs_normalised_chart(DECIDED, "en")
    (dots,) = [c for c in chart.axes[0].collections if isinstance(c, PathCollection)]
    scored = DECIDED[DECIDED["score"].notna()]
    assert np.allclose(dots.get_offsets(), scored[["score", "z"]].to_numpy(dtype=float))
    names = [text.get_text().replace("\n", " ") for text in chart.axes[0].texts]
    assert "Tourisme Timimoun" in names and not [name for name in names if "Exemple" in name]
    # ranked by z, Tourisme Timimoun (raw 4th, z 1st among the ranked) would move, among others
    by_score = scored["score"].rank(ascending=False, method="min")
    by_z = scored["z"].rank(ascending=False, method="min")
    assert chart.moved == (by_score != by_z).sum() > 0


def test_envelope_chart_stacks_the_selected_requests_against_the_envelope_and_its_10_percent_lines():
    chart = envelope_chart(DECIDED, CALL, "fr")
    bars = bars_of(chart)
    ranked = DECIDED[DECIDED["rank"].notna()].sort_values("rank")
    assert len(bars) == len(ranked) == 9  # ineligible applications are not ranked: no bar
    assert _vertical_lines(chart) == pytest.approx([CALL.envelope, 0.9 * CALL.envelope, 1.1 * CALL.envelope])
    ends = [bar.get_x() + bar.get_width() for bar, selected in zip(bars, ranked["selected"]) if selected]
    assert ends == pytest.approx(list(ranked.loc[ranked["selected"], "requested"].cumsum()))
    assert chart.granted == DECIDED["granted"].sum() == ends[-1] <= CALL.envelope
    first_left_out = next(bar for bar, selected in zip(bars, ranked["selected"]) if not selected)
    assert first_left_out.get_x() == pytest.approx(ends[-1])  # it would start where the grants end…
    assert first_left_out.get_x() + first_left_out.get_width() > CALL.envelope  # …and not fit
    larger = envelope_chart(DECIDED, CALL.with_envelope(25_000_000), "en")
    assert _vertical_lines(larger)[0] == 25_000_000


def test_charts_of_a_call_with_no_application_are_empty_not_broken():
    for chart in _all_charts("ar", DECIDED.head(0)):
        assert figure_to_png(chart).startswith(b"\x89PNG") and chart.alt
    assert len(bars_of(scores_chart(DECIDED.head(0), CALL, "fr"))) == 0


def test_short_names_leave_out_the_words_every_name_shares():
    assert short_names(["Association Exemple Jeunes Oran", "Association Exemple Santé Tipaza"]) == [
        "Jeunes Oran",
        "Santé Tipaza",
    ]
    assert short_names(["Association des femmes", "Association"]) == ["Association des femmes", "Association"]
    assert short_names(["Association Exemple Jeunes Oran"]) == ["Association Exemple J…"]  # alone: whole, cut
