"""The ``saara-kit`` command is a package: one module per command, each adding its subparser and running it."""

from __future__ import annotations

import importlib
import subprocess
import sys

from saara_kit.cli import COMMANDS, build_parser
from saara_kit.registry import commands


def test_each_command_module_adds_its_subparser_and_runs_it():
    """The kit's ten, then the five the domains add from their packages (``app.commands``)."""
    subparsers = next(action for action in build_parser("en")._actions if action.dest == "command")
    runs = {name: parser.get_default("handler") for name, parser in subparsers.choices.items()}
    added = [importlib.import_module(name) for name in commands()]
    assert (len(COMMANDS), len(added), len(runs)) == (10, 5, 15)
    assert {module.__name__.split(".")[1] for module in added} == {"stakeholders", "grants", "followup", "directory"}
    for command in (*COMMANDS, *added):
        assert callable(command.add_parser)
        owned = [name for name, run in runs.items() if run is command.run]
        assert len(owned) == 1, (command.__name__, owned)


def test_python_dash_m_runs_the_command(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "saara_kit.cli", "--lang", "en", "-h"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0
    assert "usage:" in done.stdout and "serve" in done.stdout
