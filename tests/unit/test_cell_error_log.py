"""A form's cell that fails in its kernel: the phone sees no traceback, the server's log says why."""

from __future__ import annotations

import logging

import nbformat
from traitlets.config import Config
from voila.execute import VoilaExecutor

from saara_kit.serve.server import cell_error_logger


def test_a_failed_cell_is_logged_with_its_error_and_the_page_shows_no_traceback(caplog):
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import json"), nbformat.v4.new_code_cell("{}['missing field']")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    config = Config()
    config.VoilaExecutor.on_cell_error = cell_error_logger(logging.getLogger("saara-test-server"))
    executor = VoilaExecutor(notebook, config=config, allow_errors=True, show_tracebacks=False)
    with caplog.at_level(logging.ERROR, logger="saara-test-server"):
        executor.execute(notebook, {})
    (logged,) = caplog.messages
    assert logged.startswith(
        "A form's cell 2 (of its notebook's cells) failed (KeyError: 'missing field'); its code: \"{}['missing field']\""
    )
    assert "\x1b[" not in logged and "KeyError" in logged.splitlines()[-1]
    (shown,) = notebook.cells[1].outputs
    assert "missing field" not in str(shown) and "There was an error when executing cell" in shown["traceback"][0]
