"""A funded association reports in real Chromium with its code: its report saved as a new revision,
a milestone past its date, and the programme's view (lesson 09, run on the store) flags the project."""

from __future__ import annotations

import pytest

from saara_kit.followup.domain import MILESTONES, REPORT
from saara_kit.runner import run_notebook
from saara_kit.settings import NOTEBOOKS_DIR
from saara_kit.store import open_store
from saara_kit.store.codes import give_codes
from tests.browser.steps import add, edit, save, tab

pytestmark = pytest.mark.browser

TLEMCEN = "Association Exemple Environnement Tlemcen"  # the demonstration's sample: on course until now
VIEW = NOTEBOOKS_DIR / "09-funded-projects-follow-up.ipynb"


def _row_of(page, association: str) -> str:
    return page.inner_text(f"table tr:has(td:has-text('{association}'))")


def test_a_report_with_a_late_milestone_is_flagged_in_the_programmes_view(page, server, tmp_path):
    before = run_notebook(
        VIEW, tmp_path / "before", {"lang": "fr", "source": "store", "data_dir": str(server.data_dir)}
    )
    page.goto(before.html.as_uri())
    assert "Jalon en retard" not in _row_of(page, TLEMCEN)

    with open_store(server.data_dir) as store:
        code = give_codes(store, "ouest", [TLEMCEN])[TLEMCEN]  # the facilitator's card
    page.goto(f"{server.url}/voila/render/report.ipynb?token={server.token}&lang=fr")
    page.wait_for_selector(".saara-association input")
    page.fill(".saara-association-code input", code)
    page.fill(".saara-association input", TLEMCEN)
    page.press(".saara-association input", "Enter")
    report = ".saara-step-report"
    page.wait_for_function(f"document.querySelectorAll('{report} .saara-list option').length === 1")
    edit(page, report, 0)
    assert page.input_value(f"{report} .saara-period input") == "T1 2027"
    page.fill(f"{report} .saara-progress textarea", "Bacs livrés ; la pose attend l'accord des commerçants.")
    page.click(f"{report} button.saara-add")
    save(page, report)

    milestones = tab(page, "Jalons", "milestones")
    page.click(f"{milestones} button.saara-draw-milestones")  # each of the plan's 3 activities has its milestone
    page.wait_for_function(
        f"document.querySelector('{milestones} .saara-save-status').innerText.includes('Rien à ajouter')"
    )
    assert page.locator(f"{milestones} .saara-list option").count() == 3
    page.fill(f"{milestones} .saara-name input", "Bacs posés au marché")
    page.select_option(f"{milestones} .saara-activity select", label="Réunions avec les commerçants")
    page.fill(f"{milestones} .saara-due input", "2027-04-20")
    page.select_option(f"{milestones} .saara-status select", label="En cours")
    add(page, milestones, 3)
    save(page, milestones)
    with open_store(server.data_dir) as store:
        [saved] = store.current(REPORT.kind, "ouest", TLEMCEN)
        assert saved.revision == 2 and saved.payload["progress"].startswith("Bacs livrés")
        assert "Bacs posés au marché" in {
            rev.payload["name"] for rev in store.current(MILESTONES.kind, "ouest", TLEMCEN)
        }

    after = run_notebook(VIEW, tmp_path / "after", {"lang": "fr", "source": "store", "data_dir": str(server.data_dir)})
    assert after.error == ""
    page.goto(after.html.as_uri())
    assert "Jalon en retard" in _row_of(page, TLEMCEN)  # due 20 April, open on the 30th: a visit is due
    assert "Bacs posés au marché" in page.inner_text("body")  # among the late milestones to ask about
