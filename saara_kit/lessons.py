"""Lessons in every language from one source notebook, and their dossier form.

A lesson's code is written once, in ``notebooks/NN-topic.ipynb``. Its prose cells carry a language
tag (``lang-fr``, ``lang-ar``, ``lang-en``); the trainer's notebook and the dossier of a run keep the
prose of one language. Cells tagged ``trainer`` make sense only in JupyterLab (parameters, imports,
code whose lesson is the code itself) and stay out of dossiers.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from saara_kit.i18n import DEFAULT_LANG, fallbacks, language, normalise_lang
from saara_kit.settings import NOTEBOOKS_DIR

__all__ = [
    "HUB",
    "LANG_TAG",
    "LESSON_ONLY_TAG",
    "NATIONAL",
    "TRAINER_TAG",
    "for_dossier",
    "lesson_scope",
    "list_notebooks",
    "localise",
    "prose_languages",
    "set_parameters",
    "write_lessons",
]

LANG_TAG = "lang-"
TRAINER_TAG = "trainer"
LESSON_ONLY_TAG = "lesson-only"  # prose for the workshop (run a cell, prerequisites), not for a report
PARAMETERS_TAG = "parameters"
HUB, NATIONAL = "hub", "national"  # a lesson's scope: run per hub, or once across the hubs
LEFT_OUT_OF_DOSSIERS = {TRAINER_TAG, LESSON_ONLY_TAG, "injected-parameters"}  # the last: papermill's run values


def lesson_scope(path: Path) -> str:
    """Return ``"hub"`` for a lesson run once per hub, ``"national"`` for one run across the hubs
    (its notebook metadata says ``"saara": {"scope": "national"}``)."""
    metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return metadata.get("saara", {}).get("scope", HUB)


def list_notebooks(notebooks_dir: Path = NOTEBOOKS_DIR, scope: str | None = None) -> list[Path]:
    """Return the numbered lesson sources, ``NN-topic.ipynb``, in order: all of them, or those of
    one ``scope`` (``"hub"`` or ``"national"``)."""
    found = sorted(notebooks_dir.glob("[0-9][0-9]-*.ipynb"))
    return [path for path in found if scope is None or lesson_scope(path) == scope]


def _tags(cell: NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _cell_lang(cell: NotebookNode) -> str | None:
    return next((tag[len(LANG_TAG) :] for tag in _tags(cell) if tag.startswith(LANG_TAG)), None)


def prose_languages(notebook: NotebookNode) -> set[str]:
    """Return the languages the lesson's prose is written in."""
    return {lang for lang in map(_cell_lang, notebook.cells) if lang}


def _prose_lang(notebook: NotebookNode, lang: str) -> str:
    """Return ``lang`` if the lesson has its prose, else the nearest fallback that it has."""
    written = prose_languages(notebook)
    return next((code for code in fallbacks(lang) if code in written), DEFAULT_LANG)


def set_parameters(notebook: NotebookNode, **values: str) -> None:
    """Give the parameters cell's literals new defaults (``lang: str = "ar"``), in place."""
    cell = next(cell for cell in notebook.cells if PARAMETERS_TAG in _tags(cell))
    for name, value in values.items():
        pattern = re.compile(rf"^({re.escape(name)}\s*:\s*\w+\s*=\s*)[^#\n]*?(\s*(#.*)?)$", re.MULTILINE)
        cell.source, found = pattern.subn(lambda match: match[1] + json.dumps(value) + match[2], cell.source)
        if not found:
            raise KeyError(f"the parameters cell has no {name}")


def localise(notebook: NotebookNode, lang: str) -> NotebookNode:
    """Return a copy of the lesson with the prose of ``lang`` only (right to left if it is written
    so), ``lang`` as its default language, and its first heading as the title."""
    lang = normalise_lang(lang)
    prose = _prose_lang(notebook, lang)
    result = copy.deepcopy(notebook)
    result.cells = [cell for cell in result.cells if _cell_lang(cell) in (None, prose)]
    direction = language(prose)["direction"]
    if direction == "rtl":  # JupyterLab shows prose left to right unless told
        for cell in result.cells:
            if cell.cell_type == "markdown":
                cell.source = f'<div dir="rtl">\n\n{cell.source}\n\n</div>'
    set_parameters(result, lang=lang)
    heading = next(
        (
            line
            for cell in result.cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if line.startswith("# ")
        ),
        "",
    )
    result.metadata["title"] = heading[2:].strip()
    return result


def for_dossier(notebook: NotebookNode) -> NotebookNode:
    """Return a copy without the trainer-only cells, the lesson-only prose and papermill's parameters."""
    result = copy.deepcopy(notebook)
    result.cells = [cell for cell in result.cells if not LEFT_OUT_OF_DOSSIERS & set(_tags(cell))]
    return result


def write_lessons(
    lang: str, folder: Path, hub_id: str | None = None, notebooks_dir: Path = NOTEBOOKS_DIR
) -> list[Path]:
    """Write every lesson in ``lang`` into ``folder`` (for JupyterLab); return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in list_notebooks(notebooks_dir):
        lesson = localise(nbformat.read(source, as_version=4), lang)
        if hub_id and lesson_scope(source) == HUB:  # a national lesson reads every hub
            set_parameters(lesson, region=hub_id)
        nbformat.write(lesson, folder / source.name)
        written.append(folder / source.name)
    return written
