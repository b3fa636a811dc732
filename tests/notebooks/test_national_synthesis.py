"""The national synthesis (lesson 08) run as facilitators run it: once, across the hubs, through
papermill, on sample data and on a store, into a static dossier."""

from __future__ import annotations

import re

import pytest

from saara_kit.lessons import list_notebooks
from saara_kit.runner import run_all, run_notebook
from saara_kit.settings import NOTEBOOKS_DIR
from tests.notebooks.pages import prose_lines, visible_text

pytestmark = pytest.mark.notebooks
LESSON = NOTEBOOKS_DIR / "08-national-synthesis.ipynb"
CHARTS = 6  # participation, stakeholders, levels, budgets, applications, directory
PNG = re.compile(r'<img[^>]+src="data:image/png;base64,')


def _run(output_dir, **parameters) -> str:
    """Run the lesson with ``parameters`` (no hub: the runner makes it the national run); return its page."""
    result = run_notebook(LESSON, output_dir, parameters)
    assert result.error == "", result.error
    assert result.hub_id == "national" and result.warnings == ()
    return result.html.read_text(encoding="utf-8")


def test_the_synthesis_is_national_and_left_out_of_the_hubs_reruns():
    assert LESSON in list_notebooks(scope="national")
    assert LESSON not in list_notebooks(scope="hub")


def test_a_national_rerun_produces_the_synthesis_after_the_hubs(tmp_path, capsys):
    failures = run_all(
        hub_ids=["sud"],
        notebooks=["01"],
        source="sample",
        output_dir=tmp_path,
        workers=1,
        data_dir=tmp_path,
        national=True,
        pdf=False,
    )
    assert failures == []
    assert (tmp_path / "sud" / "01-stakeholder-mapping.html").exists()
    assert not (tmp_path / "sud" / "08-national-synthesis.html").exists()  # not one per hub
    dossier = (tmp_path / "national" / "dossier.html").read_text(encoding="utf-8")
    assert "Dossier — Synthèse nationale" in dossier
    assert len(PNG.findall(dossier)) == CHARTS + 2  # then lesson 09's: spending against time, milestones
    assert "3 exécutions, dont 0 en échec." in capsys.readouterr().out  # lesson 01, then 08 and 09


def test_the_french_dossier_has_a_chart_per_comparison_on_sample_data(tmp_path):
    page = _run(tmp_path / "fr", lang="fr", source="sample", data_dir=str(tmp_path))
    assert len(PNG.findall(page)) == CHARTS
    assert '<html dir="ltr" lang="fr">' in page and "Synthèse nationale" in page
    assert "<script" not in page and "&lt;Figure size" not in page
    seen = visible_text(page)
    assert "associations ayant rempli au moins un formulaire : 12" in seen
    assert "Candidatures déposées et retenues, par pôle : " in seen  # a chart's alt text
    assert "Pôle Sud" in seen and "Tous les pôles" in seen  # the tables: a row per hub, a national row
    assert "c'est le Pôle Centre" in seen  # the exercise's answer
    assert not re.search(r"[\u0600-\u06FF]", seen)
    assert "Paramètres" not in seen  # the trainer's cells stay out


def test_the_arabic_dossier_has_its_charts_and_no_french_prose(tmp_path):
    page = _run(tmp_path / "ar", lang="ar", source="sample", data_dir=str(tmp_path))
    assert len(PNG.findall(page)) == CHARTS
    assert '<html dir="rtl" lang="ar">' in page and "<title>08 — الحصيلة الوطنية: مقارنة الأقطاب</title>" in page
    seen = visible_text(page)
    assert [line for line in prose_lines(LESSON, "fr") if line in seen] == []
    assert "الترشحات المودَعة والمقبولة، حسب القطب" in seen and "قطب الجنوب" in seen
    assert "مستوى «الإعلام» هو الأثقل وزنًا في خطط قطب الوسط: 28,6% من فاعليه." in seen


def test_the_synthesis_reads_what_the_hubs_saved_in_the_store(samples_dir):
    page = _run(samples_dir / "out", lang="fr", source="store", data_dir=str(samples_dir))
    assert len(PNG.findall(page)) == CHARTS
    seen = visible_text(page)
    assert "Données d'exemple" not in seen  # the store's records, not the bundled samples
    assert (
        "associations ayant rempli au moins un formulaire : 12 ; acteurs cartographiés : 27 ; "
        "candidatures déposées : 12, dont retenues : 6"
    ) in seen


def test_an_empty_store_says_nothing_is_saved_yet(tmp_path):
    page = _run(tmp_path / "out", lang="fr", source="store", data_dir=str(tmp_path))
    seen = visible_text(page)
    assert "Aucune saisie enregistrée dans aucun pôle pour l'instant" in seen
    assert len(PNG.findall(page)) == CHARTS  # the charts stay, at zero
    assert "Traceback" not in seen and "Error" not in seen
