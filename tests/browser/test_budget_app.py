"""A participant builds a budget in real Chromium: three lines, their total, then the funder's 7 %
cap on indirect costs broken and fixed, all seen live before and after saving."""

from __future__ import annotations

import pytest

from saara_kit.budget.domain import LINES
from saara_kit.store import open_store
from tests.browser.steps import add, add_and_save, edit, open_app, options, save, tab

pytestmark = pytest.mark.browser

ASSOCIATION = "Association Budget du Navigateur"  # new: its first save gives it a code
CHECKS = ".saara-checks"


def _line(page, lines: str, heading: str, description: str, quantity: str, rate: str) -> None:
    page.select_option(f"{lines} .saara-budget select", label="Budget du navigateur")
    page.select_option(f"{lines} .saara-heading select", label=heading)
    page.fill(f"{lines} .saara-description input", description)
    page.fill(f"{lines} .saara-unit input", "forfait")
    page.fill(f"{lines} .saara-quantity input", quantity)
    page.fill(f"{lines} .saara-unit-rate input", rate)
    page.fill(f"{lines} .saara-shares input", "Union européenne 100")


def test_three_lines_show_their_total_and_the_indirect_cap_warning_comes_and_goes(page, server):
    budget = open_app(page, server, "budget", ASSOCIATION, "budget", saved=0)
    page.fill(f"{budget} .saara-name input", "Budget du navigateur")
    add_and_save(page, budget, 0)

    funding = tab(page, "Financeurs", "funding")
    page.select_option(f"{funding} .saara-budget select", label="Budget du navigateur")
    page.fill(f"{funding} .saara-funder input", "Union européenne")
    add_and_save(page, funding, 0)

    lines = tab(page, "Lignes", "budget_lines")
    page.wait_for_function(
        f"[...document.querySelectorAll('{lines} .saara-budget option')]"
        ".some(o => o.textContent.replace(/\\s/g, ' ').includes('Budget du navigateur'))"
    )
    for number, (heading, description, quantity, rate) in enumerate(
        [
            ("1. Ressources humaines", "Animateur", "10", "50000"),
            ("2. Déplacements", "Taxis", "4", "2500"),
            ("Coûts indirects", "Frais de gestion", "1", "41000"),
        ]
    ):
        _line(page, lines, heading, description, quantity, rate)
        add(page, lines, number)
    page.wait_for_function(f"document.querySelector('{lines} .saara-picture-caption').innerText.includes('551')")
    assert "total 551" in page.inner_text(f"{lines} .saara-picture-caption")  # 500 000 + 10 000 + 41 000 DZD
    page.wait_for_function(f"document.querySelector('{CHECKS}').innerText.includes('8 %')")
    assert (
        "les coûts indirects font 8 % des coûts directs et de la réserve pour imprévus ; le plafond est de 7 %"
        in page.inner_text(CHECKS)
    )

    edit(page, lines, 2)
    assert page.input_value(f"{lines} .saara-description input") == "Frais de gestion"
    page.fill(f"{lines} .saara-unit-rate input", "35700")  # 7 % of 510 000
    page.click(f"{lines} button.saara-add")
    page.wait_for_function(f"document.querySelector('{CHECKS}').innerText.trim() === ''")
    save(page, lines)
    assert options(page, f"{lines} .saara-list") == 3
    with open_store(server.data_dir) as store:
        saved = {
            rev.payload["description"]: rev.payload
            for rev in store.current(LINES.kind)
            if rev.association == ASSOCIATION
        }
    assert (
        sorted(saved) == ["Animateur", "Frais de gestion", "Taxis"] and saved["Frais de gestion"]["unit_rate"] == 35700
    )
