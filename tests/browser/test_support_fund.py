"""The support fund in real Chromium: an association submits its application with its code, two
reviewers score it with theirs, and the facilitator's ranked workbook lists it with its rank."""

from __future__ import annotations

import openpyxl
import pytest

from saara_kit.cli import main
from saara_kit.grants.call import open_call
from saara_kit.grants.reviewers import add_reviewers, assign
from saara_kit.store import open_store
from saara_kit.store.codes import give_codes

pytestmark = pytest.mark.browser

ASSOCIATION = "Association Fonds du Navigateur"
STATUS = ".saara-save-status"


def _participant(browser, server):
    """A phone joined with the room's code: a participant, not the trainer."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.join_url)
    return context, page


def _wait_status(page, words: str) -> None:
    page.wait_for_function(
        f"document.querySelector('{STATUS}') && document.querySelector('{STATUS}').innerText.includes({words!r})"
    )


def _submit_application(page, server, code: str) -> None:
    page.goto(f"{server.url}/voila/render/application.ipynb?lang=fr")
    page.wait_for_selector(".saara-association input")
    page.fill(".saara-participant input", "Amina")
    page.fill(".saara-association-code input", code)
    page.fill(".saara-association input", ASSOCIATION)
    page.press(".saara-association input", "Enter")
    page.fill(".saara-project input", "Jardins du navigateur")
    page.fill(".saara-summary textarea", "Trois jardins partagés avec l'APC.")
    page.fill(".saara-objectives textarea", "Planter et former vingt familles.")
    page.fill(".saara-duration-months input", "12")
    page.fill(".saara-total-cost input", "2000000")
    page.fill(".saara-requested input", "1500000")
    page.fill(".saara-registration input", "AG-31-2020-12")
    page.press(".saara-registration input", "Tab")
    page.wait_for_function("document.querySelector('.saara-self-check').innerText.includes('✓ Association agréée')")
    assert "✗" not in page.inner_text(".saara-self-check")
    page.click("button.saara-submit")
    page.wait_for_selector(".saara-confirm", state="visible")  # the first tap only asks
    assert "Confirmer le dépôt ?" in page.inner_text(".saara-confirm")
    page.click("button.saara-confirm-submit")
    _wait_status(page, "Dossier déposé")
    page.wait_for_selector(".saara-confirm", state="hidden")
    assert "✗" not in page.inner_text(
        ".saara-self-check"
    )  # the checks of what was submitted, not of the emptied editor


def _review(page, server, code: str, scores: dict[str, str]) -> None:
    page.goto(f"{server.url}/voila/render/review.ipynb?lang=fr")
    page.wait_for_selector(".saara-reviewer-code input")
    page.fill(".saara-reviewer-code input", code)
    page.press(".saara-reviewer-code input", "Enter")
    page.wait_for_function(
        "[...document.querySelectorAll('.saara-pick option')]"  # Voilà writes spaces as no-break ones
        f".some(o => o.textContent.replace(/\\s/g, ' ').includes({ASSOCIATION!r}))"
    )
    page.select_option(
        ".saara-pick select",
        index=next(
            number
            for number, text in enumerate(page.locator(".saara-pick option").all_text_contents())
            if ASSOCIATION in " ".join(text.split())
        ),
    )
    page.wait_for_function(
        f"document.querySelector('.saara-application').innerText.replace(/\\s/g, ' ').includes({ASSOCIATION!r})"
    )
    page.wait_for_selector(".saara-relevance button", state="visible")
    for criterion, score in scores.items():
        page.click(f".saara-{criterion.replace('_', '-')} button:text-is('{score}')")
    page.wait_for_function("document.querySelector('.saara-weighted').innerText.includes('/ 100')")
    page.click("button.saara-submit")
    _wait_status(page, "Évaluation soumise")


def test_an_application_submitted_and_reviewed_twice_is_ranked(browser, server, tmp_path):
    call = open_call()
    with open_store(server.data_dir) as store:
        code = give_codes(store, "ouest", [ASSOCIATION])[ASSOCIATION]  # the facilitator's card
    context, page = _participant(browser, server)
    try:
        _submit_application(page, server, code)
        with open_store(server.data_dir) as store:
            [saved] = store.current("application", "ouest", ASSOCIATION)
            assert saved.payload["status"] == "submitted" and saved.author.startswith("Amina (participant-")
            names = ["Évaluatrice du navigateur", "Évaluateur du navigateur"]
            codes = add_reviewers(store, call.id, names)  # every reviewer's code: the demonstration has two more
            for name in names:
                assign(store, call.id, name, "ouest", ASSOCIATION)
        scores = {
            "relevance": "4",
            "feasibility": "3",
            "concertation": "4",
            "sustainability": "3",
            "budget_quality": "3",
            "capacity": "4",
        }
        for name in names:
            _review(page, server, codes[name], scores)
    finally:
        context.close()

    ranked = tmp_path / "classement.xlsx"
    assert main(["export", "grants", "--format", "xlsx", "--data-dir", str(server.data_dir), "-o", str(ranked)]) == 0
    sheet = openpyxl.load_workbook(ranked)["Classement"]
    header = [cell.value for cell in sheet[1]]
    row = next(
        dict(zip(header, (cell.value for cell in line)))
        for line in sheet.iter_rows(min_row=2)
        if line[1].value == ASSOCIATION
    )
    assert row["Évaluations comptées"] == 2 and row["Note /100"] == pytest.approx(
        71
    )  # 25·.8 + 20·.6 + 20·.8 + 15·.6 + 10·.6 + 10·.8
    assert isinstance(row["Rang"], int) and row["Décision"] in ("Retenu", "Non retenu") and row["Motif"]
