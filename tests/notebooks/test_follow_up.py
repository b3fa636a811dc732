"""The programme's view of the funded projects (lesson 09) run as facilitators run it: once for
the whole programme, through papermill, on sample data and on a store."""

from __future__ import annotations

import re

import pytest

from saara_kit.lessons import list_notebooks
from saara_kit.runner import run_notebook
from saara_kit.settings import NOTEBOOKS_DIR
from tests.notebooks.pages import prose_lines, visible_text

pytestmark = pytest.mark.notebooks
LESSON = NOTEBOOKS_DIR / "09-funded-projects-follow-up.ipynb"
PNG = re.compile(r'<img[^>]+src="data:image/png;base64,')


def _run(output_dir, **parameters) -> str:
    result = run_notebook(LESSON, output_dir, parameters)
    assert result.error == "", result.error
    return result.html.read_text(encoding="utf-8")


def test_the_view_is_one_page_for_the_whole_programme():
    assert LESSON in list_notebooks(scope="national")


def test_the_french_view_shows_charts_first_then_flags_the_projects_to_visit(tmp_path):
    seen = visible_text(page := _run(tmp_path, lang="fr", source="sample", data_dir=str(tmp_path)))
    assert len(PNG.findall(page)) == 2  # spending against time, milestones
    assert "Situation au 30 avril 2027 : 4 projets financés suivis, dont 3 à visiter." in seen
    assert seen.index("un point par projet (projets : 4)") < seen.index("Visite à prévoir, parce que")  # charts first
    assert "Jalon en retard; Dépenses décalées du temps écoulé; Indicateurs en retard" in seen  # the Casbah's reasons
    assert "Premier atelier de révision" in seen  # Ghardaïa's late milestone, to ask about on the visit
    assert "Pas de rapport depuis quatre mois" in seen  # the exercise: three months on, no report
    assert "<script" not in page and not re.search(r"[\u0600-\u06FF]", seen)


def test_the_arabic_view_has_no_french_prose(tmp_path):
    seen = visible_text(page := _run(tmp_path, lang="ar", source="sample", data_dir=str(tmp_path)))
    assert '<html dir="rtl" lang="ar">' in page and len(PNG.findall(page)) == 2
    assert [line for line in prose_lines(LESSON, "fr") if line in seen] == []
    assert "الوضع بتاريخ 30 أفريل 2027: 4 مشاريع مموَّلة قيد المتابعة؛ ما يحتاج منها زيارة: 3." in seen


def test_an_empty_store_says_no_project_is_followed_yet(tmp_path):
    seen = visible_text(_run(tmp_path / "out", lang="fr", source="store", data_dir=str(tmp_path), as_of="2027-05-01"))
    assert "Situation au 1 mai 2027 : 0 projet financé suivi, dont 0 à visiter." in seen
    assert "Traceback" not in seen
