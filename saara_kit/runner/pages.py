"""A lesson's static HTML page: no code, no script, nothing fetched from elsewhere, laid out for A4
with the hub and the date at the top of every printed page."""

from __future__ import annotations

import datetime as dt
import json
import re

from nbformat import NotebookNode

from saara_kit.i18n import format_date, language
from saara_kit.settings import TEMPLATES_DIR

__all__ = ["export_page", "take_warnings"]

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot close the style element."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3c ")


def take_warnings(notebook: NotebookNode) -> tuple[str, ...]:
    """Remove what cells wrote to stderr (Python warnings) and return it: the facilitator reads it,
    the dossier never shows it."""
    taken = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            taken += [output.text for output in cell.outputs if output.get("name") == "stderr"]
            cell.outputs = [output for output in cell.outputs if output.get("name") != "stderr"]
    return tuple(taken)


def export_page(notebook: NotebookNode, lang: str, header: str, day: dt.date | None = None) -> str:
    """Return ``notebook`` as a static HTML page in ``lang``, without its code; ``header`` (the hub)
    and ``day`` (default today) head every printed page."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="saara",
        extra_template_basedirs=[str(TEMPLATES_DIR / "nbconvert" / "templates")],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    resources = {
        "output_lang": lang,
        "output_direction": language(lang)["direction"],
        "print_header": _css_string(header),
        "print_date": _css_string(format_date(day or dt.date.today(), lang, "long")),
    }
    page, _ = exporter.from_notebook_node(notebook, resources=resources)
    # JupyterLab's style sheets name web sites in their comments: a dossier names none
    return _STYLE.sub(lambda m: m[1] + _CSS_COMMENT.sub("", m[2]) + m[3], page)
