"""MACTOR on a worked example of 3 actors and 2 objectives, computed by hand below."""

from __future__ import annotations

import pandas as pd
import pytest

from saara_kit.stakeholders.mactor import (
    actor_count_advice,
    convergences,
    divergences,
    force_ratios,
    indirect_influences,
    influence_dependence,
    objective_balance,
    weighted_positions,
)

ACTORS = ["APC", "Direction", "Radio"]
OBJECTIVES = ["Jardin", "Marché"]

# direct influences (row acts on column): APC→Direction 2, APC→Radio 1, Direction→APC 1,
# Direction→Radio 3, Radio→Direction 1; the diagonal is ignored
MID = pd.DataFrame([[4, 2, 1], [1, 0, 3], [0, 1, 0]], index=ACTORS, columns=ACTORS)
POSITIONS = pd.DataFrame([[1, -1], [1, 1], [-1, 0]], index=ACTORS, columns=OBJECTIVES)
INTENSITIES = pd.DataFrame([[3, 2], [2, 4], [1, 3]], index=ACTORS, columns=OBJECTIVES)

# By hand: MIDIᵢⱼ = MIDᵢⱼ + Σₖ min(MIDᵢₖ, MIDₖⱼ)
#   APC→Direction 2 + min(1, 1) = 3        APC→Radio 1 + min(2, 3) = 3
#   Direction→APC 1 + min(3, 0) = 1        Direction→Radio 3 + min(1, 1) = 4
#   Radio→APC 0 + min(1, 1) = 1            Radio→Direction 1 + min(0, 2) = 1
# diagonal Σₖ min(MIDᵢₖ, MIDₖᵢ): APC min(2,1)+min(1,0) = 1, Direction 1+1 = 2, Radio 0+1 = 1
MIDI = [[1, 3, 3], [1, 2, 4], [1, 1, 1]]
INFLUENCE = [6, 5, 2]  # row sums without the diagonal
DEPENDENCE = [2, 4, 7]  # column sums without the diagonal
# r* = (I / 13) × I / (I + D): 6/13 × 6/8, 5/13 × 5/9, 2/13 × 2/9; scaled to sum to 3
RAW = [6 / 13 * 6 / 8, 5 / 13 * 5 / 9, 2 / 13 * 2 / 9]
FORCES = [3 * value / sum(RAW) for value in RAW]  # 1.7482, 1.0791, 0.1727


def test_indirect_influences_influence_and_dependence():
    midi = indirect_influences(MID)
    assert midi.to_numpy().tolist() == MIDI
    table = influence_dependence(midi)
    assert table["influence"].tolist() == INFLUENCE and table["dependence"].tolist() == DEPENDENCE


def test_force_ratios_sum_to_the_number_of_actors():
    forces = force_ratios(indirect_influences(MID))
    assert forces.tolist() == pytest.approx(FORCES)
    assert forces.sum() == pytest.approx(3) and forces.idxmax() == "APC"


def test_nobody_influencing_anybody_gives_equal_forces():
    silent = pd.DataFrame(0, index=ACTORS, columns=ACTORS)
    assert force_ratios(indirect_influences(silent)).tolist() == [1.0, 1.0, 1.0]


def test_convergences_and_divergences_of_orders_one_two_and_three():
    # order 1: APC and Direction both favour the garden, oppose each other on the market
    assert convergences(POSITIONS).loc["APC", "Direction"] == 1
    assert divergences(POSITIONS).loc["APC", "Direction"] == 1
    assert divergences(POSITIONS).loc["APC", "Radio"] == 1 and convergences(POSITIONS).loc["APC", "Radio"] == 0
    # order 2: 2MAO = position × intensity: APC +3, −2; Direction +2, +4; Radio −1, 0
    two = weighted_positions(POSITIONS, INTENSITIES)
    assert two.to_numpy().tolist() == [[3, -2], [2, 4], [-1, 0]]
    assert convergences(two).loc["APC", "Direction"] == (3 + 2) / 2
    assert divergences(two).loc["APC", "Direction"] == (2 + 4) / 2
    assert divergences(two).loc["Direction", "Radio"] == (2 + 1) / 2
    # order 3: weighted by force
    three = weighted_positions(POSITIONS, INTENSITIES, force_ratios(indirect_influences(MID)))
    assert three.loc["APC", "Jardin"] == pytest.approx(3 * FORCES[0])
    assert convergences(three).loc["APC", "Direction"] == pytest.approx((3 * FORCES[0] + 2 * FORCES[1]) / 2)
    assert (convergences(three).to_numpy() == convergences(three).to_numpy().T).all()


def test_objective_balance_weighs_support_against_opposition():
    three = weighted_positions(POSITIONS, INTENSITIES, force_ratios(indirect_influences(MID)))
    balance = objective_balance(three)
    assert balance.loc["Jardin", "support"] == pytest.approx(3 * FORCES[0] + 2 * FORCES[1])
    assert balance.loc["Jardin", "opposition"] == pytest.approx(FORCES[2])
    assert balance.loc["Marché", "balance"] == pytest.approx(4 * FORCES[1] - 2 * FORCES[0])


@pytest.mark.parametrize(
    ("count", "advice"), [(3, "mactor.too_few_actors"), (10, None), (20, None), (40, "mactor.too_many_actors")]
)
def test_good_practice_is_ten_to_twenty_actors(count, advice):
    assert actor_count_advice(count) == advice


def test_the_plane_splits_actors_into_four_zones_at_the_means():
    from saara_kit.stakeholders.mactor import actor_roles

    table = pd.DataFrame({"influence": [8, 6, 2, 1], "dependence": [1, 5, 6, 0]}, index=list("ABCD"))
    # means: influence 4.25, dependence 3
    assert actor_roles(table).to_dict() == {"A": "dominant", "B": "relay", "C": "dominated", "D": "autonomous"}


def test_one_concertation_is_studied_at_a_time():
    from saara_kit.stakeholders.mactor import concertation

    register = pd.DataFrame({"association": ["Beta", "Beta", "Alpha"], "name": ["APC", "Wilaya", "APC"]})
    objectives = pd.DataFrame({"association": ["Beta", "Alpha"], "name": ["Jardin", "Marché"]})
    influences = pd.DataFrame(
        {"association": ["Beta", "Alpha"], "source": ["Wilaya", "APC"], "target": ["APC", "APC"], "strength": [3, 4]}
    )
    positions = pd.DataFrame(
        {
            "association": ["Beta", "Alpha"],
            "actor": ["APC", "APC"],
            "objective": ["Jardin", "Marché"],
            "stance": [1, -1],
            "intensity": [2, 4],
        }
    )
    chosen, mid, stances, _ = concertation(register, objectives, influences, positions)
    assert chosen == "Alpha" and list(mid.index) == ["APC"] and stances.to_dict() == {"Marché": {"APC": -1}}
    chosen, mid, stances, intensities = concertation(register, objectives, influences, positions, "Beta")
    assert mid.loc["Wilaya", "APC"] == 3 and stances.loc["APC", "Jardin"] == 1 and intensities.loc["APC", "Jardin"] == 2
    assert concertation(register, objectives, influences, positions, "Gamma")[0] == ""  # no such concertation


def test_the_strongest_pairs_and_the_convergence_graph_keep_the_pairs_above_the_mean():
    from saara_kit.stakeholders.mactor_charts import convergence_graph
    from saara_kit.stakeholders.reports import strongest_pairs

    matrix = pd.DataFrame(
        [[0, 4, 1, 0], [4, 0, 2, 0], [1, 2, 0, 0], [0, 0, 0, 0]], index=list("ABCD"), columns=list("ABCD")
    )
    pairs = strongest_pairs(matrix, "en", count=2)
    assert pairs.to_numpy().tolist() == [["A", "B", 4.0], ["B", "C", 2.0]]
    figure = convergence_graph(matrix, "en")
    # the pairs at 4, 2 and 1 average 7/3: only A–B is drawn; every actor is numbered in the key
    assert "(actors: 4)" in figure.alt and "(lines: 1)" in figure.alt
    assert figure.key["name"].tolist() == list("ABCD")


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_positions_heatmap_writes_no_negative_zero(lang):
    from saara_kit.stakeholders.mactor_charts import positions_heatmap

    weighted = pd.DataFrame([[-0.04, 1.26], [-0.0, -2.0]], index=["APC", "APW"], columns=["Jardins", "Marché"])
    figure = positions_heatmap(weighted, lang)
    cells = [text.get_text() for text in figure.axes[0].texts]
    assert len(cells) == 4 and not [
        cell for cell in cells if cell.lstrip("\u200e\u200f\u061c").startswith(("-0", "−0"))
    ]
    assert cells[0] == "0" and cells[3].lstrip("\u200e\u200f\u061c") in ("-2", "−2")
