"""The follow-up's rules against a worked example computed by hand: time elapsed, lateness,
indicator progress, spending rate, and the reasons a project needs a visit."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from saara_kit.followup.analysis import (
    elapsed_share,
    indicator_progress,
    milestone_states,
    programme_view,
    progress_of,
    view_day,
)
from saara_kit.followup.domain import MILESTONES, REPORT, SUPPORT
from saara_kit.followup.from_plan import milestones_from_plan
from saara_kit.i18n import t
from saara_kit.validation import ValidationError

DAY = dt.date(2027, 4, 30)  # 119 days into a project of 2027 (364 days from 1 January to 31 December)
HUB = {"region": "ouest"}


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{**HUB, **row} for row in rows])


def test_time_elapsed_is_the_share_of_the_period_gone():
    assert elapsed_share("2027-01-01", "2027-12-31", DAY) == pytest.approx(119 / 364)
    assert elapsed_share("2027-06-01", "2027-12-31", DAY) == 0.0  # not started
    assert elapsed_share("2026-01-01", "2026-12-31", DAY) == 1.0  # ended


def test_a_milestone_is_late_when_open_past_its_due_date():
    milestones = frame(
        {"name": "a", "due": "2027-04-15", "status": "in_progress", "done_on": None},  # 15 days late
        {"name": "b", "due": "2027-02-15", "status": "done", "done_on": "2027-02-20"},  # reached 5 days late
        {"name": "c", "due": "2027-02-15", "status": "done", "done_on": "2027-02-10"},  # on time
        {"name": "d", "due": "2027-06-10", "status": "planned", "done_on": None},  # not due yet
        {"name": "e", "due": "2027-01-10", "status": "dropped", "done_on": None},
        {"name": "f", "due": "2027-04-30", "status": "planned", "done_on": None},  # due today: not late yet
    )
    states = milestone_states(milestones, DAY)
    assert list(states["state"]) == ["late", "done_late", "done", "open", "dropped", "open"]
    assert list(states["days_late"]) == [15, 5, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        ("0", "60", "30", 0.5),
        ("8000", "15000", "9 750", 0.25),  # numbers as people write them
        ("55", "90", "48", -0.2),  # worse than at the start
        ("non", "oui", "oui", 1.0),  # a yes/no indicator has come all the way, or not at all
        ("non", "oui", "non", 0.0),
        ("0", "40", "", None),  # not measured
    ],
)
def test_an_indicators_progress_runs_from_its_baseline_to_its_target(baseline, target, current, expected):
    assert progress_of(baseline, target, current) == (expected if expected is None else pytest.approx(expected))


def test_an_indicator_is_on_track_within_twenty_points_of_the_time_elapsed():
    logframe = frame(
        *(
            {"plan": "P", "number": number, "indicator": f"i{number}", "baseline": "0", "target": "100", "current": own}
            for number, own in (("1", "0"), ("1.1", "10"), ("1.2", ""))
        ),
        {"plan": "P", "number": "2", "indicator": "", "baseline": "", "target": "", "current": ""},
    )
    values = frame({"line": "P → 1", "current": "15"})  # reported: 0.15 >= 0.327 - 0.2
    table = indicator_progress(logframe, values, "P", 119 / 364)
    assert list(table["current"]) == ["15", "10", ""]  # the line without an indicator is left out
    assert list(table["on_track"]) == [True, False, None]  # 0.10 < 0.127; nothing measured


def worked_example() -> dict[str, pd.DataFrame]:
    """Two funded projects: A spends in step and is on time; B is late, has spent nothing,
    overspends equipment beyond the fund's 15 % and has not reported since December."""
    report = frame(
        *(
            {
                "association": name,
                "project": f"Projet {name}",
                "budget": f"B{name}",
                "plan": f"P{name}",
                "start": "2027-01-01",
                "end": "2027-12-31",
                "period": "T1",
                "as_of": as_of,
            }
            for name, as_of in (("A", "2027-04-30"), ("B", "2026-12-01"))
        )
    )
    milestones = frame(
        {"association": "A", "name": "m", "due": "2027-04-15", "status": "done", "done_on": "2027-04-10"},
        {"association": "B", "name": "m", "due": "2027-04-15", "status": "in_progress", "done_on": None},
    )
    logframe = frame(
        *(
            {
                "association": name,
                "plan": f"P{name}",
                "number": "1",
                "indicator": "i",
                "baseline": "0",
                "target": "100",
                "current": current,
            }
            for name, current in (("A", "40"), ("B", "5"))
        )
    )
    lines = frame(
        *(
            {
                "association": name,
                "budget": f"B{name}",
                "heading": heading,
                "description": f"{heading} {name}",
                "quantity": 1.0,
                "unit_rate": rate,
                "currency": "DZD",
                "shares": "Fonds 100 %",
            }
            for name in "AB"
            for heading, rate in (("staff", 540_000.0), ("equipment", 100_000.0))
        )
    )
    spent = frame(
        {"association": "A", "line": "staff A", "amount": 45_000.0, "currency": "DZD"},
        {"association": "A", "line": "equipment A", "amount": 90_000.0, "currency": "DZD"},
        {"association": "B", "line": "equipment B", "amount": 120_000.0, "currency": "DZD"},
    )
    return {
        "report": report,
        "milestones": milestones,
        "logframe": logframe,
        "budget_lines": lines,
        "expenditures": spent,
        "indicators": frame(*()).assign(line=[], current=[]),
        "support": frame({"association": "A", "status": "held"}),
        "budget": frame(*({"association": name, "name": f"B{name}", "rules": "saara_fund"} for name in "AB")),
    }


def test_the_programme_view_flags_the_project_that_needs_a_visit_and_says_why():
    view = programme_view(worked_example(), DAY).set_index("association")
    assert view.loc["A", "spent"] == pytest.approx(135_000 / 640_000)  # 21 % spent, 33 % of the time gone: in step
    assert view.loc["B", "spent"] == pytest.approx(120_000 / 640_000)  # 19 %, but equipment at 120 % of its plan
    assert view.loc["A", "reasons"] == [] and not view.loc["A", "needs_visit"]
    assert view.loc["B", "reasons"] == ["late_milestones", "indicators_behind", "over_flexibility", "old_report"]
    assert view.loc["B", "needs_visit"]
    assert (view.loc["A", "milestones_done"], view.loc["B", "milestones_late"]) == (1, 1)
    assert (view.loc["A", "indicators_on_track"], view.loc["B", "indicators_on_track"]) == (1, 0)
    assert view.loc["A", "sessions_held"] == 1


def test_spending_far_from_the_time_elapsed_needs_a_visit():
    records = worked_example()
    records["expenditures"] = records["expenditures"][records["expenditures"]["association"] == "B"]  # A spent nothing
    view = programme_view(records, DAY).set_index("association")
    assert view.loc["A", "spent"] == 0.0
    assert view.loc["A", "reasons"] == ["spending_gap"]  # 0 % spent, 33 % of the time gone


def test_the_view_speaks_of_the_latest_report_unless_told_a_day():
    reports = frame({"as_of": "2027-03-31"}, {"as_of": "2027-04-30"})
    assert view_day(reports) == DAY
    assert view_day(reports, "2027-05-15") == dt.date(2027, 5, 15)
    assert view_day(reports, "today") == dt.date.today()


@pytest.mark.parametrize(
    ("domain", "values", "field", "code"),
    [
        (MILESTONES, {"name": "m", "due": "2027-01-01", "status": "done"}, "done_on", "done_without_date"),
        (
            MILESTONES,
            {"name": "m", "due": "2027-01-01", "status": "planned", "evidence": "file:../saara.db"},
            "evidence",
            "evidence_outside",
        ),
        (
            MILESTONES,
            {"name": "m", "due": "2027-01-01", "status": "planned", "evidence": "file:/etc/passwd"},
            "evidence",
            "evidence_outside",
        ),
        (
            SUPPORT,
            {
                "date": "2027-01-01",
                "kind": "training",
                "topic": "t",
                "trainer": "x",
                "hours": "2",
                "status": "planned",
                "attendance": "8",
            },
            "attendance",
            "attendance_not_held",
        ),
        (
            REPORT,
            {
                "project": "p",
                "budget": "b",
                "plan": "c",
                "start": "2027-01-01",
                "end": "2027-12-31",
                "period": "T1",
                "as_of": "2026-12-31",
                "progress": "x",
            },
            "as_of",
            "before",
        ),
    ],
)
def test_the_follow_up_refuses_what_cannot_be(domain, values, field, code):
    with pytest.raises(ValidationError) as refused:
        domain.validate(values)
    assert [(error.field, error.code) for error in refused.value.errors] == [(field, code)]
    assert t(refused.value.errors[0].label_key, "ar") in refused.value.messages("ar")[0]  # names the field, in Arabic


def test_evidence_may_name_a_file_inside_the_data_folder():
    record = MILESTONES.validate(
        {
            "name": "m",
            "due": "2027-01-01",
            "status": "done",
            "done_on": "2027-01-02",
            "evidence": "file:evidence/pv.pdf",
        }
    )
    assert record.evidence == "file:evidence/pv.pdf"


def test_milestones_drawn_from_the_plan_skip_what_the_list_names_and_other_plans():
    activities = {
        "Restitution": {"plan": "Plan A", "name": "Restitution", "end": "2027-06-10"},
        "Diagnostic": {"plan": "Plan A", "name": "Diagnostic", "end": "2027-02-15"},
        "Atelier": {"plan": "plan a", "name": "Atelier", "end": "2027-04-15"},
        "Ailleurs": {"plan": "Plan B", "name": "Ailleurs", "end": "2027-01-31"},
    }
    named = [{"name": "Atelier tenu", "activity": "atelier"}, {"name": "diagnostic", "activity": ""}]
    drawn = milestones_from_plan(activities, ["Plan A"], named)
    assert drawn == [{"name": "Restitution", "activity": "Restitution", "due": "2027-06-10", "status": "planned"}]
    assert [m["name"] for m in milestones_from_plan(activities, [], [])] == [
        "Ailleurs",
        "Diagnostic",
        "Atelier",
        "Restitution",
    ]
