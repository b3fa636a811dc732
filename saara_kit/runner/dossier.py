"""A hub's dossier: its lessons gathered in one page with a table of contents, printed to PDF."""

from __future__ import annotations

import html
from pathlib import Path

import nbformat

from saara_kit.i18n import t
from saara_kit.lessons import for_dossier
from saara_kit.runner.execute import RunResult, hub_title
from saara_kit.runner.pages import export_page, take_warnings

__all__ = ["DOSSIER", "write_dossier"]

DOSSIER = "dossier.html"


def _anchor(stem: str) -> str:
    return f"lesson-{stem}"


def write_dossier(folder: Path, results: list[RunResult], lang: str) -> Path:
    """Write ``folder/dossier.html`` from the hub's runs (in lesson order): a title, a table of
    contents naming each lesson (a failed one as not produced), then each produced lesson."""
    results = sorted(results, key=lambda result: result.notebook)
    hub = hub_title(results[0].hub_id, lang)
    title = t("run.dossier_title", lang, hub=hub)
    contents, cells = [], []
    for result in results:
        if result.error:
            contents.append("- " + t("run.dossier_missing", lang, notebook=result.notebook))
            continue
        lesson = nbformat.read(result.executed, as_version=4)
        take_warnings(lesson)
        name = lesson.metadata.get("title") or result.notebook
        contents.append(f"- [{html.escape(name)}](#{_anchor(result.notebook)})")
        start = f'<div class="saara-lesson-start" id="{_anchor(result.notebook)}"></div>'
        lesson_cells = [nbformat.v4.new_markdown_cell(start), *for_dossier(lesson).cells]
        for number, cell in enumerate(lesson_cells):
            cell.id = f"{result.notebook[:2]}-{number}"  # unique across the gathered lessons
        cells += lesson_cells
    heading = nbformat.v4.new_markdown_cell(
        f"# {html.escape(title)}\n\n## {t('run.contents', lang)}\n\n" + "\n".join(contents)
    )
    dossier = nbformat.v4.new_notebook(cells=[heading, *cells], metadata={"title": title})
    page = folder / DOSSIER
    page.write_text(export_page(dossier, lang, hub), encoding="utf-8")
    return page
