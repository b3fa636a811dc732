"""Checks on the repository: clean thin notebooks, parameters cells, dependencies in sync, data documented."""

from __future__ import annotations

import ast
import json
import re
import tomllib

import pytest
import yaml

from saara_kit.data import list_hubs, load_hub, wilayas
from saara_kit.lessons import HUB, lesson_scope
from saara_kit.settings import DATASETS_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, VOILA_APPS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb")) + sorted(VOILA_APPS_DIR.glob("*.ipynb"))


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _code(cell) -> str:
    return "".join(cell["source"])


def test_notebooks_exist():
    assert list(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")), "no trainer notebook found"
    assert list(VOILA_APPS_DIR.glob("*.ipynb")), "no Voilà app found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean_and_thin(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name} has outputs"
        tree = ast.parse(_code(cell))
        assert not any(isinstance(n, (ast.FunctionDef, ast.ClassDef)) for n in ast.walk(tree)), (
            f"{path.name} defines a function or class: logic belongs in saara_kit"
        )


@pytest.mark.parametrize("path", sorted(NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_first_code_cell_is_a_documented_parameters_cell(path):
    first = next(cell for cell in _cells(path) if cell["cell_type"] == "code")
    assert "parameters" in first["metadata"].get("tags", [])
    names = set()
    for line in _code(first).splitlines():
        match = re.fullmatch(r'(\w+): (str|int|float|bool) = ("[^"]*"|[\d.]+|True|False)  # .+', line)
        assert match, f"not an annotated literal with a comment: {line!r}"
        names.add(match.group(1))
    assert {"lang", "source", "data_dir", "db_url"} <= names
    assert ("region" in names) == (lesson_scope(path) == HUB)  # a national lesson reads every hub


@pytest.mark.parametrize("path", sorted(VOILA_APPS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_voila_app_is_imports_and_one_builder_call(path):
    code = [cell for cell in _cells(path) if cell["cell_type"] == "code"]
    assert len(code) <= 3
    assert re.fullmatch(r'\w+\(("\w+")?\)', _code(code[-1]).strip())


def _specs(requirements) -> dict[str, str]:
    """Map each requirement's normalised name to its version range."""
    specs = {}
    for item in requirements:
        name = re.split(r"[<>=!~ \[]", item, maxsplit=1)[0]
        version = re.sub(r"^\[[^\]]*\]", "", item[len(name) :])  # pip extras have no conda twin
        specs[name.lower().replace("_", "-")] = version.replace(" ", "")
    return specs


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    conda = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())["dependencies"]
    conda_specs = _specs(d for d in conda if isinstance(d, str))
    conda_specs.pop("python"), conda_specs.pop("pip")
    assert conda_specs == _specs(declared)


def test_every_dataset_column_is_documented():
    readme = (DATASETS_DIR / "README.md").read_text(encoding="utf-8")
    for path in DATASETS_DIR.glob("*.csv"):
        assert f"`{path.name}`" in readme, path.name
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        for column in header:
            assert f"| `{column}` |" in readme, f"{path.name}: column {column} undocumented"


def test_sample_data_is_marked_as_sample_and_covers_every_hub():
    from saara_kit.data import sample_records
    from saara_kit.stakeholders.domain import DOMAIN

    frame = sample_records(DOMAIN)
    assert set(frame["region"]) == set(list_hubs())
    assert frame["notes"].str.startswith("EXEMPLE").all()
    assert frame["association"].str.contains("Exemple").all()


def test_hubs_cover_every_wilaya_once():
    codes = [code for hub_id in list_hubs() for code in load_hub(hub_id).wilayas]
    assert sorted(codes) == sorted(wilayas()["code"])
    assert list_hubs() == ["centre", "est", "ouest", "sud"]


def test_modules_stay_small():
    for path in (PROJECT_ROOT / "saara_kit").rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path


def test_the_longest_files_scheduled_first_exist():
    from tests.conftest import LONGEST_FIRST

    assert [path for path in LONGEST_FIRST if not (PROJECT_ROOT / path).is_file()] == []


def test_a_test_that_hangs_fails_with_its_stack_instead_of_holding_the_suite(tmp_path):
    """The project's pytest settings stop a hung test (pytest-timeout, by a thread, so a test stuck
    in a lock or a join stops too) and print where it hung; here with the limit lowered to 2 s."""
    import subprocess
    import sys

    (tmp_path / "test_hang.py").write_text("import threading\n\ndef test_hang():\n    threading.Event().wait()\n")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml"), "-o", "timeout=2",
         "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path / "test_hang.py")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    said = run.stdout + run.stderr
    assert run.returncode != 0 and "Timeout" in said and "test_hang.py" in said, said[-2000:]
    settings = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert 0 < settings["timeout"] <= 600 and settings["timeout_method"] == "thread"
