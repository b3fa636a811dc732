"""The programme's view of the funded projects (pure functions over DataFrames): milestones late or
on time, spending rate against time elapsed, indicators on track, support sessions held, and the
projects that need a visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from saara_kit.validation import fold_name, parse_decimal

__all__ = [
    "BEHIND_SHARE",
    "ON_TRACK_SLACK",
    "REPORT_AGE_DAYS",
    "SPENDING_GAP",
    "VIEW_DOMAINS",
    "VISIT_REASONS",
    "elapsed_share",
    "indicator_progress",
    "load_programme",
    "milestone_states",
    "programme_view",
    "progress_of",
    "spending",
    "view_day",
    "visit_reasons",
    "with_latest_values",
]

SPENDING_GAP = 0.25  # spending more than 25 points ahead of, or behind, the time elapsed
ON_TRACK_SLACK = 0.20  # an indicator less than 20 points behind the way expected by now is on track
BEHIND_SHARE = 0.5  # fewer than half the measured indicators on track: the project is behind
REPORT_AGE_DAYS = 120  # no report for four months
VISIT_REASONS = ("late_milestones", "spending_gap", "indicators_behind", "over_flexibility", "old_report")
OWNER = ["region", "association"]
# what the view reads: the report app's steps, the plan's logframe, the approved budget and its spending
VIEW_DOMAINS = ("report", "milestones", "indicators", "support", "logframe", "budget", "budget_lines", "expenditures")


def load_programme(source: str = "sample", hub_id: str | None = None, **where) -> dict[str, pd.DataFrame]:
    """Return the current records the programme's view reads, by domain (``VIEW_DOMAINS``), from the
    ``"sample"`` data or the ``"store"`` (``where``: its ``data_dir`` or ``db_url``)."""
    from saara_kit.registry import domain
    from saara_kit.store.repository import load_records

    return {name: load_records(domain(name), source, hub_id, **where) for name in VIEW_DOMAINS}


def _day(value) -> dt.date | None:
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def view_day(reports: pd.DataFrame, as_of: str = "") -> dt.date:
    """Return the day the view speaks of: ``as_of`` (ISO), today for ``"today"``, and by default the
    day of the latest report received, so that every project is judged on the same day."""
    if as_of == "today" or (not as_of and not len(reports)):
        return dt.date.today()
    return _day(as_of) or max(_day(day) for day in reports["as_of"])


def elapsed_share(start, end, day: dt.date) -> float:
    """Return the share of the project's period gone by ``day``, from 0 (not started) to 1 (ended)."""
    start, end = _day(start), _day(end)
    if start is None or end is None:
        return 0.0
    if end <= start:
        return float(day >= end)
    return min(1.0, max(0.0, (day - start).days / (end - start).days))


def milestone_states(milestones: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Return the milestones with ``state`` and ``days_late``: "done" on or before its due date,
    "done_late", "dropped", "late" (open and past due on ``day``) or "open" (due later)."""
    states, late = [], []
    for due, status, done_on in zip(milestones["due"], milestones["status"], milestones["done_on"]):
        due, done_on = _day(due), _day(done_on)
        if status == "dropped":
            state, days = "dropped", 0
        elif status == "done":
            days = max(0, ((done_on or due) - due).days)
            state = "done_late" if days else "done"
        else:
            days = max(0, (day - due).days)
            state = "late" if days else "open"
        states.append(state)
        late.append(days)
    return milestones.assign(state=states, days_late=late)


def progress_of(baseline, target, current) -> float | None:
    """Return how far an indicator has come from its baseline to its target (0 to 1, beyond 1 past
    it): numbers are compared as numbers; any other value has come all the way when it is the target."""
    if current in (None, ""):
        return None
    try:
        base, aim, now = (parse_decimal(value) for value in (baseline or 0, target, current))
    except (ValueError, TypeError):
        return float(fold_name(str(current)) == fold_name(str(target)))
    return float(now >= aim) if aim == base else float((now - base) / (aim - base))


def with_latest_values(logframe: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Return logframe lines with ``current`` at the value the follow-up reported last (``values``:
    the indicators step, naming each line ``<plan> → <number>``), else at the logframe's own."""
    from saara_kit.followup.rules import latest_value

    reported = dict(zip(values["line"], values["current"])) if len(values) else {}
    return logframe.assign(current=[latest_value(line, reported) for line in logframe.to_dict("records")])


def indicator_progress(logframe: pd.DataFrame, values: pd.DataFrame, plan: str, elapsed: float) -> pd.DataFrame:
    """Return the indicators of ``plan``'s logframe (an association's lines) with ``current`` (the
    latest value reported, else the logframe's own), ``progress`` and ``on_track`` (progress within
    ``ON_TRACK_SLACK`` of the time elapsed; None while nothing is measured)."""
    lines = with_latest_values(logframe[(logframe["plan"] == plan) & (logframe["indicator"] != "")], values)
    progress = [progress_of(*row) for row in zip(lines["baseline"], lines["target"], lines["current"])]
    return lines.assign(
        progress=progress, on_track=[None if p is None else p >= elapsed - ON_TRACK_SLACK for p in progress]
    )


def spending(lines: pd.DataFrame, expenditures: pd.DataFrame, budget: str) -> pd.DataFrame:
    """Return the variance of one association's ``budget`` by heading (plan, actual, difference, per
    cent, in DZD): its lines (with ``amount_dzd``: ``with_amounts``), and the expenditures against them."""
    from saara_kit.budget.analysis import variance

    mine = lines[lines["budget"] == budget]
    spent = expenditures[expenditures["line"].isin(set(mine["description"]))] if len(expenditures) else expenditures
    return variance(mine, spent)


def _groups(frame: pd.DataFrame) -> Mapping[tuple, pd.DataFrame]:
    return {key: part for key, part in frame.groupby(OWNER, sort=False)} if len(frame) else {}


def programme_view(records: Mapping[str, pd.DataFrame], day: dt.date) -> pd.DataFrame:
    """Return one row per funded project (a report) as of ``day``: time elapsed, spending rate, milestones
    late and due, indicators on track and measured, sessions held and planned, and ``reasons`` for a visit.

    ``records`` holds the current records by domain: ``report``, ``milestones``, ``indicators``,
    ``support``, ``logframe``, ``budget``, ``budget_lines`` and ``expenditures`` (``load_programme``)."""
    from saara_kit.budget.analysis import flexibility_breaches, with_amounts

    records = {**records, "budget_lines": with_amounts(records["budget_lines"])}
    parts = {name: _groups(records[name]) for name in VIEW_DOMAINS[1:]}
    empty = {name: records[name].iloc[0:0] for name in parts}
    rows = []
    for report in records["report"].itertuples(index=False):
        owner = (report.region, report.association)
        mine = {name: found.get(owner, empty[name]) for name, found in parts.items()}
        elapsed = elapsed_share(report.start, report.end, day)
        milestones = milestone_states(mine["milestones"], day)
        indicators = indicator_progress(mine["logframe"], mine["indicators"], report.plan, elapsed)
        variance = spending(mine["budget_lines"], mine["expenditures"], report.budget)
        planned, spent = float(variance["plan"].sum()), float(variance["actual"].sum())
        rules = mine["budget"].loc[mine["budget"]["name"] == report.budget, "rules"]
        measured = indicators["on_track"].dropna()
        sessions = mine["support"]["status"]
        row = {
            "region": report.region,
            "association": report.association,
            "project": report.project,
            "period": report.period,
            "as_of": report.as_of,
            "elapsed": elapsed,
            "spent": spent / planned if planned else 0.0,
            "planned_dzd": planned,
            "spent_dzd": spent,
            "milestones": len(milestones),
            "milestones_done": int(milestones["state"].isin(["done", "done_late"]).sum()),
            "milestones_late": int((milestones["state"] == "late").sum()),
            "indicators": len(indicators),
            "indicators_measured": len(measured),
            "indicators_on_track": int(measured.astype(bool).sum()),
            "sessions_held": int((sessions == "held").sum()),
            "sessions_planned": int((sessions == "planned").sum()),
            "over_flexibility": len(flexibility_breaches(rules.iloc[0], variance)) if len(rules) else 0,
        }
        row["reasons"] = visit_reasons(row, day)
        rows.append(row)
    columns = [
        "region",
        "association",
        "project",
        "period",
        "as_of",
        "elapsed",
        "spent",
        "planned_dzd",
        "spent_dzd",
        "milestones",
        "milestones_done",
        "milestones_late",
        "indicators",
        "indicators_measured",
        "indicators_on_track",
        "sessions_held",
        "sessions_planned",
        "over_flexibility",
        "reasons",
    ]
    view = pd.DataFrame(rows, columns=columns)
    return view.assign(needs_visit=[bool(reasons) for reasons in view["reasons"]])


def visit_reasons(row: Mapping, day: dt.date) -> list[str]:
    """Return why a project of the programme's view needs a visit (codes of ``VISIT_REASONS``), in that order."""
    measured = row["indicators_measured"]
    said = {
        "late_milestones": row["milestones_late"] > 0,
        "spending_gap": row["elapsed"] > 0 and abs(row["spent"] - row["elapsed"]) > SPENDING_GAP,
        "indicators_behind": measured > 0 and row["indicators_on_track"] < BEHIND_SHARE * measured,
        "over_flexibility": row["over_flexibility"] > 0,
        "old_report": (day - _day(row["as_of"])).days > REPORT_AGE_DAYS,
    }
    return [reason for reason in VISIT_REASONS if said[reason]]
