"""Run a benchmark in Chromium in small, in a process of its own, as ``make bench`` runs it: its
Playwright never meets the browser tier's, whatever else the pytest worker ran before."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

from saara_kit.settings import PROJECT_ROOT
from tests.chromium import require_chromium


def prints_its_ratio_last(module: ModuleType) -> None:
    """Run ``module``'s small version; fail unless it ends with its ratio and a finite, positive figure."""
    require_chromium()
    run = f"import math, {module.__name__} as bench; figure = bench.main(smoke=True); print(math.isfinite(figure) and figure > 0)"
    done = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    said = done.stdout.strip().splitlines()
    assert said[-1] == "True" and "ratio" in said[-2], said[-3:]
