"""The concertation app: the plan, then its steps (participation, activities, meetings,
commitments), declared for the generic rooms (form, store, import/export, CLI, server)."""

from __future__ import annotations

from saara_kit.concertation.fields import (
    ACTIVITY_FIELDS,
    COMMITMENT_FIELDS,
    LOGFRAME_FIELDS,
    LOGFRAME_LEVELS,
    MEETING_FIELDS,
    PARTICIPATION_FIELDS,
    PLAN_FIELDS,
)
from saara_kit.concertation.rules import (
    activity_of_the_plan,
    attendance_adds_up,
    indicator_has_target,
    logframe_level,
    logframe_line,
    overlapping_meetings,
    preconditions_advice,
    values_as_indicator_says,
    within_plan,
)
from saara_kit.i18n import t
from saara_kit.records import App, Checks, Choice, Domain, Exports, Listing, Record, deferred
from saara_kit.records.rules import in_order

__all__ = ["ACTIVITIES", "COMMITMENTS", "DOMAIN", "DOMAINS", "LOGFRAME", "MEETINGS", "PARTICIPATION"]

ANALYSIS = "saara_kit.concertation.analysis"  # pandas: loaded once a table or the calendar is asked for


def _timeline(records, lang: str, plans=None):
    from saara_kit.concertation.charts import gantt_chart  # matplotlib only once drawn
    from saara_kit.records.tables import records_frame

    return gantt_chart(records_frame(records), lang=lang)


def _handout_charts(records, lang: str) -> list:
    from saara_kit.concertation.charts import gantt_chart, participation_chart, raci_heatmap

    return [
        gantt_chart(records["activities"], records["meetings"], lang),
        raci_heatmap(records["activities"], lang),
        participation_chart(records["participation"], records["stakeholders"], lang),
    ]


def _participation_label(record: Record, lang: str) -> str:
    return (
        f"{record.stakeholder} — {t(f'stakeholders.iap2.{record.level}', lang)} : "
        f"{t(f'participation.promise.{record.level}', lang)}"
    )


def _logframe_label(record: Record, lang: str) -> str:
    level = logframe_level(record.number)
    what = record.activity if level == "activity" else record.statement
    target = f" — {record.indicator} : {record.baseline or '?'} → {record.target}" if record.indicator else ""
    return f"{record.number} {t(f'logframe.level.{level}', lang)} : {what}{target}".strip()


DOMAIN = Domain(
    name="concertation",
    kind="concertation_plan",
    fields=PLAN_FIELDS,
    key="name",
    samples="sample_concertation",
    listing=Listing(title=lambda record, lang: f"{record.name} ({record.start} – {record.end})"),
    checks=Checks(rules=(in_order("concertation", "start", "end"),)),
    # during or after a meeting: its attendance, minutes and decisions, and the commitments made there
    app=App(step_apps=(("meeting", ("meetings", "commitments")),)),
    exports=Exports(
        summaries=(
            ("concertation.raci.sheet", deferred(ANALYSIS, "raci_table")),
            ("logframe.sheet", deferred(ANALYSIS, "logframe_table")),
        ),
        charts=_handout_charts,
    ),
)
PARTICIPATION = Domain(
    name="participation",
    kind="participation",
    fields=PARTICIPATION_FIELDS,
    key="stakeholder",
    samples="sample_participation",
    listing=Listing(title=_participation_label),
    app=App(part_of="concertation"),
)
ACTIVITIES = Domain(
    name="activities",
    kind="activity",
    fields=ACTIVITY_FIELDS,
    key="name",
    samples="sample_activities",
    listing=Listing(
        picture=_timeline,
        title=lambda record, lang: f"{record.name} ({record.start} – {record.end}) — A : {record.accountable}",
    ),
    checks=Checks(rules=(in_order("activities", "start", "end"),)),
    app=App(advice=preconditions_advice, part_of="concertation"),
)
MEETINGS = Domain(
    name="meetings",
    kind="meeting",
    fields=MEETING_FIELDS,
    key="title",
    samples="sample_meetings",
    listing=Listing(title=lambda record, lang: f"{record.date} {record.time} — {record.title} ({record.place})"),
    checks=Checks(rules=(attendance_adds_up,), link_rules=(within_plan,), warnings=(overlapping_meetings,)),
    app=App(advice=preconditions_advice, part_of="concertation"),
    exports=Exports(events=deferred(ANALYSIS, "meeting_events")),
)
COMMITMENTS = Domain(
    name="commitments",
    kind="commitment",
    fields=COMMITMENT_FIELDS,
    key=("who", "what"),
    samples="sample_commitments",
    listing=Listing(
        title=lambda record, lang: (
            f"{record.who} : {record.what} — {record.due}, "
            f"{t(f'commitments.status.{record.status}', lang)} {record.progress} %"
        )
    ),
    app=App(part_of="concertation"),
)
LOGFRAME = Domain(
    name="logframe",
    kind="logframe_line",
    fields=LOGFRAME_FIELDS,
    key=("plan", "number"),
    derived=(Choice("level", LOGFRAME_LEVELS),),
    derive=deferred(ANALYSIS, "with_level"),
    samples="sample_logframe",
    listing=Listing(title=_logframe_label),
    checks=Checks(
        rules=(logframe_line, indicator_has_target, values_as_indicator_says), link_rules=(activity_of_the_plan,)
    ),
    app=App(part_of="concertation"),
    exports=Exports(in_handout=False),
)
# the plan first: the steps name it (and the register's actors); samples load in this order
DOMAINS = (DOMAIN, PARTICIPATION, ACTIVITIES, MEETINGS, COMMITMENTS, LOGFRAME)
