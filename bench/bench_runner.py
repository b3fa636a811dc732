"""Facilitators' rerun: every hub's notebooks with 1 worker vs 2 workers (papermill)."""
from __future__ import annotations

import contextlib
import io
import tempfile
import time
from pathlib import Path

from saara_kit.data import list_regions
from saara_kit.runner import run_all


def _timed(workers: int) -> float:
    output = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        failures = run_all(source="sample", output_dir=output, workers=workers)
    assert not failures, failures
    return time.perf_counter() - started


def main() -> None:
    hubs = len(list_regions())
    serial, parallel = _timed(1), _timed(2)
    print(f"{hubs} hubs: 1 worker {serial:.1f} s ({serial / hubs:.1f} s per hub), 2 workers {parallel:.1f} s; "
          f"speed-up 2 workers/1 worker = {serial / parallel:.2f}")
