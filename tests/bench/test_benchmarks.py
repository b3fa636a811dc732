"""Every benchmark runs, in a small version, so that none rots: each prints its ratio and its target
last and returns a ratio that is a number. These check that the benchmarks work, not that the kit
is fast (``make bench`` measures that)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from bench import bench_analysis, bench_imports, bench_kernel, bench_runner, bench_store
from saara_kit.settings import PROJECT_ROOT

SMALL = [bench_kernel, bench_imports, bench_runner, bench_store, bench_analysis]
# The benchmarks in Chromium run in small in test_page_benchmarks.py and test_room_benchmarks.py: two
# files, so that two workers of the browser tier share them (it hands out whole files).


def _last_line(said: str) -> str:
    return said.strip().splitlines()[-1]


@pytest.mark.parametrize("module", SMALL, ids=lambda module: module.__name__)
def test_a_benchmark_in_small_prints_its_ratio_and_target_last(module, capsys):
    result = module.main(smoke=True)
    figure = max(result.values()) if isinstance(result, dict) else result
    assert math.isfinite(figure) and figure > 0
    last = _last_line(capsys.readouterr().out)
    assert ("ratio" in last or "latency" in last or "growth" in last) and "target" in last, last


def test_a_short_step_is_timed_over_many_calls_but_once_in_a_small_run():
    from bench import each_step_once, timed

    calls: list[int] = []
    assert timed(lambda: calls.append(1)) < 0.001
    assert len(calls) > 100  # samples of 0.05 s each
    calls.clear()
    with each_step_once():
        timed(lambda: calls.append(1))
    assert calls == [1]


def test_make_bench_ends_with_every_figure_against_its_target(tmp_path, monkeypatch, capsys):
    """``python -m bench`` runs each benchmark in a process of its own and repeats, at the end, each
    one's last line: one table of every figure."""
    import os
    from types import SimpleNamespace

    from bench.__main__ import main

    def bench(name: str, ratio: float):
        (tmp_path / f"fake_bench_{name}.py").write_text(
            f"import os\nprint('detail, process', os.getpid())\nprint('ratio {name} = {ratio}; target ≤ 2')\n"
        )
        return SimpleNamespace(__name__=f"fake_bench_{name}", __doc__=f"The {name}.\n")

    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    lines = main((bench("store", 1.5), bench("room", 3.0)))
    assert lines == [
        "1. fake_bench_store: ratio store = 1.5; target ≤ 2",
        "2. fake_bench_room: ratio room = 3.0; target ≤ 2",
    ]
    said = capsys.readouterr().out
    assert said.rstrip().endswith("\n".join(lines))  # the details stay on the terminal, each from a process of its own
    processes = {line.split()[-1] for line in said.splitlines() if line.startswith("detail, process")}
    assert len(processes) == 2 and str(os.getpid()) not in processes, said
    (tmp_path / "fake_bench_broken.py").write_text("print('ratio x = 1; target ≤ 2')\nraise SystemExit(3)\n")
    broken = SimpleNamespace(__name__="fake_bench_broken", __doc__="Broken.\n")
    assert main((broken,)) == ["1. fake_bench_broken: failed (exit 3): no figure"]  # not its last figure


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


def test_a_bench_waits_until_a_server_and_its_children_have_settled():
    """``settled`` waits while a child of the process burns a core, and no longer once it idles."""
    from bench import settled

    burn = "import time\nend = time.monotonic() + 2\nwhile time.monotonic() < end: pass\ntime.sleep(60)"
    parent = subprocess.Popen(
        [sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {burn!r}])"]
    )
    try:
        waited = settled(parent.pid, window=0.5)
        assert 1.5 <= waited < 10, waited  # the child's two busy seconds, then one quiet window
        assert settled(parent.pid, window=0.5) < 1.5  # already quiet: one window
    finally:
        import psutil

        for process in [*psutil.Process(parent.pid).children(recursive=True), psutil.Process(parent.pid)]:
            process.kill()
        parent.wait()
