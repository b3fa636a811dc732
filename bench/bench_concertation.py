"""Concertation plan at scale: 500 activities and 200 meetings validated, checked for one owner's
overlapping meetings, put in a RACI matrix, drawn as a Gantt chart and a RACI heatmap and written
as an iCalendar file, against ten times fewer."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd

from bench import compare, scratch_dir, timed
from saara_kit.charts import figure_to_png
from saara_kit.concertation.analysis import meeting_events, raci_matrix
from saara_kit.concertation.charts import gantt_chart, raci_heatmap
from saara_kit.concertation.domain import ACTIVITIES, MEETINGS
from saara_kit.exports.calendar import write_calendar

SCALE = {"activities": 500, "meetings": 200, "actors": 40}
SEED = 7
FIRST_DAY = dt.date(2027, 1, 1)


def _plan(activities: int, meetings: int, actors: int) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    pick = random.Random(SEED)
    names = [f"Acteur {n}" for n in range(actors)]
    known = {
        "stakeholders": {name: {} for name in names},
        "concertation": {"Plan": {"start": "2027-01-01", "end": "2028-12-31"}},
    }
    rows = []
    for number in range(activities):
        start = FIRST_DAY + dt.timedelta(days=pick.randrange(600))
        rows.append(
            {
                "plan": "Plan",
                "name": f"Activité {number}",
                "start": start.isoformat(),
                "end": (start + dt.timedelta(days=pick.randrange(1, 90))).isoformat(),
                "owner": "Président",
                "responsible": "; ".join(pick.sample(names, 2)),
                "accountable": pick.choice(names),
                "consulted": "; ".join(pick.sample(names, 3)),
                "informed": "; ".join(pick.sample(names, 3)),
            }
        )
    talks = [
        {
            "plan": "Plan",
            "title": f"Réunion {number}",
            "place": "Mairie",
            "owner": pick.choice(("Président", "Secrétaire")),
            "invitees": "; ".join(pick.sample(names, 5)),
            "date": (FIRST_DAY + dt.timedelta(days=pick.randrange(700))).isoformat(),
            "time": "10:00",
        }
        for number in range(meetings)
    ]
    return known, pd.DataFrame(rows), pd.DataFrame(talks)


def _measure(activities: int, meetings: int, actors: int) -> dict[str, float]:
    known, plan, talks = _plan(activities, meetings, actors)
    events = talks.assign(record_id=[f"id-{n}" for n in range(len(talks))], association="Association", agenda="")
    folder = scratch_dir()
    saved_meetings = [MEETINGS.validate(row, known) for row in talks.to_dict("records")]
    return {
        "validate (rules, links)": timed(
            lambda: (
                [ACTIVITIES.validate(row, known) for row in plan.to_dict("records")]
                + [MEETINGS.validate(row, known) for row in talks.to_dict("records")]
            )
        ),
        "overlapping meetings (warnings)": timed(lambda: MEETINGS.warnings_for(saved_meetings)),
        "RACI matrix": timed(lambda: raci_matrix(plan)),
        "RACI heatmap": timed(lambda: figure_to_png(raci_heatmap(plan, "fr"))),
        "Gantt chart": timed(lambda: figure_to_png(gantt_chart(plan, talks, "fr"))),
        "ICS file": timed(lambda: write_calendar(meeting_events(events, "fr"), folder / "plan.ics", "Plan")),
    }


def main(scale: dict = SCALE) -> dict[str, float]:
    small = {**scale, "activities": scale["activities"] // 10, "meetings": scale["meetings"] // 10}  # the same register
    growth = compare(_measure, scale, small)
    print(
        f"full: {scale['activities']} activities, {scale['meetings']} meetings; tenth: {small['activities']}, "
        f"{small['meetings']}; {scale['actors']} actors both times."
    )
    return growth


if __name__ == "__main__":
    main()
