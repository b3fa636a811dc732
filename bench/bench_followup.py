"""The programme's view for 300 funded projects with 12 reports each (the report record revised
every month, milestones, indicator values, support sessions, a budget and its spending): loading
it from the store, computing it, and drawing it, against ten times fewer projects."""

from __future__ import annotations

import datetime as dt
import random

from bench import compare, scratch_dir, timed
from saara_kit.followup.analysis import load_programme, programme_view, view_day
from saara_kit.followup.charts import milestones_chart, spending_chart
from saara_kit.followup.tables import view_table
from saara_kit.registry import domain
from saara_kit.store import Revision, new_record_id, open_store

SCALE = {"projects": 300}
REPORTS = 12  # each project's report, revised once a month
SEED = 16
START = dt.date(2027, 1, 1)


def _project(number: int, pick: random.Random) -> list[Revision]:
    """Return every revision one funded project's association saved."""
    hub_id, association = ("centre", "ouest", "est", "sud")[number % 4], f"Association du banc {number}"
    plan, budget = f"Plan {number}", f"Budget {number}"

    def saved(name: str, payload: dict, revisions: int = 1) -> list[Revision]:
        record_id = new_record_id()
        return [
            Revision(record_id, revision, domain(name).kind, hub_id, association, "bench", dict(payload))
            for revision in range(1, revisions + 1)
        ]

    day = lambda months: (START + dt.timedelta(days=30 * months)).isoformat()  # noqa: E731
    found = saved("budget", {"name": budget, "rules": "saara_fund", "display": "DZD", "notes": ""})
    found += saved(
        "report",
        {
            "project": f"Projet {number}",
            "budget": budget,
            "plan": plan,
            "start": day(0),
            "end": day(18),
            "period": "M12",
            "as_of": day(12),
            "progress": "…",
        },
        REPORTS,
    )
    for line in range(10):
        found += saved(
            "budget_lines",
            {
                "budget": budget,
                "heading": ("staff", "travel", "equipment", "services")[line % 4],
                "description": f"Ligne {line}",
                "unit": "mois",
                "quantity": 12,
                "unit_rate": pick.randint(5, 50) * 1000,
                "currency": "DZD",
                "shares": "Fonds 100 %",
            },
        )
    for spent in range(40):
        found += saved(
            "expenditures",
            {
                "line": f"Ligne {spent % 10}",
                "date": day(spent // 4),
                "what": "facture",
                "amount": pick.randint(1, 30) * 1000,
                "currency": "DZD",
            },
        )
    for item in range(8):
        found += saved(
            "milestones",
            {
                "name": f"Jalon {item}",
                "due": day(2 * item + 1),
                "status": pick.choice(("planned", "in_progress", "done")),
                "done_on": day(2 * item + 1),
                "evidence": "",
            },
        )
    for line in range(6):
        found += saved(
            "logframe",
            {
                "plan": plan,
                "number": f"1.{line + 1}",
                "statement": "…",
                "indicator": f"Indicateur {line}",
                "baseline": "0",
                "target": "100",
                "current": "0",
            },
        )
        found += saved(
            "indicators",
            {"line": f"{plan} → 1.{line + 1}", "current": str(pick.randint(0, 100)), "measured": day(12)},
            REPORTS,
        )
    for session in range(6):
        found += saved(
            "support",
            {
                "date": day(2 * session),
                "kind": "training",
                "topic": f"Séance {session}",
                "trainer": "Formatrice",
                "hours": 3,
                "status": "held",
                "attendance": 8,
            },
        )
    return found


def _measure(projects: int) -> dict[str, float]:
    pick = random.Random(SEED)
    folder = scratch_dir()
    with open_store(folder) as store:
        store.save_many(revision for number in range(projects) for revision in _project(number, pick))
    loaded: dict = {}
    timings = {"load from the store": timed(lambda: loaded.update(load_programme("store", data_dir=folder)))}
    day = view_day(loaded["report"])
    view = {}
    timings["programme view"] = timed(lambda: view.update(frame=programme_view(loaded, day)))
    timings["table"] = timed(lambda: view_table(view["frame"], "fr"))
    timings["charts"] = timed(lambda: (spending_chart(view["frame"], "fr"), milestones_chart(view["frame"], "fr")))
    return timings


def main(scale: dict = SCALE) -> dict[str, float]:
    _measure(
        projects=2
    )  # warms the caches (Babel's locale data, matplotlib's fonts): the first step timed would pay them
    growth = compare(_measure, scale, {"projects": max(1, scale["projects"] // 10)})
    print(f"full: {scale['projects']} funded projects, {REPORTS} reports each; tenth: {scale['projects'] // 10}.")
    return growth


if __name__ == "__main__":
    main()
