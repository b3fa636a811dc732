"""Execute every notebook template for every hub through papermill, as facilitators do."""
from __future__ import annotations

import json
import os
import re

import pytest

from saara_kit.cli import main
from saara_kit.data import list_regions, load_region
from saara_kit.runner import list_notebooks, run_all, run_notebook
from saara_kit.data import sample_records
from saara_kit.exports.transfer import import_file
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store

pytestmark = pytest.mark.notebooks
NOTEBOOKS = list_notebooks()


def test_there_are_notebooks_to_run():
    assert NOTEBOOKS


@pytest.mark.parametrize("region", list_regions())
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_each_hubs_sample_data(tmp_path, notebook, region):
    hub = load_region(region)
    parameters = {"region": region, "lang": hub.default_lang, "source": "sample", "data_dir": str(tmp_path)}
    result = run_notebook(notebook, tmp_path / region, parameters)
    assert result.error == ""
    page = result.html.read_text(encoding="utf-8")
    assert hub.name(hub.default_lang) in page
    # a dossier opens with no internet: no script at all, no style sheet from elsewhere
    assert "<script" not in page and not re.search(r"<link[^>]+href=\"https?:", page)
    assert ("direction: rtl" in page) == (hub.default_lang == "ar")
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page) and "&lt;Figure size" not in page  # the chart
    executed = json.loads((tmp_path / region / notebook.name).read_text(encoding="utf-8"))
    assert not [o for c in executed["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_stakeholder_notebook_reads_what_participants_saved(tmp_path):
    sample = tmp_path / "sud.csv"
    sample_records(DOMAIN, "sud").to_csv(sample, index=False)
    with open_store(tmp_path) as store:
        import_file(store, DOMAIN, sample, "sud")
    notebook = next(p for p in NOTEBOOKS if p.stem == "01-stakeholder-mapping")
    parameters = {"region": "sud", "lang": "ar", "source": "store", "data_dir": str(tmp_path)}
    result = run_notebook(notebook, tmp_path / "out", parameters)
    assert result.error == ""
    page = result.html.read_text(encoding="utf-8")
    assert "بلدية غرداية" in page and "إدارة عن قرب" in page


def test_the_rerun_hands_the_store_url_to_the_notebooks_not_to_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("SAARA_DB_URL", raising=False)
    url = f"sqlite:///{tmp_path / 'elsewhere' / 'hub.db'}"
    with open_store(db_url=url) as store:
        sample = tmp_path / "sud.csv"
        sample_records(DOMAIN, "sud").to_csv(sample, index=False)
        import_file(store, DOMAIN, sample, "sud")
    failures = run_all(regions=["sud"], source="store", output_dir=tmp_path / "out", workers=1,
                       data_dir=tmp_path / "empty", db_url=url)
    assert failures == [] and "SAARA_DB_URL" not in os.environ
    assert "بلدية غرداية" in (tmp_path / "out" / "sud" / "01-stakeholder-mapping.html").read_text(encoding="utf-8")


def test_stakeholder_notebook_says_when_nobody_has_saved_yet(tmp_path):
    notebook = next(p for p in NOTEBOOKS if p.stem == "01-stakeholder-mapping")
    parameters = {"region": "centre", "lang": "fr", "source": "store", "data_dir": str(tmp_path)}
    result = run_notebook(notebook, tmp_path / "out", parameters)
    assert result.error == ""
    assert "Aucune saisie enregistrée pour Pôle Centre" in result.html.read_text(encoding="utf-8")


def test_facilitator_rerun_writes_each_hubs_dossier_and_reports_failures(tmp_path, capsys):
    failures = run_all(regions=["centre", "est"], source="sample", output_dir=tmp_path, workers=2)
    assert failures == []
    for region in ("centre", "est"):
        assert (tmp_path / region / "01-stakeholder-mapping.html").stat().st_size > 10_000
    assert "[2/2]" in capsys.readouterr().out

    failures = run_all(regions=["ouest"], source="nowhere", output_dir=tmp_path, workers=1)
    assert [f.region for f in failures] == ["ouest"]
    assert "source must be 'sample' or 'store'" in failures[0].error
    assert (tmp_path / "ouest" / "01-stakeholder-mapping.ipynb").exists()  # kept for reading the error


def test_cli_rerun_uses_each_hubs_own_language(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SAARA_LANG", raising=False)
    code = main(["run", "--region", "sud", "--region", "ouest", "--source", "sample",
                 "--output", str(tmp_path), "--data-dir", str(tmp_path)])
    assert code == 0
    assert "إدارة عن قرب" in (tmp_path / "sud" / "01-stakeholder-mapping.html").read_text(encoding="utf-8")
    assert "Gérer de près" in (tmp_path / "ouest" / "01-stakeholder-mapping.html").read_text(encoding="utf-8")
    assert "[2/2]" in capsys.readouterr().out
    assert main(["run", "--region", "nowhere", "--output", str(tmp_path)]) == 2
