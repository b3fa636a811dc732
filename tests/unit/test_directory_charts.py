"""The directory's counts and charts on the sample catalogue: every theme, language and hub listed,
a gap drawn as a visible 0, only approved resources counted, every text inside the picture, in
each language."""

from __future__ import annotations

from functools import cache

import pytest
from matplotlib.colors import to_hex

from saara_kit.charts import ChartFigure, figure_to_png
from saara_kit.data import list_hubs
from saara_kit.directory.analysis import (
    EVERY_HUB,
    arabic_spellings,
    by_hub,
    coverage,
    coverage_table,
    facet_table,
    for_hub,
    gaps,
    gaps_table,
    missing_themes,
    pending,
    pending_table,
    results_table,
    theme_languages,
)
from saara_kit.directory.charts import GAP_COLOUR, LANGUAGE_COVERAGE_COLOURS, gaps_heatmap, regions_chart, themes_chart
from saara_kit.directory.fields import LANGUAGES, THEMES, TYPES
from saara_kit.directory.search import Index, normalise
from saara_kit.i18n import t
from saara_kit.registry import domain
from saara_kit.store.repository import load_records
from tests.unit.chart_checks import assert_charts_speak, assert_text_inside_and_readable, bars_of, colour

RESOURCES = load_records(domain("directory"), "sample")
APPROVED = RESOURCES[RESOURCES["status"] == "approved"]
CHARTS = (themes_chart, gaps_heatmap, regions_chart)


@cache
def _sample_charts(lang: str) -> list[ChartFigure]:
    return [chart(RESOURCES, lang) for chart in CHARTS]


def _without(frame, theme: str, language: str | None = None):
    """The catalogue with no approved resource of ``theme`` (in ``language``): they become pending."""
    hit = frame["themes"].str.contains(theme) & (frame["languages"].str.contains(language) if language else True)
    return frame.assign(status=frame["status"].where(~hit, "pending"))


def _written(figure) -> list[str]:
    return [text.get_text() for text in figure.axes[0].texts]


def test_the_sample_has_pending_and_rejected_suggestions_to_leave_out():
    assert {"approved", "pending", "rejected"} == set(RESOURCES["status"])
    assert len(APPROVED) < len(RESOURCES)


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_every_chart_says_what_it_shows_in_the_language_and_draws_every_glyph(lang):
    charts = assert_charts_speak(lambda: _sample_charts(lang), lang)
    assert str(len(APPROVED)) in charts[0].alt  # how many resources are counted


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_no_chart_text_is_cut_off_or_too_small(lang):
    for chart in _sample_charts(lang):
        assert_text_inside_and_readable(chart)


def test_themes_chart_has_one_bar_per_theme_as_long_as_its_approved_resources():
    chart = themes_chart(RESOURCES, "fr")
    bars = bars_of(chart)
    assert len(bars) == len(THEMES)
    expected = [
        int(APPROVED["themes"].str.split("; ").apply(lambda codes, theme=theme: theme in codes).sum())
        for theme in THEMES
    ]
    assert [bar.get_width() for bar in bars] == expected == chart.counts.to_list()
    labels = [label.get_text() for label in chart.axes[0].get_yticklabels()]
    assert labels[0] == "Concertation" and len(labels) == len(THEMES)
    assert _written(chart) == [str(count) for count in expected]  # each count written at its bar's end


def test_themes_chart_colours_a_bar_by_how_many_languages_its_theme_comes_in():
    chart = themes_chart(RESOURCES, "en")
    assert {colour(bar) for bar in bars_of(chart)} == {LANGUAGE_COVERAGE_COLOURS[3]}  # the sample: every theme, 3
    no_arabic = themes_chart(_without(RESOURCES, "digital", "ar"), "en")
    row = THEMES.index("digital")
    assert no_arabic.languages["digital"] == 2 and colour(bars_of(no_arabic)[row]) == LANGUAGE_COVERAGE_COLOURS[2]


def test_a_theme_with_no_resource_shows_a_red_0_and_the_alt_text_names_it():
    chart = themes_chart(_without(RESOURCES, "volunteering"), "fr")
    row = THEMES.index("volunteering")
    assert bars_of(chart)[row].get_width() == 0 and chart.counts["volunteering"] == 0
    zero = chart.axes[0].texts[row]
    assert zero.get_text() == "0" and to_hex(zero.get_color()) == GAP_COLOUR
    assert "thèmes sans aucune ressource : Bénévolat" in chart.alt
    assert "aucun." in themes_chart(RESOURCES, "fr").alt  # no theme is empty in the sample


def test_pending_and_rejected_resources_are_not_counted():
    everything_approved = RESOURCES.assign(status="approved")
    assert coverage(everything_approved, "themes").sum() > coverage(RESOURCES, "themes").sum()
    assert len(bars_of(themes_chart(everything_approved, "fr"))) == len(THEMES)
    only_waiting = RESOURCES.assign(
        status=["pending", "rejected"] * (len(RESOURCES) // 2) + ["pending"] * (len(RESOURCES) % 2)
    )
    for chart in (themes_chart(only_waiting, "fr"), regions_chart(only_waiting, "fr")):
        assert [bar.get_width() for bar in bars_of(chart)] == [0] * len(bars_of(chart))
    assert theme_languages(only_waiting).to_numpy().sum() == 0
    rejected = RESOURCES[RESOURCES["status"] == "rejected"].iloc[0]
    assert rejected["themes"] == "fundraising"
    assert (
        coverage(RESOURCES, "themes")["fundraising"]
        == coverage(RESOURCES[RESOURCES["status"] != "rejected"], "themes")["fundraising"]
    )


def test_coverage_lists_every_code_of_the_facet_with_0_for_a_gap():
    assert list(coverage(RESOURCES, "type").index) == list(TYPES)
    assert coverage(RESOURCES, "type").sum() == len(APPROVED)  # one type each
    assert coverage(_without(RESOURCES, "law"), "themes")["law"] == 0
    table = coverage_table(RESOURCES, "languages", "ar")
    assert list(table.columns) == [t("directory.field.languages", "ar"), t("directory.column.resources", "ar")]
    assert table.iloc[1, 0] == "العربية"


def test_gaps_heatmap_draws_the_theme_by_language_counts_and_a_0_where_nothing_is():
    chart = gaps_heatmap(_without(RESOURCES, "advocacy", "en"), "en")
    assert chart.counts.shape == (len(THEMES), len(LANGUAGES)) and chart.counts.loc["advocacy", "en"] == 0
    cell = chart.axes[0].texts[THEMES.index("advocacy") * len(LANGUAGES) + LANGUAGES.index("en")]
    assert cell.get_text() == "0"
    assert "cells at 0 (no resource): 1 of 33" in chart.alt
    assert [label.get_text() for label in chart.axes[0].get_xticklabels()] == ["French", "Arabic", "English"]


def test_gaps_table_labels_themes_and_languages_and_shows_the_gaps():
    table = gaps_table(_without(RESOURCES, "digital", "ar"), "fr")
    assert list(table.columns) == ["Thèmes", "Français", "Arabe", "Anglais", "Toutes langues"]
    assert len(table) == len(THEMES)
    row = table[table["Thèmes"] == "Outils numériques"].iloc[0]
    assert row["Arabe"] == 0 and row["Toutes langues"] >= row["Français"] > 0
    assert gaps(RESOURCES) == [] and missing_themes(_without(RESOURCES, "digital", "ar"), "ar") == ["digital"]


def test_regions_chart_counts_each_hubs_resources_and_those_for_every_hub_on_their_own_bar():
    chart = regions_chart(RESOURCES, "fr")
    assert len(bars_of(chart)) == len(list_hubs()) + 1
    assert list(chart.counts.index) == [*list_hubs(), EVERY_HUB]
    assert chart.counts[EVERY_HUB] == (APPROVED["regions"] == "").sum()
    naming = APPROVED["regions"].str.split("; ")
    for hub in list_hubs():
        assert chart.counts[hub] == naming.apply(lambda codes, hub=hub: hub in codes).sum()
    assert [label.get_text() for label in chart.axes[0].get_yticklabels()][-1] == "Tous les pôles"
    assert by_hub(RESOURCES.head(0)).to_list() == [0] * (len(list_hubs()) + 1)


def test_a_hub_sees_its_own_resources_and_those_for_every_hub():
    sud = for_hub(RESOURCES, "sud")
    assert all(not regions or "sud" in regions.split("; ") for regions in sud["regions"])
    assert len(sud) == ((RESOURCES["regions"] == "") | RESOURCES["regions"].str.contains("sud")).sum()
    assert len(for_hub(RESOURCES, "")) == len(RESOURCES)


def test_pending_suggestions_are_those_of_the_hub_they_were_made_in():
    waiting = pending(RESOURCES)
    assert set(waiting["status"]) == {"pending"} and len(waiting) == (RESOURCES["status"] == "pending").sum()
    assert set(pending(RESOURCES, "sud")["region"]) == {"sud"}
    table = pending_table(RESOURCES, "fr", "sud")
    assert len(table) == len(pending(RESOURCES, "sud")) and "Titre" in table and set(table["Pôle"]) == {"Pôle Sud"}


def test_charts_and_tables_of_an_empty_directory_are_empty_not_broken():
    empty = RESOURCES.head(0)
    for chart in CHARTS:
        drawn = chart(empty, "ar")
        assert figure_to_png(drawn).startswith(b"\x89PNG") and drawn.alt
    assert len(gaps_table(empty, "fr")) == len(THEMES) and pending_table(empty, "fr").empty


def test_search_results_and_facets_are_labelled_and_add_up():
    found = Index(APPROVED).search("concertation")
    assert len(found) > 0
    table = results_table(found, "fr")
    assert list(table.columns)[:2] == ["Titre", "Type"] and "Pertinence" in table
    languages = facet_table(found, "languages", "en")
    assert list(languages.iloc[:, 0]) == ["French", "Arabic", "English"]
    assert languages.iloc[:, 1].sum() == found["languages"].str.split("; ").str.len().sum()


@pytest.mark.parametrize("theme", ["advocacy", "budgeting", "monitoring", "concertation"])
def test_the_ways_people_type_an_arabic_word_fold_into_one_and_find_the_same(theme):
    word = t(f"directory.themes.{theme}", "ar")
    spellings = arabic_spellings(word)
    assert len(spellings) >= 3 and len(set(spellings)) == len(spellings) and spellings[0] == word
    assert {normalise(spelling) for spelling in spellings} == {normalise(word)}
    index = Index(APPROVED)
    assert {tuple(index.search(spelling).index) for spelling in spellings} == {tuple(index.search(word).index)}
    assert arabic_spellings("concertation") == ["concertation"]  # Latin words are left alone
