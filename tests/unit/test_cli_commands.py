"""The ``saara-kit`` command is a package: one module per command, each adding its subparser and running it."""

from __future__ import annotations

import subprocess
import sys

from saara_kit.cli import COMMANDS, build_parser


def test_each_command_module_adds_its_subparser_and_runs_it():
    subparsers = next(action for action in build_parser("en")._actions if action.dest == "command")
    runs = {name: parser.get_default("handler") for name, parser in subparsers.choices.items()}
    assert len(runs) == len(COMMANDS) == 15
    for command in COMMANDS:
        assert callable(command.add_parser)
        owned = [name for name, run in runs.items() if run is command.run]
        assert len(owned) == 1, (command.__name__, owned)


def test_python_dash_m_runs_the_command(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "saara_kit.cli", "--lang", "en", "-h"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0
    assert "usage:" in done.stdout and "serve" in done.stdout
