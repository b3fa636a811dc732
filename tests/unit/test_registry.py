"""A new domain costs only its own code: a throwaway two-field domain, in a package written to a
temporary folder outside the kit and given to ``saara_kit.registry.register`` (the public path, and the
only one), gets the CLI, import, export, a template, the landing page, samples, a working form, an app
of its own (``app.step_apps``) and a command of its own (``app.commands``), and no file of the kit changes."""

from __future__ import annotations

import ast
import hashlib
import importlib
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

import saara_kit
from saara_kit.app_builder import app
from saara_kit.cli import main
from saara_kit.data import load_hub
from saara_kit.exports.transfer import import_samples
from saara_kit.i18n import catalogue, t
from saara_kit.registry import domain, domains, register, unregister
from saara_kit.serve import available_apps, render_landing
from saara_kit.store import open_store

CATALOGUE = """
visits.field.place: {fr: Lieu, ar: المكان, en: Place}
visits.field.rating: {fr: Note, ar: التقييم, en: Rating}
visits.loaded: {fr: "Visites déjà notées pour {association} : {count}.",
                ar: "الزيارات المسجلة لـ{association}: {count}.", en: "Visits already rated for {association}: {count}."}
app.visits.title: {fr: Visites de terrain, ar: الزيارات الميدانية, en: Field visits}
app.visits.summary: {fr: Notez les lieux visités., ar: قيّم الأماكن التي زرتها., en: Rate the places you visited.}
app.visit_round.title: {fr: Tournée de visites, ar: جولة الزيارات, en: Round of visits}
app.visit_round.summary: {fr: Notez pendant la tournée., ar: قيّم أثناء الجولة., en: Rate during the round.}
cli.visit-count.about: {fr: Compter les visites notées, ar: عدّ الزيارات المقيّمة, en: Count the rated visits}
visits.counted: {fr: "{count} visites notées", ar: "{count} زيارات مقيّمة", en: "{count} rated visits"}
"""

PACKAGE = """
from pathlib import Path
from saara_kit.records import App, Domain, Listing, Scale, Text

HERE = Path(__file__).parent
DOMAIN = Domain(
    name="visits", kind="visit", key="place",
    fields=(Text("place", max=80), Scale("rating", 1, 3)),
    catalogue=HERE / "visits.yaml", samples=HERE / "sample_visits.csv",
    listing=Listing(title=lambda record, lang: f"{record.place} ({record.rating}/3)"),
    app=App(step_apps=(("visit_round", ("visits",)),), commands=("throwaway_visits.count_command",)),
)
"""
COMMAND = """
from saara_kit.cli.language import common_options
from saara_kit.cli.shared import add_command, store_of
from saara_kit.i18n import normalise_lang, t

def add_parser(subparsers, lang):
    common_options(add_command(subparsers, "visit-count", lang), lang)

def run(args):
    with store_of(args) as store:
        print(t("visits.counted", normalise_lang(args.lang), count=len(store.current("visit"))))
    return 0
"""
ROOT = Path(saara_kit.__file__).resolve().parents[1]
SHARED = ("saara_kit", "voila_apps", "datasets", "notebooks", "docs", "pyproject.toml")  # what a domain must not edit


def shared_files() -> dict[str, str]:
    """Return a digest of every file of the kit a new domain could have had to edit."""
    return {
        str(path.relative_to(ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()
        for top in SHARED
        for path in sorted([ROOT / top] if (ROOT / top).is_file() else (ROOT / top).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture
def kit_before():
    """The kit's files as they were before the throwaway domain came (request it before ``visits``)."""
    return shared_files()


@pytest.fixture
def visits(tmp_path, monkeypatch):
    """Register the throwaway domain from a fresh package on ``sys.path``; forget it afterwards."""
    package = tmp_path / "throwaway_visits"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent(PACKAGE), encoding="utf-8")
    (package / "visits.yaml").write_text(CATALOGUE, encoding="utf-8")
    (package / "count_command.py").write_text(textwrap.dedent(COMMAND), encoding="utf-8")
    (package / "sample_visits.csv").write_text(
        "region,association,place,rating\nouest,Association Exemple Visites,Marché couvert,2\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    declared = importlib.import_module("throwaway_visits").DOMAIN
    register(declared)  # the public path: nothing in the kit names the package
    yield declared
    unregister("visits")
    sys.modules.pop("throwaway_visits", None)


def test_a_new_domain_touches_no_shared_file_and_uses_only_the_public_path(kit_before, visits, tmp_path, store):
    package = Path(sys.modules["throwaway_visits"].__file__).parent
    assert not package.is_relative_to(ROOT)  # written outside the kit
    imported = {
        node.module
        for node in ast.walk(ast.parse((package / "__init__.py").read_text()))
        if isinstance(node, ast.ImportFrom)
    }
    assert imported == {"pathlib", "saara_kit.records"}  # the model's public names, nothing else
    # the whole life of the domain: samples, CLI, landing page, its own app, a save
    assert import_samples(store, visits) == 1
    assert main(["export", "visits", "-o", str(tmp_path / "out.xlsx"), "--data-dir", str(tmp_path)]) == 0
    assert main(["import", "visits", "--template", "-o", str(tmp_path / "blank.xlsx")]) == 0
    assert main(["visit-count", "--data-dir", str(tmp_path / "data")]) == 0
    assert {"visits", "visit_round"} <= set(available_apps())
    form = app("visit_round", lang="fr", hub_id="ouest", store=store)
    form.open_association("Asso V")
    form.value = {"place": "Souk", "rating": 1}
    form.add()
    form.save()
    assert [rev.payload["place"] for rev in store.current("visit") if rev.association == "Asso V"] == ["Souk"]
    assert shared_files() == kit_before


def test_the_stakeholder_register_is_found_by_itself():
    assert "stakeholders" in domains()


def test_a_new_domain_gets_import_export_and_a_template_from_the_cli(visits, tmp_path, capsys):
    source = tmp_path / "visits.csv"
    source.write_text("Association;Lieu;Note\nAsso V;Maison de jeunes;3\nAsso V;=1+2;1\n", encoding="utf-8")
    assert main(["import", "visits", str(source), "--region", "ouest", "--data-dir", str(tmp_path)]) == 0
    assert main(["export", "visits", "-o", str(tmp_path / "out.xlsx"), "--data-dir", str(tmp_path)]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert sheet.title == "Visites de terrain"
    assert [cell.value for cell in sheet[1]][:4] == ["Pôle", "Association", "Lieu", "Note"]
    assert main(["import", "visits", "--template", "-o", str(tmp_path / "blank.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "blank.xlsx").worksheets[0]["B1"].value == "Lieu"
    # the export comes back unchanged: same records, no new revision, "=1+2" as typed
    assert main(["import", "visits", str(tmp_path / "out.xlsx"), "--region", "ouest", "--data-dir", str(tmp_path)]) == 0
    assert "nouvelles révisions : 0" in capsys.readouterr().out
    with open_store(tmp_path) as store:
        assert sorted(rev.payload["place"] for rev in store.current("visit")) == ["=1+2", "Maison de jeunes"]


@pytest.mark.parametrize("lang, said", [("fr", "1 visites notées"), ("ar", "1 زيارات مقيّمة")])
def test_a_new_domain_adds_a_command_of_its_own_in_the_users_language(visits, tmp_path, capsys, lang, said):
    with open_store(tmp_path) as store:
        import_samples(store, visits)
    assert main(["--lang", lang, "visit-count", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == said
    with pytest.raises(SystemExit):
        main(["--lang", lang, "-h"])
    assert t("cli.visit-count.about", lang) in capsys.readouterr().out  # listed after the kit's commands


def test_a_new_domain_is_listed_on_the_landing_page_and_its_samples_load(visits, store):
    assert "visits" in available_apps()
    page = render_landing("ar", load_hub("ouest"), available_apps())
    assert 'href="voila/render/visits.ipynb?lang=ar"' in page and "الزيارات الميدانية" in page
    assert import_samples(store, visits) == 1
    assert [rev.author for rev in store.current("visit")] == ["sample"]


def test_a_new_domain_gets_a_working_form(visits, store):
    form = app("visits", lang="en", hub_id="ouest", store=store)
    form.open_association("Asso V")
    form.value = {"place": "Bibliothèque", "rating": 3}
    form.add()
    form.value = {"place": "", "rating": 2}
    form.add()
    assert [e.field for e in form.state.editor_notice.errors] == ["place"]
    form.save()
    assert form.state.state == "saved"
    assert [rev.payload for rev in store.current("visit")] == [{"place": "Bibliothèque", "rating": 3}]
    assert t("visits.field.place", "ar") == "المكان"


def test_its_catalogue_leaves_with_it(visits):
    assert "visits.field.place" in catalogue() and all(key in catalogue() for key in visits.required_keys())
    unregister("visits")
    assert "visits.field.place" not in catalogue() and "visits" not in domains()
    with pytest.raises(KeyError):
        domain("visits")
