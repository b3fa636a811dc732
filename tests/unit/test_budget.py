"""The budget's rules, against a worked example computed by hand: amounts as people write them,
shares that add up to 100, the funders' caps, and a workbook an officer can audit."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

from saara_kit.budget.analysis import budget_checks, funder_totals, heading_totals, with_amounts
from saara_kit.budget.domain import LINES
from saara_kit.budget.fields import HEADINGS
from saara_kit.data import sample_records
from saara_kit.registry import apps, steps
from saara_kit.validation import ValidationError

KNOWN = {
    "budget": {"Maison de jeunes": {}},
    "funding": {"Union européenne": {"kind": "requested"}, "Fonds propres": {"kind": "own"}},
}
LINE = {
    "budget": "Maison de jeunes",
    "heading": "staff",
    "description": "Animateur",
    "unit": "mois",
    "quantity": "12",
    "unit_rate": "45 000",
    "currency": "DZD",
    "shares": "union européenne 80 %; fonds propres 20",
}
RATE = 150  # DZD per EUR in every hub's params (eur_rate.dzd)


def _codes(refused) -> list[tuple[str, str]]:
    return [(error.field, error.code) for error in refused.value.errors]


def test_the_budget_app_comes_after_the_concertation_with_its_steps():
    assert apps()[:3] == ["stakeholders", "concertation", "budget"]
    assert [d.name for d in steps("budget")] == ["budget", "funding", "budget_lines", "in_kind", "expenditures"]


def test_amounts_read_as_people_write_them_and_shares_take_the_saved_spelling():
    line = LINES.validate({**LINE, "unit_rate": "1.234,50", "quantity": "1 234,50"}, KNOWN)
    assert (line.unit_rate, line.quantity) == (1234.5, 1234.5)
    assert line.shares == "Union européenne 80 %; Fonds propres 20 %"
    assert LINES.field("shares").shares(line.shares) == {"Union européenne": Decimal(80), "Fonds propres": Decimal(20)}


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"quantity": "-2"}, [("quantity", "negative")]),
        ({"unit_rate": "−5"}, [("unit_rate", "negative")]),
        ({"unit_rate": ""}, [("unit_rate", "required")]),
        ({"currency": "USD"}, [("currency", "not_a_choice")]),
        ({"shares": "Union européenne 120"}, [("shares", "share_above_100")]),
        ({"shares": "Union européenne 70; Fonds propres 20"}, [("shares", "shares_not_100")]),
        ({"shares": "Union européenne; Fonds propres"}, [("shares", "not_shares")]),
        ({"shares": "Banque mondiale 100"}, [("shares", "unknown_reference")]),
    ],
)
def test_bad_lines_are_refused_on_their_field(change, expected):
    with pytest.raises(ValidationError) as refused:
        LINES.validate({**LINE, **change}, KNOWN)
    assert _codes(refused) == expected


def test_the_shares_message_gives_the_total_as_the_user_writes_numbers():
    with pytest.raises(ValidationError) as refused:
        LINES.validate({**LINE, "shares": "Union européenne 70,5; Fonds propres 20"}, KNOWN)
    assert refused.value.messages("fr") == [
        "« Qui paie (parts en %, total 100) » : les parts font 90,5 % au total ; elles doivent faire 100 %"
    ]
    assert "90.5 %" in refused.value.messages("en")[0]


def _budget(rules: str, lines: list[tuple[str, float, float, str, str]], funding: dict[str, str]) -> dict:
    """A budget of one association: lines as (heading, quantity, unit rate, currency, shares)."""
    frame = pd.DataFrame(
        [
            {
                "region": "centre",
                "association": "A",
                "budget": "B",
                "heading": heading,
                "description": f"{heading} {number}",
                "quantity": quantity,
                "unit_rate": rate,
                "currency": currency,
                "shares": shares,
            }
            for number, (heading, quantity, rate, currency, shares) in enumerate(lines)
        ]
    )
    return {
        "budget": pd.DataFrame([{"association": "A", "name": "B", "rules": rules}]),
        "budget_lines": frame,
        "funding": pd.DataFrame(
            [{"association": "A", "budget": "B", "funder": name, "kind": kind} for name, kind in funding.items()]
        ),
        "expenditures": pd.DataFrame(columns=["region", "association", "line", "amount", "currency"]),
    }


def test_the_eu_caps_are_checked_with_the_numbers_worked_by_hand():
    eu = {"UE": "requested", "Propres": "own"}
    records = _budget(
        "eu",
        [
            ("staff", 12, 45_000, "DZD", "UE 80; Propres 20"),  # 540 000
            ("equipment", 2, 600, "EUR", "UE 100"),  # 1 200 EUR = 180 000 DZD
            ("services", 1, 80_000, "DZD", "UE 100"),  # direct: 800 000
            ("contingency", 1, 40_000, "DZD", "UE 100"),  # 5.0 %: at the cap, kept
            ("indirect", 1, 65_600, "DZD", "UE 100"),  # 7.8 % of direct costs and contingency (840 000): over 7 %
        ],
        eu,
    )
    lines = with_amounts(records["budget_lines"])
    assert list(lines["amount_dzd"]) == [540_000, 1_200 * RATE, 80_000, 40_000, 65_600]
    assert heading_totals(lines)[["staff", "equipment", "services"]].sum() == 800_000
    assert dict(funder_totals(lines)) == {"UE": 540_000 * 0.8 + 180_000 + 80_000 + 40_000 + 65_600, "Propres": 108_000}
    [(association, budget, problem)] = budget_checks(records)
    assert (association, budget, problem.code) == ("A", "B", "indirect_cap_with_contingency")
    assert problem.message("en") == (
        "“Indirect costs”: indirect costs are 7.8 % of direct costs and the contingency reserve; the cap is 7 %"
    )
    assert problem.message("fr") == (
        "« Coûts indirects » : les coûts indirects font 7,8 % des coûts directs et de la "
        "réserve pour imprévus ; le plafond est de 7 %"
    )
    records["budget_lines"].loc[3, "unit_rate"] = 40_800  # 5.1 %
    assert [problem.code for *_, problem in budget_checks(records)] == [
        "indirect_cap_with_contingency",
        "contingency_cap",
    ]


def test_the_saara_fund_caps_the_grant_and_asks_for_co_funding():
    records = _budget(
        "saara_fund",
        [("equipment", 1, 2_200_000, "DZD", "SAARA 95; Ksar 5")],
        {"SAARA": "requested", "Ksar": "cofunder"},
    )
    found = {problem.code: problem.params for *_, problem in budget_checks(records)}
    assert found["max_grant"]["asked"] == Decimal("2090000.00") and found["max_grant"]["cap"] == 2_000_000
    assert found["min_cofunding"]["share"] == Decimal("5.0") and found["min_cofunding"]["minimum"] == 10
    records["budget_lines"].loc[0, ["unit_rate", "shares"]] = [1_500_000, "SAARA 90; Ksar 10"]
    assert budget_checks(records) == []


def test_every_hubs_sample_budget_loads_and_only_the_centre_breaks_a_rule(store):
    from saara_kit.exports.transfer import current_frame, import_every_sample

    new = import_every_sample(store)
    for declared in steps("budget"):
        assert new[declared.name] == len(sample_records(declared)) > 0
    found = budget_checks({step.name: current_frame(store, step) for step in steps("budget")})
    assert [(association, problem.code) for association, _, problem in found] == [
        ("Association Exemple Jeunesse Casbah", "indirect_cap_with_contingency")
    ]


def _evaluate(formula: str, sheet, book) -> float:
    """Compute the few formulas the kit writes, from the cells they name (as a spreadsheet would)."""

    def cell(reference: str):
        return sheet[reference.replace("$", "")].value

    body = formula.lstrip("=")
    if found := re.fullmatch(r"([A-Z]+\d+)\*([A-Z]+\d+)", body):
        return cell(found[1]) * cell(found[2])
    if found := re.fullmatch(r"([A-Z]+\d+)\*([\d.]+)", body):
        return _evaluate(cell(found[1]), sheet, book) * float(found[2])
    if found := re.fullmatch(r"SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", body):
        return sum(
            _evaluate(sheet[f"{found[1]}{row}"].value, sheet, book) for row in range(int(found[2]), int(found[4]) + 1)
        )
    if found := re.fullmatch(
        r"SUMIFS\('(.+?)'!\$([A-Z]+):\$[A-Z]+,'.+?'!\$([A-Z]+):\$[A-Z]+,\"=\"&([A-Z]+\d+),"
        r"'.+?'!\$([A-Z]+):\$[A-Z]+,\"=\"&([A-Z]+\d+)\)",
        body,
    ):  # criteria: "equal to" the row's own cells
        lines = book[found[1]]
        return sum(
            _evaluate(lines[f"{found[2]}{row}"].value, lines, book)
            for row in range(2, lines.max_row + 1)
            if lines[f"{found[3]}{row}"].value == cell(found[4]) and lines[f"{found[5]}{row}"].value == cell(found[6])
        )
    return float(formula)


def test_the_workbook_keeps_live_formulas_that_agree_with_the_model_and_reads_back(samples_dir, capsys):
    import openpyxl

    from saara_kit.cli import main

    path = samples_dir / "budget.xlsx"
    assert (
        main(
            ["export", "budget", "--region", "centre", "--lang", "fr", "-o", str(path), "--data-dir", str(samples_dir)]
        )
        == 0
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:5] == ["Budget", "Financeurs", "Lignes", "Apports en nature", "Dépenses"]
    lines = book["Lignes"]
    headers = [cell.value for cell in lines[1]]
    amount, in_dzd = headers.index("Montant") + 1, headers.index("Montant (DZD)") + 1
    model = with_amounts(sample_records(LINES, "centre"))
    for row, expected in zip(range(2, lines.max_row + 1), model["amount_dzd"]):
        assert lines.cell(row, amount).data_type == "f" and lines.cell(row, in_dzd).value.startswith("=")
        assert _evaluate(lines.cell(row, in_dzd).value, lines, book) == pytest.approx(expected)
    totals = book["Totaux par rubrique"]
    for formula, checked in ((row[2].value, row[3].value) for row in totals.iter_rows(min_row=2)):
        assert _evaluate(formula, totals, book) == pytest.approx(checked)  # every SUMIFS and SUM, by the model
    assert totals.cell(totals.max_row, 4).value == pytest.approx(model["amount_dzd"].sum())
    rules = [[cell.value for cell in row] for row in book["Règles du bailleur"].iter_rows(min_row=2)]
    assert rules == [
        [
            "Association Exemple Jeunesse Casbah",
            "Maison de jeunes équipée",
            "« Coûts indirects » : les coûts indirects font 7,9 % des coûts directs et de la réserve pour imprévus ; le plafond est de 7 %",
        ]
    ]

    # the same workbook back, with a typed formula and a line made wrong: nothing is saved
    from saara_kit.store import open_store

    description = headers.index("Description") + 1
    lines.cell(2, description).value = '=HYPERLINK("http://x","clic")'
    lines.cell(2, description).data_type = "s"
    lines.cell(3, headers.index("Quantité") + 1).value = -1
    book.save(path)
    assert main(["import", "budget", str(path), "--region", "centre", "--data-dir", str(samples_dir)]) == 1
    assert "« Lignes » — Ligne 3 — « Quantité » : ne peut pas être négatif" in capsys.readouterr().err
    lines.cell(3, headers.index("Quantité") + 1).value = 2
    book.save(path)
    assert main(["import", "budget", str(path), "--region", "centre", "--data-dir", str(samples_dir)]) == 0
    with open_store(samples_dir) as store:
        saved = {rev.payload["description"]: rev.payload for rev in store.current(LINES.kind, hub_id="centre")}
    assert len(saved) == len(sample_records(LINES, "centre"))  # the ids in the sheet: each line updated, none doubled
    assert '=HYPERLINK("http://x","clic")' in saved  # typed text stays text
    assert saved["Déplacements vers les ateliers"]["quantity"] == 2


def test_an_association_named_with_braces_and_quotes_exports_and_its_totals_add_up(samples_dir):
    import dataclasses
    import uuid

    import openpyxl

    from saara_kit.cli import main
    from saara_kit.store import open_store

    odd = 'Jeunesse {word} "Casbah" {0}'  # the kit's own formulas name places as {step:column}
    with open_store(samples_dir) as store:
        for revision in store.revisions_of(None, hub_id="centre", association="Association Exemple Jeunesse Casbah"):
            store.save(
                dataclasses.replace(
                    revision, association=odd, record_id=str(uuid.uuid5(uuid.NAMESPACE_URL, revision.record_id))
                )
            )
    path = samples_dir / "budget.xlsx"
    assert main(["export", "budget", "--region", "centre", "-o", str(path), "--data-dir", str(samples_dir)]) == 0
    book = openpyxl.load_workbook(path)
    totals = book["Totaux par rubrique"]
    rows = [row for row in totals.iter_rows(min_row=2) if row[0].value == odd]
    assert len(rows) == len(HEADINGS) + 2 and rows[-1][3].value > 0  # each heading, direct costs, the total
    for formula, checked in ((row[2].value, row[3].value) for row in rows):
        assert odd not in formula and _evaluate(formula, totals, book) == pytest.approx(checked)


def test_spending_more_than_15_percent_over_a_heading_needs_an_amendment_under_the_older_rules():
    from saara_kit.budget.charts import actuals_chart

    records = _budget(
        "eu_15", [("staff", 1, 100_000, "DZD", "UE 100"), ("travel", 1, 50_000, "DZD", "UE 100")], {"UE": "requested"}
    )
    spend = [("staff 0", 80_000, "DZD"), ("staff 0", 35_000, "DZD"), ("travel 1", 300, "EUR")]  # 115 %, 90 %
    records["expenditures"] = pd.DataFrame(
        [
            {"region": "centre", "association": "A", "line": line, "amount": amount, "currency": currency}
            for line, amount, currency in spend
        ]
    )
    assert budget_checks(records) == []  # 15 % over: still within the flexibility
    records["expenditures"].loc[1, "amount"] = 36_000  # 116 %
    [(_, _, problem)] = budget_checks(records)
    assert (problem.field, problem.label_key, problem.params["over"]) == ("heading", "budget_lines.heading.staff", 16)
    assert problem.message("en") == (
        "“1. Human resources”: spending is 16 % over the plan; beyond 15 % an amendment is needed"
    )
    figure = actuals_chart(records["budget_lines"], records["expenditures"], "fr")
    assert list(figure.variance.loc[["staff", "travel"], "actual"]) == [116_000, 300 * RATE]


def test_the_charts_draw_what_the_totals_say():
    from saara_kit.budget.charts import funders_chart, headings_chart

    lines = sample_records(LINES, "centre")
    figure = headings_chart(lines, "ar")
    assert figure.totals.sum() == with_amounts(lines)["amount_dzd"].sum() == 1_187_000
    from saara_kit.i18n import format_number

    assert next(text.get_text() for text in figure.axes[0].texts) == format_number(540_000, "ar")  # staff, in DZD
    paid = funders_chart(lines, "fr").paid
    assert paid.sum() == pytest.approx(1_187_000) and paid.index[0] == "Union européenne (programme d'appui)"


@pytest.mark.parametrize(("currency", "other"), [("DZD", "EUR"), ("EUR", "DZD")])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_budget_by_heading_speaks_one_currency(currency, other, lang):
    from saara_kit.budget.charts import headings_chart
    from saara_kit.i18n import format_number

    figure = headings_chart(sample_records(LINES, "centre"), lang, currency=currency)
    axes = figure.axes[0]
    said = [text.get_text() for text in (*figure.texts, *axes.texts, axes.title, axes.xaxis.label)] + [figure.alt]
    assert any(currency in text for text in said) and not [text for text in said if other in text]
    staff = 540_000 / (RATE if currency == "EUR" else 1)
    assert axes.texts[0].get_text() == format_number(round(staff), lang)  # the bar's amount, in the axis' currency


def test_a_french_excel_csv_with_decimal_commas_imports_and_a_bad_row_saves_nothing(tmp_path, capsys):
    from saara_kit.cli import main
    from saara_kit.store import open_store

    files = {
        "budget": "Association;Projet;Règles du bailleur\nTafat;Jardin;eu\n",
        "funding": "Association;Budget;Financeur;Rôle\nTafat;Jardin;UE;Bailleur sollicité\n",
        "budget_lines": (
            "Association;Budget;Rubrique;Description;Unité;Quantité;Coût unitaire;Monnaie;Qui paie (parts en %, total 100)\n"
            "Tafat;Jardin;2. Déplacements;Bus;trajet;1 234,50;1.234,50;DZD;UE 100 %\n"
            "Tafat;Jardin;staff;Animatrice;mois;2;-3;DZD;UE 100\n"
        ),
    }
    data = ["--region", "centre", "--data-dir", str(tmp_path), "--lang", "fr"]
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8-sig")
    for name in ("budget", "funding"):
        assert main(["import", name, str(tmp_path / f"{name}.csv"), *data]) == 0
    assert main(["import", "budget_lines", str(tmp_path / "budget_lines.csv"), *data]) == 1
    assert "Ligne 3 — « Coût unitaire » : ne peut pas être négatif" in capsys.readouterr().err
    with open_store(tmp_path) as store:
        assert store.current(LINES.kind) == []  # the good row waits for the bad one
    (tmp_path / "budget_lines.csv").write_text(files["budget_lines"].replace(";-3;", ";3;"), encoding="utf-8-sig")
    assert main(["import", "budget_lines", str(tmp_path / "budget_lines.csv"), *data]) == 0
    with open_store(tmp_path) as store:
        bus = next(rev.payload for rev in store.current(LINES.kind) if rev.payload["description"] == "Bus")
    assert (bus["quantity"], bus["unit_rate"], bus["heading"]) == (1234.5, 1234.5, "travel")


def test_totals_read_as_money_in_each_language():
    from saara_kit.budget.analysis import heading_table

    table = heading_table(sample_records(LINES, "centre"), "fr")
    assert list(table.iloc[-1]) == [
        "Total",
        "1\u202f187\u202f000,00\u00a0DA",
        "7\u202f913,33\u00a0€",
    ]  # as Algeria writes it
    assert heading_table(sample_records(LINES, "centre"), "en").iloc[-1, 1] == "DZD1,187,000.00"  # Babel's en form


def test_the_rate_sensitivity_states_both_rates_and_the_date():
    from saara_kit.budget.analysis import sensitivity_table

    table = sensitivity_table({"budget_lines": sample_records(LINES, "est")}, "en")
    assert list(table.columns)[1:] == [
        "DZD at the hub's rate (150 DZD to 1 EUR, as of November 1, 2026)",
        "DZD at the second rate (255 DZD to 1 EUR)",
    ]
    equipment = table.set_index(table.columns[0]).loc["3. Equipment and supplies"]
    assert list(equipment) == [3_500 * 150, 3_500 * 255]  # the milk tank, in euros
