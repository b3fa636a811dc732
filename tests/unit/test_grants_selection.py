"""The support fund's selection on a worked example computed by hand: three applications scored
by three reviewers (one conflict of interest), one tie, an envelope that forces a choice, and an
ineligible fourth."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from saara_kit.grants.call import Call, Criterion
from saara_kit.grants.consolidation import consolidate, counted_reviews, review_scores
from saara_kit.grants.eligibility import check, first_failure
from saara_kit.grants.selection import decide, envelope_what_if

CALL = Call(
    id="test-call",
    titles={"fr": "Appel test"},
    envelope=6_500_000,
    max_grant=3_500_000,
    opens=dt.date(2026, 1, 1),
    closes=dt.date(2026, 12, 31),
    hub_ids=("ouest", "est"),
    min_cofinancing=0.10,
    max_duration_months=18,
    threshold=50,
    disagreement=20,
    reviews_per_application=2,
    criteria=(
        Criterion("relevance", 50, 0, 5),
        Criterion("feasibility", 30, 0, 5),
        Criterion("budget_quality", 20, 0, 5),
    ),
    eligibility=("registered", "region", "max_grant", "cofinancing", "duration", "deadline"),
)


def application(association, requested, total, registration="AG-1", hub_id="ouest", submitted="2026-05-02"):
    return {
        "association": association,
        "region": hub_id,
        "call": "test-call",
        "project": f"Projet {association}",
        "requested": requested,
        "total_cost": total,
        "registration": registration,
        "duration_months": 12,
        "status": "submitted",
        "submitted_at": f"{submitted}T10:00:00",
    }


APPLICATIONS = pd.DataFrame(
    [
        application("Alpha", 2_000_000, 2_500_000),
        application("Beta", 2_000_000, 2_400_000, submitted="2026-05-03"),
        application("Gamma", 3_000_000, 3_500_000),
        application("Delta", 1_000_000, 1_500_000, registration=""),  # not registered: ineligible
    ]
)


def review(app, reviewer, scores, conflict="no", status="submitted"):
    return {
        "call": "test-call",
        "application": app,
        "reviewer": reviewer,
        "conflict": conflict,
        "status": status,
        **dict(zip(("relevance", "feasibility", "budget_quality"), scores)),
    }


REVIEWS = pd.DataFrame(
    [
        review("Alpha", "R1", (4, 4, 4)),  # 40 + 24 + 16 = 80
        review("Alpha", "R2", (4, 3, 3)),  # 40 + 18 + 12 = 70
        review("Beta", "R1", (5, 3, 2)),  # 50 + 18 + 8 = 76
        review("Beta", "R3", (5, 2, 3)),  # 50 + 12 + 12 = 74
        review("Gamma", "R1", (5, 5, 5)),  # 100
        review("Gamma", "R2", (2, 2, 2)),  # 20 + 12 + 8 = 40
        review("Gamma", "R3", (5, 5, 5), conflict="yes"),  # declared: left out
        review("Delta", "R2", (5, 5, 5)),  # 100
        review("Delta", "R3", (4, 4, 4)),  # 80
        review("Delta", "R1", (0, 0, 0), status="draft"),  # not submitted: left out
    ]
)


def test_each_review_is_weighted_out_of_100():
    scores = review_scores(REVIEWS, CALL).set_index(["application", "reviewer"])
    assert scores.loc[("Alpha", "R1"), "score"] == pytest.approx(80)
    assert scores.loc[("Beta", "R3"), "score"] == pytest.approx(74)
    assert not scores.loc[("Gamma", "R3"), "counted"] and not scores.loc[("Delta", "R1"), "counted"]


def test_consolidation_leaves_out_the_conflict_and_flags_the_disagreement():
    table = consolidate(APPLICATIONS, REVIEWS, CALL)
    assert table.loc["Alpha", "score"] == pytest.approx(75) and table.loc["Beta", "score"] == pytest.approx(75)
    assert table.loc["Gamma", "score"] == pytest.approx(70)  # (100 + 40) / 2: R3's conflicted 100 is not counted
    assert table.loc["Gamma", ["reviews", "conflicts"]].tolist() == [2, 1]
    assert table.loc["Gamma", "spread"] == pytest.approx(60) and table.loc["Gamma", "disagreement"]
    assert not table.loc["Alpha", "disagreement"]  # 10 points apart, under the call's 20
    assert table.loc["Beta", "relevance"] == pytest.approx(5)


def test_z_scores_put_each_reviewer_on_their_own_scale():
    z = counted_reviews(REVIEWS, CALL).set_index(["application", "reviewer"])["z"]
    r1_mean, r1_std = (
        (80 + 76 + 100) / 3,
        math.sqrt(((80 - 256 / 3) ** 2 + (76 - 256 / 3) ** 2 + (100 - 256 / 3) ** 2) / 3),
    )
    assert z[("Alpha", "R1")] == pytest.approx((80 - r1_mean) / r1_std)
    assert z[("Beta", "R3")] == pytest.approx(-1) and z[("Delta", "R3")] == pytest.approx(1)  # R3: 74 and 80
    assert z[("Alpha", "R2")] == pytest.approx(0)  # R2: 70, 40, 100, mean 70
    table = consolidate(APPLICATIONS, REVIEWS, CALL)
    assert table.loc["Alpha", "z"] == pytest.approx(((80 - r1_mean) / r1_std + 0) / 2)


def test_eligibility_names_the_rule_that_fails():
    assert first_failure(APPLICATIONS.iloc[3], CALL).rule == "registered"
    results = check({**APPLICATIONS.iloc[0], "requested": 2_400_000}, CALL)  # co-financing 4 %, under 10 %
    assert [r.rule for r in results if not r.passed] == ["cofinancing"]
    late = check({**APPLICATIONS.iloc[0], "submitted_at": "2027-01-03T09:00:00"}, CALL)
    assert [r.rule for r in late if not r.passed] == ["deadline"]
    assert "4" in next(r for r in results if r.rule == "cofinancing").message("fr")


def test_the_tie_is_broken_by_the_heaviest_criterion_and_the_envelope_forces_a_choice():
    decided = decide(APPLICATIONS, REVIEWS, CALL)
    assert decided.index.tolist() == ["Beta", "Alpha", "Gamma", "Delta"]  # Beta's relevance 5 beats Alpha's 4
    assert decided.loc[["Beta", "Alpha"], "tie"].all() and not decided.loc["Gamma", "tie"]
    assert decided["rank"].tolist()[:3] == [1, 2, 3] and pd.isna(decided.loc["Delta", "rank"])
    assert decided["reason"].to_dict() == {
        "Beta": "selected",
        "Alpha": "selected",
        "Gamma": "envelope",
        "Delta": "ineligible",
    }
    assert decided.loc["Delta", "failed_rule"] == "registered"
    assert decided["granted"].sum() == 4_000_000  # 2.5 M left: Gamma's 3 M does not fit


def test_what_if_the_envelope_grows_or_shrinks_by_ten_per_cent():
    decided = decide(APPLICATIONS, REVIEWS, CALL)
    grows = envelope_what_if(decided, CALL)
    assert grows.index.tolist() == ["Gamma"] and grows.loc["Gamma", "larger"] == "selected"  # 7.15 M: it fits
    tight = CALL.with_envelope(4_300_000)
    shrinks = envelope_what_if(decide(APPLICATIONS, REVIEWS, tight), tight)
    assert shrinks.loc["Alpha", ["now", "smaller"]].tolist() == ["selected", "envelope"]  # 3.87 M: only Beta


def test_threshold_and_quota_are_reasons_too():
    strict = CALL.__class__(**{**CALL.__dict__, "threshold": 72, "quota": {"ouest": 1}})
    decided = decide(APPLICATIONS, REVIEWS, strict)
    assert decided["reason"].to_dict() == {
        "Beta": "selected",
        "Alpha": "quota",
        "Gamma": "below_threshold",
        "Delta": "ineligible",
    }


def test_a_draft_to_another_call_and_an_empty_call_change_nothing():
    other = pd.DataFrame([{**application("Alpha", 100, 1000), "call": "other-call", "status": "draft"}])
    decided = decide(pd.concat([APPLICATIONS, other], ignore_index=True), REVIEWS, CALL)
    assert decided["reason"].to_dict() == decide(APPLICATIONS, REVIEWS, CALL)["reason"].to_dict()
    nothing = decide(APPLICATIONS.iloc[0:0], REVIEWS.iloc[0:0], CALL)
    assert nothing.empty and envelope_what_if(nothing, CALL).empty
    unreviewed = decide(APPLICATIONS, REVIEWS.iloc[0:0], CALL)
    assert set(unreviewed["reason"]) == {"not_reviewed", "ineligible"}


@pytest.mark.parametrize(("lang", "west"), [("ar", "قطب الغرب"), ("fr", "Pôle Ouest"), ("en", "West hub")])
def test_the_committee_tables_name_each_hub_in_the_readers_language(lang, west):
    from saara_kit.grants.committee import disagreements_table, scores_table

    decided = decide(APPLICATIONS, REVIEWS, CALL)
    hub = {"ar": "القطب", "fr": "Pôle", "en": "Hub"}[lang]
    for table in (scores_table(decided, lang), disagreements_table(decided, REVIEWS, CALL, lang)):
        shown = set(table.filter(like=hub).iloc[:, 0])
        assert shown == {west}, shown  # not the hub id "ouest"
    failed = next(r for r in check(application("Zeta", 1, 10, hub_id="nord"), CALL) if r.rule == "region")
    assert "ouest" not in failed.message(lang) and west in failed.message(lang)
