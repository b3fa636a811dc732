"""The national synthesis: the hubs' comparison tables on the sample data (figures worked out by
hand from ``datasets/``), the same from a store, an empty store, and the charts."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.text import Annotation

from saara_kit.charts import figure_to_png
from saara_kit.data import load_dataset
from saara_kit.synthesis.analysis import (
    applications_by_hub,
    applications_table,
    budget_by_heading,
    budget_table,
    concertation_levels,
    concertation_table,
    directory_table,
    directory_use,
    forms_filled,
    gather,
    hub_with_most,
    nothing_saved,
    overview,
    participation_table,
    stakeholder_mix,
    stakeholder_table,
)
from saara_kit.synthesis.charts import (
    applications_chart,
    budget_chart,
    directory_chart,
    levels_chart,
    participation_chart,
    stakeholders_chart,
)
from tests.unit.chart_checks import ARABIC, assert_charts_speak, assert_text_inside_and_readable, drawn_texts

HUBS = ["centre", "est", "ouest", "sud"]
CHARTS = (participation_chart, stakeholders_chart, levels_chart, budget_chart, applications_chart, directory_chart)


@pytest.fixture(scope="module")
def records():
    return gather("sample")


@pytest.fixture(scope="module")
def empty(records):
    return {name: frame.iloc[0:0] for name, frame in records.items()}


def test_participation_counts_the_associations_that_filled_each_form(records):
    filled = forms_filled(records)
    assert list(filled.index) == HUBS
    # each hub: one association with a register, a plan and a budget; three applications to the fund
    assert filled[["stakeholders", "concertation", "budget", "grants"]].to_numpy().tolist() == [[1, 1, 1, 3]] * 4
    # the association with a register also applied (Casbah, Sétif, Tlemcen, Ghardaïa): three in all per hub
    assert filled["associations"].tolist() == [3, 3, 3, 3]
    table = participation_table(records, "fr")
    assert table.iloc[-1].tolist() == ["Tous les pôles", 4, 4, 4, 12, 12]
    assert list(table.columns)[:2] == ["Pôle", "Registre des acteurs"]


def test_stakeholder_mix_counts_each_hubs_actors_by_type(records):
    mix = stakeholder_mix(records)
    raw = load_dataset("sample_stakeholders")
    assert mix.to_numpy().sum() == len(raw) == 27
    assert mix.loc["centre", "private_firm"] == 2 and mix.loc["est", "other"] == 2
    assert mix.loc["sud", "citizens_group"] == 2 and mix.loc["ouest", "citizens_group"] == 0
    assert mix["apc"].tolist() == [1, 1, 1, 1] and mix["direction"].tolist() == [1, 1, 1, 1]
    assert mix.sum(axis=1).tolist() == [7, 6, 7, 7]
    table = stakeholder_table(records, "en")
    apc = table[table["Type of actor"] == "APC (municipality)"]
    assert apc.iloc[0, 1:].tolist() == [1, 1, 1, 1, 4]
    assert table["All hubs"].sum() == 27


def test_concertation_levels_count_the_plans_actors_per_iap2_level(records):
    levels = concertation_levels(records)
    assert list(levels.columns) == ["inform", "consult", "involve", "collaborate", "empower"]
    assert levels.loc["centre"].tolist() == [2, 2, 1, 1, 1]
    assert levels.loc["est"].tolist() == [1, 1, 2, 1, 1]
    assert levels.loc["ouest"].tolist() == [1, 2, 2, 2, 0]
    assert levels.loc["sud"].tolist() == [1, 3, 1, 1, 1]
    assert concertation_table(records, "fr").iloc[-1].tolist() == ["Tous les pôles", 5, 8, 6, 5, 3, 27]
    assert hub_with_most(levels, "inform") == ("centre", 28.6)  # 2 of its 7 actors
    assert hub_with_most(levels, "consult") == ("sud", 42.9)  # 3 of 7


def test_budgets_by_heading_add_each_hubs_lines_in_dzd(records):
    totals = budget_by_heading(records)
    # quantity × unit rate; the EUR lines at 150 DZD (2 laptops × 600 EUR in centre, a 3 500 EUR tank in est)
    assert totals.loc["centre"].to_dict() == {
        "staff": 540000,
        "travel": 30000,
        "equipment": 430000,
        "office": 0,
        "services": 60000,
        "other": 0,
        "contingency": 40000,
        "indirect": 87000,
    }
    assert totals.loc["est", "equipment"] == 525000 and totals.loc["est"].sum() == 697000
    assert totals.loc["ouest"].sum() == 770000 and totals.loc["sud"].sum() == 640000
    table = budget_table(records, "fr")
    assert table.iloc[-1, -1] == 3294000 and table.iloc[0, -1] == 1187000


def test_applications_and_selections_follow_the_committees_decisions(records):
    fund = applications_by_hub(records)
    assert fund["applications"].tolist() == [3, 3, 3, 3] and fund["submitted"].tolist() == [3, 3, 3, 3]
    # in rank order under the 19.5 M envelope: Sétif 2.9, Casbah 3.3, Tlemcen 2.8, Timimoun 2.9, Ghardaïa 2.7,
    # Ghazaouet 3.4 (18.0 M); Oran and Blida no longer fit, Constantine is under the threshold, Béchar (no
    # registration), Annaba (above the 3.5 M cap) and Tipaza (7.9 % co-financing) are ineligible
    assert fund["selected"].tolist() == [1, 1, 2, 2]
    assert fund["granted"].tolist() == [3300000, 2900000, 6200000, 5600000]
    assert fund["requested"].tolist() == [9400000, 8700000, 8400000, 7700000]
    raw = load_dataset("sample_grants")
    assert fund["requested"].sum() == raw["requested"].astype(float).sum()
    assert applications_table(records, "en").iloc[-1].tolist() == ["All hubs", 12, 12, 6, 34200000, 18000000]


def test_directory_use_counts_what_each_hub_saved_and_what_names_it(records):
    use = directory_use(records)
    raw = load_dataset("resources")
    assert (
        use[["approved", "pending", "rejected"]].to_numpy().tolist()
        == pd.crosstab(raw["region"], raw["status"])
        .reindex(HUBS)[["approved", "pending", "rejected"]]
        .to_numpy()
        .tolist()
    )
    assert use.loc["centre", ["approved", "pending", "rejected"]].tolist() == [11, 1, 1]
    approved = raw[raw["status"] == "approved"]
    naming = [sum(hub in [code.strip() for code in value.split(";")] for value in approved["regions"]) for hub in HUBS]
    assert use["naming"].tolist() == naming == [5, 6, 7, 7]
    assert use["for_all"].tolist() == [23] * 4 == [int((approved["regions"] == "").sum())] * 4
    national = directory_table(records, "fr").iloc[-1].tolist()
    assert national == ["Tous les pôles", 44, 3, 1, 21, 23]  # 44 approved, 23 of them for every hub


def test_the_overview_says_what_is_compared_or_that_nothing_is_saved(records, empty):
    assert overview(records, "en") == (
        "Hubs compared: 4; associations that filled at least one form: 12; "
        "stakeholders mapped: 27; applications submitted: 12, of which selected: 6."
    )
    assert nothing_saved(empty) and not nothing_saved(records)
    assert overview(empty, "fr").startswith("Aucune saisie enregistrée dans aucun pôle pour l'instant")


def test_an_empty_store_gives_every_hub_a_row_of_zeros(empty):
    for table in (
        forms_filled(empty),
        stakeholder_mix(empty),
        concertation_levels(empty),
        budget_by_heading(empty),
        applications_by_hub(empty),
        directory_use(empty),
    ):
        assert list(table.index) == HUBS and table.to_numpy().sum() == 0
    assert hub_with_most(concertation_levels(empty), "inform") == ("", 0.0)
    for make in (participation_table, concertation_table, budget_table, applications_table, directory_table):
        assert len(make(empty, "ar")) == 5


def test_a_store_holding_the_samples_compares_as_the_samples_do(samples_dir, records):
    saved = gather("store", samples_dir)
    for compare in (
        forms_filled,
        stakeholder_mix,
        concertation_levels,
        budget_by_heading,
        applications_by_hub,
        directory_use,
    ):
        pd.testing.assert_frame_equal(compare(saved), compare(records), check_dtype=False)


def _values_inside_their_axes(chart) -> bool:
    """Whether each value written at a bar's end stays within the axes, clear of the legend."""
    figure_to_png(chart)
    renderer, axes = chart.canvas.get_renderer(), chart.axes[0]
    box = axes.get_window_extent(renderer)
    return all(
        box.x0 - 0.5 <= text.get_window_extent(renderer).x0 and text.get_window_extent(renderer).x1 <= box.x1 + 0.5
        for text in axes.texts
        if isinstance(text, Annotation)
    )


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_charts_speak_the_language_and_keep_their_text_inside(records, lang):
    charts = assert_charts_speak(lambda: [draw(records, lang) for draw in CHARTS], lang)
    for chart in charts:
        assert_text_inside_and_readable(chart)
        assert _values_inside_their_axes(chart), chart.alt
        described = chart.alt.replace(chart._suptitle.get_text(), "")  # what the alt text says beyond the title
        assert bool(ARABIC.search(described)) == (lang == "ar"), chart.alt
        assert ("pôle" in described) == (lang == "fr"), chart.alt


def test_charts_draw_what_the_tables_say(records):
    assert participation_chart(records).counts.equals(
        forms_filled(records)[["stakeholders", "concertation", "budget", "grants"]]
    )
    levels = levels_chart(records, "fr")
    widths = [bar.get_width() for bar in levels.axes[0].patches]
    assert widths[:4] == concertation_levels(records)["inform"].tolist()  # the first segment of each hub's bar
    budget = budget_chart(records, "fr")
    assert list(budget.counts.columns) == ["staff", "travel", "equipment", "services", "contingency", "indirect"]
    applications = applications_chart(records, "fr")
    assert [bar.get_width() for bar in applications.axes[0].patches] == [3, 3, 3, 3, 1, 1, 2, 2]
    grid = stakeholders_chart(records, "en")
    assert grid.counts.shape == (11, 4) and "Centre\nhub" in [text.get_text() for text in drawn_texts(grid)]
    assert "approved: 44; pending: 3; rejected: 1" in directory_chart(records, "en").alt


def test_charts_of_an_empty_store_draw_zeros(empty):
    charts = assert_charts_speak(lambda: [draw(empty, "ar") for draw in CHARTS], "ar")
    for chart in charts:
        assert_text_inside_and_readable(chart)
