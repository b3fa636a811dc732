"""What an association's one-pager says, gathered from its records (pure: DataFrames in, parts out).

Each part is ``None`` (or empty) when the association saved nothing for it: the page then leaves it
out. The traceable chain follows the links the records already hold: an actor (the register), its
participation level, the meetings it is invited to and the commitments it made, the activities it
does or answers for (RACI) and their logframe numbers, and the budget lines that pay for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from saara_kit.validation import fold_name

__all__ = [
    "ACTORS_SHOWN",
    "CHAIN_ROWS",
    "FUNDERS_SHOWN",
    "MEETINGS_SHOWN",
    "RESULTS_SHOWN",
    "Actor",
    "Budget",
    "Chain",
    "Meeting",
    "OnePager",
    "Plan",
    "Result",
    "gather",
    "page_language",
]

ACTORS_SHOWN = 6  # key actors: on the grid and in the table beside it
CHAIN_ROWS = 5
MEETINGS_SHOWN = 3  # the next meetings
RESULTS_SHOWN = 4  # indicators
FUNDERS_SHOWN = 4  # the largest; the others are added up
QUADRANT_ORDER = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
LEVEL_ORDER = ("impact", "outcome", "output", "activity")
DOING = ("responsible", "accountable")  # the RACI roles that make an activity an actor's own


@dataclass(frozen=True)
class Actor:
    """A key actor: its name as saved, as shown in the page's language, its quadrant and IAP2 level."""

    name: str
    shown: str
    quadrant: str
    level: str  # an IAP2 code, or "" when the plan gives none


@dataclass(frozen=True)
class Meeting:
    title: str
    date: str
    time: str
    place: str


@dataclass(frozen=True)
class Plan:
    name: str
    objective: str
    start: str
    end: str
    meetings: tuple[Meeting, ...]  # the next ones, at most MEETINGS_SHOWN


@dataclass(frozen=True)
class Budget:
    name: str
    total: float  # DZD
    headings: tuple[tuple[str, float], ...]  # (heading code, DZD), headings with an amount, in order
    funders: tuple[tuple[str, float], ...]  # (funder, DZD), the largest FUNDERS_SHOWN, largest first
    others: float = 0.0  # what the other funders pay, DZD


@dataclass(frozen=True)
class Result:
    number: str
    level: str
    what: str  # the statement, or the activity of an activity line
    indicator: str
    baseline: str
    target: str
    current: str


@dataclass(frozen=True)
class Chain:
    """One actor's row of the traceable chain: each item as it will be read."""

    actor: Actor
    meetings: tuple[tuple[str, str], ...]  # (date, title), in order
    commitments: tuple[str, ...]
    activities: tuple[str, ...]  # "1.1.1 Diagnostic avec les familles"
    lines: tuple[tuple[str, float], ...]  # (budget line, DZD)


@dataclass(frozen=True)
class OnePager:
    association: str
    hub_id: str
    project: str = ""
    summary: str = ""
    grid: pd.DataFrame | None = None  # the key actors' records, in the actors' order, for the grid
    actors: tuple[Actor, ...] = ()
    plan: Plan | None = None
    budget: Budget | None = None
    results: tuple[Result, ...] = ()
    chain: tuple[Chain, ...] = ()
    hidden_actors: int = 0  # actors beyond ACTORS_SHOWN


def _text(value) -> str:
    return "" if value is None or value != value else str(value).strip()  # None, NaN -> ""


def _frame(records: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    return records.get(name, pd.DataFrame())


def _names(value) -> list[str]:
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def page_language(records: dict[str, pd.DataFrame], hub_lang: str, asked: str | None = None) -> str:
    """Return the page's language: the one asked for, else the one the association chose for its
    grant application, else its hub's."""
    applications = _frame(records, "grants")
    chosen = [_text(lang) for lang in applications.get("lang", [])]
    return asked or next((lang for lang in reversed(chosen) if lang), "") or hub_lang


def _actors(stakeholders: pd.DataFrame, participation: pd.DataFrame, lang: str) -> list[Actor]:
    from saara_kit.stakeholders.analysis import quadrant
    from saara_kit.stakeholders.fields import display_name

    levels = {fold_name(_text(row["stakeholder"])): _text(row["level"]) for _, row in participation.iterrows()}
    found = []
    for _, row in stakeholders.iterrows():
        name = _text(row["name"])
        level = levels.get(fold_name(name)) or _text(row.get("iap2"))
        found.append(
            (
                QUADRANT_ORDER.index(quadrant(int(row["power"]), int(row["interest"]))),
                -(int(row["power"]) + int(row["interest"])),
                fold_name(name),
                Actor(
                    name,
                    display_name(name, _text(row.get("name_ar")), lang),
                    quadrant(int(row["power"]), int(row["interest"])),
                    level,
                ),
            )
        )
    return [actor for *_, actor in sorted(found, key=lambda item: item[:3])]


def _plan(plans: pd.DataFrame, meetings: pd.DataFrame, today: dt.date) -> Plan | None:
    if not len(plans):
        return None
    plan = plans.sort_values("start").iloc[-1]  # the latest plan
    mine = meetings[meetings["plan"] == plan["name"]] if len(meetings) else meetings
    upcoming = sorted(
        (_text(m["date"]), _text(m["time"]), _text(m["title"]), _text(m["place"]))
        for _, m in mine.iterrows()
        if _text(m["date"]) >= today.isoformat()
    )
    return Plan(
        _text(plan["name"]),
        _text(plan["objective"]),
        _text(plan["start"]),
        _text(plan["end"]),
        tuple(Meeting(title, date, time, place) for date, time, title, place in upcoming[:MEETINGS_SHOWN]),
    )


def _budget(budgets: pd.DataFrame, lines: pd.DataFrame) -> Budget | None:
    if not len(lines):
        return None
    from saara_kit.budget.analysis import funder_totals, heading_totals, with_amounts

    priced = with_amounts(lines)
    headings = heading_totals(priced)
    funders = funder_totals(priced).sort_values(ascending=False)
    name = _text(budgets["name"].iloc[0]) if len(budgets) else _text(lines["budget"].iloc[0])
    paying = [(funder, float(amount)) for funder, amount in funders.items() if amount]
    return Budget(
        name,
        float(headings.sum()),
        tuple((h, float(v)) for h, v in headings.items() if v),
        tuple(paying[:FUNDERS_SHOWN]),
        sum(amount for _, amount in paying[FUNDERS_SHOWN:]),
    )


def _results(logframe: pd.DataFrame, reported: pd.DataFrame) -> list[Result]:
    """Return the logframe's indicators, each at its latest value: the one reported in the project's
    follow-up (its report's indicator values), else the logframe's own."""
    from saara_kit.concertation.rules import logframe_level
    from saara_kit.followup.analysis import with_latest_values

    logframe = with_latest_values(logframe, reported)
    found = []
    for _, line in logframe.iterrows():
        if not _text(line["indicator"]):
            continue
        level = logframe_level(_text(line["number"]))
        if level is None:  # a malformed number (the form refuses it): not a result to show
            continue
        what = _text(line["activity"]) if level == "activity" else _text(line["statement"])
        order = tuple(int(part) for part in _text(line["number"]).split(".") if part.isdigit())
        found.append(
            (
                (LEVEL_ORDER.index(level), order),
                Result(
                    _text(line["number"]),
                    level,
                    what,
                    *(_text(line[c]) for c in ("indicator", "baseline", "target", "current")),
                ),
            )
        )
    return [result for _, result in sorted(found, key=lambda item: item[0])][:RESULTS_SHOWN]


def _chain(actors: list[Actor], records: dict[str, pd.DataFrame]) -> list[Chain]:
    meetings, commitments = _frame(records, "meetings"), _frame(records, "commitments")
    activities, logframe, lines = (
        _frame(records, "activities"),
        _frame(records, "logframe"),
        _frame(records, "budget_lines"),
    )
    numbers = {
        fold_name(_text(line["activity"])): _text(line["number"])
        for _, line in logframe.iterrows()
        if _text(line.get("activity"))
    }
    priced = lines
    if len(lines) and "activity" in lines:
        from saara_kit.budget.analysis import with_amounts

        priced = with_amounts(lines)
    rows = []
    for actor in actors:
        me = fold_name(actor.name)
        invited = sorted(
            (_text(m["date"]), _text(m["title"]))
            for _, m in meetings.iterrows()
            if me in map(fold_name, _names(m["invitees"]))
        )
        promised = [_text(c["what"]) for _, c in commitments.iterrows() if fold_name(_text(c["who"])) == me]
        doing = (
            [
                _text(a["name"])
                for _, a in activities.sort_values("start").iterrows()
                if any(me in map(fold_name, _names(a[role])) for role in DOING)
            ]
            if len(activities)
            else []
        )
        paying = (
            []
            if not len(priced) or "activity" not in priced
            else [
                (_text(line["description"]), float(line["amount_dzd"]))
                for _, line in priced.iterrows()
                if fold_name(_text(line["activity"])) in {fold_name(name) for name in doing}
            ]
        )
        if invited or promised or doing:
            rows.append(
                Chain(
                    actor,
                    tuple(invited),
                    tuple(promised),
                    tuple(" ".join(filter(None, (numbers.get(fold_name(name), ""), name))) for name in doing),
                    tuple(paying),
                )
            )
    return rows[:CHAIN_ROWS]


def _project(records: dict[str, pd.DataFrame]) -> tuple[str, str]:
    applications, budgets = _frame(records, "grants"), _frame(records, "budget")
    if len(applications):
        latest = applications.iloc[-1]
        return _text(latest["project"]), _text(latest["summary"])
    if len(budgets):
        return _text(budgets["name"].iloc[0]), _text(budgets["notes"].iloc[0])
    return "", ""


def gather(
    records: dict[str, pd.DataFrame], association: str, hub_id: str, lang: str = "fr", today: dt.date | None = None
) -> OnePager:
    """Return the one-pager of ``association`` from its current records, by domain name (each frame
    that association's alone): ``stakeholders``, ``participation``, ``concertation``, ``meetings``,
    ``commitments``, ``activities``, ``logframe``, ``budget``, ``budget_lines``, ``grants``; a
    missing or empty frame leaves its part out."""
    today = today or dt.date.today()
    stakeholders = _frame(records, "stakeholders")
    actors = _actors(stakeholders, _frame(records, "participation"), lang) if len(stakeholders) else []
    project, summary = _project(records)
    shown = actors[:ACTORS_SHOWN]
    grid = None
    if shown:
        order = {fold_name(actor.name): i for i, actor in enumerate(shown)}
        place = [order.get(fold_name(_text(name))) for name in stakeholders["name"]]
        grid = stakeholders.assign(_place=place).dropna(subset=["_place"]).sort_values("_place").drop(columns="_place")
    return OnePager(
        association=association,
        hub_id=hub_id,
        project=project,
        summary=summary,
        grid=grid,
        actors=tuple(shown),
        hidden_actors=max(len(actors) - ACTORS_SHOWN, 0),
        plan=_plan(_frame(records, "concertation"), _frame(records, "meetings"), today),
        budget=_budget(_frame(records, "budget"), _frame(records, "budget_lines")),
        results=tuple(_results(_frame(records, "logframe"), _frame(records, "indicators")))
        if len(_frame(records, "logframe"))
        else (),
        chain=tuple(_chain(actors, records)),
    )
