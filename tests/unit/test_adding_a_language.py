"""Adding a language is a data change: a pseudo-locale, French with every text marked, reaches the
catalogue, the forms, the landing page, a dossier and the command line with no code change."""

from __future__ import annotations

import contextlib
import io
import re

import ipywidgets as widgets
import pytest
import yaml

from saara_kit.data import load_hub
from saara_kit.i18n import catalogue, format_number, is_rtl, languages, reload, t

PSEUDO = "xx"


def _marked(text):
    return {form: f"⟦{words}⟧" for form, words in text.items()} if isinstance(text, dict) else f"⟦{text}⟧"


@pytest.fixture
def pseudo_locale(tmp_path, monkeypatch):
    """A folder beside the kit declaring ``xx`` and giving every French text marked ⟦…⟧."""
    folder = tmp_path / "i18n-xx"
    folder.mkdir()
    (folder / "languages.yaml").write_text(
        "xx: {name: XX, direction: ltr, locale: fr_DZ, fallback: fr}\n", encoding="utf-8"
    )
    texts = {key: {PSEUDO: _marked(translations["fr"])} for key, translations in catalogue().items()}
    (folder / "pseudo.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("SAARA_I18N_PATH", str(folder))
    reload()
    yield folder
    monkeypatch.delenv("SAARA_I18N_PATH")
    reload()


def _descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)


def test_the_catalogue_picks_the_language_up(pseudo_locale):
    assert languages()[-1] == PSEUDO and not is_rtl(PSEUDO)
    assert t("form.save", PSEUDO) == f"⟦{t('form.save', 'fr')}⟧"
    assert t("form.unsaved", PSEUDO, count=3) == "⟦3 modifications non enregistrées.⟧"  # French plural rules
    assert format_number(1234.5, PSEUDO) == format_number(1234.5, "fr")


def test_a_language_without_a_text_shows_its_fallback(pseudo_locale):
    (pseudo_locale / "pseudo.yaml").write_text("form.save: {xx: ⟦Enregistrer⟧}\n", encoding="utf-8")
    reload()
    assert t("form.save", PSEUDO) == "⟦Enregistrer⟧" and t("form.cancel", PSEUDO) == t("form.cancel", "fr")


def test_the_form_and_the_landing_page_pick_it_up(pseudo_locale, store):
    from saara_kit.records.form import RecordListForm
    from saara_kit.serve import available_apps, render_landing
    from saara_kit.stakeholders.domain import DOMAIN

    form = RecordListForm(DOMAIN, store, hub_id="est", lang=PSEUDO)
    labels = [w.description for w in _descendants(form) if getattr(w, "description", "")]
    switches = [w for w in _descendants(form) if isinstance(w, widgets.ToggleButtons)]
    assert labels and all(label.startswith("⟦") for label in labels)
    assert ("XX", PSEUDO) in switches[0].options and "saara-lang-xx" in form._dom_classes

    page = render_landing(PSEUDO, load_hub("est"), available_apps())
    assert '<html lang="xx" dir="ltr">' in page and "⟦Kit SAARA" in page and 'href="?lang=xx"' in page


def test_a_dossier_picks_it_up(pseudo_locale, tmp_path):
    from saara_kit.runner import list_notebooks, run_notebook

    result = run_notebook(
        list_notebooks()[0], tmp_path, {"region": "est", "lang": PSEUDO, "source": "sample", "data_dir": str(tmp_path)}
    )
    page = result.html.read_text(encoding="utf-8")
    assert result.error == "" and '<html dir="ltr" lang="xx">' in page
    assert re.search(r"<th[^>]*>⟦", page)  # headers come from the new language
    assert "Vue d'ensemble" in page  # prose falls back to French until a translator writes it


def test_the_command_line_picks_it_up(pseudo_locale):
    from saara_kit.cli import main

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), pytest.raises(SystemExit):
        main(["--lang", PSEUDO, "run", "--help"])
    assert "⟦" in printed.getvalue()
