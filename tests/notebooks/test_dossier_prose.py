"""A hub's dossier reads as a report: no instruction to run a cell, no prerequisites of the workshop,
and the lessons' summaries as paragraphs, not printed lines."""

from __future__ import annotations

import re

import pytest

from saara_kit.runner import run_all
from tests.notebooks.pages import visible_text

pytestmark = pytest.mark.notebooks

INSTRUCTIONS = re.compile(r"cellule|JupyterLab|relancez|Relancez|Prérequis|Pour aller plus loin|Maj \+ Entrée")


def test_a_dossier_has_no_instructions_and_says_its_summaries_as_prose(tmp_path):
    lessons = ["01-stakeholder-mapping", "05-project-budgeting"]
    assert (
        run_all(hub_ids=["ouest"], notebooks=lessons, source="sample", output_dir=tmp_path, workers=2, pdf=False) == []
    )
    dossier = (tmp_path / "ouest" / "dossier.html").read_text(encoding="utf-8")
    body = dossier[dossier.index("<main") :]
    seen = visible_text(body)
    assert INSTRUCTIONS.findall(seen) == []
    assert "<pre" not in body  # no printed line: every summary is a paragraph
    prose = re.findall(r'<p class="saara-prose">([^<]*)</p>', body)
    assert "Pôle Ouest : 7 acteurs." in prose  # lesson 01's count, said as a sentence
    assert any(line.startswith("Total : 770") for line in prose)  # lesson 05's totals
    assert "Quelle stratégie faut-il adopter avec elle ?" in seen  # the exercise keeps its question and answer
    lesson = (tmp_path / "ouest" / "01-stakeholder-mapping.ipynb").read_text(encoding="utf-8")
    assert "cellule suivante" in lesson  # the lesson itself still tells the trainer what to run
