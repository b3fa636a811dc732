"""Draw a practice sheet's "with whom" and "results" from what the association saved in its
concertation plan: the actors' participation levels (IAP2) and the meetings' invitees; the logframe's
indicators (baseline → current, the value its follow-up reported last, against the target) and the commitments done.

``draw`` is pure (plain records in, texts out); ``association_records`` reads them from the store.
Nothing here overwrites a field: ``fill_empty`` only fills the ones left empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from saara_kit.i18n import t
from saara_kit.practice.fields import DRAWN, FIELDS
from saara_kit.store import Store

__all__ = ["SOURCES", "association_records", "draw", "fill_empty", "plan_of"]

SOURCES = ("concertation", "participation", "meetings", "logframe", "indicators", "commitments")  # the domains read
Records = Mapping[str, list[Mapping[str, Any]]]  # domain name -> the association's records (payloads)


def association_records(store: Store, hub_id: str, association: str) -> dict[str, list[dict[str, Any]]]:
    """Return what the association saved in each domain of ``SOURCES``, as plain payloads."""
    from saara_kit.registry import domain
    from saara_kit.store.repository import saved_records

    return {
        name: [rev.payload for rev in saved_records(store, domain(name), hub_id, association).values()]
        for name in SOURCES
    }


def plan_of(records: Records, chosen: str = "") -> str:
    """Return the plan a sheet is drawn from: the one chosen, else the association's only plan, else ""."""
    if chosen:
        return chosen
    plans = [record["name"] for record in records.get("concertation", [])]
    return plans[0] if len(plans) == 1 else ""


def _names(value: Any) -> list[str]:
    return [name.strip() for name in str(value or "").split(";") if name.strip()]


def _of_plan(records: list[Mapping[str, Any]], plan: str) -> list[Mapping[str, Any]]:
    """Keep the records of ``plan`` (every one when no plan is known)."""
    return [record for record in records if not plan or record.get("plan") == plan]


def _partners(records: Records, plan: str, lang: str) -> list[str]:
    lines = [
        t(
            "practice.draw.actor",
            lang,
            actor=record["stakeholder"],
            level=t(f"stakeholders.iap2.{record['level']}", lang),
        )
        for record in records.get("participation", [])
    ]
    lines += [
        t(
            "practice.draw.meeting",
            lang,
            meeting=record["title"],
            date=record["date"],
            invitees=", ".join(_names(record.get("invitees"))),
        )
        for record in _of_plan(records.get("meetings", []), plan)
    ]
    return lines


def _results(records: Records, plan: str, lang: str) -> list[str]:
    from saara_kit.followup.rules import latest_value

    reported = {record["line"]: record["current"] for record in records.get("indicators", [])}  # the project's reports
    lines = [
        t(
            "practice.draw.indicator",
            lang,
            indicator=record["indicator"],
            baseline=record.get("baseline") or "?",
            current=latest_value(record, reported) or "?",
            target=record.get("target") or "?",
        )
        for record in _of_plan(records.get("logframe", []), plan)
        if record.get("indicator")
    ]
    meetings = {record["title"] for record in _of_plan(records.get("meetings", []), plan)}
    commitments = [
        record
        for record in records.get("commitments", [])
        if not plan or not record.get("meeting") or record["meeting"] in meetings
    ]
    done = [record for record in commitments if record.get("status") == "done"]
    if commitments:
        lines.append(t("practice.draw.commitments", lang, done=len(done), total=len(commitments)))
        lines += [t("practice.draw.done", lang, who=record["who"], what=record["what"]) for record in done]
    return lines


def _within(lines: list[str], limit: int) -> str:
    """Join ``lines`` one per line, keeping whole lines within ``limit`` characters."""
    kept: list[str] = []
    for line in lines:
        if len("\n".join([*kept, line])) > limit:
            break
        kept.append(line)
    return "\n".join(kept)


def draw(records: Records, plan: str = "", lang: str = "fr") -> dict[str, str]:
    """Return the texts the association's data gives for ``DRAWN`` fields, in ``lang`` (a field with
    nothing to say is left out), and the plan they come from (``plan_of``) when there is one.

    "with whom" lists the actors and their IAP2 level, then the plan's meetings and their invitees;
    "results" lists each indicator as baseline → current (target), then the commitments done."""
    plan = plan_of(records, plan)
    limits = {f.name: f.max for f in FIELDS if f.name in DRAWN}
    texts = {
        "partners": _within(_partners(records, plan, lang), limits["partners"]),
        "results": _within(_results(records, plan, lang), limits["results"]),
    }
    return {**({"plan": plan} if plan else {}), **{name: text for name, text in texts.items() if text}}


def fill_empty(raw: Mapping[str, Any], drawn: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Return ``raw`` with each empty field given its drawn text, and the fields so filled; a field
    the participant typed in stays as typed."""
    filled = {name: text for name, text in drawn.items() if not str(raw.get(name) or "").strip()}
    return {**raw, **filled}, list(filled)
