"""The report app: a funded project's periodic report, then its steps (milestones, indicator
values, support sessions), declared for the generic rooms (form, store, import/export, CLI, server).

Each period's report is a new revision of the association's report record: the store keeps the
earlier ones readable (``saara-kit restore`` and the history)."""

from __future__ import annotations

from saara_kit.followup.fields import INDICATOR_FIELDS, MILESTONE_FIELDS, REPORT_FIELDS, SUPPORT_FIELDS
from saara_kit.followup.rules import (
    done_has_a_date,
    evidence_in_data_folder,
    held_sessions_only_count,
    reported_as_indicator_says,
)
from saara_kit.i18n import format_number, t
from saara_kit.records import Access, App, Checks, Domain, Listing, Record, deferred
from saara_kit.records.rules import in_order

__all__ = ["DOMAINS", "INDICATORS", "MILESTONES", "REPORT", "SUPPORT"]


def _milestone_label(record: Record, lang: str) -> str:
    done = f" ({record.done_on})" if record.done_on else ""
    return f"{record.due} — {record.name} : {t(f'commitments.status.{record.status}', lang)}{done}"


def _session_label(record: Record, lang: str) -> str:
    attended = f", {format_number(record.attendance, lang)} ✓" if record.status == "held" and record.attendance else ""
    return (
        f"{record.date} — {t(f'support.kind.{record.kind}', lang)} : {record.topic} ({record.trainer}, "
        f"{format_number(record.hours, lang)} h) — {t(f'support.status.{record.status}', lang)}{attended}"
    )


def _report_workbook(frame, path, lang: str) -> int:
    from saara_kit.followup.report_file import write_report_workbook

    return write_report_workbook(frame, path, lang)


REPORT = Domain(
    name="report",
    kind="progress_report",
    fields=REPORT_FIELDS,
    key="project",
    samples="sample_report",
    listing=Listing(title=lambda record, lang: f"{record.project} — {record.period} ({record.as_of})"),
    checks=Checks(rules=(in_order("report", "start", "end"), in_order("report", "start", "as_of"))),
    access=Access(public=False),
    app=App(commands=("saara_kit.followup.report_command",)),  # saara-kit report: the report file for the funder
)
MILESTONES = Domain(
    name="milestones",
    kind="milestone",
    fields=MILESTONE_FIELDS,
    key="name",
    samples="sample_milestones",
    listing=Listing(
        title=_milestone_label,
        form=deferred("saara_kit.followup.form", "MilestonesForm"),  # "draw the milestones from our plan"
    ),
    checks=Checks(rules=(done_has_a_date, evidence_in_data_folder)),
    access=Access(public=False),
    app=App(part_of="report"),
)
INDICATORS = Domain(
    name="indicators",
    kind="indicator_value",
    fields=INDICATOR_FIELDS,
    key="line",
    samples="sample_indicators",
    listing=Listing(title=lambda record, lang: f"{record.line} : {record.current} ({record.measured})"),
    checks=Checks(link_rules=(reported_as_indicator_says,)),
    access=Access(public=False),
    app=App(part_of="report"),
)
SUPPORT = Domain(
    name="support",
    kind="support_session",
    fields=SUPPORT_FIELDS,
    key=("date", "topic"),
    samples="sample_support",
    listing=Listing(title=_session_label),
    checks=Checks(rules=(held_sessions_only_count,)),
    access=Access(public=False),
    app=App(part_of="report"),
)
# the report first: its steps come with it; it names the budget and the plan, which load before
DOMAINS = (REPORT, MILESTONES, INDICATORS, SUPPORT)
