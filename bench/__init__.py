"""Benchmarks: each prints timings and ratios, never a verdict (``python -m bench``)."""

from __future__ import annotations

import atexit
import compileall
import contextlib
import shutil
import tempfile
import time
from pathlib import Path

__all__ = ["compare", "compile_kit", "each_step_once", "print_ratios", "scratch_dir", "settled", "timed"]


def scratch_dir(prefix: str = "saara-bench-") -> Path:
    """A new folder for one bench's stores and files, removed when the bench's process ends."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def compile_kit() -> None:
    """Write the kit's bytecode, as an installed kit has it: kernels then read it instead of compiling
    the sources again (with ``PYTHONDONTWRITEBYTECODE`` set, they would at every start)."""
    import saara_kit

    compileall.compile_dir(Path(saara_kit.__file__).parent, quiet=1)


def settled(pid: int, timeout: float = 120, window: float = 1.0, busy: float = 0.05) -> float:
    """Wait until process ``pid`` and its children (a server and its kernels) use less than ``busy``
    of a core over ``window`` seconds: its pools have filled; return the seconds waited. Instead of
    a fixed sleep, too long on a fast machine and too short on a loaded one."""
    import psutil

    def cpu_seconds() -> float:
        total = 0.0
        for process in [server, *server.children(recursive=True)]:
            try:
                times = process.cpu_times()
            except psutil.Error:  # it ended while we looked
                continue
            total += times.user + times.system + times.children_user + times.children_system
        return total

    server, started = psutil.Process(pid), time.monotonic()
    before = cpu_seconds()
    while time.monotonic() - started < timeout:
        time.sleep(window)
        now = cpu_seconds()
        if now - before < busy * window:
            break
        before = now
    return time.monotonic() - started


SHORT_S, SHORT_RUNS, SAMPLE_S = 0.1, 5, 0.05
LONG_S, LONG_RUNS = 1.0, 3
_once = False  # inside ``each_step_once``


@contextlib.contextmanager
def each_step_once():
    """Time each step with one call: a benchmark run in small to check that it works, not to measure."""
    global _once
    _once = True
    try:
        yield
    finally:
        _once = False


def timed(work) -> float:
    """Return how many seconds one ``work()`` takes. Work under ``SHORT_S``: the best of ``SHORT_RUNS``
    samples, each of as many calls as last ``SAMPLE_S`` (a step of a few milliseconds swings by half
    with what else the machine does, or with one tick of its scheduler, and a ratio divides by it);
    under ``LONG_S``, the best of ``LONG_RUNS`` calls (one slow moment made 0.19 s read 0.25 s);
    longer, one call."""
    started = time.perf_counter()
    work()
    best = time.perf_counter() - started
    if best >= LONG_S or _once:
        return best
    calls = max(1, round(SAMPLE_S / max(best, 1e-6)))
    for _ in range(SHORT_RUNS if best < SHORT_S else LONG_RUNS - 1):
        started = time.perf_counter()
        for _ in range(calls):
            work()
        best = min(best, (time.perf_counter() - started) / calls)
    return best


def print_ratios(full: dict[str, float], tenth: dict[str, float]) -> dict[str, float]:
    """Print each step's time at a tenth and at full scale, and how much it grew; return the growths."""
    width = max(len(step) for step in full) + 2
    print(f"{'step':<{width}}{'1/10 scale':>12}{'full scale':>12}{'ratio':>8}   (10× the data)")
    growth = {step: full[step] / max(tenth[step], 1e-6) for step in full}
    for step in full:
        print(f"{step:<{width}}{tenth[step]:>11.2f}s{full[step]:>11.2f}s{growth[step]:>8.1f}")
    return growth


def compare(measure, full_scale: dict, tenth_scale: dict) -> dict[str, float]:
    """Run ``measure(**scale)`` (step -> seconds) at both scales, print how each step grew, return the growths."""
    return print_ratios(measure(**full_scale), measure(**tenth_scale))
