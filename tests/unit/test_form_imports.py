"""A participant's form shows before its kernel loads the heavy libraries: pandas, numpy and matplotlib
load with the first chart or table, not with the form (the performance issue's imports figure)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from saara_kit.registry import apps
from saara_kit.serve.server import TRAINER_APPS

HEAVY = ("pandas", "numpy", "matplotlib")
# the directory's form is a search over every resource: its index is a table from the start
NEEDS_TABLES = {"directory"}
BUILD = """
import json, sys
from saara_kit.app_builder import app
form = app({name!r})
print(json.dumps(sorted({{module.split(".")[0] for module in sys.modules}} & set({heavy!r}))))
"""


@pytest.mark.parametrize("name", [name for name in apps() if name not in TRAINER_APPS and name not in NEEDS_TABLES])
def test_a_form_shows_without_pandas_numpy_or_matplotlib(name, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "SAARA_DATA_DIR": str(tmp_path), "SAARA_REGION": "ouest", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", BUILD.format(name=name, heavy=HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


IN_USE = """
import json, sys
from saara_kit.app_builder import app
form = app("stakeholders")
form.open_association("Association Imports")
register = form.show("stakeholders")
for name in ("APC", "Radio"):
    register.value = {{**register.value, "name": name}}
    register.add()
register.save()
assert register.state.state == "saved" and "2" in register.picture_alt, (register.state.state, register.picture_alt)
print(json.dumps(sorted({{module.split(".")[0] for module in sys.modules}} & set({heavy!r}))))
"""


def test_a_participant_fills_the_register_its_grid_drawn_without_pandas_numpy_or_matplotlib(tmp_path):
    """The register's grid is SVG: adding actors and saving them loads none of the heavy libraries
    (about 80 MiB of a kernel, and half a second of CPU each time the grid was drawn)."""
    env = {"PATH": "/usr/bin:/bin", "SAARA_DATA_DIR": str(tmp_path), "SAARA_REGION": "ouest", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", IN_USE.format(heavy=HEAVY)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
