"""Every benchmark runs, in a small version, so that none rots: each prints its ratio and its target
last and returns a ratio that is a number. These check that the benchmarks work, not that the kit
is fast (``make bench`` measures that)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from bench import (
    bench_analysis,
    bench_imports,
    bench_kernel,
    bench_page_weight,
    bench_room,
    bench_runner,
    bench_store,
    bench_vanish,
    bench_voila,
)
from saara_kit.settings import PROJECT_ROOT

SMALL = [bench_kernel, bench_imports, bench_runner, bench_store, bench_analysis]
IN_CHROMIUM = [bench_voila, bench_room, bench_vanish, bench_page_weight]


def _last_line(said: str) -> str:
    return said.strip().splitlines()[-1]


@pytest.mark.parametrize("module", SMALL, ids=lambda module: module.__name__)
def test_a_benchmark_in_small_prints_its_ratio_and_target_last(module, capsys):
    result = module.main(smoke=True)
    figure = max(result.values()) if isinstance(result, dict) else result
    assert math.isfinite(figure) and figure > 0
    last = _last_line(capsys.readouterr().out)
    assert ("ratio" in last or "latency" in last or "growth" in last) and "target" in last, last


@pytest.mark.browser
@pytest.mark.parametrize("module", IN_CHROMIUM, ids=lambda module: module.__name__)
def test_a_browser_benchmark_in_small_prints_its_ratio_last(module):
    """In a process of its own, as ``make bench`` runs it: its Playwright never meets the browser
    tier's, whatever else the pytest worker ran before."""
    from tests.chromium import require_chromium

    require_chromium()
    run = f"import math, {module.__name__} as bench; figure = bench.main(smoke=True); print(math.isfinite(figure) and figure > 0)"
    done = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    said = done.stdout.strip().splitlines()
    assert said[-1] == "True" and "ratio" in said[-2], said[-3:]  # a finite, positive figure; its ratio last


def test_make_bench_ends_with_every_figure_against_its_target(capsys):
    """``python -m bench`` repeats, at the end, each benchmark's last line: one table of every figure."""
    from types import SimpleNamespace

    from bench.__main__ import main

    def bench(name: str, ratio: float):
        return SimpleNamespace(
            __name__=f"bench.bench_{name}",
            __doc__=f"The {name}.\n",
            main=lambda: print(f"detail\nratio {name} = {ratio}; target ≤ 2"),
        )

    lines = main((bench("store", 1.5), bench("room", 3.0)))
    assert lines == ["1. bench_store: ratio store = 1.5; target ≤ 2", "2. bench_room: ratio room = 3.0; target ≤ 2"]
    said = capsys.readouterr().out
    assert said.rstrip().endswith("\n".join(lines)) and "detail" in said  # the details stay on the terminal


def test_a_benchmarks_scratch_folder_is_gone_when_its_process_ends():
    """Benches write stores and files in scratch folders; ``make bench`` leaves none behind in /tmp."""
    from pathlib import Path

    said = subprocess.run(
        [
            sys.executable,
            "-c",
            "from bench import scratch_dir; f = scratch_dir(); (f / 'x.db').write_text('x'); print(f)",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    ).stdout.strip()
    assert said.startswith("/") and not Path(said).exists(), said
