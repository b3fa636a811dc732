"""Writing a letter, a one-pager, a funder's report, a handout or code cards loads no server: the
HTML skeleton lives in ``saara_kit.html_page``, and ``saara_kit.serve`` imports Voilà only when its
server is asked for (the Seams issue: a code card loaded 1,192 modules, Voilà and Jupyter Server)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SERVER = ("voila", "jupyter_server")
WRITERS = (
    "saara_kit.exports.code_cards",
    "saara_kit.exports.handout",
    "saara_kit.grants.letters",
    "saara_kit.onepager.page",
    "saara_kit.followup.report_file",
    "saara_kit.html_page",
    "saara_kit.serve",
    "saara_kit.serve.pages",
)
LOADED = """
import json, sys
import {module}
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}} & set({server!r}))))
"""


def _server_modules_after(statement: str, tmp_path) -> list[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SAARA_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", statement], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", WRITERS)
def test_a_writer_of_html_loads_neither_voila_nor_jupyter_server(module, tmp_path):
    assert _server_modules_after(LOADED.format(module=module, server=SERVER), tmp_path) == []


def test_the_server_still_loads_when_asked_for(tmp_path):
    statement = LOADED.format(module="saara_kit.serve", server=SERVER).replace(
        "print(", "from saara_kit.serve import serve, voila_arguments\nprint(", 1
    )
    assert _server_modules_after(statement, tmp_path) == sorted(SERVER)
