"""Run every benchmark: ``python -m bench`` (or ``make bench``). Each prints figures, then its ratio
and the floor it is compared with as its last line; ratios, not verdicts. At the end, those last
lines again, together: every figure against its target.

Each runs in a process of its own, as ``python -m bench.bench_<name>`` does: none inherits what an
earlier one loaded or left. Run in one process after the others, the store's 60 writers (forked from
a process of 300 MB) gave a p99 of 306 ms and the grants' review validation grew 74×; each in its own
process, 135 ms and 10× (stop 38 of issue 30)."""

import subprocess
import sys

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

# in the order of the performance issue's seven figures, then the vanished phones' seats and the page weight
FIGURES = (
    bench_voila,
    bench_room,
    bench_kernel,
    bench_imports,
    bench_runner,
    bench_store,
    bench_analysis,
    bench_vanish,
    bench_page_weight,
)


def main(modules=FIGURES) -> list[str]:
    """Run each benchmark in turn; print, last, each one's figure and target (its last line) in one
    table, and return those lines."""
    last_lines = []
    for number, module in enumerate(modules, start=1):
        print(f"\n== {number}. {module.__name__} — {module.__doc__.strip().splitlines()[0]}", flush=True)
        said = run_alone(module.__name__)
        last_lines.append(f"{number}. {module.__name__.removeprefix('bench.')}: {said[-1] if said else 'no output'}")
    print("\n== every figure against its target\n" + "\n".join(last_lines))
    return last_lines


def run_alone(module_name: str) -> list[str]:
    """Run ``python -m <module_name>``, printing its lines as they come; return them (a bench that
    failed ends with the line saying so, its traceback stays on the terminal)."""
    lines = []
    with subprocess.Popen([sys.executable, "-m", module_name], stdout=subprocess.PIPE, text=True) as bench:
        for line in bench.stdout:
            print(line, end="", flush=True)
            if line.strip():
                lines.append(line.rstrip("\n"))
    if bench.returncode:
        lines.append(f"failed (exit {bench.returncode}): no figure")
    return lines


if __name__ == "__main__":
    main()
