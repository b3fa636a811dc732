"""The association's one-pager: its parts gathered from the records, the traceable chain
(actor → participation level → meeting or commitment → activity → budget line), parts with no data
left out, and what people typed escaped."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from saara_kit.onepager import gather, page_language, render_onepager

TODAY = dt.date(2027, 1, 1)
ASSOCIATION = "Association Essai"


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{"region": "centre", "association": ASSOCIATION, **row} for row in rows])


def _stakeholder(name: str, power: int, interest: int, iap2: str = "", name_ar: str = "") -> dict:
    return {"name": name, "name_ar": name_ar, "power": power, "interest": interest, "position": 1, "iap2": iap2}


def _activity(name: str, responsible: str, accountable: str, start: str = "2027-02-01", **roles) -> dict:
    return {
        "plan": "Plan",
        "name": name,
        "start": start,
        "end": "2027-03-01",
        "owner": "Présidente",
        "involved": "",
        "responsible": responsible,
        "accountable": accountable,
        "consulted": roles.get("consulted", ""),
        "informed": roles.get("informed", ""),
    }


def _line(description: str, quantity: int, rate: int, activity: str = "", heading: str = "staff") -> dict:
    return {
        "budget": "Budget",
        "heading": heading,
        "description": description,
        "unit": "mois",
        "quantity": quantity,
        "unit_rate": rate,
        "currency": "DZD",
        "period": "2027",
        "shares": "Fonds propres 100 %",
        "activity": activity,
    }


@pytest.fixture
def records() -> dict[str, pd.DataFrame]:
    """A worked example: the APC collaborates, is invited to the launch, promised a room, answers for
    the diagnosis (logframe 1.1.1), which the facilitator's line pays for; the radio is only informed."""
    return {
        "stakeholders": _frame(
            [
                _stakeholder("APC", 5, 5, name_ar="البلدية"),
                _stakeholder("Radio", 2, 2, "inform"),
                _stakeholder("Comité", 2, 5),
            ]
        ),
        "participation": _frame([{"stakeholder": "APC", "level": "collaborate", "notes": ""}]),
        "concertation": _frame(
            [{"name": "Plan", "objective": "Décider ensemble", "start": "2027-01-05", "end": "2027-06-30"}]
        ),
        "meetings": _frame(
            [
                {
                    "plan": "Plan",
                    "title": "Lancement",
                    "date": "2027-01-20",
                    "time": "10:00",
                    "place": "Mairie",
                    "invitees": "APC; Comité",
                },
                {
                    "plan": "Plan",
                    "title": "Bilan passé",
                    "date": "2026-12-01",
                    "time": "10:00",
                    "place": "Mairie",
                    "invitees": "Comité",
                },
            ]
        ),
        "commitments": _frame(
            [
                {
                    "who": "APC",
                    "what": "Prêter la salle",
                    "due": "2027-02-01",
                    "status": "planned",
                    "progress": 0,
                    "meeting": "Lancement",
                }
            ]
        ),
        "activities": _frame([_activity("Diagnostic", "Comité", "APC", informed="Radio")]),
        "logframe": _frame(
            [
                {
                    "plan": "Plan",
                    "number": "1.1.1",
                    "statement": "",
                    "activity": "Diagnostic",
                    "indicator": "Familles",
                    "baseline": "0",
                    "target": "60",
                    "current": "12",
                    "source": "",
                    "assumptions": "",
                }
            ]
        ),
        "budget": _frame([{"name": "Budget", "rules": "eu", "display": "", "notes": ""}]),
        "budget_lines": _frame(
            [_line("Animateur", 12, 45000, "Diagnostic"), _line("Ordinateurs", 2, 90000, "", "equipment")]
        ),
    }


def test_the_chain_goes_from_the_actor_to_the_budget_line_that_pays_its_activity(records):
    onepager = gather(records, ASSOCIATION, "centre", "fr", TODAY)
    apc = next(link for link in onepager.chain if link.actor.name == "APC")
    assert apc.actor.level == "collaborate"  # participation.stakeholder
    assert apc.meetings == (("2027-01-20", "Lancement"),)  # meetings.invitees
    assert apc.commitments == ("Prêter la salle",)  # commitments.who
    assert apc.activities == ("1.1.1 Diagnostic",)  # accountable in the RACI, numbered by the logframe
    assert apc.lines == (("Animateur", 540000.0),)  # budget_lines.activity; the computers pay no activity
    committee = next(link for link in onepager.chain if link.actor.name == "Comité")
    assert committee.actor.level == ""  # no participation step and no IAP2 in the register
    assert committee.activities == ("1.1.1 Diagnostic",) and committee.lines == (("Animateur", 540000.0),)
    assert "Radio" not in {link.actor.name for link in onepager.chain}  # only informed: not its activity
    assert [actor.name for actor in onepager.actors] == ["APC", "Comité", "Radio"]  # manage closely first
    assert onepager.actors[2].level == "inform"  # the register's IAP2 when the plan gives none
    assert [m.title for m in onepager.plan.meetings] == ["Lancement"]  # the next ones, not past ones
    assert onepager.budget.total == 720000.0
    assert onepager.budget.headings == (("staff", 540000.0), ("equipment", 180000.0))
    assert [(r.number, r.current) for r in onepager.results] == [("1.1.1", "12")]


def test_results_show_the_value_the_latest_report_gave(records):
    records["indicators"] = _frame([{"line": "Plan → 1.1.1", "current": "30", "measured": "2027-04-28", "note": ""}])
    onepager = gather(records, ASSOCIATION, "centre", "fr", TODAY)
    assert [(r.number, r.baseline, r.target, r.current) for r in onepager.results] == [("1.1.1", "0", "60", "30")]


def test_the_page_shows_the_chain_in_its_language(records):
    page = render_onepager(gather(records, ASSOCIATION, "centre", "ar", TODAY), "ar", "قطب الوسط", TODAY)
    assert '<html lang="ar" dir="rtl">' in page
    assert "@page {size: A4" in page
    assert "السلسلة القابلة للتتبع" in page and "<bdi>البلدية</bdi>" in page  # the Arabic name of the actor
    chain = page[page.index("السلسلة القابلة للتتبع") :]
    assert (
        chain.index("البلدية")
        < chain.index("التعاون")
        < chain.index("Lancement")
        < chain.index("1.1.1 Diagnostic")
        < chain.index("Animateur")
    )


def test_a_part_with_no_data_is_left_out(records):
    full = render_onepager(gather(records, ASSOCIATION, "centre", "fr", TODAY), "fr", today=TODAY)
    for heading in (
        "Avec qui nous travaillons",
        "Plan de concertation",
        "Budget du projet",
        "Résultats à ce jour",
        "La chaîne traçable",
        "Prochaines réunions",
    ):
        assert heading in full
    only_budget = {"budget": records["budget"], "budget_lines": records["budget_lines"]}
    page = render_onepager(gather(only_budget, ASSOCIATION, "centre", "fr", TODAY), "fr", today=TODAY)
    assert "Budget du projet" in page
    for heading in (
        "Avec qui nous travaillons",
        "Plan de concertation",
        "Résultats à ce jour",
        "La chaîne traçable",
        "<img",
        "<h2></h2>",
    ):
        assert heading not in page
    past = {**records, "meetings": records["meetings"].assign(date="2026-01-01")}
    assert "Prochaines réunions" not in render_onepager(
        gather(past, ASSOCIATION, "centre", "fr", TODAY), "fr", today=TODAY
    )


def test_what_people_typed_is_escaped(records):
    attack = '<script>alert("x")</script>'
    typed = {
        **records,
        "stakeholders": records["stakeholders"].assign(name=lambda f: f["name"].replace({"APC": attack})),
        "participation": records["participation"].assign(stakeholder=attack),
        "commitments": records["commitments"].assign(who=attack, what="<b>gras</b>"),
        "activities": records["activities"].assign(accountable=attack, name="<i>Diag</i>"),
        "budget_lines": records["budget_lines"].assign(activity=["<i>Diag</i>", ""], description="<u>x</u>"),
        "concertation": records["concertation"].assign(objective="<img src=x onerror=alert(1)>"),
    }
    page = render_onepager(gather(typed, '<a href="x">Asso</a>', "centre", "fr", TODAY), "fr", today=TODAY)
    for raw in ("<script>", "<b>gras", "<i>Diag", "<u>x", "<img src=x", '<a href="x">'):
        assert raw not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and "&lt;i&gt;Diag&lt;/i&gt;" in page


def test_the_language_is_the_asked_one_else_the_application_s_else_the_hub_s(records):
    assert page_language(records, "ar") == "ar"
    applications = _frame([{"project": "P", "summary": "", "lang": "en"}])
    assert page_language({**records, "grants": applications}, "ar") == "en"
    assert page_language({**records, "grants": applications}, "ar", asked="fr") == "fr"


@pytest.fixture
def sample_dir(tmp_path):
    """A store holding the samples the one-pager reads (and the funders the budget lines share)."""
    from saara_kit.exports.transfer import import_samples
    from saara_kit.onepager import DOMAINS_READ
    from saara_kit.registry import domains
    from saara_kit.store import open_store

    with open_store(tmp_path / "data") as store:
        for name, declared in domains().items():
            if name in (*DOMAINS_READ, "funding"):
                import_samples(store, declared)
    return tmp_path / "data"


def test_the_command_writes_the_page_in_the_association_s_language(sample_dir, tmp_path, capsys, monkeypatch):
    from saara_kit.cli import main

    monkeypatch.delenv("SAARA_LANG", raising=False)
    folder = tmp_path / "out"
    folder.mkdir()
    argv = [
        "onepager",
        "--association",
        "association exemple oasis ghardaia",
        "--region",
        "sud",
        "--data-dir",
        str(sample_dir),
        "--no-pdf",
    ]
    assert main([*argv, "-o", str(folder)]) == 0  # an existing folder: the file is named after the association
    page = folder / "onepager-association-exemple-oasis-ghardaia.html"
    assert '<html lang="ar" dir="rtl">' in page.read_text(encoding="utf-8")  # its application is in Arabic
    assert str(page) in capsys.readouterr().out
    assert main([*argv, "-o", str(tmp_path / "fiche.pdf"), "--lang", "en"]) == 0  # a stem: its suffix dropped
    assert '<html lang="en" dir="ltr">' in (tmp_path / "fiche.html").read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.glob("fiche*")) == ["fiche.html"]
    capsys.readouterr()
    assert main([*argv[:2], "Association Inconnue", *argv[3:]]) == 2
    assert "Aucune fiche de l'association « Association Inconnue » dans le pôle sud." in capsys.readouterr().err
