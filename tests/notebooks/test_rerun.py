"""The facilitator's rerun, ``saara-kit run``: real papermill runs, the pages, the hub dossiers and
their PDF, the summary, failures, and errors said before anything runs."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from saara_kit.cli import main
from saara_kit.data import load_hub
from saara_kit.i18n import TranslatedError
from saara_kit.runner import choose_notebooks, list_notebooks, run_all

pytestmark = pytest.mark.notebooks
LESSONS = list_notebooks(scope="hub")


def _failing_lessons(folder):
    """A lessons folder: lesson 01, and a lesson 02 that fails for the ouest hub only, in its third cell."""
    folder.mkdir()
    (folder / LESSONS[0].name).write_bytes(LESSONS[0].read_bytes())
    broken = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                'region: str = "centre"  # the hub\nlang: str = "fr"  # the language', metadata={"tags": ["parameters"]}
            ),
            nbformat.v4.new_markdown_cell("# 02 — Une leçon fragile", metadata={"tags": ["lang-fr"]}),
            nbformat.v4.new_code_cell(
                'if region == "ouest":\n    raise ValueError("colonne « budget » absente")\nprint("ok")'
            ),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(broken, folder / "02-fragile.ipynb")
    return folder


def test_a_failing_lesson_does_not_stop_the_others_and_the_table_says_where(tmp_path, capsys):
    lessons = _failing_lessons(tmp_path / "lessons")
    failures = run_all(
        hub_ids=["centre", "ouest"],
        source="sample",
        output_dir=tmp_path / "out",
        workers=2,
        pdf=False,
        notebooks_dir=lessons,
    )
    assert [(f.hub_id, f.notebook, f.cell) for f in failures] == [("ouest", "02-fragile", 4)]  # + papermill's cell
    said = capsys.readouterr().out
    assert re.search(r"^ouest\s+02-fragile\s+ÉCHEC", said, re.MULTILINE)
    assert re.search(r"^centre\s+02-fragile\s+terminé", said, re.MULTILINE)
    assert "ÉCHEC ouest / 02-fragile, cellule 4 : ValueError: colonne « budget » absente" in said
    kept = tmp_path / "out" / "ouest" / "02-fragile.ipynb"
    assert f"carnet exécuté conservé pour lire l'erreur : {kept}" in said and kept.exists()
    assert "3 exécutions, dont 1 en échec." not in said and "4 exécutions, dont 1 en échec." in said
    ouest = (tmp_path / "out" / "ouest" / "dossier.html").read_text(encoding="utf-8")
    assert "02-fragile — non produit" in ouest and 'id="lesson-01-stakeholder-mapping"' in ouest
    assert "non produit" not in (tmp_path / "out" / "centre" / "dossier.html").read_text(encoding="utf-8")


def test_a_failed_cli_run_exits_non_zero(tmp_path):
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:9/none"  # nothing listens on port 9
    code = main(
        [
            "run",
            "--region",
            "ouest",
            "--notebook",
            "01",
            "--source",
            "store",
            "--db-url",
            unreachable,
            "--no-pdf",
            "--output",
            str(tmp_path),
            "--data-dir",
            str(tmp_path),
        ]
    )
    assert code == 1 and (tmp_path / "ouest" / "01-stakeholder-mapping.ipynb").exists()


def test_the_terminal_shows_only_the_kits_lines_and_01_names_a_lesson(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "saara_kit.cli",
            "--lang",
            "en",
            "run",
            "--region",
            "sud",
            "--notebook",
            "01",
            "--source",
            "sample",
            "--no-pdf",
            "--output",
            str(tmp_path),
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in (tmp_path / "sud").glob("*.html")) == [
        "01-stakeholder-mapping.html",
        "dossier.html",
    ]
    assert "WARNING" not in done.stderr and "IPKernelApp" not in done.stderr and "Warning" not in done.stderr
    assert "Rerun 100% |" in done.stderr and "1/1" in done.stderr
    assert "1 run; failed: 0." in done.stdout


def test_a_bad_hub_or_lesson_is_said_before_anything_runs(tmp_path, capsys):
    assert main(["run", "--region", "nowhere", "--output", str(tmp_path)]) == 2
    assert "Pôles connus : centre, est, ouest, sud" in capsys.readouterr().err
    assert main(["run", "--notebook", "42", "--output", str(tmp_path)]) == 2
    assert "Carnet inconnu : « 42 ». Carnets : 01-stakeholder-mapping" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())  # nothing ran
    assert [path.stem for path in choose_notebooks(["01", "05-project-budgeting", "01"])] == [
        "01-stakeholder-mapping",
        "05-project-budgeting",
    ]


@pytest.mark.parametrize(
    "text", ["id: est\nname: [unclosed", "- just\n- a list", "id: est\nname: {fr: Est, ar: شرق, en: East}"]
)
def test_a_broken_hub_file_is_said_with_the_hubs_there_are(tmp_path, text):
    for name in ("centre", "est"):
        (tmp_path / f"{name}.yaml").write_text(text if name == "est" else "", encoding="utf-8")
    with pytest.raises(TranslatedError) as said:
        load_hub("est", params_dir=tmp_path)
    assert said.value.key == "region.unreadable"
    assert said.value.message("fr").startswith("params/est.yaml ne se lit pas (")
    assert said.value.message("fr").endswith("Pôles : centre, est.")


def test_a_rerun_reads_the_shared_store_on_sqlite_and_on_postgresql(any_store, tmp_path):
    from saara_kit.exports.transfer import import_every_sample

    import_every_sample(any_store)
    failures = run_all(
        hub_ids=["ouest"],
        notebooks=["01", "05"],
        source="store",
        output_dir=tmp_path,
        workers=2,
        pdf=False,
        data_dir=tmp_path / "elsewhere",
        db_url=any_store.url,
    )
    assert failures == []
    dossier = (tmp_path / "ouest" / "dossier.html").read_text(encoding="utf-8")
    assert "Association Exemple Environnement Tlemcen" in dossier  # the hub's records, read from the store
    assert "Aucune saisie" not in dossier and "aucune association du pôle" not in dossier


def test_without_chromium_the_dossier_is_html_and_the_facilitator_is_told(tmp_path, capsys, monkeypatch):
    from saara_kit.exports import pdf

    monkeypatch.setattr(pdf, "CHROMIUM_PATH", str(tmp_path / "no-chromium"))
    lessons = _failing_lessons(tmp_path / "lessons")
    assert (
        run_all(
            hub_ids=["centre"],
            notebooks=["02"],
            source="sample",
            output_dir=tmp_path / "out",
            workers=1,
            notebooks_dir=lessons,
        )
        == []
    )
    assert (tmp_path / "out" / "centre" / "dossier.html").exists()
    assert not (tmp_path / "out" / "centre" / "dossier.pdf").exists()
    assert "dossier.pdf non imprimé : Chromium est absent (apt-get install chromium)" in capsys.readouterr().out
