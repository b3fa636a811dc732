"""A call of 300 applications, each scored by 5 of 40 reviewers (one review in 20 a declared
conflict): consolidation with z-scores, ranking, selection, the what-if on the envelope, the
ranked table and validating every review, against ten times fewer."""

from __future__ import annotations

import random
from dataclasses import replace

import pandas as pd

from bench import compare, timed
from saara_kit.grants.call import load_call
from saara_kit.grants.committee import ranking_table
from saara_kit.grants.consolidation import consolidate
from saara_kit.grants.domain import REVIEWS
from saara_kit.grants.selection import envelope_what_if, rank, select

SCALE = {"applications": 300}
REVIEWS_EACH, REVIEWERS, SEED = 5, 40, 12
HUBS = ("ouest", "centre", "est", "sud")


def _call(applications: int):
    call = load_call("fonds-appui-2027")  # the envelope funds about a third of what is asked
    return replace(call, envelope=applications * 2_500_000 / 3, quota=None)


def _records(count: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    pick, call = random.Random(SEED), load_call("fonds-appui-2027")
    applications = pd.DataFrame(
        [
            {
                "region": HUBS[number % 4],
                "association": f"Association {number}",
                "call": call.id,
                "project": f"Projet {number}",
                "requested": pick.randrange(1_000_000, 3_500_000, 50_000),
                "total_cost": 4_000_000,
                "registration": "" if number % 25 == 0 else f"AG-{number}",
                "duration_months": 12,
                "status": "submitted",
                "submitted_at": f"2026-12-{1 + number % 28:02d}T10:00:00",
                "lang": "fr",
            }
            for number in range(count)
        ]
    )
    reviews = []
    for number in range(count):
        quality = pick.random()
        for reviewer in pick.sample(range(REVIEWERS), REVIEWS_EACH):
            harshness = (reviewer % 5 - 2) * 0.3
            scores = {c.id: max(0, min(5, round(5 * quality + harshness + pick.uniform(-1, 1)))) for c in call.criteria}
            reviews.append(
                {
                    "call": call.id,
                    "application": f"Association {number}",
                    "reviewer": f"Évaluateur {reviewer}",
                    "conflict": "yes" if pick.random() < 0.05 else "no",
                    "status": "submitted",
                    **scores,
                    **{f"comment_{c.id}": "Commentaire." for c in call.criteria},
                    "comment": "",
                }
            )
    return applications, pd.DataFrame(reviews)


def _measure(applications: int) -> dict[str, float]:
    submitted, reviews = _records(applications)
    call = _call(applications)
    table = consolidate(submitted, reviews, call)
    ranked = rank(table, submitted, call)
    decided = select(ranked, call)
    REVIEWS.validate(reviews.iloc[0].to_dict())  # the first validation loads the call and the rules: not timed
    return {
        "validate every review": timed(lambda: [REVIEWS.validate(row) for row in reviews.to_dict("records")]),
        "consolidate (z-scores)": timed(lambda: consolidate(submitted, reviews, call)),
        "rank (eligibility, tie-break)": timed(lambda: rank(table, submitted, call)),
        "select under the envelope": timed(lambda: select(ranked, call)),
        "what-if ±10 %": timed(lambda: envelope_what_if(decided, call)),
        "ranked table (labelled)": timed(
            lambda: ranking_table(submitted, reviews, "fr", call=call, decided=decided.assign(call=call.id))
        ),
    }


def main(scale: dict = SCALE) -> dict[str, float]:
    growth = compare(_measure, scale, {"applications": scale["applications"] // 10})
    print(
        f"full: {scale['applications']} applications × {REVIEWS_EACH} reviews ({REVIEWERS} reviewers); "
        f"tenth: {scale['applications'] // 10} × {REVIEWS_EACH}."
    )
    return growth


if __name__ == "__main__":
    main()
