"""A participant builds a concertation plan in real Chromium: the plan, two activities and one
meeting, saved step by step; the meeting then reaches an iCalendar file."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from saara_kit.cli import main
from tests.browser.steps import add_and_save, edit, open_app, options, tab

pytestmark = pytest.mark.browser

ASSOCIATION = "Association Exemple Environnement Tlemcen"  # in the sample data, with its register


def test_a_two_activity_plan_with_a_meeting_is_saved_and_exported_as_a_calendar(page, server, tmp_path):
    plan = open_app(page, server, "concertation", ASSOCIATION, "concertation", saved=1)

    before = options(page, f"{plan} .saara-list")
    page.fill(f"{plan} .saara-name input", "Plan du navigateur")
    page.fill(f"{plan} .saara-objective textarea", "Essayer le formulaire")
    page.fill(f"{plan} .saara-start input", "2027-02-01")
    page.fill(f"{plan} .saara-end input", "2027-06-30")
    add_and_save(page, plan, before)

    activities = tab(page, "Activités", "activities")
    page.wait_for_function(
        f"[...document.querySelectorAll('{activities} .saara-plan option')]"
        ".some(o => o.textContent.replace(/\\s/g, ' ').includes('Plan du navigateur'))"
    )
    for name, start, end in [
        ("Première activité", "2027-02-05", "2027-03-01"),
        ("Deuxième activité", "2027-03-05", "2027-04-01"),
    ]:
        before = options(page, f"{activities} .saara-list")
        page.select_option(f"{activities} .saara-plan select", label="Plan du navigateur")
        page.fill(f"{activities} .saara-name input", name)
        page.fill(f"{activities} .saara-start input", start)
        page.fill(f"{activities} .saara-end input", end)
        page.fill(f"{activities} .saara-owner input", "Président")
        if not page.locator(f"{activities} .saara-responsible select").is_visible():  # the RACI section is folded
            page.click(f"{activities} .jupyter-widget-Collapse-header:has-text('RACI')")
        page.select_option(f"{activities} .saara-responsible select", label=["APC de Tlemcen"])
        page.select_option(f"{activities} .saara-accountable select", label="APC de Tlemcen")
        add_and_save(page, activities, before)

    meetings = tab(page, "Réunions", "meetings")
    before = options(page, f"{meetings} .saara-list")
    page.select_option(f"{meetings} .saara-plan select", label="Plan du navigateur")
    page.fill(f"{meetings} .saara-title input", "Réunion du navigateur")
    page.fill(f"{meetings} .saara-date input", "2027-03-15")
    page.fill(f"{meetings} .saara-time input", "14h30")
    page.fill(f"{meetings} .saara-place input", "Mairie de Tlemcen")
    page.select_option(f"{meetings} .saara-invitees select", label=["APC de Tlemcen", "Daïra de Mansourah"])
    add_and_save(page, meetings, before)

    path = tmp_path / "reunions.ics"
    assert (
        main(
            [
                "export",
                "concertation",
                "--format",
                "ics",
                "--region",
                "ouest",
                "-o",
                str(path),
                "--data-dir",
                str(server.data_dir),
            ]
        )
        == 0
    )
    [event] = [
        e
        for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        if str(e["summary"]).startswith("Réunion du navigateur")
    ]
    assert event.decoded("dtstart").strftime("%Y-%m-%d %H:%M") == "2027-03-15 14:30"
    assert "Daïra de Mansourah" in str(event["description"])


def test_after_a_meeting_its_attendance_and_a_commitment_are_recorded_in_the_meeting_app(page, server):
    from saara_kit.concertation.domain import COMMITMENTS, MEETINGS
    from saara_kit.store import open_store

    meetings = open_app(page, server, "meeting", ASSOCIATION, "meetings", saved=2)
    edit(page, meetings, 1)  # the sample's second meeting, still to come
    title = page.input_value(f"{meetings} .saara-title input")
    page.click(f"{meetings} .jupyter-widget-Collapse-header:has-text('Après la réunion')")
    page.fill(f"{meetings} .saara-attendance input", "27")
    page.fill(f"{meetings} .saara-women input", "12")
    page.fill(f"{meetings} .saara-decisions textarea", "Trois quartiers pilotes")
    page.click(f"{meetings} button.saara-add")
    page.click(f"{meetings} button.saara-save")
    page.wait_for_function(f"document.querySelector('{meetings} .saara-save-status').innerText.includes('Enregistré')")

    commitments = tab(page, "Engagements", "commitments")
    page.wait_for_function(
        f"document.querySelectorAll('{commitments} .saara-list option').length >= 1"
    )  # the saved ones
    before = options(page, f"{commitments} .saara-list")
    page.select_option(f"{commitments} .saara-who select", label="APC de Tlemcen")
    page.fill(f"{commitments} .saara-what input", "Fournir les bacs du quartier pilote")
    page.fill(f"{commitments} .saara-due input", "2027-05-01")
    page.select_option(f"{commitments} .saara-meeting select", label=title)
    add_and_save(page, commitments, before)

    with open_store(server.data_dir) as store:
        [meeting] = [rev for rev in store.current(MEETINGS.kind, hub_id="ouest") if rev.payload["title"] == title]
        [commitment] = [
            rev
            for rev in store.current(COMMITMENTS.kind, hub_id="ouest")
            if rev.payload["what"] == "Fournir les bacs du quartier pilote"
        ]
    assert (meeting.revision, meeting.payload["attendance"], meeting.payload["women"]) == (2, 27, 12)
    assert meeting.payload["decisions"] == "Trois quartiers pilotes" and commitment.payload["meeting"] == title
