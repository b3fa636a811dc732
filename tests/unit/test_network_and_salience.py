"""The relations network, the salience types and the engagement plan on small examples counted by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from saara_kit.records.fields import NOT_RATED
from saara_kit.stakeholders.analysis import engagement_plan, is_overdue, recommended_iap2
from saara_kit.stakeholders.network import communities, network, network_metrics
from saara_kit.stakeholders.salience import SALIENCE_TYPES, UNTYPED, salience, with_salience

ACTORS = ["APC", "Wilaya", "Association", "Radio", "Bailleur", "Isolé"]
LINKS = pd.DataFrame(
    [
        ("Bailleur", "Association", "money", 4, "one_way"),
        ("Association", "APC", "information", 2, "both_ways"),
        ("Wilaya", "APC", "command", 5, "one_way"),
        ("Radio", "Association", "information", 1, "one_way"),
        ("Association", "Radio", "cooperation", 3, "one_way"),
    ],
    columns=["source", "target", "kind", "weight", "direction"],
)


def test_degrees_brokers_and_isolated_actors():
    metrics = network_metrics(network(ACTORS, LINKS))
    # Association: in from Bailleur, APC, Radio; out to APC, Radio. Its relations: 4 (Bailleur, the
    # both-ways one with APC counted once, and two with Radio), not the 5 arcs
    assert metrics.loc["Association", ["in_degree", "out_degree", "degree"]].tolist() == [3, 2, 4]
    assert metrics.loc["APC", ["in_degree", "out_degree", "degree"]].tolist() == [2, 1, 2]
    # of the 20 ordered pairs of the 5 others, every shortest path of 5 goes through Association:
    # Bailleur→APC, Bailleur→Radio, APC→Radio, Radio→APC, Wilaya→Radio; through APC, 2:
    # Wilaya→Association, Wilaya→Radio
    assert metrics.loc["Association", "betweenness"] == pytest.approx(5 / 20)
    assert metrics.loc["APC", "betweenness"] == pytest.approx(2 / 20)
    assert metrics.loc["Bailleur", "betweenness"] == 0
    assert metrics.index[metrics["isolated"]].tolist() == ["Isolé"]


def test_communities_leave_isolated_actors_out():
    groups = communities(network(ACTORS, LINKS))
    assert groups == [{"Association", "Bailleur", "Radio"}, {"APC", "Wilaya"}]


def test_a_tie_weighs_the_relations_of_both_ways_and_a_both_ways_relation_once():
    pairs = [("P1", "P2", "cooperation", 5, "both_ways"), ("Q1", "Q2", "cooperation", 5, "both_ways")]

    def groups(*x_links):
        links = pd.DataFrame(pairs + list(x_links), columns=LINKS.columns)
        return communities(network(["X", "Q1", "Q2", "P2", "P1"], links))

    # X gives 4 to P1 and gets 1 back, a tie of 5 (had the way back replaced the way there: 1), and gives 3 to Q1
    reciprocal = ("X", "P1", "money", 4, "one_way"), ("P1", "X", "information", 1, "one_way")
    assert groups(*reciprocal, ("X", "Q1", "information", 3, "one_way")) == [{"P1", "P2", "X"}, {"Q1", "Q2"}]
    # one relation both ways of 3 with P1 (not 6), one of 4 to Q1
    both_ways = ("X", "P1", "cooperation", 3, "both_ways")
    assert groups(both_ways, ("X", "Q1", "money", 4, "one_way")) == [{"Q1", "Q2", "X"}, {"P1", "P2"}]


def test_a_link_to_oneself_is_refused():
    with pytest.raises(ValueError, match="itself"):
        network(ACTORS, pd.DataFrame([("APC", "APC", "money", 1, False)], columns=LINKS.columns))


@pytest.mark.parametrize(
    ("power", "legitimacy", "urgency", "expected"),
    [
        (5, 5, 5, "definitive"),
        (4, 3, 1, "dominant"),
        (3, 1, 4, "dangerous"),
        (1, 4, 5, "dependent"),
        (5, 2, 2, "dormant"),
        (2, 5, 1, "discretionary"),
        (1, 2, 3, "demanding"),
        (2, 2, 2, "non_stakeholder"),
    ],
)
def test_the_seven_salience_types_and_the_non_stakeholder(power, legitimacy, urgency, expected):
    assert salience(power, legitimacy, urgency) == expected


@pytest.mark.parametrize(("power", "legitimacy", "urgency"), [(5, 0, 0), (5, 5, 0), (4, 0, 4), (1, 0, 0)])
def test_an_actor_is_typed_only_once_legitimacy_and_urgency_are_given(power, legitimacy, urgency):
    assert salience(power, legitimacy, urgency) == UNTYPED


def test_a_new_actor_starts_with_legitimacy_and_urgency_unset_and_untyped():
    from saara_kit.stakeholders.analysis import with_engagement
    from saara_kit.stakeholders.domain import DOMAIN

    empty = DOMAIN.empty()
    assert empty["legitimacy"] == empty["urgency"] == NOT_RATED
    record = DOMAIN.validate({**empty, "name": "APW", "type": "apw", "power": 5, "interest": 5})
    typed = with_engagement(pd.DataFrame([record.to_payload()]))
    assert typed.loc[0, "salience"] == UNTYPED and typed.loc[0, "recommended"] == "collaborate"  # the grid's level
    rated = DOMAIN.validate({**record.to_payload(), "legitimacy": "4", "urgency": "2"})
    assert with_engagement(pd.DataFrame([rated.to_payload()])).loc[0, "salience"] == "dominant"


def test_a_rating_reads_empty_as_not_given_and_refuses_what_is_out_of_its_scale():
    from saara_kit.records import Invalid
    from saara_kit.stakeholders.domain import DOMAIN

    legitimacy = DOMAIN.field("legitimacy")
    assert legitimacy.read("") == legitimacy.read(" 0 ") == NOT_RATED and legitimacy.read("4") == 4
    assert legitimacy.show(NOT_RATED, "stakeholders", "fr") == "" and legitimacy.show(4, "stakeholders", "fr") == 4
    with pytest.raises(Invalid) as refused:
        legitimacy.read("7")
    assert refused.value.code == "out_of_range"


def test_every_type_is_reachable_and_added_as_a_column():
    scores = [(p, legit, u) for p in (1, 5) for legit in (1, 5) for u in (1, 5)]
    frame = with_salience(pd.DataFrame(scores, columns=["power", "legitimacy", "urgency"]))
    assert sorted(frame["salience"]) == sorted(SALIENCE_TYPES)


@pytest.mark.parametrize(
    ("quadrant", "salience_type", "expected"),
    [
        ("monitor", "non_stakeholder", "inform"),
        ("keep_informed", "demanding", "consult"),  # heard, as a keep-satisfied actor is (Mendelow; IAP2)
        ("keep_satisfied", "dormant", "consult"),
        ("manage_closely", "dominant", "collaborate"),
        ("monitor", "definitive", "collaborate"),  # salience raises the quadrant's level
        ("keep_satisfied", "dangerous", "consult"),
        ("keep_informed", "dependent", "involve"),  # a dependent actor is raised to involve, above consult
        ("keep_satisfied", "demanding", "consult"),  # a quadrant of high power is never below one of high interest
    ],
)
def test_the_recommended_iap2_level_is_the_higher_of_quadrant_and_salience(quadrant, salience_type, expected):
    assert recommended_iap2(quadrant, salience_type) == expected


def test_the_engagement_plan_flags_overdue_contacts_and_ranks_the_pressing_first():
    frame = pd.DataFrame(
        [
            {
                "name": "Radio",
                "name_ar": "",
                "type": "media",
                "power": 1,
                "interest": 2,
                "legitimacy": 1,
                "urgency": 1,
                "position": 0,
                "target_position": 1,
                "iap2": "inform",
                "owner": "",
                "next_contact": "2026-12-01",
            },
            {
                "name": "Wilaya",
                "name_ar": "",
                "type": "wilaya",
                "power": 5,
                "interest": 4,
                "legitimacy": 5,
                "urgency": 2,
                "position": -1,
                "target_position": 1,
                "iap2": "consult",
                "owner": "Amina",
                "next_contact": "2026-11-02",
            },
        ]
    )
    plan = engagement_plan(frame, "en", today=dt.date(2026, 11, 30))
    assert plan["Name"].tolist() == ["Wilaya", "Radio"]
    assert plan.iloc[0][["Salience type", "Recommended level", "Overdue"]].tolist() == [
        "Dominant (power, legitimacy)",
        "Collaborate",
        "Contact overdue",
    ]
    assert plan.iloc[1]["Overdue"] == "" and is_overdue("2026-12-01", dt.date(2026, 11, 30)) is False


def test_the_salience_diagram_puts_each_actor_inside_exactly_its_circles():
    from saara_kit.charts import figure_to_png
    from saara_kit.stakeholders.salience_chart import CIRCLES, RADIUS, salience_diagram

    scores = [(p, legit, u) for p in (1, 5) for legit in (1, 5) for u in (1, 5) for _ in range(3)]  # 8 types × 3
    frame = pd.DataFrame(
        [
            {"name": f"Acteur {n}", "name_ar": "", "power": p, "legitimacy": legit, "urgency": u}
            for n, (p, legit, u) in enumerate(scores)
        ]
    )
    figure = salience_diagram(frame, "fr")
    assert figure_to_png(figure).startswith(b"\x89PNG")
    dots = [tuple(c.get_offsets()[0]) for c in figure.axes[0].collections if len(c.get_offsets())]
    assert len(dots) == len(frame)
    numbers = {text.get_text(): text.get_position() for text in figure.axes[0].texts if text.get_text().isdigit()}
    typed = with_salience(frame)
    wanted = {"power": "power", "legitimacy": "legitimacy", "urgency": "urgency"}
    for row in typed.itertuples():
        x, y = numbers[str(row.Index + 1)]
        inside = {
            attribute
            for attribute, ((cx, cy), _) in CIRCLES.items()
            if (x - cx) ** 2 + (y - cy) ** 2 < (RADIUS - 0.08) ** 2
        }  # well inside, the dot included
        outside = {
            attribute
            for attribute, ((cx, cy), _) in CIRCLES.items()
            if (x - cx) ** 2 + (y - cy) ** 2 > (RADIUS + 0.08) ** 2
        }
        present = {wanted[name] for name in wanted if getattr(row, name) >= 3}
        assert inside == present and outside == set(CIRCLES) - present, (row.salience, x, y)
    assert figure.key["salience"].tolist()[0] == "Non partie prenante"
    crowded = salience_diagram(pd.concat([frame] * 2, ignore_index=True), "fr")  # 6 per zone: counted
    assert sorted(text.get_text() for text in crowded.axes[0].texts if text.get_text().startswith("×")) == ["×6"] * 8
