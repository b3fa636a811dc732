"""A budget of 20,000 lines (one association, both currencies, two funders): totals by heading,
the funder's rules, validation, and the workbook an officer audits (live formulas), against ten
times fewer."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from bench import compare, scratch_dir, timed
from saara_kit.budget.analysis import budget_checks, heading_totals, with_amounts
from saara_kit.budget.domain import BUDGET, FUNDING, LINES
from saara_kit.budget.fields import HEADINGS
from saara_kit.exports.transfer import export_records
from saara_kit.store import Revision, new_record_id, open_store

SCALE = {"lines": 20_000}
SEED = 11
ASSOCIATION, NAME = "Association du banc", "Budget du banc"
FUNDERS = {"Union européenne": "requested", "Fonds propres": "own"}


def _lines(count: int) -> pd.DataFrame:
    pick = random.Random(SEED)
    return pd.DataFrame(
        [
            {
                "region": "centre",
                "association": ASSOCIATION,
                "budget": NAME,
                "heading": pick.choice(HEADINGS[:6]) if number % 20 else pick.choice(HEADINGS[6:]),
                "description": f"Ligne {number}",
                "unit": "pièce",
                "quantity": pick.randint(1, 50),
                "unit_rate": round(pick.uniform(100, 90_000), 2),
                "currency": pick.choice(("DZD", "EUR")),
                "period": "2027",
                "shares": "Union européenne 80 %; Fonds propres 20 %",
                "activity": "",
            }
            for number in range(count)
        ]
    )


def _store(folder: Path, lines: pd.DataFrame):
    store = open_store(folder)

    def revision(domain, payload):
        return Revision(new_record_id(), 1, domain.kind, "centre", ASSOCIATION, "bench", payload)

    store.save_many(
        [
            revision(BUDGET, {"name": NAME, "rules": "eu", "notes": ""}),
            *(revision(FUNDING, {"budget": NAME, "funder": funder, "kind": kind}) for funder, kind in FUNDERS.items()),
            *(revision(LINES, {name: row[name] for name in LINES.field_names}) for row in lines.to_dict("records")),
        ]
    )
    return store


def _measure(lines: int) -> dict[str, float]:
    frame = _lines(lines)
    records = {
        "budget": pd.DataFrame([{"association": ASSOCIATION, "name": NAME, "rules": "eu"}]),
        "funding": pd.DataFrame(
            [{"association": ASSOCIATION, "budget": NAME, "funder": f, "kind": k} for f, k in FUNDERS.items()]
        ),
        "budget_lines": frame,
        "expenditures": pd.DataFrame(columns=["region", "association", "line", "amount", "currency"]),
    }
    known = {"budget": {NAME: {}}, "funding": {name: {} for name in FUNDERS}}
    folder = scratch_dir()
    store = _store(folder, frame)
    try:
        return {
            "validate every line": timed(lambda: [LINES.validate(row, known) for row in frame.to_dict("records")]),
            "totals by heading": timed(lambda: heading_totals(with_amounts(frame))),
            "funder's rules": timed(lambda: budget_checks(records)),
            "workbook (formulas)": timed(
                lambda: export_records(store, BUDGET, folder / "budget.xlsx", hub_id="centre")
            ),
        }
    finally:
        store.close()


def main(scale: dict = SCALE) -> dict[str, float]:
    growth = compare(_measure, scale, {"lines": scale["lines"] // 10})
    print(f"full: {scale['lines']} lines; tenth: {scale['lines'] // 10}; one association, two funders.")
    return growth


if __name__ == "__main__":
    main()
