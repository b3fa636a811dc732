"""``saara-kit lab`` for a trainer: the help in the language of ``$LANG``, the hub this laptop serves by
default, and no browser when asked."""

from __future__ import annotations

import contextlib
from pathlib import Path

from saara_kit.cli import main
from saara_kit.lab import lab_arguments
from saara_kit.settings import default_hub_id, hub_served, remember_hub


def test_the_help_speaks_the_language_of_lang(capsys, monkeypatch):
    monkeypatch.delenv("SAARA_LANG", raising=False)
    for lang, said in (("ar_DZ.UTF-8", "فتح جوبيتر لاب"), ("ar", "فتح جوبيتر لاب"), ("C.UTF-8", "ouvrir JupyterLab")):
        monkeypatch.setenv("LANG", lang)
        with contextlib.suppress(SystemExit):
            main(["lab", "--help"])
        assert said in capsys.readouterr().out, lang


def test_the_lessons_default_to_the_hub_this_laptop_serves(tmp_path, monkeypatch):
    monkeypatch.delenv("SAARA_REGION", raising=False)
    assert hub_served(tmp_path) is None and default_hub_id(tmp_path) == "centre"
    remember_hub(tmp_path, "ouest")  # saara-kit serve --region ouest did this
    assert default_hub_id(tmp_path) == "ouest"
    monkeypatch.setenv("SAARA_REGION", "sud")
    assert default_hub_id(tmp_path) == "sud"  # told otherwise


def test_a_trainer_may_ask_for_no_browser():
    lessons, settings = Path("lessons"), Path("settings")
    assert "--no-browser" in lab_arguments(lessons, settings, 8890, browser=False)
    assert "--no-browser" not in lab_arguments(lessons, settings, 8890)
    assert "--port=8890" in lab_arguments(lessons, settings, 8890)
