"""The facilitator's terminal speaks the kit's language only.

Voilà, Jupyter Server and every kernel print their own lines (an address with the machine's name,
"Kernel is running over TCP without encryption", "Notebook … is not trusted", one per kernel). They
go to a log file in the data folder; the terminal keeps the kit's translated lines. ``--verbose``
leaves them all in the terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

__all__ = ["SERVER_LOG", "terminal_for_the_kit"]

SERVER_LOG = Path("logs") / "serve.log"  # under the data folder


def terminal_for_the_kit(log_file: Path | None) -> TextIO:
    """Send what the process and its kernels print to ``log_file`` (nothing moves when None);
    return the terminal, for the kit's own lines."""
    sys.stdout.flush()
    sys.stderr.flush()
    if log_file is None:
        return sys.stdout
    log_file.parent.mkdir(parents=True, exist_ok=True)
    terminal = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
    with open(log_file, "a", encoding="utf-8") as log:  # the descriptors below keep it open
        for stream in (sys.stdout, sys.stderr):
            os.dup2(log.fileno(), stream.fileno())  # kernels inherit these: their lines go there too
    return terminal
