"""JupyterLab for trainers: the lessons and JupyterLab itself in the hub's language."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from saara_kit.data import load_hub
from saara_kit.i18n import declared_lang, language, normalise_lang
from saara_kit.lessons import write_lessons
from saara_kit.settings import default_data_dir, default_hub_id

__all__ = ["lab_arguments", "lab_language", "prepare_lab"]

LAB_SETTINGS = {  # JupyterLab's settings files, relative to its user settings folder
    "translation": Path("@jupyterlab") / "translation-extension" / "plugin.jupyterlab-settings",
    "news": Path("@jupyterlab") / "apputils-extension" / "notification.jupyterlab-settings",
}


def lab_language(lang: str | None = None, hub_id: str | None = None) -> str:
    """Return the trainer's language: ``lang``, else ``$SAARA_LANG``, else ``$LANG`` when it names
    one of the kit's languages (``LANG=ar make lab``), else the hub's."""
    asked = (lang, os.environ.get("SAARA_LANG"), os.environ.get("LANG"))
    return next(filter(None, map(declared_lang, asked)), None) or load_hub(hub_id or default_hub_id()).default_lang


def prepare_lab(lang: str, hub_id: str, folder: Path | None = None) -> tuple[Path, Path]:
    """Write the lessons in ``lang`` and JupyterLab's language setting; return both folders."""
    lang = normalise_lang(lang)
    folder = Path(folder) if folder else default_data_dir() / "lab"
    lessons = folder / "lessons" / lang
    write_lessons(lang, lessons, hub_id=hub_id)
    settings = folder / "settings" / lang
    values = {
        "translation": {"locale": language(lang).get("lab", "en")},
        "news": {"fetchNews": "false"},  # a hub is offline: never ask to fetch Jupyter's news
    }
    for name, value in values.items():
        path = settings / LAB_SETTINGS[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    return lessons, settings


def lab_arguments(lessons: Path, settings: Path, port: int | None = None, browser: bool = True) -> list[str]:
    """Return ``jupyter lab``'s command line for the lessons and the language settings (``browser``:
    open a browser tab; a laptop driving a projector may not want one)."""
    arguments = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--notebook-dir={lessons}",
        f"--LabApp.user_settings_dir={settings}",
    ]
    if port:
        arguments.append(f"--port={port}")
    if not browser:
        arguments.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        arguments.append("--allow-root")
    return arguments
