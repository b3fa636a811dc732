"""One source per lesson: the same code in every language, prose in each, trainer cells tagged."""

from __future__ import annotations

import re

import nbformat
import pytest

from saara_kit.i18n import languages
from saara_kit.lessons import LANG_TAG, TRAINER_TAG, for_dossier, list_notebooks, localise, write_lessons

LESSONS = list_notebooks()
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _read(path):
    return nbformat.read(path, as_version=4)


def _tags(cell):
    return cell.metadata.get("tags", [])


def _shape(notebook):
    """The lesson's skeleton: each code cell, and each prose cell's place and trainer tag."""

    def code(cell):
        return cell.source if cell.cell_type == "code" and "parameters" not in _tags(cell) else ""

    return [(cell.cell_type, TRAINER_TAG in _tags(cell), code(cell)) for cell in notebook.cells]


def _headings(notebook):
    return [
        line
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("#")
    ]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_language_has_the_same_lesson_around_the_same_code(path):
    source = _read(path)
    french = localise(source, "fr")
    for lang in languages():
        lesson = localise(source, lang)
        assert _shape(lesson) == _shape(french), lang  # same cells, same code, same trainer tags
        assert len(_headings(lesson)) == len(_headings(french)), lang
        assert (lesson.metadata.title and lesson.metadata.title != french.metadata.title) or lang == "fr"
        assert f'lang: str = "{lang}"' in next(c.source for c in lesson.cells if "parameters" in _tags(c))
    prose = [cell for cell in source.cells if cell.cell_type == "markdown"]
    assert all(any(tag.startswith(LANG_TAG) for tag in _tags(cell)) for cell in prose)  # no untagged prose
    assert not [cell for cell in source.cells if cell.cell_type == "code" and ARABIC.search(cell.source)]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_prose_is_written_in_its_language(path):
    source = _read(path)
    for lang in languages():
        texts = [cell.source for cell in localise(source, lang).cells if cell.cell_type == "markdown"]
        arabic = [text for text in texts if ARABIC.search(text)]
        assert (arabic == texts) if lang == "ar" else (arabic == []), lang


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_dossiers_leave_out_trainer_cells_and_exercises_keep_their_question(path):
    dossier = for_dossier(localise(_read(path), "ar"))
    assert not [cell for cell in dossier.cells if TRAINER_TAG in _tags(cell) or "parameters" in _tags(cell)]
    for index, cell in enumerate(dossier.cells):
        if "exercise" in _tags(cell):
            question = dossier.cells[index - 1]
            assert question.cell_type == "markdown" and "؟" in question.source


def test_trainers_get_each_lesson_in_their_language(tmp_path):
    written = write_lessons("ar", tmp_path / "ar", hub_id="sud")
    assert [path.name for path in written] == [path.name for path in LESSONS]
    lesson = _read(written[0])
    parameters = next(cell.source for cell in lesson.cells if "parameters" in _tags(cell))
    assert 'region: str = "sud"' in parameters and 'lang: str = "ar"' in parameters
    assert lesson.metadata.title.startswith("01 — رسم")
