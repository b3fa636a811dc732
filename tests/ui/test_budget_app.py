"""The budget app in steps: funding sources, then lines whose shares name them; the funder's caps
are checked live on the list as the participant sees it, saved or not."""

from __future__ import annotations

import pytest

from saara_kit.app_builder import app
from saara_kit.budget.domain import LINES
from tests.ui.steps import add

ASSOCIATION = "Association Tafat"


@pytest.fixture
def budget(store, monkeypatch):
    monkeypatch.setenv("SAARA_REGION", "centre")
    form = app("budget", store=store, lang="fr")
    form.open_association(ASSOCIATION)
    return form


def test_three_lines_show_the_total_and_the_indirect_cap_warning_comes_and_goes(budget, store):
    main = budget.show("budget")
    assert add(main, name="Maison de jeunes", rules="eu", display="EUR")
    main.save()
    funding = budget.show("funding")
    for funder, kind in (("Union européenne", "requested"), ("Fonds propres", "own")):
        assert add(funding, budget="Maison de jeunes", funder=funder, kind=kind)
    funding.save()

    lines = budget.show("budget_lines")
    assert sorted(lines.state.references["funding"]) == ["Fonds propres", "Union européenne"]
    line = {"budget": "Maison de jeunes", "currency": "DZD", "shares": "Union européenne 100"}
    assert add(lines, heading="staff", description="Animateur", unit="mois", quantity=10, unit_rate=50000, **line)
    assert not add(
        lines,
        heading="travel",
        description="Taxis",
        unit="course",
        quantity=4,
        unit_rate=2500,
        **{**line, "shares": "Union européenne 60; Fonds propres 30"},
    )
    assert [(e.field, e.code) for e in lines.state.editor_notice.errors] == [("shares", "shares_not_100")]
    assert add(
        lines,
        heading="travel",
        description="Taxis",
        unit="course",
        quantity=4,
        unit_rate=2500,
        **{**line, "shares": "Union européenne 70; Fonds propres 30"},
    )
    assert budget.warnings == []
    assert add(
        lines, heading="indirect", description="Frais de gestion", unit="forfait", quantity=1, unit_rate=41000, **line
    )  # 8.2 % of 500 000 + 10 000
    [(_, name, problem)] = budget.warnings
    assert (name, problem.code, problem.params["share"]) == ("Maison de jeunes", "indirect_cap_with_contingency", 8)
    assert "les coûts indirects font 8 % des coûts directs et de la réserve pour imprévus" in budget._checks.value
    assert "Frais de gestion : 1 forfait × 41000 = 41" in lines._list.options[-1][0]  # its amount, live
    lines.edit(lines._list.options[-1][1])
    lines.value = {**lines.value, "unit_rate": 35700}  # 7 % exactly: at the cap, kept
    assert lines.add()
    assert budget.warnings == [] and budget._checks.value == ""
    # the budget shows its totals in euros, at the hub's rate: (500 000 + 10 000 + 35 700) / 150
    assert lines.picture_alt.startswith("Budget par rubrique (EUR)") and "3\u202f638 EUR" in lines.picture_alt
    # and what each funder pays, under the chart: 10 000 × 30 % from the association's own funds
    assert "Union européenne : 542" in lines._picture_key.value and "(99 %)" in lines._picture_key.value
    assert "Fonds propres : 3" in lines._picture_key.value and "(1 %)" in lines._picture_key.value
    lines.save()
    assert len(store.current(LINES.kind)) == 3
